/**
 * Watches every request to its end, once, for whoever needs to know how it
 * went (the access log, the metrics): one `close` listener per request,
 * however many observers there are. It also gives the request its id (the
 * client's `X-Request-Id` or a new one, see `request-id.ts`).
 */
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { requestIdOf } from './request-id.js';
import type { RouteOf } from './route-of.js';

export interface CompletedRequest {
  reqId: string;
  method: string;
  /** The contract's path, or "unmatched". */
  route: string;
  status: number;
  /** The connection closed before the response was complete. */
  aborted: boolean;
  durationMs: number;
}

export type RequestObserver = (request: CompletedRequest) => void;

/**
 * @example
 * app.use(observeRequests({ routeOf, observers: [logRequest(logger), countRequest(metrics)] }));
 */
export function observeRequests({ routeOf, observers }: { routeOf: RouteOf; observers: RequestObserver[] }): RequestHandler {
  return function observeRequest(req, res, next) {
    const started = performance.now();
    const reqId = requestIdOf(req, res);
    res.once('close', function requestClosed() {
      const request: CompletedRequest = {
        reqId,
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        aborted: !res.writableFinished,
        durationMs: performance.now() - started,
      };
      for (const observe of observers) observe(request);
    });
    next();
  };
}
