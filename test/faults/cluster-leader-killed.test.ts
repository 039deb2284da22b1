/**
 * A 3-node KRaft cluster (replication factor 3, min.insync.replicas 2): the
 * leader of partition 0 is SIGKILLed in the middle of a 45 s load and stays
 * down; the two survivors keep the topic writable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey, startApi, type ApiProcess } from './api-process.js';
import { localCluster, topicLayout, topicMinInsyncReplicas } from './cluster.js';
import { recoveryProbe, runLoad } from './load-generator.js';
import { sleep } from './paths.js';
import { auditScenario, expectPromiseKept, expectRecovered, timeline } from './scenario.js';

const SCENARIO = 'cluster-leader-killed';
const API_PORT = 23193;
const LOAD_MS = 45_000;
const KILL_AT_MS = 10_000;
const PUBLISH_TIMEOUT_MS = 3000;

const apiKey = newApiKey();
const topic = `faults-cluster-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'faults-cluster-'));
// The controllers fence a silent broker after broker.session.timeout.ms (9 s by
// default), about kafkajs' whole retry budget for one send; 15 s makes the send
// in flight at the kill fail every time, after its batch may have been
// replicated: the case that once lost acknowledged orders (docs/RELIABILITY.md).
const SESSION_TIMEOUT_MS = 15_000;
// Clients on 23094-23096, controllers on 23097-23099.
const cluster = localCluster({
  size: 3,
  basePort: 23094,
  controllerBasePort: 23097,
  dir: join(dir, 'cluster'),
  extraConfig: `broker.session.timeout.ms=${SESSION_TIMEOUT_MS}`,
});
let api: ApiProcess | undefined;

beforeAll(async () => {
  await cluster.start();
  api = await startApi({
    port: API_PORT,
    brokers: cluster.bootstrap,
    topic,
    apiKey,
    logName: `${SCENARIO}-api.log`,
    env: { PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS), KAFKA_TOPIC_REPLICATION_FACTOR: '3' },
  });
}, 300_000);

afterAll(async () => {
  await api?.stop();
  cluster.keepLogs(`${SCENARIO}-broker`);
  await cluster.wipe().catch((err: unknown) => console.error(`[${SCENARIO}] stopping the cluster failed`, err));
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('when the partition leader of a 3-node cluster is SIGKILLed under load', () => {
  it('keeps every 202 in the topic exactly once and goes on accepting with two brokers', async () => {
    if (!api) throw new Error('set-up failed');
    const { url } = api;
    const before = await topicLayout(cluster.bootstrap, topic);
    const minIsr = await topicMinInsyncReplicas(cluster.bootstrap, topic);
    expect(before.map((partition) => partition.replicas.length)).toEqual([3, 3, 3]);
    expect(minIsr).toBe(2);

    const clock = timeline();
    const load = runLoad({ url, apiKey, idPrefix: 'leader', durationMs: LOAD_MS });
    await sleep(KILL_AT_MS);
    const atKill = await topicLayout(cluster.bootstrap, topic);
    const victim = atKill[0]?.leader;
    if (victim === undefined) throw new Error('partition 0 has no leader');
    const killedPid = await cluster.kill(victim);
    clock.mark('leaderKilled');
    const requests = await load;
    clock.mark('loadEnded');
    const { waited, probes } = await recoveryProbe({ url, apiKey, idPrefix: 'leader-after' });
    clock.mark('recoveryProbed');
    const after = await topicLayout(cluster.bootstrap, topic);

    const audit = await auditScenario({
      scenario: SCENARIO,
      bootstrap: cluster.bootstrap,
      topic,
      requests: [...requests, ...waited, ...probes],
      extra: {
        setup: {
          loadMs: LOAD_MS,
          concurrency: 20,
          publishTimeoutMs: PUBLISH_TIMEOUT_MS,
          partitions: 3,
          replicationFactor: 3,
          minInsyncReplicas: minIsr,
          brokerSessionTimeoutMs: SESSION_TIMEOUT_MS,
          apiDir: process.env.FAULTS_API_DIR ?? 'this checkout',
        },
        killed: { nodeId: victim, pid: killedPid, restarted: false },
        layout: { atKill, after },
        timelineMs: clock.marks,
        recovery: { waitedFor202: waited.length, probes: probes.map((probe) => probe.status) },
      },
    });

    expectPromiseKept(audit);
    expectRecovered(probes);
    expect(cluster.isAlive(victim), 'the killed node stays down').toBe(false);
    // Every partition has a live leader again, and the dead node left the ISR.
    expect(after.every((partition) => partition.leader !== victim && !partition.isr.includes(victim))).toBe(true);
  }, 180_000);
});
