/**
 * Closed-loop load with a new TCP connection for every request: ApacheBench
 * (`ab`, Debian's apache2-utils) without `-k`. The original Flask service's
 * development server does not keep connections alive, and a keep-alive load
 * generator stalls on it and reports a few requests per second, which would
 * flatter us by orders of magnitude; so (c) and (e) are compared this way.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_API_KEY, ORDER_BODY } from '../order-body.js';
import type { RunResult } from './latency-summary.js';

const run = promisify(execFile);

const field = (output: string, name: string): number => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(output)?.[1] ?? 0);
const percentile = (output: string, p: number): number => Number(new RegExp(`^\\s+${p}%\\s+(\\d+)`, 'm').exec(output)?.[1] ?? NaN);

/** Reads ab's report: its counts, rate and percentile table (whole milliseconds). */
export function parseAbReport(output: string): RunResult {
  const requests = field(output, 'Complete requests');
  const failed = field(output, 'Failed requests');
  const non2xx = field(output, 'Non-2xx responses');
  const seconds = field(output, 'Time taken for tests');
  const ok = Math.max(0, requests - failed - non2xx);
  return {
    throughput: seconds > 0 ? ok / seconds : 0,
    latency: { p50: percentile(output, 50), p90: percentile(output, 90), p99: percentile(output, 99), max: percentile(output, 100) },
    requests,
    ok,
    non2xx,
    errors: failed,
    seconds,
  };
}

/**
 * @example
 * const result = await runNewConnections({ url: 'http://127.0.0.1:8080/api/v2/orders/computers', seconds: 10, concurrency: 16 });
 */
export async function runNewConnections({ url, seconds, concurrency }: { url: string; seconds: number; concurrency: number }): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ab-'));
  const body = join(dir, 'order.json');
  writeFileSync(body, ORDER_BODY);
  try {
    // -t stops after `seconds`; -n only lifts ab's default cap of 50,000 requests; -r goes on after a reset.
    const args = ['-q', '-r', '-t', String(seconds), '-n', '10000000', '-c', String(concurrency), '-p', body, '-T', 'application/json', '-H', `X-API-Key: ${BENCH_API_KEY}`, url];
    const { stdout } = await run('ab', args, { maxBuffer: 16 * 1024 * 1024, timeout: (seconds + 60) * 1000 });
    return parseAbReport(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
