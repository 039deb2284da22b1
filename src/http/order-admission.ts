/**
 * Bounds the orders the service holds at once. Past the bound an order is
 * refused at once with 503 and `Retry-After`, before its body is read, so a
 * flood tells some clients to come back instead of making every client wait
 * (and the process grow) behind the one send in flight.
 *
 * An order counts from the moment it is admitted until its response closes.
 * The handler answers only after the publish settled, so that covers the body
 * being read, the order waiting in the send queue and its batch in flight.
 * A client that leaves early stops counting when its connection closes; its
 * record still waits at most `PUBLISH_TIMEOUT_MS`.
 */
import type { RequestHandler } from 'express';
import type { PendingOrders } from '../orders/pending-orders.js';
import { ApiError } from './api-error.js';

export interface OrderAdmissionOptions {
  /** The bound, shared with the gRPC front end. */
  pending: PendingOrders;
  retryAfterSeconds: number;
}

/** The client-facing sentence of an overload refusal, on every front end. */
export const overloadDetail = (maxPendingOrders: number): string =>
  `The service already holds ${maxPendingOrders} orders waiting for Kafka; try again later.`;

/**
 * @example
 * app.post([SUCCESSOR_PATH, LEGACY_PATH], admitOrders({ pending: createPendingOrders({ maxPendingOrders: 1000, rejections }), retryAfterSeconds: 5 }));
 */
export function admitOrders({ pending, retryAfterSeconds }: OrderAdmissionOptions): RequestHandler {
  const overloaded = new ApiError(503, overloadDetail(pending.max), {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
  return function admitOrder(_req, res, next) {
    const release = pending.admit();
    // One shared instance: it carries no request state, and building it (a stack trace) on
    // every refused request would make the flood itself more expensive.
    if (!release) return next(overloaded);
    res.once('close', release);
    next();
  };
}
