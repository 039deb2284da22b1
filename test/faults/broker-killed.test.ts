/**
 * The single broker is SIGKILLed in the middle of a 40 s load and restarted
 * (same port, same data) a few seconds later; the API is never restarted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey, startApi, type ApiProcess } from './api-process.js';
import { keepBrokerLog, killBroker, singleBroker, type SingleBroker } from './broker.js';
import { recoveryProbe, runLoad } from './load-generator.js';
import { sleep } from './paths.js';
import { auditScenario, expectPromiseKept, expectRecovered, timeline } from './scenario.js';

const SCENARIO = 'broker-killed';
const BROKER_PORT = 23092;
const CONTROLLER_PORT = 23093;
// Every fixed port here is below Linux's ephemeral range (32768-60999), so no
// outgoing connection can be holding one when a broker or the API starts.
const API_PORT = 23190;
const LOAD_MS = 40_000;
const KILL_AT_MS = 8_000;
const DOWN_FOR_MS = 5_000;
const PUBLISH_TIMEOUT_MS = 3000;

const apiKey = newApiKey();
const topic = `faults-kill-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'faults-kill-'));
let broker: SingleBroker | undefined;
let api: ApiProcess | undefined;

beforeAll(async () => {
  broker = singleBroker({ port: BROKER_PORT, controllerPort: CONTROLLER_PORT, dataDir: join(dir, 'broker') });
  await broker.start();
  api = await startApi({
    port: API_PORT,
    brokers: broker.bootstrap,
    topic,
    apiKey,
    logName: `${SCENARIO}-api.log`,
    env: { PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS) },
  });
}, 300_000);

afterAll(async () => {
  await api?.stop();
  if (broker) {
    keepBrokerLog(broker.dataDir, `${SCENARIO}-broker.log`);
    await broker.wipe().catch((err: unknown) => console.error(`[${SCENARIO}] stopping the broker failed`, err));
  }
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('when the only broker is SIGKILLed and restarted under load', () => {
  it('keeps every 202 in the topic exactly once and serves 202 again without an API restart', async () => {
    if (!api || !broker) throw new Error('set-up failed');
    const { url } = api;
    const clock = timeline();
    const load = runLoad({ url, apiKey, idPrefix: 'kill', durationMs: LOAD_MS });

    await sleep(KILL_AT_MS);
    const killedPid = await killBroker(broker.dataDir);
    clock.mark('brokerKilled');
    await sleep(DOWN_FOR_MS);
    clock.mark('brokerRestarting');
    await broker.start();
    clock.mark('brokerReady');
    const requests = await load;
    clock.mark('loadEnded');
    const { waited, probes } = await recoveryProbe({ url, apiKey, idPrefix: 'kill-after' });
    clock.mark('recoveryProbed');

    const audit = await auditScenario({
      scenario: SCENARIO,
      bootstrap: broker.bootstrap,
      topic,
      requests: [...requests, ...waited, ...probes],
      extra: {
        setup: { loadMs: LOAD_MS, concurrency: 20, publishTimeoutMs: PUBLISH_TIMEOUT_MS, killedPid, partitions: 3, replicationFactor: 1 },
        timelineMs: clock.marks,
        recovery: { waitedFor202: waited.length, probes: probes.map((probe) => probe.status) },
      },
    });

    expectPromiseKept(audit);
    expectRecovered(probes);
    // The fault was felt: some requests were refused while the broker was down.
    expect(audit.counts.rejected5xx + audit.counts.networkErrors).toBeGreaterThan(0);
    expect(api.pid).toBeGreaterThan(0);
  }, 180_000);
});
