import { describe, expect, it } from 'vitest';
import { toOrderEvent } from '../../../src/orders/order-event.js';

const receivedAt = new Date('2026-11-27T17:40:00.000Z');

describe('toOrderEvent', () => {
  it('normalises an original-path order into a version 1 event', () => {
    const event = toOrderEvent(
      { id: '1', status: 'Queued', created_at: '2020-10-16T10:31:10.969696', created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] },
      { source: 'api/original', receivedAt },
    );
    expect(event).toEqual({
      schema_version: 1,
      event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event_type: 'computer-order.created',
      order_id: '1',
      status: 'Queued',
      created_at: '2020-10-16T10:31:10.969696Z',
      received_at: '2026-11-27T17:40:00.000Z',
      created_by: 'USER14',
      equipment: ['KEYBOARD', 'MOUSE'],
      source: 'api/original',
    });
  });

  it('fills the id, status and created_at the client left out', () => {
    const event = toOrderEvent({ created_by: 'USER14', equipment: ['WEBCAM'] }, { source: 'api/v2', receivedAt, newOrderId: () => 'generated-id' });
    expect(event).toMatchObject({ order_id: 'generated-id', status: 'Queued', created_at: '2026-11-27T17:40:00.000Z', source: 'api/v2' });
  });

  it('derives the same event id from the same order id, and different ones otherwise', () => {
    const order = { id: 'order-7', created_by: 'USER14', equipment: ['MOUSE' as const] };
    const first = toOrderEvent(order, { source: 'api/v2', receivedAt });
    const retry = toOrderEvent(order, { source: 'api/v2', receivedAt: new Date() });
    const other = toOrderEvent({ ...order, id: 'order-8' }, { source: 'api/v2', receivedAt });
    expect(retry.event_id).toBe(first.event_id);
    expect(other.event_id).not.toBe(first.event_id);
  });

  it('copies the equipment list rather than sharing it', () => {
    const equipment: Array<'MOUSE' | 'MONITOR'> = ['MOUSE'];
    const event = toOrderEvent({ created_by: 'USER14', equipment }, { source: 'api/v2', receivedAt });
    equipment.push('MONITOR');
    expect(event.equipment).toEqual(['MOUSE']);
  });
});
