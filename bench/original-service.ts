/**
 * Target (e), the service this API replaces: Python Flask with kafka-python
 * under `flask run` (see `original-service/app.py`). Its virtual
 * environment is made here, from the pinned `requirements.txt`, before any
 * load starts (PyPI must be reachable the first time).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMemory, type Memory, type TargetProcess } from './target-process.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_DIR = join(ROOT, 'bench', 'original-service');
const VENV = join(ROOT, '.ci-cache', 'bench-venv');
const START_TIMEOUT_MS = 30_000;

/** Makes `.ci-cache/bench-venv` with Flask and kafka-python, unless it already holds these pins. */
export function ensureOriginalServiceVenv(): void {
  const requirements = readFileSync(join(APP_DIR, 'requirements.txt'), 'utf8');
  const stamp = join(VENV, 'bench-requirements.txt');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === requirements) return;
  console.log(`[e] making ${VENV} (Flask, kafka-python from PyPI)`);
  execFileSync('python3', ['-m', 'venv', '--clear', VENV], { stdio: 'inherit' });
  execFileSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', join(APP_DIR, 'requirements.txt')], { stdio: 'inherit' });
  writeFileSync(stamp, requirements);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * @example
 * const target = await startOriginalService({ env: { KAFKA_BROKERS: '127.0.0.1:29092', KAFKA_TOPIC: 'orders' } });
 */
export async function startOriginalService({ env }: { env: Record<string, string> }): Promise<TargetProcess> {
  const port = await freePort();
  // `flask run` as the course ran it: the development server, threaded, no reloader.
  const child = spawn(join(VENV, 'bin', 'flask'), ['--app', join(APP_DIR, 'app'), 'run', '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`flask run did not start\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    memory: () => readMemory(pid),
    resetPeak: () => false,
    async stop(): Promise<Memory> {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`flask exited early (${child.exitCode ?? child.signalCode})\n${errors}`);
      const memory = readMemory(pid);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      // Its leaked producers' threads may keep it alive.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      return memory;
    },
  };
}
