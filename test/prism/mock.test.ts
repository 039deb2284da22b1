import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../http/test-server.js';
import { exampleRequests, invalidRequests, send } from './contract-requests.js';
import { BUNDLED_CONTRACT, startPrism, type RunningPrism } from './prism.js';

let mock: RunningPrism;
let api: TestServer;

beforeAll(async () => {
  [mock, api] = await Promise.all([startPrism(['mock', BUNDLED_CONTRACT]), startTestServer()]);
}, 90_000);
afterAll(async () => {
  await Promise.all([mock?.stop(), api?.close()]);
});

describe('npm run mock (Prism) answers as the contract documents', () => {
  it.each(exampleRequests().map((request) => [request.name, request] as const))('%s', async (_name, request) => {
    const response = await send(mock.url, request);
    expect(response.status).toBe(request.success);
    expect(response.headers.get('sl-violations')).toBeNull();
    if (request.operationId === 'createComputerOrder' || request.operationId === 'createLegacyComputerOrder') {
      expect(response.headers.get('order-id')).toBeTruthy();
      // The mock answers from the first example: a new order, not a replay.
      expect(response.headers.get('idempotent-replayed')).toBe('false');
    }
  });
});

describe('the mock and the real API agree on invalid requests', () => {
  it.each(invalidRequests().map((request) => [request.name, request] as const))('%s', async (_name, request) => {
    const [fromMock, fromApi] = await Promise.all([send(mock.url, request), send(api.url, request)]);
    expect(fromApi.status).toBeGreaterThanOrEqual(400);
    expect(fromMock.status).toBe(fromApi.status);
    expect(api.publisher.published).toHaveLength(0);
  });
});
