import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_API_KEY, startTestServer, type TestServer } from './test-server.js';

const PATH = '/api/v2/orders/computers';
const ORDER = { created_by: 'USER14', equipment: ['KEYBOARD'] };

/** A pino logger whose JSON lines land in `lines`. */
function capturingLogger(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, destination), lines };
}

/** The log line is written when the response closes, just after the client has it. */
async function completionOf(lines: Array<Record<string, unknown>>) {
  await expect.poll(() => lines.find((line) => line.msg === 'request completed')).toBeDefined();
  return lines.find((line) => line.msg === 'request completed')!;
}

let server: TestServer | undefined;
afterEach(() => server?.close());

describe('the request log', () => {
  it('writes one line per request with its id, method, route, status and duration', async () => {
    const { logger, lines } = capturingLogger('info');
    server = await startTestServer({ logger });
    const response = await server.post(PATH, ORDER, { 'x-request-id': 'req-log-1' });
    expect(response.status).toBe(202);
    const line = await completionOf(lines);
    expect(line).toMatchObject({ level: 30, reqId: 'req-log-1', method: 'POST', route: PATH, status: 202 });
    expect(line.responseTime).toEqual(expect.any(Number));
  });

  it('names the route and status of a rejected request too', async () => {
    const { logger, lines } = capturingLogger('info');
    server = await startTestServer({ logger });
    const response = await server.post(PATH, { ...ORDER, equipment: [] });
    const line = await completionOf(lines);
    expect(line).toMatchObject({ reqId: response.headers.get('x-request-id'), route: PATH, status: 400 });
  });

  it('logs no headers, so no credential can leak', async () => {
    const { logger, lines } = capturingLogger('trace');
    server = await startTestServer({ logger });
    await server.post(PATH, ORDER, { authorization: 'Bearer very-secret-token', cookie: 'session=also-secret' });
    await completionOf(lines);
    const everything = JSON.stringify(lines);
    for (const secret of [TEST_API_KEY, 'very-secret-token', 'also-secret']) expect(everything).not.toContain(secret);
  });

  it('follows the configured level: nothing at warn for a successful request', async () => {
    const { logger, lines } = capturingLogger('warn');
    server = await startTestServer({ logger });
    expect((await server.post(PATH, ORDER)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([]);
  });
});
