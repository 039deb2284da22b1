/**
 * Runs a target under `node --cpu-prof` with the same closed-loop load, and
 * summarises the profile it writes on exit.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from './options.js';
import { runSustained } from './load/sustained.js';
import type { RunResult } from './load/latency-summary.js';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './profile-summary.js';
import { cpuSecondsOf, startTarget, type TargetSpec } from './target-process.js';

export interface ProfileResult {
  key: TargetSpec['key'];
  name: string;
  /** The load during the profile; slower than unprofiled. */
  load: RunResult;
  /**
   * CPU µs per successful request during that load, from /proc: the whole
   * process, and its main thread (where the profile's samples come from);
   * the difference is GC helper threads, the compiler and libuv's pool.
   */
  cpuUsPerRequest?: { process: number; mainThread: number };
  summary: ProfileSummary;
}

export async function profileTarget(
  spec: TargetSpec,
  { options, env, keepIn }: { options: BenchOptions; env: Record<string, string>; keepIn?: string },
): Promise<ProfileResult> {
  const dir = keepIn ? (mkdirSync(keepIn, { recursive: true }), keepIn) : mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const target = await startTarget(spec, {
    env,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${spec.module}.cpuprofile`],
  });
  console.log(`[${spec.key}] profiling under load for ${options.sustainedSeconds} s`);
  let load: RunResult;
  let cpuUsPerRequest: ProfileResult['cpuUsPerRequest'];
  try {
    await runSustained({ url: target.url, seconds: options.warmupSeconds, connections: options.connections });
    const before = [cpuSecondsOf(target.pid), cpuSecondsOf(target.pid, target.pid)] as const;
    load = await runSustained({ url: target.url, seconds: options.sustainedSeconds, connections: options.connections });
    const perRequest = (now: number, earlier: number) => ((now - earlier) * 1e6) / Math.max(1, load.ok);
    cpuUsPerRequest = { process: perRequest(cpuSecondsOf(target.pid), before[0]), mainThread: perRequest(cpuSecondsOf(target.pid, target.pid), before[1]) };
  } finally {
    await target.stop();
  }
  const file = readdirSync(dir).find((name) => name === `${spec.module}.cpuprofile`);
  if (!file) throw new Error(`no profile was written for ${spec.module} in ${dir}`);
  const summary = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  if (!keepIn) rmSync(dir, { recursive: true, force: true });
  return { key: spec.key, name: spec.name, load, summary, ...(cpuUsPerRequest && { cpuUsPerRequest }) };
}
