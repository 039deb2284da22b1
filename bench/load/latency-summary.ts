/** The figures every run reports, whichever load generator produced them. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface RunResult {
  /** Successful (2xx) responses per second over the measured window. */
  throughput: number;
  /** Milliseconds. */
  latency: LatencySummary;
  requests: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  seconds: number;
}

/** Nearest-rank percentiles of an unsorted list of milliseconds. */
export function summarise(latencies: Float64Array): LatencySummary {
  const sorted = latencies.slice().sort();
  const at = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
}
