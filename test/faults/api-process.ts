/**
 * Runs the real API (`src/server.ts`) as a child process, so a scenario can
 * send it signals and read its exit code. Its output goes to a log file
 * under `test-results/faults/`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { REPO_ROOT, resultPath, sleep } from './paths.js';

export interface ApiProcess {
  url: string;
  pid: number;
  logFile: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface ApiOptions {
  port: number;
  brokers: string;
  topic: string;
  apiKey: string;
  /** Log file name inside test-results/faults/. */
  logName: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/** A random key the API accepts, 48 hex characters. */
export const newApiKey = (): string => randomBytes(24).toString('hex');

function logTail(file: string): string {
  return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
}

async function untilReady(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited during start-up (${child.exitCode ?? child.signalCode}):\n${logTail(logFile)}`);
    }
    const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    if (ready?.status === 200) return;
    await sleep(250);
  }
  throw new Error(`the API was not ready within ${timeoutMs} ms:\n${logTail(logFile)}`);
}

/**
 * Starts `node --import tsx src/server.ts` (one process, so signals and the
 * exit code are the server's own, with no npx or tsx wrapper in between)
 * and resolves once `/ready` answers 200.
 *
 * @example
 * const api = await startApi({ port: 23190, brokers, topic, apiKey, logName: 'kill-api.log' });
 */
export async function startApi({ port, brokers, topic, apiKey, logName, env = {}, readyTimeoutMs = 90_000 }: ApiOptions): Promise<ApiProcess> {
  const logFile = resultPath(logName);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    // FAULTS_API_DIR runs another checkout's server (say, before a fix) against the same scenarios.
    cwd: process.env.FAULTS_API_DIR ?? REPO_ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Several replicas on one host: the OS picks each one's gRPC port.
      GRPC_PORT: '0',
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '3',
      PUBLISH_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'warn',
      API_KEYS: apiKey,
      ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const api: ApiProcess = {
    url,
    pid: child.pid ?? -1,
    logFile,
    exited,
    signal: (signal) => void child.kill(signal),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  try {
    await untilReady(url, child, logFile, readyTimeoutMs);
  } catch (err) {
    await api.stop(2000);
    throw err;
  }
  return api;
}
