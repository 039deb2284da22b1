import { beforeAll, describe, expect, it } from 'vitest';
import { ProblemError, createOrdersClient, type OrdersClient } from '../../src/client.js';
import { PublishError } from '../../src/orders/order-publisher.js';
import { TEST_API_KEY, useTestServer } from './test-server.js';

const server = useTestServer();
let orders: OrdersClient;

beforeAll(() => {
  orders = createOrdersClient({ baseUrl: server.url, apiKey: TEST_API_KEY });
});

describe('the typed client (computer-orders-api/client)', () => {
  it('creates a v2 order and returns the order and request ids', async () => {
    const accepted = await orders.createComputerOrder({ created_by: 'USER14', equipment: ['MOUSE'] }, { requestId: 'client-1' });
    expect(accepted).toEqual({ orderId: server.publisher.published[0]?.event.order_id, requestId: 'client-1' });
  });

  it('creates an order on the original path', async () => {
    const accepted = await orders.createLegacyComputerOrder({ id: '1', created_at: '2020-10-16T10:31:10.969696', created_by: 'USER14', equipment: ['KEYBOARD'] });
    expect(accepted.orderId).toBe('1');
  });

  it('surfaces a 400 as a ProblemError carrying the field errors', async () => {
    // Cast: the compiler already refuses this order; the server must refuse it too.
    const invalid = { created_by: 'USER14', equipment: ['PRINTER'] } as unknown as Parameters<OrdersClient['createComputerOrder']>[0];
    const error = await orders.createComputerOrder(invalid).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    const problem = (error as ProblemError).problem;
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/equipment/0' }));
    expect((error as ProblemError).retriable).toBe(false);
  });

  it('surfaces a 503 as a retriable ProblemError', async () => {
    server.publisher.failWith = new PublishError('timeout', { topic: 'computers' });
    const error = (await orders.createComputerOrder({ created_by: 'U', equipment: ['MOUSE'] }).catch((caught: unknown) => caught)) as ProblemError;
    expect(error.status).toBe(503);
    expect(error.retriable).toBe(true);
    expect(error.message).toMatch(/^503 Service Unavailable: The order was not acknowledged in time/);
  });

  it('reports readiness', async () => {
    server.publisher.readinessResult = { ready: false, reason: 'down' };
    expect(await orders.isReady()).toBe(false);
    server.publisher.readinessResult = { ready: true };
    expect(await orders.isReady()).toBe(true);
  });
});
