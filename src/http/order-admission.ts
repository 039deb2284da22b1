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
import type { Counter } from 'prom-client';
import { ApiError } from './api-error.js';

export interface OrderAdmissionOptions {
  maxPendingOrders: number;
  retryAfterSeconds: number;
  /** Counts the orders refused here. */
  rejections: Pick<Counter, 'inc'>;
}

/**
 * @example
 * app.post([SUCCESSOR_PATH, LEGACY_PATH], admitOrders({ maxPendingOrders: 1000, retryAfterSeconds: 5, rejections }));
 */
export function admitOrders({ maxPendingOrders, retryAfterSeconds, rejections }: OrderAdmissionOptions): RequestHandler {
  let pending = 0;
  const overloaded = new ApiError(503, `The service already holds ${maxPendingOrders} orders waiting for Kafka; try again later.`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
  function release(): void {
    pending--;
  }
  return function admitOrder(_req, res, next) {
    if (pending >= maxPendingOrders) {
      rejections.inc();
      // One shared instance: it carries no request state, and building it (a stack trace) on
      // every refused request would make the flood itself more expensive.
      return next(overloaded);
    }
    pending++;
    res.once('close', release);
    next();
  };
}
