/**
 * Where an open-loop step's tail comes from, read off the service's own
 * `/metrics` before and after the step: the event loop's delay over the
 * step (prom-client resets its histogram at every scrape), the time spent
 * in GC by kind, and how long the producer's sends took (one send in
 * flight, so every order that arrives during a slow send waits for it).
 */

export interface TailEvidence {
  /** Event-loop delay over the step, ms (prom-client's `monitorEventLoopDelay`, 10 ms resolution). */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** GC pause time during the step, ms, by kind (minor = scavenge, major = mark-compact, incremental, weakcb). */
  gcMs: Record<string, number>;
  gcCount: number;
  sends: number;
  /** Sends slower than 10 ms and 25 ms (histogram buckets). */
  sendsOver10Ms: number;
  sendsOver25Ms: number;
  meanSendMs: number;
  meanBatchSize: number;
}

export type Scrape = Map<string, number>;

/** `name{labels} value` lines of the Prometheus text format, comments left out. */
export async function scrapeMetrics(url: string): Promise<Scrape> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const series: Scrape = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

export function tailEvidenceOf(before: Scrape, after: Scrape): TailEvidence {
  const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  const gcMs: Record<string, number> = {};
  let gcCount = 0;
  for (const name of after.keys()) {
    const sum = /^nodejs_gc_duration_seconds_sum\{kind="(\w+)"\}$/.exec(name);
    if (sum) gcMs[sum[1]!] = delta(name) * 1000;
    if (/^nodejs_gc_duration_seconds_count\{/.test(name)) gcCount += delta(name);
  }
  const sends = delta('kafka_send_duration_seconds_count');
  const within = (le: string) => delta(`kafka_send_duration_seconds_bucket{le="${le}"}`);
  return {
    eventLoopDelayP99Ms: (after.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000,
    eventLoopDelayMaxMs: (after.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000,
    gcMs,
    gcCount,
    sends,
    sendsOver10Ms: sends - within('0.01'),
    sendsOver25Ms: sends - within('0.025'),
    meanSendMs: sends ? (delta('kafka_send_duration_seconds_sum') * 1000) / sends : NaN,
    meanBatchSize: sends ? delta('kafka_send_batch_size_sum') / sends : NaN,
  };
}
