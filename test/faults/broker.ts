/**
 * Local KRaft brokers started with the project's own scripts
 * (`scripts/kafka/start.sh`, `stop.sh`, `cluster-start.sh`, `cluster-stop.sh`)
 * in a throwaway data folder, and killed the hard way by the pid they record.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, resultPath, sleep } from './paths.js';

const run = promisify(execFile);
const SCRIPTS = join(REPO_ROOT, 'scripts', 'kafka');

/** Runs one of scripts/kafka/*.sh with the given env on top of ours. */
export async function kafkaScript(script: string, env: Record<string, string>, args: string[] = []): Promise<void> {
  await run('bash', [join(SCRIPTS, script), ...args], {
    env: { ...process.env, KAFKA_START_TIMEOUT: '120', ...env },
    timeout: 600_000,
  });
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Waits until 127.0.0.1:`port` can be bound. The fault ports sit below
 * Linux's ephemeral range, so no client socket takes one as its local port;
 * but the previous scenario's broker may still be letting go of it.
 *
 * @example
 * await untilPortsFree([23092, 23093]);
 */
export async function untilPortsFree(ports: number[], timeoutMs = 75_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    while (!(await canBind(port))) {
      if (Date.now() > deadline) throw new Error(`127.0.0.1:${port} is still in use after ${timeoutMs} ms`);
      await sleep(1000);
    }
  }
}

function alive(pid: number): boolean {
  try {
    // Field 3 of /proc/<pid>/stat is the state; a zombie (Z) is already dead.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The pid start.sh wrote in the data folder, if that process is alive. */
export function brokerPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'kafka.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return pid > 0 && alive(pid) ? pid : undefined;
}

/**
 * SIGKILLs the broker whose data folder is `dataDir` and waits until it is gone.
 *
 * @example
 * const pid = await killBroker('/tmp/faults-x/23092');
 */
export async function killBroker(dataDir: string): Promise<number> {
  const pid = brokerPid(dataDir);
  if (pid === undefined) throw new Error(`no live broker recorded in ${dataDir}/kafka.pid`);
  process.kill(pid, 'SIGKILL');
  for (let waited = 0; alive(pid); waited += 50) {
    if (waited > 10_000) throw new Error(`broker pid ${pid} still alive 10 s after SIGKILL`);
    await sleep(50);
  }
  return pid;
}

/** Keeps a broker's server.log as evidence before its folder is wiped. */
export function keepBrokerLog(dataDir: string, name: string): void {
  const log = join(dataDir, 'server.log');
  if (existsSync(log)) copyFileSync(log, resultPath(name));
}

export interface SingleBroker {
  bootstrap: string;
  dataDir: string;
  start(): Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL) and deletes its data folder. */
  wipe(): Promise<void>;
}

/**
 * A single-node broker on `port` (controller on `controllerPort`).
 *
 * @example
 * const broker = singleBroker({ port: 23092, controllerPort: 23093, dataDir });
 * await broker.start();
 */
export function singleBroker({ port, controllerPort, dataDir }: { port: number; controllerPort: number; dataDir: string }): SingleBroker {
  const env = { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort), KAFKA_DATA_DIR: dataDir };
  return {
    bootstrap: `127.0.0.1:${port}`,
    dataDir,
    async start() {
      await untilPortsFree([port, controllerPort]);
      await kafkaScript('start.sh', env);
    },
    wipe: () => kafkaScript('stop.sh', { ...env, KAFKA_STOP_TIMEOUT: '10' }, ['--wipe']),
  };
}
