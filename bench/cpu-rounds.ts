/**
 * CPU per order of several processes measured side by side: all of them
 * started at once, then loaded in turn by the same client (autocannon, the
 * same connections and body), round after round, so that whatever else
 * the machine does meets each of them about equally. This is how the
 * ratio cpu(validator only) / cpu(service) is taken in one run, with
 * `LOG_LEVEL=warn` and with `info` (the access log written to /dev/null),
 * and how variants of (c) (its young-generation size) are compared.
 */
import { runSustained } from './load/sustained.js';
import { cpuSecondsOf, startTarget, type TargetProcess, type TargetSpec } from './target-process.js';

export interface Variant {
  label: string;
  spec: TargetSpec;
  /** Overrides of the harness' environment (LOG_LEVEL, say). */
  env?: Record<string, string>;
  /** Node.js flags instead of the spec's own (for (c), `npm start`'s). */
  nodeFlags?: string[];
}

export interface VariantResult {
  label: string;
  /** CPU µs per successful request (process user + system, /proc), one per round. */
  cpuUsPerRequest: number[];
  /** The part of it spent off the main thread (V8's GC helpers and compiler, libuv's pool), one per round. */
  offMainThreadUs: number[];
  reqPerSecond: number[];
  medianCpuUs: number;
  medianReqPerSecond: number;
  peakRssMb: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/**
 * @example
 * const [v, c] = await measureCpuRounds([{ label: 'v', spec: V }, { label: 'c', spec: C }], { env, rounds: 3, seconds: 5, warmupSeconds: 2, connections: 64 });
 * console.log(v.medianCpuUs / c.medianCpuUs);
 */
export async function measureCpuRounds(
  variants: readonly Variant[],
  { env, rounds, seconds, warmupSeconds, connections }: { env: Record<string, string>; rounds: number; seconds: number; warmupSeconds: number; connections: number },
): Promise<VariantResult[]> {
  const started: TargetProcess[] = [];
  try {
    for (const variant of variants) {
      started.push(await startTarget(variant.spec, { env: { ...env, ...variant.env }, ...(variant.nodeFlags && { flags: variant.nodeFlags }) }));
    }
    for (const target of started) await runSustained({ url: target.url, seconds: warmupSeconds, connections });
    const cpu = variants.map((): number[] => []);
    const offMain = variants.map((): number[] => []);
    const rate = variants.map((): number[] => []);
    for (let round = 0; round < rounds; round++) {
      // Each round starts with a different variant, so none always follows the same one.
      for (let k = 0; k < started.length; k++) {
        const i = (k + round) % started.length;
        const target = started[i]!;
        const before = [cpuSecondsOf(target.pid), cpuSecondsOf(target.pid, target.pid)] as const;
        const run = await runSustained({ url: target.url, seconds, connections });
        const us = (now: number, earlier: number) => ((now - earlier) * 1e6) / Math.max(1, run.ok);
        const all = us(cpuSecondsOf(target.pid), before[0]);
        cpu[i]!.push(all);
        offMain[i]!.push(all - us(cpuSecondsOf(target.pid, target.pid), before[1]));
        rate[i]!.push(run.throughput);
      }
    }
    const results: VariantResult[] = [];
    for (const [i, variant] of variants.entries()) {
      const { peakRssMb } = await started[i]!.stop();
      results.push({ label: variant.label, cpuUsPerRequest: cpu[i]!, offMainThreadUs: offMain[i]!, reqPerSecond: rate[i]!, medianCpuUs: median(cpu[i]!), medianReqPerSecond: median(rate[i]!), peakRssMb });
    }
    started.length = 0;
    return results;
  } finally {
    for (const target of started) await target.stop().catch(() => {});
  }
}
