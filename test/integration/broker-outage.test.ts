import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { status } from '@grpc/grpc-js';
import { startBroker, stopBroker } from './broker.js';
import { createOrderClient } from './grpc-client.js';
import { readTopic, uniqueTopic } from './kafka-reader.js';
import { postOrder, startRealService } from './service-harness.js';

// A broker of its own, so stopping it disturbs no other test.
const PORT = 29192;
const PUBLISH_TIMEOUT_MS = 2000;
const topic = uniqueTopic('outage');
const order = (id: string) => ({ id, created_by: 'USER14', equipment: ['MOUSE'] });
let brokers: string;
let service: RunningService;
// Every line the service logs, as written: the outage must leave no broker address or kafkajs text in them.
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
// What kafkajs and the socket say of a lost broker, and a stack into kafkajs.
const KAFKA_CLIENT_TEXT = /ECONN[A-Z]+|ETIMEDOUT|EPIPE|node_modules\/kafkajs/;

async function untilAccepted(id: string, deadlineMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const response = await postOrder(service.url, '/api/v2/orders/computers', order(id));
    if (response.status === 202 || Date.now() - start > deadlineMs) return response.status;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

beforeAll(async () => {
  brokers = await startBroker(PORT);
  service = await startRealService(brokers, topic, { PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS), RETRY_AFTER_SECONDS: '3' }, logger);
}, 300_000);
afterAll(async () => {
  await service?.stop();
  await stopBroker(PORT, { wipe: true });
}, 120_000);

describe('when the broker stops and comes back', () => {
  // The body, /ready, /metrics and the logs say what failed in our words, never in kafkajs' or with a broker's address.
  it('answers 503 within the publish timeout, reports not ready without the client’s text, then recovers without a restart', async () => {
    expect((await postOrder(service.url, '/api/v2/orders/computers', order('before'))).status).toBe(202);

    await stopBroker(PORT);
    const linesBefore = logLines.length;
    const started = Date.now();
    const during = await postOrder(service.url, '/api/v2/orders/computers', order('during'));
    const elapsed = Date.now() - started;
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('3');
    expect(during.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(elapsed).toBeLessThan(PUBLISH_TIMEOUT_MS + 1500);
    const duringBody = await during.text();
    // The same over gRPC: UNAVAILABLE with the same message and RetryInfo, and health NOT_SERVING like /ready.
    const grpc = createOrderClient(service.grpcAddress!);
    const duringGrpc = await grpc.create(order('during-grpc'));
    expect(duringGrpc).toMatchObject({ code: status.UNAVAILABLE, status: { retryDelaySeconds: 3 } });
    expect(duringGrpc.message).toMatch(/^The order (was not acknowledged in time|could not be published right now)\. Retry it with the same id\.$/);
    await expect.poll(() => grpc.health(), { timeout: 5000 }).toBe('NOT_SERVING');
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(503);
    const readyBody = await ready.text();
    expect((JSON.parse(readyBody) as { detail: string }).detail).toMatch(/not reachable|does not exist/);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/kafka_broker_errors_total\{kind="(timeout|unavailable)"\} [1-9]/);

    const afterFailure = logLines.slice(linesBefore).join('');
    expect(afterFailure).toMatch(/publish|readiness/); // the failure was logged, in our words
    for (const text of [duringBody, duringGrpc.message ?? '', readyBody, metrics, afterFailure]) {
      expect(text).not.toContain(brokers);
      expect(text).not.toContain(`:${PORT}`);
      expect(text).not.toMatch(KAFKA_CLIENT_TEXT);
    }

    await startBroker(PORT);
    expect(await untilAccepted('after', 60_000)).toBe(202);
    expect((await fetch(`${service.url}/ready`)).status).toBe(200);
    await expect.poll(() => grpc.health(), { timeout: 5000 }).toBe('SERVING');
    grpc.close();

    const keys = (await readTopic(brokers, topic, 5, 10_000)).map((record) => record.key);
    expect(keys.filter((key) => key === 'before')).toHaveLength(1);
    expect(keys.filter((key) => key === 'after')).toHaveLength(1);
    // "during" was answered 503: it may be absent or present once, never twice.
    expect(keys.filter((key) => key === 'during').length).toBeLessThanOrEqual(1);
    expect(keys.filter((key) => key === 'during-grpc').length).toBeLessThanOrEqual(1);
  }, 180_000);
});
