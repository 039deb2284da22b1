/**
 * The parent side of a target: each one runs in its own Node process, so
 * its peak RSS is its own, while the load generator stays in the harness.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ORDER_PATH } from './order-body.js';
import type { TargetMessage } from './targets/serve-target.js';

export interface TargetSpec {
  key: 'a' | 'b' | 'c' | 'd' | 'e' | 'v' | 'g';
  name: string;
  /** Compiled module under `bench/targets/`, without extension; for (e), its folder under `bench/`. */
  module: string;
  /** Where its orders go. */
  path: string;
  /** (e) is Python under `flask run`, not a Node module. */
  runtime?: 'flask';
  /** Keep-alive load stalls on it, so it is measured with a new connection per request only. */
  newConnectionsOnly?: boolean;
  /** Runs with the Node.js flags of `npm start`, as the service runs in production. */
  asNpmStart?: boolean;
}

export const TARGETS: readonly TargetSpec[] = [
  { key: 'a', name: 'bare Express (ceiling)', module: 'bare-express', path: ORDER_PATH },
  { key: 'b', name: 'real app, no-op publisher', module: 'validated-app', path: ORDER_PATH },
  { key: 'c', name: 'real service, Kafka acks=all', module: 'kafka-service', path: ORDER_PATH, asNpmStart: true },
  { key: 'd', name: 'naive producer per request', module: 'naive-per-request-producer', path: ORDER_PATH },
  { key: 'e', name: 'original Flask + kafka-python service', module: 'original-service', path: '/api/orders/computers', runtime: 'flask', newConnectionsOnly: true },
  { key: 'v', name: 'express-openapi-validator only, no-op 202', module: 'validator-only', path: ORDER_PATH },
];

/**
 * (g), the real service over gRPC. Its URL is `grpc://…`, which autocannon and ab cannot load:
 * it is measured by `bench/load/grpc-sustained.ts`, so it stays out of TARGETS (and of `npm run bench`)
 * until the harness picks a load generator by target.
 */
export const GRPC_TARGET: TargetSpec = { key: 'g', name: 'real service over gRPC, Kafka acks=all', module: 'grpc-service', path: 'computer_orders.v1.ComputerOrderService/CreateComputerOrder', asNpmStart: true };

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

export interface TargetProcess {
  url: string;
  pid: number;
  /** Current and peak resident set size, from /proc/<pid>/status (VmRSS, VmHWM). */
  memory(): Memory;
  /**
   * Restarts the peak from the current RSS (Linux `clear_refs` 5), so a
   * phase's own peak can be read; `stop()` still reports the peak of the
   * whole run. Returns false where the kernel does not allow it.
   */
  resetPeak(): boolean;
  /** Asks the target to shut down cleanly; returns its memory just before. */
  stop(): Promise<Memory>;
}

const START_TIMEOUT_MS = 60_000;
const PACKAGE_JSON = fileURLToPath(new URL('../../../package.json', import.meta.url));

/** The Node.js flags of a `node --flag … script` command line, such as package.json's `start`. */
export const nodeFlagsOf = (command: string): string[] => /^node((?:\s+--\S+)*)\s/.exec(command)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];

/** The flags `npm start` gives Node.js (`node --flag … dist/src/server.js`), read from package.json so they are written once. */
export function npmStartNodeFlags(): string[] {
  return nodeFlagsOf((JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts: { start: string } }).scripts.start);
}
const STOP_TIMEOUT_MS = 15_000;

/** Clock ticks per second in /proc's CPU times (USER_HZ, 100 on every Linux we run on). */
export const TICKS_PER_SECOND = 100;

/** The fields of a /proc `stat` file after the command name, which is in parentheses and may contain spaces. */
function statFields(path: string): string[] {
  return readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
}

/** CPU seconds (user + system) a process (or, given `thread`, one of its threads) has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number, thread?: number): number {
  const fields = statFields(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds (user + system) of the children this process has waited for (cutime + cstime), such as a spawnSync'd load generator. */
export function waitedChildrenCpuSeconds(): number {
  const fields = statFields('/proc/self/stat');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

function waitForReady(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`target did not start within ${START_TIMEOUT_MS} ms\n${stderr()}`)), START_TIMEOUT_MS);
    child.on('message', (message: TargetMessage) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message.url);
      else reject(new Error(`target failed to start: ${message.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`target exited with ${code} before it was ready\n${stderr()}`));
    });
  });
}

/**
 * @example
 * const target = await startTarget(TARGETS[0], { env: { LOG_LEVEL: 'info' } });
 * // ... load target.url ...
 * const { peakRssMb } = await target.stop();
 */
export async function startTarget(
  spec: TargetSpec,
  { env, nodeArgs = [], flags: givenFlags }: { env: Record<string, string>; nodeArgs?: string[]; /** Instead of the spec's own (`npm start`'s for (c)). */ flags?: string[] },
): Promise<TargetProcess> {
  const script = fileURLToPath(new URL(`./targets/${spec.module}.js`, import.meta.url));
  // Logs go to /dev/null: they are still formatted and written, as in production, but nobody reads them here.
  const flags = [...(givenFlags ?? (spec.asNpmStart ? npmStartNodeFlags() : [])), ...nodeArgs];
  const child = spawn(process.execPath, [...flags, script], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const url = await waitForReady(child, () => errors).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  const pid = child.pid!;
  let earlierPeakMb = 0;
  return {
    url,
    pid,
    memory: () => readMemory(pid),
    resetPeak() {
      earlierPeakMb = Math.max(earlierPeakMb, readMemory(pid).peakRssMb);
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`target exited early (${child.exitCode ?? child.signalCode})\n${errors}`);
      const current = readMemory(pid);
      const memory = { ...current, peakRssMb: Math.max(earlierPeakMb, current.peakRssMb) };
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      return memory;
    },
  };
}
