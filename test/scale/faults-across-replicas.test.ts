/**
 * Three API replicas sharing one Redis, behind HAProxy, in front of a
 * 3-node Kafka cluster (replication factor 3, min.insync.replicas 2): Redis
 * is SIGKILLed and restarted under load, then one replica is SIGKILLed
 * under load. Nothing answered 202 may be lost or doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localCluster } from '../faults/cluster.js';
import { recoveryProbe, runLoad, type RequestRecord } from '../faults/load-generator.js';
import { sleep } from '../faults/paths.js';
import { auditScenario, expectPromiseKept, expectRecovered, timeline } from '../faults/scenario.js';
import { statusHistogram } from '../faults/topic-audit.js';
import { histogram, postVia } from './orders-client.js';
import { SCALE_PORTS } from './ports.js';
import { localRedis } from './redis.js';
import { startReplicaSet, type ReplicaSet } from './replicas.js';
import { postWithoutIds, sampleStore, type StoreSample } from './side-traffic.js';

const PUBLISH_TIMEOUT_MS = 3000;
const LOAD_MS = 20_000;
const FAULT_AT_MS = 6000;
const REDIS_DOWN_FOR_MS = 4000;
const CONCURRENCY = 12;

const redisSettings = inject('scaleRedis');
const redis = localRedis(redisSettings);
const dir = mkdtempSync(join(tmpdir(), 'scale-faults-'));
const cluster = localCluster({ size: 3, basePort: SCALE_PORTS.clusterBase, controllerBasePort: SCALE_PORTS.clusterControllerBase, dir: join(dir, 'cluster') });
let set: ReplicaSet;
// Both scenarios write to one topic, so the second audit covers what the first sent too.
const sentEarlier: RequestRecord[] = [];

beforeAll(async () => {
  await cluster.start();
  set = await startReplicaSet({
    name: 'scale-faults',
    basePort: SCALE_PORTS.faultsStack,
    brokers: cluster.bootstrap,
    redis: { url: redis.url, passwordFile: redisSettings.passwordFile },
    env: { PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS), KAFKA_TOPIC_REPLICATION_FACTOR: '3' },
  });
}, 300_000);

afterAll(async () => {
  await set?.stop();
  cluster.keepLogs('scale-faults-broker');
  await cluster.wipe().catch((err: unknown) => console.error('[scale-faults] stopping the cluster failed', err));
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('three replicas behind HAProxy, with a 3-node cluster', () => {
  it('keeps every 202 exactly once while Redis is SIGKILLed and restarted, answering orders with an id 503 meanwhile', async () => {
    const clock = timeline();
    let loadDone = false;
    const load = runLoad({ url: set.balancer.url, apiKey: set.apiKey, idPrefix: 'redis-kill', durationMs: LOAD_MS, concurrency: CONCURRENCY });
    const withoutIds = postWithoutIds(set.balancer.url, set.apiKey, () => loadDone);

    await sleep(FAULT_AT_MS);
    const killedPid = await redis.kill();
    const killedAt = Date.now();
    clock.mark('redisKilled');
    await sleep(REDIS_DOWN_FOR_MS / 2);
    const duringOutage: StoreSample[] = await Promise.all(set.replicas.map((replica) => sampleStore(replica.url)));
    await sleep(REDIS_DOWN_FOR_MS / 2);
    await redis.start();
    const restartedAt = Date.now();
    clock.mark('redisRestarted');
    const requests = await load;
    loadDone = true;
    const noIdRequests = await withoutIds;
    clock.mark('loadEnded');
    const { waited, probes } = await recoveryProbe({ url: set.balancer.url, apiKey: set.apiKey, idPrefix: 'redis-after' });
    const afterRecovery = await Promise.all(set.replicas.map((replica) => sampleStore(replica.url)));
    // Retries (the load generator's exact orders) of orders accepted before the kill: Redis' append-only file kept them.
    const acceptedBefore = requests.filter((request) => request.status === 202 && request.endedAt < killedAt).slice(0, 30);
    const retried = await Promise.all(
      acceptedBefore.map(({ id }) => postVia(set.balancer.url, 'balancer', set.apiKey, { id, equipment: ['KEYBOARD', 'MOUSE'], createdBy: 'FAULTS' })),
    );

    const inOutage = [...requests, ...noIdRequests].filter((request) => request.startedAt >= killedAt && request.endedAt <= restartedAt);
    const audit = await auditScenario({
      scenario: 'scale-redis-killed',
      bootstrap: cluster.bootstrap,
      topic: set.topic,
      requests: [...requests, ...noIdRequests, ...waited, ...probes],
      extra: {
        setup: { replicas: 3, brokers: 3, replicationFactor: 3, loadMs: LOAD_MS, concurrency: CONCURRENCY, publishTimeoutMs: PUBLISH_TIMEOUT_MS, killedPid },
        timelineMs: clock.marks,
        withId: statusHistogram(requests),
        withoutId: statusHistogram(noIdRequests),
        startedAndEndedInOutage: { withId: statusHistogram(inOutage.filter((r) => r.id.startsWith('redis-kill'))), withoutId: statusHistogram(inOutage.filter((r) => !r.id.startsWith('redis-kill'))) },
        duringOutage,
        afterRecovery,
        retriedAfterRestart: histogram(retried.map((answer) => `${answer.status}:${answer.replayed}`)),
      },
    });

    sentEarlier.push(...requests, ...noIdRequests, ...waited, ...probes);
    expectPromiseKept(audit);
    expectRecovered(probes);
    // The documented answers: with an id, 202 or 503 (never a network error or another status).
    expect(Object.keys(statusHistogram(requests)).sort()).toEqual(['202', '503']);
    // Without an id, orders kept flowing through the outage.
    expect(noIdRequests.filter((request) => request.startedAt >= killedAt && request.endedAt <= restartedAt).length).toBeGreaterThan(0);
    expect(statusHistogram(noIdRequests)).toEqual({ 202: noIdRequests.length });
    expect(duringOutage.map((sample) => [sample.ready, sample.idempotencyStore, sample.storeUpMetric])).toEqual(set.replicas.map(() => [200, 'unreachable', '0']));
    expect(afterRecovery.map((sample) => [sample.ready, sample.idempotencyStore, sample.storeUpMetric])).toEqual(set.replicas.map(() => [200, 'shared', '1']));
    expect(acceptedBefore.length).toBeGreaterThan(0);
    expect(retried.map((answer) => `${answer.status}:${answer.replayed}`)).toEqual(acceptedBefore.map(() => '202:true'));
  });

  it('takes a SIGKILLed replica out through the /ready health check; the others keep serving and nothing accepted is lost', async () => {
    const clock = timeline();
    const load = runLoad({ url: set.balancer.url, apiKey: set.apiKey, idPrefix: 'replica-kill', durationMs: LOAD_MS, concurrency: CONCURRENCY });
    await sleep(FAULT_AT_MS);
    const victim = set.replicas[1]!;
    victim.signal('SIGKILL');
    await victim.exited;
    const killedAt = Date.now();
    clock.mark('replicaKilled');
    let states = await set.balancer.serverStates();
    while (!states.r2?.startsWith('DOWN') && Date.now() - killedAt < 10_000) {
      await sleep(100);
      states = await set.balancer.serverStates();
    }
    const takenOutAt = Date.now();
    clock.mark('takenOut');
    const requests = await load;
    clock.mark('loadEnded');
    const { waited, probes } = await recoveryProbe({ url: set.balancer.url, apiKey: set.apiKey, idPrefix: 'replica-after' });

    const afterTakenOut = requests.filter((request) => request.startedAt > takenOutAt);
    const audit = await auditScenario({
      scenario: 'scale-replica-killed',
      bootstrap: cluster.bootstrap,
      topic: set.topic,
      requests: [...sentEarlier, ...requests, ...waited, ...probes],
      extra: {
        setup: { replicas: 3, brokers: 3, loadMs: LOAD_MS, concurrency: CONCURRENCY, killed: 'replica 2 (SIGKILL)', healthCheck: 'GET /ready every 500 ms, fall 2' },
        timelineMs: clock.marks,
        takenOutAfterMs: takenOutAt - killedAt,
        // The audit's counts include the first scenario's requests (one topic); this one's alone:
        thisScenario: statusHistogram([...requests, ...waited, ...probes]),
        balancerStates: states,
        afterTakenOut: statusHistogram(afterTakenOut),
      },
    });

    expectPromiseKept(audit);
    expectRecovered(probes);
    // "UP 1/2" is still in rotation (one check failed, `fall 2` needs two).
    expect(states).toMatchObject({ r1: expect.stringMatching(/^UP/), r3: expect.stringMatching(/^UP/), r2: expect.stringMatching(/^DOWN/) });
    expect(afterTakenOut.length).toBeGreaterThan(0);
    expect(statusHistogram(afterTakenOut)).toEqual({ 202: afterTakenOut.length });
  });
});
