/**
 * Open-loop load at a fixed rate, corrected for coordinated omission.
 *
 * Request i is due at start + i / rate, whether or not earlier ones were
 * answered, and its latency is measured from that intended time, not from
 * when a connection became free to send it. A server that stalls therefore
 * shows every request it delayed, as users would see them (the approach of
 * wrk2). autocannon's own `overallRate` is not used for this: it sends each
 * second's quota in a burst and its correction assumes a 1 ms interval.
 * The uncorrected time (from the moment a socket carried the request) is
 * reported alongside, to show what the correction changes.
 *
 * The same rate runs for `warmupSeconds` first, unrecorded, on the same
 * connections: a step measures the server at that rate, not the client
 * opening its connections (the first few hundred milliseconds of a cold
 * step, when every request that finds no idle socket opens one).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ORDER_BODY, ORDER_HEADERS, ORDER_PATH } from '../order-body.js';
import { summarise, type LatencySummary, type RunResult } from './latency-summary.js';

export interface FixedRateResult extends RunResult {
  /** Requests per second that were offered. */
  rate: number;
  /** Latency from when a socket carried the request: what a closed-loop tool would report. */
  uncorrected: LatencySummary;
}

interface Outstanding {
  due: number;
  /** False during the warm-up. */
  recorded: boolean;
  destroy(): void;
}

/**
 * @example
 * const result = await runFixedRate({ url: 'http://127.0.0.1:8080', rate: 1000, seconds: 8 });
 * console.log(result.latency.p99); // ms, from each request's intended send time
 */
export async function runFixedRate({
  url,
  rate,
  seconds,
  warmupSeconds = 0,
  maxConnections = 256,
  timeoutMs = 10_000,
}: {
  url: string;
  rate: number;
  seconds: number;
  warmupSeconds?: number;
  maxConnections?: number;
  timeoutMs?: number;
}): Promise<FixedRateResult> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: maxConnections });
  const headers = { ...ORDER_HEADERS, 'content-length': String(Buffer.byteLength(ORDER_BODY)) };
  const warmup = Math.round(rate * warmupSeconds);
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const corrected = new Float64Array(total);
  const uncorrected = new Float64Array(total);
  const outstanding = new Set<Outstanding>();
  let sent = 0;
  let completed = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => (allDone = resolve));

  const settle = (entry: Outstanding, status: number | undefined, socketAt: number) => {
    if (!outstanding.delete(entry) || !entry.recorded) return;
    const now = performance.now();
    if (status === undefined) errors++;
    else if (status >= 200 && status < 300) ok++;
    else non2xx++;
    // A request that never finished is counted at the time it was given up on: a lower bound.
    corrected[completed] = now - entry.due;
    uncorrected[completed] = now - (socketAt || entry.due);
    completed++;
    if (completed === total) allDone();
  };

  const fire = (due: number, recorded: boolean) => {
    let socketAt = 0;
    const req = request({ agent, hostname, port, method: 'POST', path: ORDER_PATH, headers }, (res) => {
      res.resume();
      res.on('end', () => settle(entry, res.statusCode, socketAt));
      res.on('error', () => settle(entry, undefined, socketAt));
    });
    const entry: Outstanding = { due, recorded, destroy: () => req.destroy(new Error('timed out')) };
    outstanding.add(entry);
    req.on('socket', () => (socketAt = performance.now()));
    req.on('error', () => settle(entry, undefined, socketAt));
    req.end(ORDER_BODY);
  };

  const start = performance.now() + 5;
  const clock = setInterval(function sendWhatIsDue() {
    const now = performance.now();
    while (sent < warmup + total && start + sent * interval <= now) {
      fire(start + sent * interval, sent >= warmup);
      sent++;
    }
    if (sent === warmup + total) clearInterval(clock);
  }, 1);
  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const entry of outstanding) if (now - entry.due > timeoutMs) entry.destroy();
  }, 100);

  await finished;
  clearInterval(sweeper);
  agent.destroy();
  const elapsed = Math.max(seconds, (performance.now() - start - warmup * interval) / 1000);
  return {
    rate,
    throughput: ok / elapsed,
    latency: summarise(corrected.subarray(0, completed)),
    uncorrected: summarise(uncorrected.subarray(0, completed)),
    requests: completed,
    ok,
    non2xx,
    errors,
    seconds: elapsed,
  };
}
