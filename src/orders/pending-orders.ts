/**
 * The bound on the orders the service holds at once, shared by every front
 * end (HTTP's `order-admission.ts`, gRPC's order service): past
 * `MAX_PENDING_ORDERS` an order is refused at once, before it is read, so a
 * flood tells some clients to come back instead of making every client wait
 * (and the process grow) behind the one send in flight.
 */
import type { Counter } from 'prom-client';

export interface PendingOrders {
  /** A function to call once the order's answer is sent (or its client left), or `undefined` when the bound is reached. */
  admit(): (() => void) | undefined;
  readonly max: number;
}

/**
 * @example
 * const release = pending.admit();
 * if (!release) return refuse();
 * answer().finally(release);
 */
export function createPendingOrders({ maxPendingOrders, rejections }: { maxPendingOrders: number; rejections: Pick<Counter, 'inc'> }): PendingOrders {
  let pending = 0;
  return {
    max: maxPendingOrders,
    admit() {
      if (pending >= maxPendingOrders) {
        rejections.inc();
        return undefined;
      }
      pending++;
      let released = false;
      return function release() {
        if (released) return;
        released = true;
        pending--;
      };
    },
  };
}
