/**
 * One JSON line per request, when its response is done: request id,
 * method, route, status and `responseTime` (ms). Nothing else from the
 * request: headers may carry credentials, and a minimal line costs little.
 * The id is the client's `X-Request-Id` or a generated one (see
 * `request-id.ts`), echoed in the response.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id.js';
import type { RouteOf } from './route-of.js';

/**
 * @example
 * app.use(logRequests({ logger, routeOf }));
 * // {"level":30,"reqId":"7b0a…","method":"POST","route":"/api/v2/orders/computers","status":202,"responseTime":3,"msg":"request completed"}
 */
export function logRequests({ logger, routeOf }: { logger: Logger; routeOf: RouteOf }): RequestHandler {
  return function logRequest(req, res, next) {
    const started = Date.now();
    const reqId = requestIdOf(req, res);
    res.once('close', function logCompletion() {
      // An access log at info whatever the status: the error handler logs failures, with their cause, on its own.
      logger.info(
        { reqId, method: req.method, route: routeOf(req), status: res.statusCode, responseTime: Date.now() - started },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
