import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY, expectProblem, startTestServer, type TestServer } from './test-server.js';

const V2 = '/api/v2/orders/computers';
const HEADERS_TIMEOUT_MS = 600;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ limits: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: 4000, keepAliveTimeoutMs: 500, maxConnections: 1000 } });
  // The app's first order pays for the validator's start-up; on a busy machine that alone came near
  // the 4 s request timeout and turned the first test's 400 into a 408.
  await server.post(V2, { created_by: 'U', equipment: ['MOUSE'] });
  server.publisher.reset();
});
afterAll(() => server.close());

async function stillResponsive() {
  const started = Date.now();
  const response = await fetch(`${server.url}/health`);
  expect(response.status).toBe(200);
  return Date.now() - started;
}

function rawPost(body: Buffer | string, contentType?: string) {
  return fetch(server.url + V2, {
    method: 'POST',
    headers: { 'x-api-key': TEST_API_KEY, ...(contentType && { 'content-type': contentType }) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

describe('hostile bodies on POST /api/v2/orders/computers', () => {
  it('returns 400 for JSON nested deeper than the limit, before parsing it', async () => {
    const deep = `{"created_by":"U","equipment":["MOUSE"],"x":${'['.repeat(1500)}${']'.repeat(1500)}}`;
    const problem = await expectProblem(await rawPost(deep, 'application/json'), 400);
    expect(problem.detail).toMatch(/nests deeper than 8 levels/);
    await stillResponsive();
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a "%s" key and leaves Object.prototype alone', async (key) => {
    const body = `{"created_by":"U","equipment":["MOUSE"],"${key}":{"polluted":true}}`;
    const problem = await expectProblem(await rawPost(body, 'application/json'), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: `/${key}` }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 400 for invalid UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('{"created_by":"U'), Buffer.from([0xff, 0xfe]), Buffer.from('","equipment":["MOUSE"]}')]);
    const problem = await expectProblem(await rawPost(body, 'application/json'), 400);
    expect(problem.detail).toBe('The body is not valid UTF-8.');
  });

  it('returns 415 when the content type is missing or not JSON', async () => {
    await expectProblem(await rawPost('{"created_by":"U","equipment":["MOUSE"]}'), 415);
    await expectProblem(await rawPost('<order/>', 'application/xml'), 415);
    await expectProblem(await rawPost('{"created_by":"U","equipment":["MOUSE"]}', 'application/json; charset=utf-16'), 415);
  });

  it('returns 400 for strings longer than the contract allows', async () => {
    const problem = await expectProblem(await server.post(V2, { created_by: 'U'.repeat(2000), equipment: ['MOUSE'] }), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/created_by' }));
  });
});

describe('slow and idle clients', () => {
  function openSocket(): Promise<Socket> {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.resume(); // a paused socket would never report the server's close
    return once(socket, 'connect').then(() => socket);
  }

  it('drops a client that never finishes its headers (slowloris), and keeps serving others', async () => {
    const socket = await openSocket();
    socket.write(`POST ${V2} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
    const drip = setInterval(() => socket.write('a'), 100);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    expect(await stillResponsive()).toBeLessThan(HEADERS_TIMEOUT_MS);
    await once(socket, 'close');
    clearInterval(drip);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('stays responsive with many idle connections open, and closes them', { timeout: 15_000 }, async () => {
    const sockets = await Promise.all(Array.from({ length: 300 }, openSocket));
    await stillResponsive();
    const closed = await Promise.all(sockets.map((socket) => once(socket, 'close').then(() => true)));
    expect(closed.every(Boolean)).toBe(true);
  });
});
