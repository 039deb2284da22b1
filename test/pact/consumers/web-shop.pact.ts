/**
 * The example web shop's consumer test, written as a team that uses Pact
 * writes one: each interaction runs the shop's real checkout code against
 * pact-js's mock server, which records what was sent and what the shop
 * expects back. `npm run contract:example-pacts` writes the pact into
 * contract/pacts/; test/pact/example-pacts.test.ts checks that the committed
 * file is what this test writes today.
 */
import { strict as assert } from 'node:assert';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { checkout, type ShopOrder } from './web-shop-checkout.js';

const { like, regex, uuid } = MatchersV3;
const PATH = '/api/v2/orders/computers';
// The mock server does not check keys; the provider's verification puts a real one in (test/pact/provider.ts).
const API_KEY = 'web-shop-key-placeholder';
const REQUEST_HEADERS = { 'Content-Type': 'application/json', 'X-API-Key': API_KEY };
const PROBLEM = { 'Content-Type': regex('^application/problem\\+json(;.*)?$', 'application/problem+json; charset=utf-8') };

const basket: ShopOrder = { created_by: 'WEB-SHOP', equipment: ['MONITOR', 'KEYBOARD'] };

export async function recordWebShopPact(dir: string): Promise<void> {
  const pact = () => new PactV4({ consumer: 'web-shop', provider: 'computer-orders-api', dir, logLevel: 'error' });

  await pact()
    .addInteraction()
    .uponReceiving('a new order without an id')
    .withRequest('POST', PATH, (request) => request.headers(REQUEST_HEADERS).jsonBody(basket))
    .willRespondWith(202, (response) => response.headers({ 'Order-Id': uuid('3f1c2d7e-8a44-4b1e-9c55-0d6f1c0b9a12'), 'Idempotent-Replayed': 'false' }))
    .executeTest(async (server) => {
      const result = await checkout(server.url, API_KEY, basket);
      assert.deepEqual(result, { outcome: 'accepted', orderId: '3f1c2d7e-8a44-4b1e-9c55-0d6f1c0b9a12', replayed: false });
    });

  const retried = { id: 'ws-1001', ...basket };
  await pact()
    .addInteraction()
    .given('an order with id ws-1001 was already accepted', { order: retried })
    .uponReceiving('the same order sent again after a lost answer')
    .withRequest('POST', PATH, (request) => request.headers(REQUEST_HEADERS).jsonBody(retried))
    .willRespondWith(202, (response) => response.headers({ 'Order-Id': 'ws-1001', 'Idempotent-Replayed': 'true' }))
    .executeTest(async (server) => {
      assert.deepEqual(await checkout(server.url, API_KEY, retried), { outcome: 'accepted', orderId: 'ws-1001', replayed: true });
    });

  const empty = { created_by: 'WEB-SHOP', equipment: [] };
  await pact()
    .addInteraction()
    .uponReceiving('an order with an empty basket')
    .withRequest('POST', PATH, (request) => request.headers(REQUEST_HEADERS).jsonBody(empty))
    .willRespondWith(400, (response) =>
      response.headers(PROBLEM).jsonBody({
        status: 400,
        detail: like('request/body/equipment must NOT have fewer than 1 items'),
        errors: [{ location: 'body', pointer: '/equipment', message: like('must NOT have fewer than 1 items') }],
      }),
    )
    .executeTest(async (server) => {
      assert.deepEqual(await checkout(server.url, API_KEY, empty), { outcome: 'invalid', fields: ['/equipment'] });
    });

  const reused = { id: 'ws-1002', created_by: 'WEB-SHOP', equipment: ['WEBCAM'] };
  await pact()
    .addInteraction()
    .given('an order with id ws-1002 was already accepted', { order: { ...reused, equipment: ['MOUSE'] } })
    .uponReceiving('a different order with an id already used')
    .withRequest('POST', PATH, (request) => request.headers(REQUEST_HEADERS).jsonBody(reused))
    .willRespondWith(409, (response) =>
      response.headers(PROBLEM).jsonBody({
        status: 409,
        detail: like('Order id "ws-1002" was accepted recently with different content. Use a new id for a new order.'),
        errors: [{ location: 'body', pointer: '/id', message: like('already used for a different order') }],
      }),
    )
    .executeTest(async (server) => {
      const result = await checkout(server.url, API_KEY, reused);
      assert.equal(result.outcome, 'id-reused');
    });

  const later = { id: 'ws-1003', ...basket };
  await pact()
    .addInteraction()
    .given('Kafka is unavailable')
    .uponReceiving('an order while the broker cannot be reached')
    .withRequest('POST', PATH, (request) => request.headers(REQUEST_HEADERS).jsonBody(later))
    .willRespondWith(503, (response) =>
      response.headers({ ...PROBLEM, 'Retry-After': regex('^[0-9]+$', '5') }).jsonBody({ status: 503, detail: like('The order could not be published right now. Retry it with the same id.') }),
    )
    .executeTest(async (server) => {
      assert.deepEqual(await checkout(server.url, API_KEY, later), { outcome: 'retry-later', afterSeconds: 5 });
    });
}
