/**
 * Builds the shared idempotency store from the configuration: the Redis
 * reservations, their metrics, and the waiting rules derived from the
 * publish timeout.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { IdempotencyStore } from '../orders/idempotency-store.js';
import { createSharedIdempotency } from '../orders/shared-idempotency.js';
import { createIdempotencyMetrics } from './idempotency-metrics.js';
import { connectRedisReservations } from './redis-reservations.js';

/**
 * Resolves once Redis answered, or after `connectWaitMs` without it: the
 * service starts either way (orders with an id get 503 until Redis is there).
 *
 * @example
 * const store = await connectSharedIdempotency({ config, logger, metrics });
 */
export async function connectSharedIdempotency({
  store,
  windowMs,
  topic,
  publishTimeoutMs,
  logger,
  metrics,
  connectWaitMs = 2000,
}: {
  store: NonNullable<Config['idempotency']['store']>;
  windowMs: number;
  topic: string;
  publishTimeoutMs: number;
  logger: Logger;
  metrics?: Metrics;
  connectWaitMs?: number;
}): Promise<IdempotencyStore> {
  const storeLogger = logger.child({ component: 'idempotency-store' });
  const reservations = connectRedisReservations({
    settings: store,
    // Per topic: two deployments sharing one Redis must not answer each other's ids.
    keyPrefix: `computer-orders:${topic}:`,
    logger: storeLogger,
    metrics: metrics && createIdempotencyMetrics(metrics.registry),
  });
  if (!(await reservations.ready(connectWaitMs))) {
    storeLogger.warn('idempotency store not reachable at start-up: orders with an id get 503 until it is');
  }
  return createSharedIdempotency({
    reservations,
    windowMs,
    waitMs: publishTimeoutMs,
    // The holder settles its lease within the publish timeout plus two store commands;
    // a second on top, so the lease lapses only for a replica that died.
    leaseMs: publishTimeoutMs + 2 * store.timeoutMs + 1000,
    onStoreError: (operation) =>
      storeLogger.warn({ operation }, operation === 'acknowledge' ? 'acknowledged order not recorded in the idempotency store' : 'lease not released'),
  });
}
