/**
 * Sustained closed-loop load for minutes while the target's RSS is sampled,
 * to show whether memory stays flat.
 */
import { runSustained } from './load/sustained.js';
import type { RunResult } from './load/latency-summary.js';
import type { TargetProcess } from './target-process.js';

export interface SoakResult {
  seconds: number;
  load: RunResult;
  /** [seconds since the soak started, RSS in MB]. */
  samples: Array<[number, number]>;
  /** Peak RSS during the soak alone (VmHWM restarted when it began), MB. */
  peakRssMb: number;
  /** Median RSS of the first and of the last third of the samples. */
  firstThirdMb: number;
  lastThirdMb: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

export async function runSoak({
  target,
  seconds,
  connections,
  log,
}: {
  target: TargetProcess;
  seconds: number;
  connections: number;
  log: (what: string) => void;
}): Promise<SoakResult> {
  log(`soak: ${seconds} s of sustained load, sampling RSS`);
  const samples: Array<[number, number]> = [];
  // The steps before (overload included) must not count in this peak.
  if (!target.resetPeak()) log('soak: cannot restart the peak RSS here; it includes the earlier steps');
  const started = Date.now();
  const sample = () => samples.push([(Date.now() - started) / 1000, target.memory().rssMb]);
  sample();
  const sampler = setInterval(sample, Math.max(1000, (seconds * 1000) / 120));
  const load = await runSustained({ url: target.url, seconds, connections }).finally(() => clearInterval(sampler));
  sample();
  const rss = samples.map(([, mb]) => mb);
  const third = Math.max(1, Math.floor(rss.length / 3));
  const result = {
    seconds,
    load,
    samples,
    peakRssMb: target.memory().peakRssMb,
    firstThirdMb: median(rss.slice(0, third)),
    lastThirdMb: median(rss.slice(-third)),
  };
  log(`soak: ${load.throughput.toFixed(0)} req/s, RSS ${result.firstThirdMb.toFixed(0)} → ${result.lastThirdMb.toFixed(0)} MB (median of first/last third), peak ${result.peakRssMb.toFixed(0)} MB`);
  return result;
}
