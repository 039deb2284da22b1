/**
 * `grpc.health.v1.Health` (the standard service, from the gRPC team's
 * `grpc-health-check`), reporting what `GET /ready` reports: SERVING while the
 * publisher is ready, NOT_SERVING whenever `/ready` would answer 503, for the
 * whole server (`""`) and for the order service alike. The package serves a
 * status map, so readiness is probed into it every `intervalMs` (the
 * publisher caches its own probe for a second, as `/ready` relies on too).
 */
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { OrderPublisher } from '../orders/order-publisher.js';
import { SERVICE_NAME } from './order-proto.js';

export interface ReadinessHealth {
  health: HealthImplementation;
  /** Probes once now; resolves with the status it set. */
  refresh(): Promise<ServingStatus>;
  /** Stops probing and reports NOT_SERVING from now on (the service is shutting down). */
  stop(): void;
}

/**
 * @example
 * const { health } = createReadinessHealth({ publisher });
 * health.addToServer(server);
 */
export function createReadinessHealth({ publisher, intervalMs = 1000 }: { publisher: Pick<OrderPublisher, 'readiness'>; intervalMs?: number }): ReadinessHealth {
  const health = new HealthImplementation({ '': 'NOT_SERVING', [SERVICE_NAME]: 'NOT_SERVING' });
  let stopped = false;
  const set = (status: ServingStatus) => {
    for (const service of ['', SERVICE_NAME]) health.setStatus(service, status);
    return status;
  };
  async function refresh(): Promise<ServingStatus> {
    const readiness = await publisher.readiness().catch(() => ({ ready: false }) as const);
    return stopped ? 'NOT_SERVING' : set(readiness.ready ? 'SERVING' : 'NOT_SERVING');
  }
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  void refresh();
  return {
    health,
    refresh,
    stop() {
      stopped = true;
      clearInterval(timer);
      set('NOT_SERVING');
    },
  };
}
