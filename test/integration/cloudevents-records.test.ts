/**
 * The records the real service publishes after real HTTP requests are
 * CloudEvents: the CloudEvents SDK for Python decodes each one (Kafka
 * binding, binary content mode) into the documented attributes, with the
 * order event as its data.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLOUDEVENTS_TYPE, EVENT_DATASCHEMA, type ComputerOrderEvent } from '../../src/orders/order-event.js';
import type { RunningService } from '../../src/service.js';
import { decodeWithCloudEventsSdk, type DecodedCloudEvent } from './cloudevents-sdk.js';
import { eventSchemaErrors } from './event-schema.js';
import { readTopic, uniqueTopic, type ReadRecord } from './kafka-reader.js';
import { postOrder, startRealService } from './service-harness.js';

const brokers = inject('kafkaBrokers');
const topic = uniqueTopic('cloudevents');
const ORIGINAL = { id: 'ce-1', status: 'Queued', created_at: '2020-10-16T10:31:10.969696', created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] };
let service: RunningService;
let records: ReadRecord[];
let decoded: Array<{ event?: DecodedCloudEvent; error?: string }>;
let v2OrderId: string;

beforeAll(async () => {
  service = await startRealService(brokers, topic);
  const legacy = await postOrder(service.url, '/api/orders/computers', ORIGINAL, { 'x-request-id': 'ce-legacy' });
  expect(legacy.status).toBe(202);
  const v2 = await postOrder(service.url, '/api/v2/orders/computers', { created_by: 'USER 😀', equipment: ['MONITOR'] }, { 'x-request-id': 'ce-v2' });
  expect(v2.status).toBe(202);
  v2OrderId = v2.headers.get('order-id') ?? '';
  records = await readTopic(brokers, topic, 2, 60_000);
  // The first run also makes the SDK's virtualenv (pip, from PyPI).
  decoded = await decodeWithCloudEventsSdk(records.map(({ raw }) => raw));
}, 300_000);
afterAll(() => service?.stop());

const pairs = () => records.map((record, index) => ({ record, value: JSON.parse(record.value) as ComputerOrderEvent, result: decoded[index]! }));

describe('records decoded by the CloudEvents SDK for Python', () => {
  it('decodes every record, the SDK refusing none', () => {
    expect(records.map(({ key }) => key).sort()).toEqual(['ce-1', v2OrderId].sort());
    expect(decoded.map(({ error }) => error)).toEqual([undefined, undefined]);
  });

  it('gives each the documented id, source, type, time, subject and dataschema', () => {
    for (const { value, result } of pairs()) {
      const event = result.event!;
      expect(event).toMatchObject({
        specversion: '1.0',
        id: value.event_id,
        source: `/computer-orders-api/${value.source}`,
        type: 'org.computer-orders.computer-order.created',
        subject: value.order_id,
        dataschema: 'urn:computer-orders:schema:computer-order-event:1',
        datacontenttype: 'application/json',
        partitionkey: value.order_id,
      });
      expect([event.type, event.dataschema]).toEqual([CLOUDEVENTS_TYPE, EVENT_DATASCHEMA]);
      // The SDK parses ce_time into a datetime; the instant is received_at's.
      expect(Date.parse(event.time ?? '')).toBe(Date.parse(value.received_at));
    }
  });

  it('names the path each order came through in its source', () => {
    const sources = Object.fromEntries(pairs().map(({ record, result }) => [record.key, result.event?.source]));
    expect(sources).toEqual({ 'ce-1': '/computer-orders-api/api/original', [v2OrderId]: '/computer-orders-api/api/v2' });
  });

  it('gives as data the order event itself, valid against the event schema', () => {
    for (const { value, result } of pairs()) {
      expect(result.event?.data).toEqual(value);
      expect(eventSchemaErrors(result.event?.data)).toEqual([]);
    }
    const v2 = pairs().find(({ record }) => record.key === v2OrderId)!;
    expect(v2.result.event?.data).toMatchObject({ created_by: 'USER 😀', source: 'api/v2', equipment: ['MONITOR'] });
  });

  it('keeps today’s headers beside the CloudEvents ones', () => {
    const legacy = records.find(({ key }) => key === 'ce-1')!;
    expect(legacy.headers).toMatchObject({ 'event-type': 'computer-order.created', 'event-schema-version': '1', 'request-id': 'ce-legacy' });
  });
});
