/**
 * Two real apps in-process sharing one idempotency store (a plain fake of
 * the Redis operations; the real Redis is proven in test/scale/).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderFingerprint, toOrderEvent } from '../../src/orders/order-event.js';
import { createSharedIdempotency } from '../../src/orders/shared-idempotency.js';
import { createFakeReservations } from '../unit/orders/memory-reservations.js';
import { RETRY_AFTER_SECONDS, expectProblem, startTestServer, type TestServer } from './test-server.js';

const V2 = '/api/v2/orders/computers';
const reservations = createFakeReservations();
const replica = () => createSharedIdempotency({ reservations, windowMs: 60_000, waitMs: 500, leaseMs: 2000, pollMs: 5 });
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer({ idempotencyStore: replica() }), startTestServer({ idempotencyStore: replica() })]);
});
afterAll(() => Promise.all([a.close(), b.close()]));
beforeEach(() => {
  reservations.down = false;
  reservations.entries.clear();
  a.publisher.reset();
  b.publisher.reset();
});

const published = () => [...a.publisher.published, ...b.publisher.published].map(({ event }) => event.order_id);

describe('POST /api/v2/orders/computers on two replicas sharing the idempotency store', () => {
  it('publishes a retry sent to the other replica once and marks it as a replay', async () => {
    const order = { id: 'shared-1', created_by: 'USER14', equipment: ['MOUSE'] };
    const first = await a.post(V2, order);
    const retry = await b.post(V2, order);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(published()).toEqual(['shared-1']);
  });

  it('returns 409 naming id on the other replica when the content differs', async () => {
    await a.post(V2, { id: 'shared-2', created_by: 'USER14', equipment: ['MOUSE'] });
    const problem = await expectProblem(await b.post(V2, { id: 'shared-2', created_by: 'USER14', equipment: ['MONITOR'] }), 409);
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/id' }));
    expect(published()).toEqual(['shared-2']);
  });

  it('returns 503 with Retry-After for an id still unresolved on the other replica, publishing nothing', async () => {
    const order = { id: 'shared-3', created_by: 'USER14', equipment: ['MOUSE' as const] };
    const fingerprint = orderFingerprint(order, toOrderEvent(order, { source: 'api/v2', receivedAt: new Date() }));
    reservations.entries.set('shared-3', { state: 'P', holder: 'a replica that died mid-publish', fingerprint });
    const response = await b.post(V2, order);
    const problem = await expectProblem(response, 503);
    expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(problem.detail).toMatch(/still being published by an earlier request/);
    expect(published()).toEqual([]);
  });

  it('while the store is unreachable: 503 for orders with an id, 202 for orders without, and /ready says so', async () => {
    reservations.down = true;
    const withId = await a.post(V2, { id: 'shared-4', created_by: 'USER14', equipment: ['MOUSE'] });
    const problem = await expectProblem(withId, 503);
    expect(withId.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(problem.detail).toMatch(/idempotency store is unreachable/);
    expect(problem.detail).not.toMatch(/ECONNREFUSED/);
    expect((await a.post(V2, { created_by: 'USER14', equipment: ['MOUSE'] })).status).toBe(202);
    const ready = await fetch(`${a.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', idempotency_store: 'unreachable' });
    expect(published()).toHaveLength(1);
    expect(published()).not.toContain('shared-4');

    reservations.down = false;
    expect((await a.post(V2, { id: 'shared-4', created_by: 'USER14', equipment: ['MOUSE'] })).status).toBe(202);
    expect(await (await fetch(`${a.url}/ready`)).json()).toMatchObject({ idempotency_store: 'shared' });
  });
});
