import { describe, expect, it } from 'vitest';
import { PublishError } from '../../src/orders/order-publisher.js';
import { REFUSED_ORDERS } from './order-cases.js';
import { BODY_LIMIT_BYTES, RETRY_AFTER_SECONDS, expectProblem, useTestServer } from './test-server.js';

const PATH = '/api/v2/orders/computers';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const server = useTestServer();

describe('POST /api/v2/orders/computers', () => {
  it('returns 202 with an empty body and the generated order id in Order-Id', async () => {
    const response = await server.post(PATH, { created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    const orderId = response.headers.get('order-id');
    expect(orderId).toMatch(UUID);
    expect(response.headers.get('deprecation')).toBeNull();
    expect(server.publisher.published).toHaveLength(1);
    expect(server.publisher.published[0]!.event).toMatchObject({ order_id: orderId, status: 'Queued', source: 'api/v2' });
  });

  it('keeps the client id, normalises created_at to UTC and carries the request id', async () => {
    const response = await server.post(
      PATH,
      { id: 'order-2026-0001', status: 'Queued', created_at: '2026-11-27T09:15:00.123+01:00', created_by: 'USER14', equipment: ['MONITOR'] },
      { 'x-request-id': 'req-42' },
    );
    expect(response.status).toBe(202);
    expect(response.headers.get('order-id')).toBe('order-2026-0001');
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const [{ event, metadata }] = server.publisher.published as [(typeof server.publisher.published)[number]];
    expect(event.created_at).toBe('2026-11-27T08:15:00.123Z');
    expect(metadata.requestId).toBe('req-42');
  });

  it.each(REFUSED_ORDERS)('returns 400 naming the field when %s', async (_case, body, pointer) => {
    const problem = await expectProblem(await server.post(PATH, body), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ location: 'body', pointer }));
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 400 naming the header when X-Request-Id is malformed', async () => {
    const problem = await expectProblem(await server.post(PATH, { created_by: 'U', equipment: ['MOUSE'] }, { 'x-request-id': 'a b' }), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ location: 'header' }));
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 400 when the body is not valid JSON', async () => {
    const problem = await expectProblem(await server.post(PATH, '{"created_by": "U",'), 400);
    expect(problem.detail).toMatch(/not valid JSON/);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 415 when the body is not JSON', async () => {
    await expectProblem(await server.post(PATH, 'created_by=U', { 'content-type': 'text/plain' }), 415);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 413 when the body is larger than the limit', async () => {
    const problem = await expectProblem(await server.post(PATH, { created_by: 'U', equipment: ['MOUSE'], pad: 'x'.repeat(BODY_LIMIT_BYTES) }), 413);
    expect(problem.detail).toContain(String(BODY_LIMIT_BYTES));
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 503 with Retry-After when the broker does not acknowledge', async () => {
    server.publisher.failWith = new PublishError('timeout', { topic: 'computers' });
    const response = await server.post(PATH, { created_by: 'U', equipment: ['MOUSE'] });
    expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    const problem = await expectProblem(response, 503);
    expect(problem.detail).toBe('The order was not acknowledged in time. Retry it with the same id.');
  });

  it('returns 500 with a generic message when the broker denies the write', async () => {
    server.publisher.failWith = new PublishError('unauthorized', { topic: 'computers', code: 'TOPIC_AUTHORIZATION_FAILED' });
    const response = await server.post(PATH, { created_by: 'U', equipment: ['MOUSE'] });
    expect(response.headers.get('retry-after')).toBeNull();
    const problem = await expectProblem(response, 500);
    expect(problem.detail).toBe('The order could not be published.');
  });

  it('returns 500 without internals on an unexpected error', async () => {
    server.publisher.failWith = new TypeError('cannot read secret of undefined');
    const problem = await expectProblem(await server.post(PATH, { created_by: 'U', equipment: ['MOUSE'] }), 500);
    expect(problem.detail).toBe('An unexpected error occurred.');
  });
});
