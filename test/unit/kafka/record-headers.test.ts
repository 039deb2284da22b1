import { describe, expect, it } from 'vitest';
import { toRecord } from '../../../src/kafka/kafka-order-publisher.js';
import { CLOUDEVENTS_TYPE, EVENT_DATASCHEMA, toOrderEvent } from '../../../src/orders/order-event.js';

const event = toOrderEvent({ id: 'order-1', created_by: 'USER14', equipment: ['MOUSE'] }, { source: 'api/v2', receivedAt: new Date() });
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('toRecord', () => {
  it('puts the W3C trace context in the record headers', () => {
    const { headers } = toRecord(event, { requestId: 'req-1', traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' });
    expect(headers).toMatchObject({ 'request-id': 'req-1', traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' });
  });

  it('adds no trace headers when the request carried none', () => {
    const { headers } = toRecord(event, { requestId: 'req-1' });
    expect(Object.keys(headers ?? {}).filter((name) => !name.startsWith('ce_')).sort()).toEqual([
      'content-type',
      'event-schema-version',
      'event-type',
      'request-id',
    ]);
  });

  it('carries the event as a CloudEvent in binary content mode, beside today’s headers', () => {
    const { headers, value } = toRecord(event, { requestId: 'req-1' });
    expect(headers).toEqual({
      'content-type': 'application/json',
      'event-type': 'computer-order.created',
      'event-schema-version': '1',
      'request-id': 'req-1',
      ce_specversion: '1.0',
      ce_id: event.event_id,
      ce_source: '/computer-orders-api/api/v2',
      ce_type: 'org.computer-orders.computer-order.created',
      ce_time: event.received_at,
      ce_subject: 'order-1',
      ce_dataschema: 'urn:computer-orders:schema:computer-order-event:1',
    });
    expect([CLOUDEVENTS_TYPE, EVENT_DATASCHEMA]).toEqual([headers?.ce_type, headers?.ce_dataschema]);
    // The value, the CloudEvent's data, is the event itself, unchanged.
    expect(JSON.parse(String(value))).toEqual(event);
  });

  it('names the path the order came through in ce_source', () => {
    const original = toOrderEvent({ id: '1', created_by: 'U', equipment: ['MOUSE'] }, { source: 'api/original', receivedAt: new Date() });
    expect(toRecord(original, { requestId: 'r' }).headers?.ce_source).toBe('/computer-orders-api/api/original');
  });
});
