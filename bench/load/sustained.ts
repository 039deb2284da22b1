/**
 * Closed-loop load with autocannon: a fixed number of connections, each
 * sending its next request as soon as the previous one is answered. The
 * rate it reaches is the target's sustained throughput.
 */
import autocannon from 'autocannon';
import { ORDER_BODY, ORDER_HEADERS, ORDER_PATH } from '../order-body.js';
import type { RunResult } from './latency-summary.js';

/**
 * @example
 * const result = await runSustained({ url: 'http://127.0.0.1:8080', seconds: 10, connections: 100 });
 * console.log(result.throughput, result.latency.p99);
 */
export async function runSustained({ url, seconds, connections }: { url: string; seconds: number; connections: number }): Promise<RunResult> {
  const result = await autocannon({
    url: url + ORDER_PATH,
    method: 'POST',
    headers: ORDER_HEADERS,
    body: ORDER_BODY,
    connections,
    duration: seconds,
    timeout: 10,
  });
  const ok = result['2xx'];
  return {
    throughput: ok / result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0) + result.errors,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
  };
}
