/**
 * A real HAProxy (Debian's) in front of the API replicas on loopback: round
 * robin, health check on `GET /ready`, its stats page as CSV so a scenario
 * can see when a replica was taken out.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { resultPath, sleep } from '../faults/paths.js';

export interface Balancer {
  url: string;
  /** Each backend server's state as HAProxy sees it: `UP`, `DOWN`, `UP 1/2`, … */
  serverStates(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

function config({ port, statsPort, backends }: { port: number; statsPort: number; backends: number[] }): string {
  return `global
  maxconn 4096
  # One line per request on stderr (the log file): what reached HAProxy, which
  # replica answered, and how each connection ended.
  log stderr format raw local0
defaults
  mode http
  log global
  option httplog
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  # /ready asks Kafka (at most once a second); on two busy cores that can take more than inter.
  timeout check 2s
  # A connection refused by a dead replica is retried on another one; a request
  # already sent is never retried (it may have been published).
  retries 2
  option redispatch 1
frontend api
  bind 127.0.0.1:${port}
  default_backend replicas
backend replicas
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
  # The replicas' Keep-Alive hint describes their side (65 s); towards clients
  # HAProxy closes after timeout client, so clients must not plan on the hint.
  http-response del-header keep-alive
${backends.map((backend, index) => `  server r${index + 1} 127.0.0.1:${backend} check`).join('\n')}
listen stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
`;
}

/**
 * Starts `haproxy -db` (foreground) and resolves once every backend is UP.
 *
 * @example
 * const balancer = await startHaproxy({ port: 26100, statsPort: 26109, backends: [26101, 26102, 26103], name: 'scale-retries' });
 */
export async function startHaproxy({
  port,
  statsPort,
  backends,
  name,
}: {
  port: number;
  statsPort: number;
  backends: number[];
  name: string;
}): Promise<Balancer> {
  const configFile = resultPath(`${name}-haproxy.cfg`);
  writeFileSync(configFile, config({ port, statsPort, backends }));
  const log = openSync(resultPath(`${name}-haproxy.log`), 'w');
  const child = spawn('haproxy', ['-db', '-f', configFile], { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  async function serverStates(): Promise<Record<string, string>> {
    const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`, { signal: AbortSignal.timeout(2000) })).text();
    const [header = '', ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const columns = header.split(',');
    const [pxname, svname, status] = ['pxname', 'svname', 'status'].map((column) => columns.indexOf(column)) as [number, number, number];
    const states: Record<string, string> = {};
    for (const row of rows.map((line) => line.split(','))) {
      if (row[pxname] === 'replicas' && !['FRONTEND', 'BACKEND'].includes(row[svname] ?? '')) states[row[svname] ?? ''] = row[status] ?? '';
    }
    return states;
  }

  const balancer: Balancer = {
    url: `http://127.0.0.1:${port}`,
    serverStates,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await serverStates().catch(() => ({}) as Record<string, string>);
    if (Object.keys(states).length === backends.length && Object.values(states).every((state) => state === 'UP')) return balancer;
    if (child.exitCode !== null || Date.now() > deadline) {
      await balancer.stop();
      throw new Error(`HAProxy did not see every replica UP within 30 s: ${JSON.stringify(states)}; see ${configFile}`);
    }
    await sleep(250);
  }
}
