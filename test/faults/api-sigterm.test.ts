/**
 * The API gets SIGTERM in the middle of a 30 s load; the load goes on
 * (connections are refused once it is gone). A fresh instance then takes
 * over the same topic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey, startApi, type ApiProcess } from './api-process.js';
import { keepBrokerLog, singleBroker, type SingleBroker } from './broker.js';
import { recoveryProbe, runLoad } from './load-generator.js';
import { sleep } from './paths.js';
import { auditScenario, expectPromiseKept, expectRecovered, timeline } from './scenario.js';

const SCENARIO = 'api-sigterm';
// Same broker ports as broker-killed.test.ts: the faults project runs its files one at a time.
const BROKER_PORT = 23092;
const CONTROLLER_PORT = 23093;
const API_PORT = 23191;
const SUCCESSOR_API_PORT = 23192;
const LOAD_MS = 30_000;
const SIGTERM_AT_MS = 12_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

const apiKey = newApiKey();
const topic = `faults-sigterm-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'faults-sigterm-'));
let broker: SingleBroker | undefined;
let api: ApiProcess | undefined;
let successor: ApiProcess | undefined;

const apiOptions = (port: number, logName: string) => ({
  port,
  brokers: broker?.bootstrap ?? '',
  topic,
  apiKey,
  logName,
  env: { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), LOG_LEVEL: 'info' },
});

beforeAll(async () => {
  broker = singleBroker({ port: BROKER_PORT, controllerPort: CONTROLLER_PORT, dataDir: join(dir, 'broker') });
  await broker.start();
  api = await startApi(apiOptions(API_PORT, `${SCENARIO}-api.log`));
}, 300_000);

afterAll(async () => {
  await Promise.all([api?.stop(), successor?.stop()]);
  if (broker) {
    keepBrokerLog(broker.dataDir, `${SCENARIO}-broker.log`);
    await broker.wipe().catch((err: unknown) => console.error(`[${SCENARIO}] stopping the broker failed`, err));
  }
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('when the API receives SIGTERM under load', () => {
  it('answers what it accepted, publishes every 202 exactly once and exits 0', async () => {
    if (!api || !broker) throw new Error('set-up failed');
    const clock = timeline();
    const stats = { inFlight: 0 };
    const load = runLoad({ url: api.url, apiKey, idPrefix: 'term', durationMs: LOAD_MS, stats });

    await sleep(SIGTERM_AT_MS);
    // Signal while requests are under way, so there is something in flight to finish.
    const waitUntil = Date.now() + 5000;
    while (stats.inFlight < 10 && Date.now() < waitUntil) await new Promise((resolve) => setImmediate(resolve));
    // Let the clock tick once, so every request started so far has startedAt < sigtermAt.
    for (const now = Date.now(); Date.now() === now; );
    const sigtermAt = Date.now();
    api.signal('SIGTERM');
    clock.mark('sigterm');
    const exitCode = await Promise.race([api.exited, sleep(SHUTDOWN_TIMEOUT_MS + 5000).then(() => 'still running' as const)]);
    const exitedAt = Date.now();
    clock.mark('apiExited');
    const requests = await load;
    clock.mark('loadEnded');

    // A fresh instance on the same topic: the service is back once restarted.
    successor = await startApi(apiOptions(SUCCESSOR_API_PORT, `${SCENARIO}-successor-api.log`));
    const { waited, probes } = await recoveryProbe({ url: successor.url, apiKey, idPrefix: 'term-after' });
    clock.mark('successorProbed');

    const inFlight = requests.filter((request) => request.startedAt < sigtermAt && request.endedAt >= sigtermAt);
    const duringShutdown = requests.filter((request) => request.startedAt >= sigtermAt && request.startedAt < exitedAt);
    const summary = (list: typeof requests) => {
      const kinds: Record<string, number> = {};
      for (const { status, error } of list) kinds[error ?? String(status)] = (kinds[error ?? String(status)] ?? 0) + 1;
      return kinds;
    };
    const audit = await auditScenario({
      scenario: SCENARIO,
      bootstrap: broker.bootstrap,
      topic,
      requests: [...requests, ...waited, ...probes],
      extra: {
        setup: { loadMs: LOAD_MS, concurrency: 20, shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS, partitions: 3, replicationFactor: 1 },
        timelineMs: clock.marks,
        exitCode,
        shutdownMs: exitedAt - sigtermAt,
        inFlightAtSigterm: summary(inFlight),
        startedDuringShutdown: summary(duringShutdown),
        successor: { waitedFor202: waited.length, probes: probes.map((probe) => probe.status) },
      },
    });

    expect(exitCode, 'exit code after SIGTERM').toBe(0);
    expectPromiseKept(audit);
    // Every order the API published was answered: none reached the topic
    // while its client saw the connection fail.
    expect(audit.counts.networkPresent, 'published but never answered').toBe(0);
    // The broker was healthy throughout: a draining API answers 202, never 5xx.
    expect(audit.counts.rejected5xx).toBe(0);
    // Requests under way at the signal were answered 202: one already written on an
    // open connection is read during the drain's grace, never reset; only a new
    // connection, opened once the listener was closed, can be refused.
    expect(inFlight.some((request) => request.status === 202)).toBe(true);
    const notAnswered = inFlight.filter((request) => request.status !== 202);
    expect(notAnswered.map((request) => request.error)).toEqual(notAnswered.map(() => 'ECONNREFUSED'));
    expectRecovered(probes);
  }, 180_000);
});
