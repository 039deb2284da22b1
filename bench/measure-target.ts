/**
 * Measures one target in its own process: warm-up, closed-loop maximum,
 * then open-loop steps at the given rates, then (optionally) a soak while
 * its memory is sampled.
 */
import type { BenchOptions } from './options.js';
import { runFixedRate, type FixedRateResult } from './load/fixed-rate.js';
import type { RunResult } from './load/latency-summary.js';
import { runNewConnections } from './load/new-connections.js';
import { runSustained } from './load/sustained.js';
import { ensureVegeta, runVegeta } from './load/vegeta.js';
import { scrapeMetrics, tailEvidenceOf, type TailEvidence } from './tail-evidence.js';
import { startOriginalService } from './original-service.js';
import { runSoak, type SoakResult } from './soak.js';
import { cpuSecondsOf, startTarget, type TargetSpec } from './target-process.js';
import { describeCpuShare, startCpuShare, type CpuShare, type Generator } from './cpu-share.js';

export interface CpuPerRequest {
  target: number;
  broker?: number;
}

export interface TargetResult {
  key: TargetSpec['key'];
  name: string;
  /** How `sustained` loaded it: autocannon over kept-alive connections, or ab with a new connection per request. */
  connections: 'keep-alive' | 'new per request';
  sustained: RunResult;
  /**
   * CPU milliseconds per successful request during the sustained run: the
   * target process's own, and the broker's (for the targets that use it).
   * Unlike req/s, this barely moves when other work competes for the CPUs.
   */
  cpuMsPerRequest: CpuPerRequest;
  /** The same closed loop with a new connection per request (ab without -k), for the targets compared with (e). */
  newConnections?: { run: RunResult; cpuMsPerRequest: CpuPerRequest };
  fixedRate: FixedRateResult[];
  /** For (c): each fixed rate again from vegeta, and what its /metrics said about the fixed-rate client's step. */
  openLoop?: Array<{ rate: number; vegeta?: RunResult; evidence?: TailEvidence; cpu?: { fixedRate: CpuShare; vegeta?: CpuShare } }>;
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
  const target = spec.runtime === 'flask' ? await startOriginalService({ env }) : await startTarget(spec, { env });
  // autocannon and the fixed-rate runs post to ORDER_PATH themselves; ab is given the whole URL.
  const orderUrl = target.url + spec.path;
  /** Runs one load and the CPU the target (and the broker) spent per successful request meanwhile. */
  async function measured(load: () => Promise<RunResult>): Promise<{ run: RunResult; cpuMsPerRequest: CpuPerRequest }> {
    const before = [cpuSecondsOf(target.pid), brokerPid ? cpuSecondsOf(brokerPid) : 0];
    const run = await load();
    const perRequest = (pid: number, earlier: number) => ((cpuSecondsOf(pid) - earlier) * 1000) / Math.max(1, run.ok);
    return { run, cpuMsPerRequest: { target: perRequest(target.pid, before[0]!), ...(brokerPid && { broker: perRequest(brokerPid, before[1]!) }) } };
  }
  const describe = ({ run, cpuMsPerRequest }: Awaited<ReturnType<typeof measured>>, how: string) =>
    log(
      `${how}: ${run.throughput.toFixed(0)} req/s, p99 ${run.latency.p99} ms, ${run.errors} errors, ${run.non2xx} non-2xx, ` +
        `CPU ${(cpuMsPerRequest.target * 1000).toFixed(0)} µs/request${cpuMsPerRequest.broker === undefined ? '' : ` + broker ${(cpuMsPerRequest.broker * 1000).toFixed(0)} µs`}`,
    );
  const keepAlive = () => runSustained({ url: target.url, seconds: options.sustainedSeconds, connections: options.connections });
  const newPerRequest = () => runNewConnections({ url: orderUrl, seconds: options.sustainedSeconds, concurrency: options.newConnectionConcurrency });
  try {
    log(`started (pid ${target.pid}), warming up ${options.warmupSeconds} s`);
    if (spec.newConnectionsOnly) {
      await runNewConnections({ url: orderUrl, seconds: options.warmupSeconds, concurrency: options.newConnectionConcurrency });
      const only = await measured(newPerRequest);
      describe(only, `new connection per request, ${options.newConnectionConcurrency} at a time`);
      const { peakRssMb } = await target.stop();
      log(`peak RSS ${peakRssMb.toFixed(0)} MB`);
      return { key: spec.key, name: spec.name, connections: 'new per request', sustained: only.run, cpuMsPerRequest: only.cpuMsPerRequest, fixedRate: [], peakRssMb };
    }
    await runSustained({ url: target.url, seconds: options.warmupSeconds, connections: options.connections });
    const { run: sustained, cpuMsPerRequest } = await measured(keepAlive);
    describe({ run: sustained, cpuMsPerRequest }, `keep-alive, ${options.connections} connections`);
    const newConnections = options.newConnectionTargets.includes(spec.key) ? await measured(newPerRequest) : undefined;
    if (newConnections) describe(newConnections, `new connection per request, ${options.newConnectionConcurrency} at a time`);
    const fixedRate: FixedRateResult[] = [];
    const openLoop: NonNullable<TargetResult['openLoop']> = [];
    const isService = spec.key === 'c';
    const runsVegeta = isService && options.vegeta;
    // Built before any CPU count starts, so a first run's `go install` is not counted as the load generator's.
    if (runsVegeta) ensureVegeta();
    /** Only (c)'s steps say where the machine's CPUs went. */
    const countCpus = (generator: Generator) => (isService ? startCpuShare({ servicePid: target.pid, ...(brokerPid && { brokerPid }), generator }) : undefined);
    for (const rate of ratesFor(sustained)) {
      const before = isService ? await scrapeMetrics(target.url) : undefined;
      const stopFixedShare = countCpus('this process');
      const step = await runFixedRate({ url: target.url, rate, seconds: options.fixedRateSeconds, warmupSeconds: options.fixedRateWarmupSeconds });
      const fixedShare = stopFixedShare?.();
      const evidence = before && tailEvidenceOf(before, await scrapeMetrics(target.url));
      log(`at ${rate.toFixed(0)} req/s: p50 ${step.latency.p50.toFixed(1)} ms, p99 ${step.latency.p99.toFixed(1)} ms (uncorrected ${step.uncorrected.p99.toFixed(1)}), ${step.errors} errors`);
      if (fixedShare) log(`  ${describeCpuShare(fixedShare)}`);
      if (evidence) log(`  event-loop delay p99 ${evidence.eventLoopDelayP99Ms.toFixed(1)} ms, max ${evidence.eventLoopDelayMaxMs.toFixed(1)} ms; ${evidence.sendsOver10Ms} of ${evidence.sends} sends over 10 ms; GC ${JSON.stringify(evidence.gcMs, (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))} ms`);
      fixedRate.push(step);
      const stopVegetaShare = runsVegeta ? countCpus('children') : undefined;
      const vegeta = runsVegeta ? runVegeta({ url: target.url, rate, seconds: options.fixedRateSeconds, warmupSeconds: options.fixedRateWarmupSeconds }) : undefined;
      const vegetaShare = stopVegetaShare?.();
      if (vegeta) log(`  vegeta at ${rate.toFixed(0)} req/s: p50 ${vegeta.latency.p50.toFixed(1)} ms, p90 ${vegeta.latency.p90.toFixed(1)} ms, p99 ${vegeta.latency.p99.toFixed(1)} ms, ${vegeta.errors} errors, ${vegeta.non2xx} non-2xx`);
      if (vegetaShare) log(`  ${describeCpuShare(vegetaShare)}`);
      if (isService) openLoop.push({ rate, ...(vegeta && { vegeta }), ...(evidence && { evidence }), ...(fixedShare && { cpu: { fixedRate: fixedShare, ...(vegetaShare && { vegeta: vegetaShare }) } }) });
    }
    const soakResult = soak ? await runSoak({ target, seconds: options.soakSeconds, connections: options.connections, log }) : undefined;
    const { peakRssMb } = await target.stop();
    log(`peak RSS ${peakRssMb.toFixed(0)} MB`);
    return {
      key: spec.key,
      name: spec.name,
      connections: 'keep-alive',
      sustained,
      cpuMsPerRequest,
      ...(newConnections && { newConnections }),
      fixedRate,
      ...(openLoop.length > 0 && { openLoop }),
      peakRssMb,
      ...(soakResult && { soak: soakResult }),
    };
  } catch (err) {
    await target.stop().catch(() => {});
    throw err;
  }
}
