import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../src/orders/order-publisher.js';
import { BODY_LIMIT_BYTES, startTestServer, type TestServer } from '../http/test-server.js';
import { exampleRequests, invalidRequests, send, type ContractRequest } from './contract-requests.js';
import { BUNDLED_CONTRACT, startPrism, type RunningPrism } from './prism.js';

// The real app (Express, validator, error handler) behind Prism's validating
// proxy; only Kafka is replaced, so that 500 and 503 can be provoked.
let api: TestServer;
let strict: RunningPrism; // --errors: any request or response violation becomes Prism's own error
let lenient: RunningPrism; // forwards invalid requests, and reports violations in sl-violations

beforeAll(async () => {
  api = await startTestServer();
  [strict, lenient] = await Promise.all([
    startPrism(['proxy', BUNDLED_CONTRACT, api.url, '--errors']),
    startPrism(['proxy', BUNDLED_CONTRACT, api.url]),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([strict?.stop(), lenient?.stop(), api?.close()]);
});
beforeEach(() => {
  api.publisher.failWith = undefined;
  api.publisher.readinessResult = { ready: true };
});

async function expectNoViolations(response: Response, status: number) {
  const body = await response.text();
  expect(response.headers.get('sl-violations'), body).toBeNull();
  expect(body).not.toContain('stoplight.io/prism/errors');
  expect(response.status).toBe(status);
}

const orderExamples = exampleRequests().filter((request) => request.body !== undefined);
let failures = 0;

/** A fresh client id, so that an earlier 202 for the example's id is not replayed from memory. */
function asNewOrder(request: ContractRequest): ContractRequest {
  const body = JSON.parse(request.body!) as { id?: string };
  return body.id === undefined ? request : { ...request, body: JSON.stringify({ ...body, id: `failure-${++failures}` }) };
}

describe('provider verification through prism proxy --errors', () => {
  it.each(exampleRequests().map((request) => [request.name, request] as const))('%s answers its documented success', async (_name, request) => {
    await expectNoViolations(await send(strict.url, request), request.success);
  });

  it.each(orderExamples.map((request) => [request.name, request] as const))('%s answers a documented 503 when Kafka does not acknowledge', async (_name, request) => {
    api.publisher.failWith = new PublishError('timeout', { topic: 'computers' });
    await expectNoViolations(await send(strict.url, asNewOrder(request)), 503);
  });

  it.each(orderExamples.map((request) => [request.name, request] as const))('%s answers a documented 500 on an unexpected failure', async (_name, request) => {
    api.publisher.failWith = new Error('boom');
    await expectNoViolations(await send(strict.url, asNewOrder(request)), 500);
  });

  it('GET /ready answers a documented 503 when not ready', async () => {
    api.publisher.readinessResult = { ready: false, reason: 'Kafka is not reachable' };
    const ready = exampleRequests().find((request) => request.operationId === 'getReadiness')!;
    await expectNoViolations(await send(strict.url, ready), 503);
  });
});

// Prism answers unparseable JSON itself instead of forwarding it; the HTTP
// tests cover our answer to that one.
const forwardable = invalidRequests().filter((request) => !request.name.endsWith('malformed JSON'));

describe('provider verification of invalid requests through prism proxy', () => {
  it.each(orderExamples.map((request) => [request.name, request] as const))('%s answers a documented 413 when the body is too large', async (_name, request) => {
    // Prism re-encodes the JSON it forwards, so only a large value (not whitespace) stays large.
    const oversized = { ...request, body: JSON.stringify({ ...JSON.parse(request.body!), pad: 'x'.repeat(BODY_LIMIT_BYTES) }) };
    const proxied = await send(lenient.url, oversized);
    expect(proxied.status).toBe(413);
    const violations = JSON.parse(proxied.headers.get('sl-violations') ?? '[]') as Array<{ location: string[] }>;
    expect(violations.filter((violation) => violation.location[0] === 'response')).toEqual([]);
  });

  it.each(forwardable.map((request) => [request.name, request] as const))('%s is refused with a documented problem', async (_name, request) => {
    const direct = await send(api.url, request);
    const proxied = await send(lenient.url, request);
    expect(proxied.status).toBe(direct.status);
    const violations = JSON.parse(proxied.headers.get('sl-violations') ?? '[]') as Array<{ location: string[] }>;
    // Prism rightly reports the request; it must find nothing wrong with our answer.
    expect(violations.filter((violation) => violation.location[0] === 'response')).toEqual([]);
    expect(proxied.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
