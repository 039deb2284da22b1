/**
 * The shared idempotency store's metrics, registered only when the store is
 * configured, so a single replica's `/metrics` does not show a store it lacks.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface IdempotencyMetrics {
  storeUp: Gauge;
  storeErrors: Counter<'operation'>;
}

export function createIdempotencyMetrics(registry: Registry): IdempotencyMetrics {
  const registers = [registry];
  return {
    storeUp: new Gauge({
      name: 'idempotency_store_up',
      help: '1 while the shared idempotency store (Redis) is connected, else 0; at 0, orders with an id get 503.',
      registers,
    }),
    storeErrors: new Counter({
      name: 'idempotency_store_errors_total',
      help: 'Idempotency store commands that failed (unreachable or timed out), by operation.',
      labelNames: ['operation'],
      registers,
    }),
  };
}
