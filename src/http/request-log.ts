/**
 * The access log: one JSON line per request when it ends, with its id,
 * method, route, status and `responseTime` (ms). Nothing else from the
 * request: headers may carry credentials, and a small line costs little.
 */
import type { Logger } from 'pino';
import type { RequestObserver } from './request-observer.js';

/**
 * @example
 * observeRequests({ routeOf, observers: [logRequest(logger)] });
 * // {"level":30,"reqId":"7b0a…","method":"POST","route":"/api/v2/orders/computers","status":202,"responseTime":2.314,"msg":"request completed"}
 */
export function logRequest(logger: Logger): RequestObserver {
  return function logCompletion({ reqId, method, route, status, aborted, durationMs }) {
    // At info whatever the status: the error handler logs failures, with their cause, on its own.
    logger.info({ reqId, method, route, status, responseTime: Math.round(durationMs * 1000) / 1000 }, aborted ? 'request aborted' : 'request completed');
  };
}
