/**
 * Open-loop load from a second, independent generator: vegeta (Go) at a
 * constant rate, so that the fixed-rate client's tail can be checked
 * against a tool nobody here wrote. vegeta schedules request i at
 * start + i / rate and keeps enough workers to send on schedule (bounded by
 * `maxWorkers`); its latency runs from the actual send to the last byte, so
 * a stall of the client itself would not show, which is why both are run.
 *
 * Installed by `go install` at a pinned version into `.bench-tools/`
 * (ignored), the first time the bench needs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_API_KEY, ORDER_BODY, ORDER_PATH } from '../order-body.js';
import type { RunResult } from './latency-summary.js';

export const VEGETA_MODULE = 'github.com/tsenart/vegeta/v12@v12.13.0';
const TOOLS = fileURLToPath(new URL('../../../../.bench-tools/bin', import.meta.url));
const VEGETA = join(TOOLS, 'vegeta');

/** The vegeta binary, built from the pinned module the first time. */
export function ensureVegeta(): string {
  if (existsSync(VEGETA)) return VEGETA;
  mkdirSync(TOOLS, { recursive: true });
  console.log(`vegeta: go install ${VEGETA_MODULE} into ${TOOLS}`);
  execFileSync('go', ['install', VEGETA_MODULE], { env: { ...process.env, GOBIN: TOOLS }, stdio: 'inherit' });
  return VEGETA;
}

interface VegetaReport {
  requests: number;
  duration: number;
  latencies: { '50th': number; '90th': number; '99th': number; max: number };
  status_codes: Record<string, number>;
}

/**
 * @example
 * const run = runVegeta({ url: 'http://127.0.0.1:8080', rate: 1000, seconds: 8 });
 * console.log(run.latency.p99); // ms
 */
export function runVegeta({ url, rate, seconds, warmupSeconds = 0, maxWorkers = 256 }: { url: string; rate: number; seconds: number; warmupSeconds?: number; maxWorkers?: number }): RunResult {
  const vegeta = ensureVegeta();
  const dir = mkdtempSync(join(tmpdir(), 'bench-vegeta-'));
  try {
    writeFileSync(join(dir, 'order.json'), ORDER_BODY);
    writeFileSync(join(dir, 'targets.txt'), `POST ${url}${ORDER_PATH}\nContent-Type: application/json\nX-API-Key: ${BENCH_API_KEY}\n@${join(dir, 'order.json')}\n`);
    const attack = (duration: number, output: string) => {
      const run = spawnSync(
        vegeta,
        ['attack', `-rate=${Math.round(rate)}/s`, `-duration=${duration}s`, `-targets=${join(dir, 'targets.txt')}`, `-max-workers=${maxWorkers}`, '-timeout=10s', '-keepalive=true', `-output=${output}`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      if (run.status !== 0) throw new Error(`vegeta attack failed (${run.status}): ${run.stderr.toString().slice(-2000)}`);
    };
    // vegeta keeps no connections between attacks, so its warm-up is a short attack of its own.
    if (warmupSeconds > 0) attack(warmupSeconds, join(dir, 'warmup.bin'));
    attack(seconds, join(dir, 'results.bin'));
    const report = JSON.parse(execFileSync(vegeta, ['report', '-type=json', join(dir, 'results.bin')], { encoding: 'utf8' })) as VegetaReport;
    const ok = Object.entries(report.status_codes).reduce((sum, [code, count]) => (code.startsWith('2') ? sum + count : sum), 0);
    const errors = report.status_codes['0'] ?? 0;
    const toMs = (ns: number) => ns / 1e6;
    return {
      throughput: ok / seconds,
      latency: { p50: toMs(report.latencies['50th']), p90: toMs(report.latencies['90th']), p99: toMs(report.latencies['99th']), max: toMs(report.latencies.max) },
      requests: report.requests,
      ok,
      non2xx: report.requests - ok - errors,
      errors,
      seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
