import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { PublishError } from '../../src/orders/order-publisher.js';
import { RETRY_AFTER_SECONDS, useGrpcTestServer } from './grpc-test-server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const server = useGrpcTestServer();

describe('computer_orders.v1.ComputerOrderService/CreateComputerOrder', () => {
  it('answers OK with a generated order id once the order is published', async () => {
    const result = await server.create({ created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] });
    expect(result.code).toBe(status.OK);
    expect(result.response?.order_id).toMatch(UUID);
    expect(result.response?.replayed).toBe(false);
    expect(server.publisher.published).toHaveLength(1);
    expect(server.publisher.published[0]!.event).toMatchObject({
      order_id: result.response?.order_id,
      status: 'Queued',
      created_by: 'USER14',
      equipment: ['KEYBOARD', 'MOUSE'],
      source: 'api/v2',
    });
  });

  it('keeps the client id, maps QUEUED to Queued, normalises created_at and carries the request id and trace context', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const result = await server.create(
      { id: 'order-2026-0001', status: 'QUEUED', created_at: '2026-11-27T09:15:00.123+01:00', created_by: 'USER14', equipment: ['MONITOR'] },
      { 'x-request-id': 'req-42', traceparent, tracestate: 'vendor=1' },
    );
    expect(result.code).toBe(status.OK);
    expect(result.response?.order_id).toBe('order-2026-0001');
    expect(result.headers?.get('x-request-id')).toEqual(['req-42']);
    const [{ event, metadata }] = server.publisher.published as [(typeof server.publisher.published)[number]];
    expect(event).toMatchObject({ status: 'Queued', created_at: '2026-11-27T08:15:00.123Z' });
    expect(metadata).toEqual({ requestId: 'req-42', traceparent, tracestate: 'vendor=1' });
  });

  it('answers a retry with the same id and content with replayed=true and publishes once', async () => {
    const order = { id: 'retried-1', created_by: 'U', equipment: ['MOUSE'] };
    expect((await server.create(order)).response?.replayed).toBe(false);
    expect((await server.create(order)).response).toMatchObject({ order_id: 'retried-1', replayed: true });
    expect(server.publisher.published).toHaveLength(1);
  });

  it('answers ALREADY_EXISTS to the same id with other content', async () => {
    await server.create({ id: 'reused-1', created_by: 'U', equipment: ['MOUSE'] });
    const result = await server.create({ id: 'reused-1', created_by: 'U', equipment: ['WEBCAM'] });
    expect(result.code).toBe(status.ALREADY_EXISTS);
    expect(result.message).toBe('Order id "reused-1" was accepted recently with different content. Use a new id for a new order.');
    expect(server.publisher.published).toHaveLength(1);
  });

  it('answers UNAVAILABLE with RetryInfo when the broker does not acknowledge', async () => {
    server.publisher.failWith = new PublishError('timeout', { topic: 'computers' });
    const result = await server.create({ created_by: 'U', equipment: ['MOUSE'] });
    expect(result.code).toBe(status.UNAVAILABLE);
    expect(result.message).toBe('The order was not acknowledged in time. Retry it with the same id.');
    expect(result.status).toMatchObject({ code: status.UNAVAILABLE, retryDelaySeconds: RETRY_AFTER_SECONDS });
  });

  it('answers INTERNAL without internals when the broker denies the write or something unexpected fails', async () => {
    server.publisher.failWith = new PublishError('unauthorized', { topic: 'computers', code: 'TOPIC_AUTHORIZATION_FAILED' });
    expect(await server.create({ created_by: 'U', equipment: ['MOUSE'] })).toMatchObject({ code: status.INTERNAL, message: 'The order could not be published.' });
    server.publisher.failWith = new TypeError('cannot read secret of undefined');
    expect(await server.create({ created_by: 'U', equipment: ['MOUSE'] })).toMatchObject({ code: status.INTERNAL, message: 'An unexpected error occurred.' });
  });

  it('answers DEADLINE_EXCEEDED, saying the order may have been published, when the deadline passes before the acknowledgement', async () => {
    const slow = server.publisher.publish;
    server.publisher.publish = (event, metadata) => new Promise((resolve) => setTimeout(resolve, 500)).then(() => slow(event, metadata));
    try {
      const result = await server.create({ id: 'slow-1', created_by: 'U', equipment: ['MOUSE'] }, {}, { deadlineMs: 200 });
      expect(result.code).toBe(status.DEADLINE_EXCEEDED);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // It was published after all: the retry with the same id is a replay.
      expect(server.publisher.published).toHaveLength(1);
      expect((await server.create({ id: 'slow-1', created_by: 'U', equipment: ['MOUSE'] })).response?.replayed).toBe(true);
    } finally {
      server.publisher.publish = slow;
    }
  });

  it('answers INVALID_ARGUMENT naming the metadata when x-request-id is malformed', async () => {
    const result = await server.create({ created_by: 'U', equipment: ['MOUSE'] }, { 'x-request-id': 'a b' });
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.message).toMatch(/x-request-id/);
    expect(server.publisher.published).toHaveLength(0);
  });
});
