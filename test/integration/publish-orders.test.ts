import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { eventSchemaErrors } from './event-schema.js';
import { readTopic, topicSize, uniqueTopic, type ReadRecord } from './kafka-reader.js';
import { postOrder, startRealService } from './service-harness.js';

const brokers = inject('kafkaBrokers');
const topic = uniqueTopic('publish');
const ORIGINAL = { id: '1', status: 'Queued', created_at: '2020-10-16T10:31:10.969696', created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] };
let service: RunningService;
let records: ReadRecord[];
let v2OrderId: string | null;
let recordsInTopic: number;

beforeAll(async () => {
  service = await startRealService(brokers, topic);
  // Invalid requests first: none of them may reach the topic.
  const rejected = await Promise.all([
    postOrder(service.url, '/api/v2/orders/computers', { created_by: 'USER14' }),
    postOrder(service.url, '/api/v2/orders/computers', { created_by: 'USER14', equipment: ['PRINTER'] }),
    postOrder(service.url, '/api/orders/computers', { ...ORIGINAL, extra: true }),
    postOrder(service.url, '/api/orders/computers', '{"id":'),
    postOrder(service.url, '/api/orders/computers', 'id=1', { 'content-type': 'text/plain' }),
    postOrder(service.url, '/api/v2/orders/computers', { created_by: 'U', equipment: ['MOUSE'], pad: 'x'.repeat(20_000) }),
  ]);
  expect(rejected.map((response) => response.status)).toEqual([400, 400, 400, 400, 415, 413]);

  const legacy = await postOrder(service.url, '/api/orders/computers', ORIGINAL, { 'x-request-id': 'legacy-req-1' });
  expect(legacy.status).toBe(202);
  const v2 = await postOrder(service.url, '/api/v2/orders/computers', { created_by: 'USER15', equipment: ['MONITOR'] }, { 'x-request-id': 'v2-req-1' });
  expect(v2.status).toBe(202);
  v2OrderId = v2.headers.get('order-id');
  // Read the two accepted ones (a consumer group may take a while to join on a busy
  // machine), then ask the broker how many the topic holds, so a stray record shows up.
  records = await readTopic(brokers, topic, 2, 60_000);
  recordsInTopic = await topicSize(brokers, topic);
});
afterAll(() => service?.stop());

describe('publishing accepted orders to a real broker', () => {
  it('publishes exactly the two accepted orders and nothing of the rejected ones', () => {
    expect(records.map((record) => record.key).sort()).toEqual(['1', v2OrderId].sort());
    expect(recordsInTopic).toBe(2);
  });

  it('publishes the original path’s order keyed by its id, as a valid event in UTC', () => {
    const record = records.find((candidate) => candidate.key === '1')!;
    const event = JSON.parse(record.value) as { event_id: string; received_at: string };
    expect(eventSchemaErrors(event)).toEqual([]);
    expect(event).toMatchObject({ order_id: '1', created_at: '2020-10-16T10:31:10.969696Z', source: 'api/original', equipment: ['KEYBOARD', 'MOUSE'] });
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      'event-type': 'computer-order.created',
      'event-schema-version': '1',
      'request-id': 'legacy-req-1',
      // CloudEvents, binary content mode (cloudevents-records.test.ts decodes them with the SDK).
      ce_specversion: '1.0',
      ce_id: event.event_id,
      ce_source: '/computer-orders-api/api/original',
      ce_type: 'org.computer-orders.computer-order.created',
      ce_time: event.received_at,
      ce_subject: '1',
      ce_dataschema: 'urn:computer-orders:schema:computer-order-event:1',
    });
  });

  it('publishes the v2 order under the id the client learned from Order-Id', () => {
    const record = records.find((candidate) => candidate.key === v2OrderId)!;
    const event = JSON.parse(record.value) as { order_id: string };
    expect(eventSchemaErrors(event)).toEqual([]);
    expect(event).toMatchObject({ order_id: v2OrderId, status: 'Queued', source: 'api/v2', created_by: 'USER15' });
    expect(record.headers['request-id']).toBe('v2-req-1');
  });

  it('reports ready once the producer is connected and the topic exists', async () => {
    const response = await fetch(`${service.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', topic, idempotency_store: 'memory' });
  });
});

describe('publishing many concurrent orders', () => {
  it('acknowledges each one and lands each one exactly once', async () => {
    const concurrentTopic = uniqueTopic('concurrent');
    const concurrent = await startRealService(brokers, concurrentTopic);
    try {
      const ids = Array.from({ length: 200 }, (_, index) => `c-${index}`);
      const responses = await Promise.all(
        ids.map((id) => postOrder(concurrent.url, '/api/v2/orders/computers', { id, created_by: 'LOAD', equipment: ['MOUSE'] })),
      );
      expect(responses.every((response) => response.status === 202)).toBe(true);
      const landed = await readTopic(brokers, concurrentTopic, ids.length + 1, 5_000);
      expect(landed.map((record) => record.key).sort()).toEqual([...ids].sort());
    } finally {
      await concurrent.stop();
    }
  });
});
