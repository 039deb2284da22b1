/**
 * Issue 15's attribution: where (c)'s CPU per order exceeds (v)'s, layer by
 * layer. Each profile's layer shares are turned into µs with the CPU its
 * main thread spent per request during the same profiled load (from /proc,
 * not from the sampler's wall clock), and what ran on other threads (GC
 * helpers, the compiler, libuv's pool) is a row of its own, so the rows of
 * each column add up to that process's measured CPU per request.
 */
import type { ProfileSummary } from './profile-summary.js';

/** What it needs of a `ProfileResult` (profile.ts), which it does not import: that module drives the load. */
export interface ProfiledTarget {
  key: string;
  summary: Pick<ProfileSummary, 'byLayer'>;
  cpuUsPerRequest?: { process: number; mainThread: number };
}

export interface AttributionRow {
  layer: string;
  vUs: number;
  cUs: number;
}

export const OFF_MAIN_THREAD = 'other threads (GC helpers, compiler, libuv pool)';

function microsByLayer({ summary, cpuUsPerRequest }: ProfiledTarget): Map<string, number> {
  const main = cpuUsPerRequest?.mainThread ?? NaN;
  const rows = new Map(summary.byLayer.map((layer) => [layer.name, layer.share * main]));
  rows.set(OFF_MAIN_THREAD, (cpuUsPerRequest?.process ?? NaN) - main);
  return rows;
}

/** Rows in order of (c) − (v), largest first; undefined unless both (c) and (v) were profiled with their CPU. */
export function attributionOf(profiles: readonly ProfiledTarget[]): AttributionRow[] | undefined {
  const c = profiles.find((profile) => profile.key === 'c');
  const v = profiles.find((profile) => profile.key === 'v');
  if (!c?.cpuUsPerRequest || !v?.cpuUsPerRequest) return undefined;
  const [cRows, vRows] = [microsByLayer(c), microsByLayer(v)];
  const layers = new Set([...cRows.keys(), ...vRows.keys()]);
  return [...layers]
    .map((layer) => ({ layer, vUs: vRows.get(layer) ?? 0, cUs: cRows.get(layer) ?? 0 }))
    .sort((x, y) => y.cUs - y.vUs - (x.cUs - x.vUs));
}
