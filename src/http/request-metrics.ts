/**
 * Counts and times every request for Prometheus, labelled by method, the
 * contract's route and the status.
 */
import type { RequestHandler } from 'express';
import type { Metrics } from '../metrics.js';
import type { RouteOf } from './route-of.js';

/**
 * @example
 * app.use(countRequests({ metrics, routeOf }));
 */
export function countRequests({ metrics, routeOf }: { metrics: Metrics; routeOf: RouteOf }): RequestHandler {
  return function countRequest(req, res, next) {
    const started = process.hrtime.bigint();
    res.once('close', function recordRequest() {
      const labels = { method: req.method, route: routeOf(req), status: res.writableFinished ? String(res.statusCode) : 'aborted' };
      metrics.httpRequests.inc(labels);
      metrics.httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
