/**
 * A local Redis started with the project's own scripts (`scripts/redis/start.sh`,
 * `stop.sh`) in a throwaway folder, with a password from a file, and killed
 * the hard way by the pid it records.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, sleep } from '../faults/paths.js';

const run = promisify(execFile);

export interface LocalRedis {
  port: number;
  dataDir: string;
  passwordFile: string;
  /** What the API gets as IDEMPOTENCY_STORE_URL (no password: that comes from the file). */
  url: string;
  start(): Promise<void>;
  /** SIGKILL; resolves with the pid once it is gone. */
  kill(): Promise<number>;
  wipe(): Promise<void>;
}

/**
 * @example
 * const redis = localRedis({ port: 26379, dataDir, passwordFile });
 * await redis.start();
 */
export function localRedis({
  port,
  dataDir,
  passwordFile,
  tls,
}: {
  port: number;
  dataDir: string;
  passwordFile: string;
  /** Also serve TLS on `tls.port`. */
  tls?: { port: number; certFile: string; keyFile: string };
}): LocalRedis {
  const env = {
    ...process.env,
    REDIS_PORT: String(port),
    REDIS_DATA_DIR: dataDir,
    REDIS_PASSWORD_FILE: passwordFile,
    ...(tls && { REDIS_TLS_PORT: String(tls.port), REDIS_TLS_CERT_FILE: tls.certFile, REDIS_TLS_KEY_FILE: tls.keyFile }),
  };
  const script = (name: string, args: string[] = []) => run('bash', [join(REPO_ROOT, 'scripts', 'redis', name), ...args], { env, timeout: 60_000 });
  const pidFile = join(dataDir, 'redis.pid');
  return {
    port,
    dataDir,
    passwordFile,
    url: `redis://127.0.0.1:${port}`,
    start: async () => void (await script('start.sh')),
    async kill() {
      if (!existsSync(pidFile)) throw new Error(`no ${pidFile}`);
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      for (let waited = 0; existsSync(`/proc/${pid}`); waited += 20) {
        if (waited > 5000) throw new Error(`redis pid ${pid} still alive 5 s after SIGKILL`);
        await sleep(20);
      }
      return pid;
    },
    wipe: async () => void (await script('stop.sh', ['--wipe'])),
  };
}
