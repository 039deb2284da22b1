import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthPolicy } from '../../src/http/auth.js';
import { TEST_API_KEY, expectProblem, startTestServer, type TestServer } from './test-server.js';

const V2 = '/api/v2/orders/computers';
const LEGACY = '/api/orders/computers';
const ORDER = { created_by: 'USER14', equipment: ['MOUSE'] };
let server: TestServer;

async function serve(auth: Partial<AuthPolicy>, logger?: pino.Logger) {
  server = await startTestServer({ auth: { apiKeys: [TEST_API_KEY], openAccess: false, legacyAnonymousWrites: false, ...auth }, ...(logger && { logger }) });
  return server;
}

function postWithout(path: string) {
  return fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ORDER) });
}

afterEach(() => server?.close());

describe('POST /api/v2/orders/computers without valid credentials', () => {
  it('returns 401 with a challenge when X-API-Key is missing, and publishes nothing', async () => {
    await serve({});
    const response = await postWithout(V2);
    expect(response.headers.get('www-authenticate')).toBe('ApiKey header="X-API-Key"');
    await expectProblem(response, 401);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 401 when the key is wrong', async () => {
    await serve({});
    const problem = await expectProblem(await server.post(V2, ORDER, { 'x-api-key': 'wrong-key-0123456789' }), 401);
    expect(problem.detail).not.toContain('wrong-key');
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 403 when the server has no keys at all', async () => {
    await serve({ apiKeys: [] });
    await expectProblem(await server.post(V2, ORDER, { 'x-api-key': 'some-key-0123456789' }), 403);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('accepts writes without a key only under explicit open access', async () => {
    await serve({ apiKeys: [], openAccess: true });
    expect((await postWithout(V2)).status).toBe(202);
  });
});

describe('POST /api/orders/computers (original path) credentials', () => {
  it('returns 401, still deprecated, when no key is sent and anonymous writes are off', async () => {
    await serve({});
    const response = await postWithout(LEGACY);
    expect(response.headers.get('deprecation')).toMatch(/^@\d+$/);
    await expectProblem(response, 401);
  });

  it('accepts the old clients’ keyless calls when LEGACY_ANONYMOUS_WRITES is on', async () => {
    await serve({ legacyAnonymousWrites: true });
    expect((await postWithout(LEGACY)).status).toBe(202);
    expect(server.publisher.published).toHaveLength(1);
  });

  it('still refuses a wrong key when anonymous writes are on', async () => {
    await serve({ legacyAnonymousWrites: true });
    await expectProblem(await server.post(LEGACY, ORDER, { 'x-api-key': 'wrong-key-0123456789' }), 401);
  });

  it('accepts a valid key', async () => {
    await serve({});
    expect((await server.post(LEGACY, ORDER)).status).toBe(202);
  });
});

describe('secrets in logs', () => {
  it('never writes the API key to the log', async () => {
    let logged = '';
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((logged += chunk.toString()), done()) });
    await serve({}, pino({ level: 'trace' }, sink));
    await server.post(V2, ORDER);
    await server.post(V2, ORDER, { 'x-api-key': 'wrong-key-0123456789' });
    expect(logged).toContain('"status":202');
    expect(logged).not.toContain(TEST_API_KEY);
    expect(logged).not.toContain('wrong-key-0123456789');
  });
});
