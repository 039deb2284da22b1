/**
 * Measures one target in its own process: warm-up, closed-loop maximum,
 * then open-loop steps at the given rates, then (optionally) a soak while
 * its memory is sampled.
 */
import type { BenchOptions } from './options.js';
import { runFixedRate, type FixedRateResult } from './load/fixed-rate.js';
import type { RunResult } from './load/latency-summary.js';
import { runSustained } from './load/sustained.js';
import { runSoak, type SoakResult } from './soak.js';
import { cpuSecondsOf, startTarget, type TargetSpec } from './target-process.js';

export interface TargetResult {
  key: TargetSpec['key'];
  name: string;
  sustained: RunResult;
  /**
   * CPU milliseconds per successful request during the sustained run: the
   * target process's own, and the broker's (for the targets that use it).
   * Unlike req/s, this barely moves when other work competes for the CPUs.
   */
  cpuMsPerRequest: { target: number; broker?: number };
  fixedRate: FixedRateResult[];
  /** Peak RSS of the target process over everything it served (VmHWM), MB. */
  peakRssMb: number;
  soak?: SoakResult;
}

export async function measureTarget(
  spec: TargetSpec,
  {
    options,
    env,
    ratesFor,
    soak = false,
    brokerPid,
  }: {
    options: BenchOptions;
    env: Record<string, string>;
    /** Given for targets that publish, so the broker's CPU per request is counted too. */
    brokerPid?: number;
    /** The fixed rates to run, given this target's sustained throughput. */
    ratesFor: (sustained: RunResult) => number[];
    soak?: boolean;
  },
): Promise<TargetResult> {
  const log = (what: string) => console.log(`[${spec.key}] ${spec.name}: ${what}`);
  const target = await startTarget(spec, { env });
  try {
    log(`started (pid ${target.pid}), warming up ${options.warmupSeconds} s`);
    await runSustained({ url: target.url, seconds: options.warmupSeconds, connections: options.connections });
    const cpuBefore = [cpuSecondsOf(target.pid), brokerPid ? cpuSecondsOf(brokerPid) : 0];
    const sustained = await runSustained({ url: target.url, seconds: options.sustainedSeconds, connections: options.connections });
    const perRequest = (pid: number, before: number) => ((cpuSecondsOf(pid) - before) * 1000) / Math.max(1, sustained.ok);
    const cpuMsPerRequest = { target: perRequest(target.pid, cpuBefore[0]!), ...(brokerPid && { broker: perRequest(brokerPid, cpuBefore[1]!) }) };
    log(
      `${sustained.throughput.toFixed(0)} req/s, p99 ${sustained.latency.p99} ms, ${sustained.errors} errors, ${sustained.non2xx} non-2xx, ` +
        `CPU ${(cpuMsPerRequest.target * 1000).toFixed(0)} µs/request${cpuMsPerRequest.broker === undefined ? '' : ` + broker ${(cpuMsPerRequest.broker * 1000).toFixed(0)} µs`}`,
    );
    const fixedRate: FixedRateResult[] = [];
    for (const rate of ratesFor(sustained)) {
      const step = await runFixedRate({ url: target.url, rate, seconds: options.fixedRateSeconds });
      log(`at ${rate.toFixed(0)} req/s: p50 ${step.latency.p50.toFixed(1)} ms, p99 ${step.latency.p99.toFixed(1)} ms (uncorrected ${step.uncorrected.p99.toFixed(1)}), ${step.errors} errors`);
      fixedRate.push(step);
    }
    const soakResult = soak ? await runSoak({ target, seconds: options.soakSeconds, connections: options.connections, log }) : undefined;
    const { peakRssMb } = await target.stop();
    log(`peak RSS ${peakRssMb.toFixed(0)} MB`);
    return { key: spec.key, name: spec.name, sustained, cpuMsPerRequest, fixedRate, peakRssMb, ...(soakResult && { soak: soakResult }) };
  } catch (err) {
    await target.stop().catch(() => {});
    throw err;
  }
}
