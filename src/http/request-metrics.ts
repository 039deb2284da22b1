/**
 * Counts and times every request for Prometheus, by method, the contract's
 * route and the status ("aborted" when the client left first).
 */
import type { Metrics } from '../metrics.js';
import type { RequestObserver } from './request-observer.js';

interface Series {
  count: { inc(): void };
  duration: { observe(seconds: number): void };
}

/**
 * @example
 * observeRequests({ routeOf, observers: [countRequest(metrics)] });
 */
export function countRequest(metrics: Metrics): RequestObserver {
  // Label children looked up once per combination (a few dozen), not hashed on every request.
  const series = new Map<string, Series>();
  return function recordRequest({ method, route, status, aborted, durationMs }) {
    const labels = [method, route, aborted ? 'aborted' : String(status)] as const;
    const key = labels.join(' ');
    let found = series.get(key);
    if (!found) {
      found = { count: metrics.httpRequests.labels(...labels), duration: metrics.httpRequestDuration.labels(...labels) };
      series.set(key, found);
    }
    found.count.inc();
    found.duration.observe(durationMs / 1000);
  };
}
