import { describe, expect, it } from 'vitest';
import { toRecord } from '../../../src/kafka/kafka-order-publisher.js';
import { toOrderEvent } from '../../../src/orders/order-event.js';

const event = toOrderEvent({ id: 'order-1', created_by: 'USER14', equipment: ['MOUSE'] }, { source: 'api/v2', receivedAt: new Date() });
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('toRecord', () => {
  it('puts the W3C trace context in the record headers', () => {
    const { headers } = toRecord(event, { requestId: 'req-1', traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' });
    expect(headers).toMatchObject({ 'request-id': 'req-1', traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' });
  });

  it('adds no trace headers when the request carried none', () => {
    const { headers } = toRecord(event, { requestId: 'req-1' });
    expect(Object.keys(headers ?? {}).sort()).toEqual(['content-type', 'event-schema-version', 'event-type', 'request-id']);
  });
});
