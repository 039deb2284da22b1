/**
 * The port behind which retried order ids are remembered: the in-memory
 * window (one replica) or a shared store (several replicas, see
 * `shared-idempotency.ts`). Chosen once, at start-up.
 *
 * The semantics are the same for both (and written in `openapi.yaml`):
 * - same id, same content: published once; every later answer is a replay;
 * - same id, different content: {@link OrderIdConflictError} (409);
 * - same id while the first attempt still waits for the broker: no second
 *   publish; the retry waits for that attempt's outcome, at most about the
 *   publish timeout, and shares it (a replay, or a 503 to retry later);
 * - a failed publish releases the id, so that the client's retry publishes.
 */

export class OrderIdConflictError extends Error {
  override name = 'OrderIdConflictError';
  constructor(readonly orderId: string) {
    super(`Order id "${orderId}" was accepted recently with different content.`);
  }
}

/**
 * Why an order with a client-chosen id could not be taken now; all three
 * are worth a retry with the same id (503 with `Retry-After`).
 * - `in_flight`: another attempt with this id is still unresolved;
 * - `attempt_failed`: the attempt this request waited for failed;
 * - `store_unreachable`: the shared store did not answer, so publishing
 *   could duplicate the order.
 */
export type UnavailableReason = 'in_flight' | 'attempt_failed' | 'store_unreachable';

const DETAILS: Record<UnavailableReason, (orderId: string) => string> = {
  in_flight: (id) => `Order id "${id}" is still being published by an earlier request; retry with the same id.`,
  attempt_failed: (id) => `An earlier request with order id "${id}" was not acknowledged; retry with the same id.`,
  store_unreachable: () => 'The idempotency store is unreachable, so orders with an id cannot be checked for duplicates; retry later.',
};

export class OrderIdUnavailableError extends Error {
  override name = 'OrderIdUnavailableError';
  constructor(
    readonly reason: UnavailableReason,
    readonly orderId: string,
    /** For `store_unreachable`: what the store adapter said, in words safe to log (never its client's text). */
    readonly code?: string,
  ) {
    super(DETAILS[reason](orderId));
  }
}

/** Where retried ids are remembered, as `/ready` reports it. */
export type IdempotencyStoreStatus = 'memory' | 'shared' | 'unreachable';

export interface IdempotencyStore {
  /**
   * Runs `publish` unless this order was already published (then `replayed`
   * is true). Rejects with {@link OrderIdConflictError}, {@link OrderIdUnavailableError}
   * or `publish`'s own error.
   */
  publishOnce(orderId: string, fingerprint: string, publish: () => Promise<void>): Promise<{ replayed: boolean }>;
  status(): IdempotencyStoreStatus;
  close(): Promise<void>;
}
