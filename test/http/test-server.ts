/**
 * Starts the real app on an ephemeral loopback port, with response
 * validation on, and a recording publisher in place of Kafka.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { AuthPolicy } from '../../src/http/auth.js';
import { createHttpServer, type ConnectionLimits } from '../../src/http/http-server.js';
import type { IdempotencyStore } from '../../src/orders/idempotency-store.js';
import { createRecordingPublisher, type RecordingPublisher } from './recording-publisher.js';

export const BODY_LIMIT_BYTES = 4096;
export const RETRY_AFTER_SECONDS = 7;
export const TEST_API_KEY = 'test-key-0123456789abcdef';
const TEST_AUTH: AuthPolicy = { apiKeys: [TEST_API_KEY], openAccess: false, legacyAnonymousWrites: false };

export interface TestServer {
  url: string;
  publisher: RecordingPublisher;
  /** POSTs JSON with the test API key; pass `'x-api-key': ''` style overrides in `headers`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

const TEST_LIMITS: ConnectionLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 10_000 };

export async function startTestServer({
  auth = TEST_AUTH,
  logger = pino({ level: 'silent' }),
  limits = TEST_LIMITS,
  maxPendingOrders,
  idempotencyStore,
  corsOrigins,
}: {
  auth?: AuthPolicy;
  logger?: Logger;
  limits?: ConnectionLimits;
  maxPendingOrders?: number;
  idempotencyStore?: IdempotencyStore;
  corsOrigins?: string[];
} = {}): Promise<TestServer> {
  const publisher = createRecordingPublisher();
  const app = buildApp({
    publisher,
    logger,
    bodyLimitBytes: BODY_LIMIT_BYTES,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    validateResponses: true,
    auth,
    ...(maxPendingOrders !== undefined && { maxPendingOrders }),
    idempotencyStore,
    ...(corsOrigins !== undefined && { corsOrigins }),
  });
  const server = createHttpServer(app, limits).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    publisher,
    post: (path, body, headers = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * One test server for the whole file: started before its first test, closed
 * after its last, its publisher reset before each test. The returned object
 * is filled in once the server runs.
 *
 * @example
 * const server = useTestServer();
 * it('…', async () => expect((await server.post(path, order)).status).toBe(202));
 */
export function useTestServer(options: Parameters<typeof startTestServer>[0] = {}): TestServer {
  const server = {} as TestServer;
  beforeAll(async () => {
    Object.assign(server, await startTestServer(options));
  });
  afterAll(() => server.close());
  beforeEach(() => server.publisher.reset());
  return server;
}

/** Asserts an RFC 9457 problem with the given status and returns its body. */
export async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(problem)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return problem as { detail: string; errors?: Array<{ location: string; pointer: string; message: string }> };
}
