/**
 * Floods the real service (its own process, its own broker) past
 * MAX_PENDING_ORDERS while the broker is paused (SIGSTOP), then lets the
 * broker go on and reads the topic back with a real consumer.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey, startApi, type ApiProcess } from '../faults/api-process.js';
import { REPO_ROOT } from '../faults/paths.js';
import { startBroker, stopBroker } from './broker.js';
import { readWholeTopic, uniqueTopic } from './kafka-reader.js';

// A broker and an API port of this file's own (below 32768), so pausing the broker disturbs no other test.
const BROKER_PORT = 29292;
const API_PORT = 29295;
const MAX_PENDING_ORDERS = 200;
const CONNECTIONS = 300;
const ORDERS = 3000;
// The memory ceiling for the service; the process runs TypeScript through tsx, which adds its compiler.
const RSS_CEILING_MB = 200;
const HOLD_AFTER_REFUSALS_MS = 2000;
const topic = uniqueTopic('flood');
const apiKey = newApiKey();
let brokers: string;
let api: ApiProcess;

interface Answer {
  id: string;
  status: number;
  ms: number;
}

/**
 * Posts `ORDERS` orders over `CONNECTIONS` keep-alive connections, each one
 * request at a time. `answers` fills as they come; `done` resolves when all did.
 */
function flood(url: string): { answers: Answer[]; done: Promise<void> } {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const answers: Answer[] = [];
  let next = 0;
  const post = (id: string) =>
    new Promise<Answer>((resolve, reject) => {
      const body = JSON.stringify({ id, created_by: 'FLOOD', equipment: ['KEYBOARD'] });
      const started = performance.now();
      const headers = { 'content-type': 'application/json', 'x-api-key': apiKey, 'content-length': Buffer.byteLength(body) };
      const req = request(`${url}/api/v2/orders/computers`, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.once('end', () => resolve({ id, status: res.statusCode ?? 0, ms: performance.now() - started }));
      });
      req.once('error', reject);
      req.end(body);
    });
  async function connection(): Promise<void> {
    while (next < ORDERS) answers.push(await post(`flood-${next++}`));
  }
  const done = Promise.all(Array.from({ length: CONNECTIONS }, connection)).then(() => agent.destroy());
  return { answers, done };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

function brokerPid(): number {
  return Number(readFileSync(`${REPO_ROOT}.kafka/data/${BROKER_PORT}/kafka.pid`, 'utf8').trim());
}

beforeAll(async () => {
  brokers = await startBroker(BROKER_PORT);
  api = await startApi({
    port: API_PORT,
    brokers,
    topic,
    apiKey,
    logName: 'overload-flood-api.log',
    // Long enough that the held orders outlive the pause (up to a minute on a busy machine), so they
    // end in 202 and every 503 is a refusal.
    env: { MAX_PENDING_ORDERS: String(MAX_PENDING_ORDERS), PUBLISH_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '90000', RETRY_AFTER_SECONDS: '2' },
  });
}, 300_000);
afterAll(async () => {
  await api?.stop();
  await stopBroker(BROKER_PORT, { wipe: true });
}, 120_000);

describe('a flood past MAX_PENDING_ORDERS while the broker is paused', () => {
  it('refuses the excess with 503 at once, keeps every accepted order, and stays under the memory ceiling', async () => {
    const pid = brokerPid();
    process.kill(pid, 'SIGSTOP');
    const pausedAt = performance.now();
    let run: ReturnType<typeof flood>;
    try {
      run = flood(api.url);
      // Every order the service admitted waits for the paused broker; all the others must be answered meanwhile.
      await until(() => run.answers.length >= ORDERS - MAX_PENDING_ORDERS, 60_000, 'the excess was answered');
      // Held a little longer, so that every held order has waited longer than the slowest refusal took.
      await new Promise((resolve) => setTimeout(resolve, HOLD_AFTER_REFUSALS_MS));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const pausedMs = performance.now() - pausedAt;
    const answeredWhilePaused = run.answers.length;
    await run.done;

    const { answers } = run;
    const refused = answers.filter((answer) => answer.status === 503);
    const accepted = answers.filter((answer) => answer.status === 202);
    const refusedMs = refused.map((answer) => answer.ms).sort((a, b) => a - b);
    const rssMb = peakRssMb(api.pid);
    console.info(
      `flood: ${accepted.length} accepted, ${refused.length} refused; broker paused ${Math.round(pausedMs)} ms;`,
      `503 p50 ${percentile(refusedMs, 50).toFixed(1)} ms, p99 ${percentile(refusedMs, 99).toFixed(1)} ms; peak RSS ${rssMb.toFixed(0)} MB`,
    );

    expect(answers).toHaveLength(ORDERS);
    expect(answers.filter((answer) => answer.status !== 202 && answer.status !== 503)).toEqual([]);
    // While the broker was paused nothing could be acknowledged: every answer then was a refusal.
    expect(answeredWhilePaused).toBe(ORDERS - MAX_PENDING_ORDERS);
    expect(refused).toHaveLength(ORDERS - MAX_PENDING_ORDERS);
    expect(accepted).toHaveLength(MAX_PENDING_ORDERS);
    // "At once": every refusal came while the broker was paused (above), and even the slowest took
    // less than the quickest held order, which waited for the broker. Compared with each other, not
    // with a wall-clock figure: those belong to npm run bench.
    expect(refusedMs.at(-1)).toBeLessThan(Math.min(...accepted.map((answer) => answer.ms)));
    expect(rssMb).toBeLessThan(RSS_CEILING_MB);

    const { records } = await readWholeTopic(brokers, topic, { quietMs: 2000, timeoutMs: 60_000 });
    const keys = new Set(records.map((record) => record.key));
    expect(accepted.filter((answer) => !keys.has(answer.id))).toEqual([]);
    expect(refused.filter((answer) => keys.has(answer.id))).toEqual([]);
    expect(records).toHaveLength(MAX_PENDING_ORDERS);

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toContain(`orders_rejected_overload_total ${ORDERS - MAX_PENDING_ORDERS}`);
  }, 120_000);
});
