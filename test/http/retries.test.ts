import { describe, expect, it } from 'vitest';
import { PublishError } from '../../src/orders/order-publisher.js';
import { expectProblem, useTestServer } from './test-server.js';

const V2 = '/api/v2/orders/computers';
const ORDER = { id: 'retry-1', created_by: 'USER14', equipment: ['MOUSE'] };
const server = useTestServer();

describe('retrying POST /api/v2/orders/computers with the same id', () => {
  it('answers 202 again, marked as a replay, and publishes once', async () => {
    const first = await server.post(V2, ORDER);
    const retry = await server.post(V2, ORDER);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('order-id')).toBe('retry-1');
    expect(server.publisher.published.filter(({ event }) => event.order_id === 'retry-1')).toHaveLength(1);
  });

  it('returns 409 naming id when the same id comes with different content', async () => {
    const problem = await expectProblem(await server.post(V2, { ...ORDER, equipment: ['MONITOR'] }), 409);
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/id' }));
  });

  it('publishes again when the first attempt got a 503, with the same event id', async () => {
    const order = { ...ORDER, id: 'retry-2' };
    server.publisher.failWith = new PublishError('timeout', { topic: 'computers' });
    expect((await server.post(V2, order)).status).toBe(503);
    server.publisher.failWith = undefined;
    expect((await server.post(V2, order)).status).toBe(202);
    const published = server.publisher.published.filter(({ event }) => event.order_id === 'retry-2');
    expect(published).toHaveLength(1);
  });

  it('treats orders without an id as new every time', async () => {
    const before = server.publisher.published.length;
    await server.post(V2, { created_by: 'USER14', equipment: ['MOUSE'] });
    await server.post(V2, { created_by: 'USER14', equipment: ['MOUSE'] });
    expect(server.publisher.published.length - before).toBe(2);
  });
});
