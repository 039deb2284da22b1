import { describe, expect, it, onTestFinished } from 'vitest';
import type { OrderPublisher } from '../../src/orders/order-publisher.js';
import { RETRY_AFTER_SECONDS, expectProblem, useTestServer } from './test-server.js';

const PATH = '/api/v2/orders/computers';
const LEGACY = '/api/orders/computers';
const ORDER = { created_by: 'USER14', equipment: ['KEYBOARD'] };
const MAX_PENDING_ORDERS = 3;
const server = useTestServer({ maxPendingOrders: MAX_PENDING_ORDERS });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejectedSoFar(): Promise<number> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const line = metrics.split('\n').find((candidate) => candidate.startsWith('orders_rejected_overload_total '));
  return Number(line?.split(' ')[1]);
}

/** Makes every publish wait, as for a broker that does not acknowledge, until `release()`. */
function holdPublishes(): { waiting: () => number; release: () => void; restore: () => void } {
  const publish: OrderPublisher['publish'] = server.publisher.publish;
  let waiting = 0;
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  server.publisher.publish = async (event, metadata) => {
    waiting++;
    await gate;
    return publish(event, metadata);
  };
  return { waiting: () => waiting, release, restore: () => void (server.publisher.publish = publish) };
}

describe('POST /api/v2/orders/computers past MAX_PENDING_ORDERS', () => {
  it('answers 503 with Retry-After at once, without reading the order, and accepts again once orders drain', async () => {
    const before = await rejectedSoFar();
    const broker = holdPublishes();
    onTestFinished(broker.restore);
    const held = Array.from({ length: MAX_PENDING_ORDERS }, (_, i) => server.post(PATH, { ...ORDER, id: `held-${i}` }));
    while (broker.waiting() < MAX_PENDING_ORDERS) await sleep(10);

    // Not JSON, and no key: a 400 or 401 would mean the body or the credentials were looked at.
    const started = performance.now();
    const refused = await fetch(server.url + PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    const problem = await expectProblem(refused, 503);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refused.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(problem.detail).toMatch(/holds 3 orders/);
    await expectProblem(await server.post(LEGACY, { ...ORDER, id: 'legacy-refused' }), 503);
    expect((await rejectedSoFar()) - before).toBe(2);

    broker.release();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([202, 202, 202]);
    expect((await server.post(PATH, { ...ORDER, id: 'after' })).status).toBe(202);
    expect(server.publisher.published.map(({ event }) => event.order_id).sort()).toEqual(['after', 'held-0', 'held-1', 'held-2']);
  });

  it('gives the place back when an order is refused as invalid', async () => {
    for (let i = 0; i < MAX_PENDING_ORDERS + 2; i++) await expectProblem(await server.post(PATH, { created_by: 'USER14', equipment: [] }), 400);
    expect((await server.post(PATH, ORDER)).status).toBe(202);
  });
});
