/**
 * Three API replicas sharing one Redis, behind HAProxy (round robin), in
 * front of one broker: retries of one order through any of them publish it
 * once, and different content under one id is 409 from any of them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readWholeTopic } from '../integration/kafka-reader.js';
import { writeResult } from '../faults/paths.js';
import { SCALE_PORTS } from './ports.js';
import { histogram, inBatches, postVia, type Answer } from './orders-client.js';
import { startReplicaSet, type ReplicaSet } from './replicas.js';

const brokers = inject('scaleBrokers');
const { port: redisPort, passwordFile } = inject('scaleRedis');
const ORDERS = 60;
const CONFLICTING_IDS = 30;
const EQUIPMENT = [['KEYBOARD'], ['MOUSE'], ['WEBCAM'], ['MONITOR'], ['KEYBOARD', 'MOUSE'], ['WEBCAM', 'MONITOR']];
let set: ReplicaSet;

beforeAll(async () => {
  set = await startReplicaSet({
    name: 'scale-retries',
    basePort: SCALE_PORTS.retriesStack,
    brokers,
    redis: { url: `redis://127.0.0.1:${redisPort}`, passwordFile },
    // info: the start-up lines, including the store's, are in the logs the last test reads.
    env: { LOG_LEVEL: 'info' },
  });
});
afterAll(() => set?.stop());

/** `balancer conflict-6: UND_ERR_SOCKET: other side closed`, for the result file. */
const networkErrors = (answers: Answer[]) =>
  answers.filter((answer) => answer.status === 'network').map((answer) => `${answer.via} ${answer.id}: ${answer.error}`);

/** Every way into the deployment: the balancer three times, and each replica once. */
const routes = () => [
  ...Array.from({ length: 3 }, () => ({ url: set.balancer.url, via: 'balancer' })),
  ...set.replicas.map((replica, index) => ({ url: replica.url, via: `replica${index + 1}` })),
];

async function recordsByKey(): Promise<Map<string, string[]>> {
  const { records, expected } = await readWholeTopic(brokers, set.topic, { quietMs: 2000 });
  expect(records.length, 'records read back vs. high watermarks').toBe(expected);
  const byKey = new Map<string, string[]>();
  for (const { key, value } of records) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  return byKey;
}

describe('three replicas behind HAProxy sharing the idempotency store', () => {
  it('publishes each order once under a retry storm through the balancer and straight to each replica', async () => {
    const ids = Array.from({ length: ORDERS }, (_, n) => `storm-${n}`);
    const startedAt = Date.now();
    // Six copies of each order at once, then six more one after another.
    const concurrent = (await inBatches(ids, 10, (id) => Promise.all(routes().map(({ url, via }) => postVia(url, via, set.apiKey, { id }))))).flat();
    const sequential = (
      await inBatches(ids, 10, async (id) => {
        const answers: Answer[] = [];
        for (const { url, via } of routes()) answers.push(await postVia(url, via, set.apiKey, { id }));
        return answers;
      })
    ).flat();
    const answers = [...concurrent, ...sequential];
    const byKey = await recordsByKey();

    const firstAcceptances = histogram(answers.filter((answer) => answer.replayed === 'false').map((answer) => answer.id));
    const duplicated = [...byKey].filter(([, values]) => values.length > 1).map(([key]) => key);
    const lost = ids.filter((id) => !byKey.has(id));
    writeResult('scale-retry-storm', {
      setup: { replicas: 3, balancer: 'haproxy roundrobin, check GET /ready', orders: ORDERS, copiesPerOrder: 12 },
      durationMs: Date.now() - startedAt,
      counts: { sent: answers.length, statuses: histogram(answers.map((answer) => answer.status)), replayed: histogram(answers.map((answer) => String(answer.replayed))) },
      networkErrors: networkErrors(answers),
      byRoute: histogram(answers.map((answer) => `${answer.via}:${answer.status}:${answer.replayed}`)),
      topic: { records: [...byKey.values()].flat().length, distinctOrders: byKey.size, lost: lost.length, duplicated: duplicated.length },
    });

    expect(answers).toHaveLength(ORDERS * 12);
    expect(histogram(answers.map((answer) => answer.status))).toEqual({ 202: ORDERS * 12 });
    expect(Object.values(firstAcceptances)).toEqual(ids.map(() => 1));
    expect(Object.keys(firstAcceptances).sort()).toEqual([...ids].sort());
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(byKey.size).toBe(ORDERS);
    // Every replica took part: the store, not one replica's memory, answered the retries.
    expect(new Set(answers.filter((answer) => answer.replayed === 'false').map((answer) => answer.via)).size).toBeGreaterThan(1);
  });

  it('answers one 202 and 409 for every other content sent under one id to different replicas, and publishes the accepted one', async () => {
    const ids = Array.from({ length: CONFLICTING_IDS }, (_, n) => `conflict-${n}`);
    const answers = (
      await inBatches(ids, 5, (id) => Promise.all(routes().map(({ url, via }, index) => postVia(url, via, set.apiKey, { id, equipment: EQUIPMENT[index]! }))))
    ).flat();
    const byKey = await recordsByKey();

    const accepted = answers.filter((answer) => answer.status === 202);
    writeResult('scale-conflicting-content', {
      setup: { replicas: 3, ids: CONFLICTING_IDS, contentsPerId: EQUIPMENT.length },
      counts: { sent: answers.length, statuses: histogram(answers.map((answer) => answer.status)) },
      networkErrors: networkErrors(answers),
      acceptedVia: histogram(accepted.map((answer) => answer.via)),
      topic: { records: ids.reduce((sum, id) => sum + (byKey.get(id)?.length ?? 0), 0) },
    });

    expect(histogram(answers.map((answer) => answer.status))).toEqual({ 202: CONFLICTING_IDS, 409: CONFLICTING_IDS * 5 });
    expect(histogram(accepted.map((answer) => answer.id))).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    for (const { id, equipment } of accepted) {
      const values = byKey.get(id) ?? [];
      expect(values, `records of ${id}`).toHaveLength(1);
      expect((JSON.parse(values[0]!) as { equipment: string[] }).equipment).toEqual(equipment);
    }
  });

  it('never writes the store password to a replica log', async () => {
    const password = readFileSync(passwordFile, 'utf8').trim();
    const logs = set.replicas.map((replica) => readFileSync(replica.logFile, 'utf8'));
    for (const log of logs) expect(log).toContain('idempotency store reachable');
    for (const log of logs) expect(log).not.toContain(password);
  });
});
