/** Everything one run measured: what `results.json` holds and the report is written from. */
import type { Machine } from './machine.js';
import type { TargetResult } from './measure-target.js';
import type { BenchOptions } from './options.js';
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

/** The issue's targets, each with what this run reached. */
export function goalsOf(results: BenchResults): Goal[] {
  const ratios = ratiosOf(results);
  const c = results.targets.find((target) => target.key === 'c');
  const halfIndex = results.options.rateFractions.indexOf(0.5);
  const half = c?.fixedRate[halfIndex];
  const soak = c?.soak;
  const growth = soak ? soak.lastThirdMb / soak.firstThirdMb - 1 : undefined;
  return [
    { name: 'throughput (c)/(v): what is ours, beyond the validator', target: '≥ 0.90', reached: fmt(ratios.cOverV), met: ratios.cOverV === undefined ? undefined : ratios.cOverV >= 0.9 },
    { name: 'throughput (c)/(a), against bare Express', target: 'reported', reached: fmt(ratios.cOverA), met: undefined },
    { name: 'throughput (c)/(e), new connection per request', target: 'reported', reached: fmt(ratios.cOverE, 1), met: undefined },
    {
      name: "p99 at half of (c)'s maximum",
      target: '≤ 20 ms',
      reached: half ? `${fmt(half.latency.p99, 1)} ms at ${half.rate.toFixed(0)} req/s` : 'n/a',
      met: half ? half.latency.p99 <= 20 : undefined,
    },
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
  ];
}
