/** Everything one run measured: what `results.json` holds and the report is written from. */
import type { RunResult } from './load/latency-summary.js';
import type { Machine } from './machine.js';
import type { TargetResult } from './measure-target.js';
import type { BenchOptions } from './options.js';
import type { VariantResult } from './cpu-rounds.js';
import type { ProfileResult } from './profile.js';

export interface Goal {
  name: string;
  target: string;
  reached: string;
  met: boolean | undefined;
}

export interface BenchResults {
  generatedAt: string;
  options: BenchOptions;
  machine: Machine;
  targets: TargetResult[];
  profiles: ProfileResult[];
  loadAverageAtEnd: number;
  /** (v) and (c) side by side (cpu-rounds.ts): labels "v", "c warn", "c info", and any semi-space variants of (c). */
  cpuRatio?: { connections: number; variants: VariantResult[] };
  /** The Node.js flags (c) ran with: those of `npm start`. */
  npmStartFlags?: string[];
}

const ratio = (x: number | undefined, y: number | undefined) => (x !== undefined && y ? x / y : undefined);
const fmt = (value: number | undefined, digits = 2) => (value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits));

export function throughputOf(results: BenchResults, key: TargetResult['key']): number | undefined {
  return results.targets.find((target) => target.key === key)?.sustained.throughput;
}

export function ratiosOf(results: BenchResults) {
  const [a, b, c, d, v] = (['a', 'b', 'c', 'd', 'v'] as const).map((key) => throughputOf(results, key));
  // (e) is only measured with a new connection per request, so (c) is compared with it the same way.
  const cNew = results.targets.find((target) => target.key === 'c')?.newConnections?.run.throughput;
  const e = throughputOf(results, 'e');
  return {
    cOverV: ratio(c, v),
    cOverA: ratio(c, a),
    vOverA: ratio(v, a),
    bOverA: ratio(b, a),
    cOverB: ratio(c, b),
    cOverD: ratio(c, d),
    cOverE: ratio(cNew, e),
  };
}

/** cpu(v) / cpu(c) at each log level, from the side-by-side rounds: the ratio of the medians. */
export function cpuRatiosOf(results: BenchResults): { warn?: number; info?: number } {
  const us = (label: string) => results.cpuRatio?.variants.find((variant) => variant.label === label)?.medianCpuUs;
  return { warn: ratio(us('v'), us('c warn')), info: ratio(us('v'), us('c info')) };
}

/** Issue 15's targets, each with what this run reached. */
export function goalsOf(results: BenchResults): Goal[] {
  const ratios = ratiosOf(results);
  const cpu = cpuRatiosOf(results);
  const c = results.targets.find((target) => target.key === 'c');
  const at75 = results.options.rateFractions.indexOf(0.75);
  const step = c?.fixedRate[at75];
  const vegeta = c?.openLoop?.[at75]?.vegeta;
  const soak = c?.soak;
  const growth = soak ? soak.lastThirdMb / soak.firstThirdMb - 1 : undefined;
  const cpuGoal = (level: 'warn' | 'info', value: number | undefined): Goal => ({
    name: `cpu(v) / cpu(c), LOG_LEVEL=${level}${level === 'info' ? ', access log to /dev/null' : ''}`,
    target: '≥ 0.70',
    reached: fmt(value),
    met: value === undefined ? undefined : value >= 0.7,
  });
  const p99Goal = (client: string, run: RunResult | undefined): Goal => ({
    name: `open-loop p99 at 75 % of (c)'s maximum, ${client}`,
    target: '≤ 25 ms',
    reached: run && step ? `${fmt(run.latency.p99, 1)} ms at ${step.rate.toFixed(0)} req/s` : 'n/a',
    met: run ? run.latency.p99 <= 25 : undefined,
  });
  return [
    cpuGoal('warn', cpu.warn),
    cpuGoal('info', cpu.info),
    p99Goal('the fixed-rate client', step),
    p99Goal('vegeta', vegeta),
    {
      name: 'peak RSS of (c) under sustained load (the soak)',
      target: '≤ 200 MB',
      reached: soak ? `${soak.peakRssMb.toFixed(0)} MB (${c!.peakRssMb.toFixed(0)} MB over all of its runs, overload steps included)` : 'n/a',
      met: soak ? soak.peakRssMb <= 200 : undefined,
    },
    {
      name: `RSS of (c) flat over the soak${soak ? ` (${soak.seconds} s)` : ''}`,
      target: 'last third within 10 % of first third',
      reached: soak && growth !== undefined ? `${soak.firstThirdMb.toFixed(0)} → ${soak.lastThirdMb.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %)` : 'n/a',
      met: growth === undefined ? undefined : Math.abs(growth) <= 0.1,
    },
    { name: 'throughput (c)/(v), closed loop', target: 'reported', reached: fmt(ratios.cOverV), met: undefined },
    { name: 'throughput (c)/(a), against bare Express', target: 'reported', reached: fmt(ratios.cOverA), met: undefined },
    { name: 'throughput (c)/(e), new connection per request', target: 'reported', reached: fmt(ratios.cOverE, 1), met: undefined },
  ];
}
