import { PublishError } from '../../src/orders/order-publisher.js';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './test-server.js';

const PATH = '/api/v2/orders/computers';
const ORDER = { created_by: 'USER14', equipment: ['MOUSE'] };
const API_POLICY = "default-src 'none';frame-ancestors 'none'";
// helmet's defaults beyond the five: for browsers rendering pages, not for an API's clients.
const BROWSER_ONLY = [
  'x-powered-by',
  'strict-transport-security',
  'x-xss-protection',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'origin-agent-cluster',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
];

function expectApiHeaders(response: Response, policy = API_POLICY): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-security-policy')).toBe(policy);
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  for (const header of BROWSER_ONLY) expect(response.headers.get(header), header).toBeNull();
}

describe('security headers (the five of the OWASP REST Security Cheat Sheet)', () => {
  const server = useTestServer();

  it('are on a 202', async () => {
    const response = await server.post(PATH, ORDER);
    expect(response.status).toBe(202);
    expectApiHeaders(response);
  });

  it('are on a 4xx', async () => {
    const response = await server.post(PATH, { created_by: 'USER14', equipment: [] });
    expect(response.status).toBe(400);
    expectApiHeaders(response);
    const unknown = await fetch(`${server.url}/nowhere`);
    expect(unknown.status).toBe(404);
    expectApiHeaders(unknown);
  });

  it('are on a 5xx', async () => {
    server.publisher.failWith = new PublishError('timeout', { topic: 'computers' });
    const response = await server.post(PATH, ORDER);
    expect(response.status).toBe(503);
    expectApiHeaders(response);
  });

  it('give /docs the policy its pages declare, framing still refused', async () => {
    const response = await fetch(`${server.url}/docs/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const declared = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const header = response.headers.get('content-security-policy') ?? '';
    expect(header).toContain("default-src 'self'");
    expect(header).toContain("frame-ancestors 'none'");
    for (const directive of declared.split(';').map((part) => part.trim().replace(/\s+/g, ' '))) expect(header).toContain(directive);
    expectApiHeaders(response, header);
  });
});

describe('CORS', () => {
  describe('by default', () => {
    const server = useTestServer();

    it('grants no origin, on a preflight or a request', async () => {
      const preflight = await fetch(server.url + PATH, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const response = await server.post(PATH, ORDER, { origin: 'https://shop.example.com' });
      expect(response.status).toBe(202);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('with CORS_ORIGINS', () => {
    const server = useTestServer({ corsOrigins: ['https://shop.example.com'] });

    it('answers a listed origin’s preflight with the methods and headers it may use', async () => {
      const preflight = await fetch(server.url + PATH, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-API-Key/);
      expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    });

    it('lets a listed origin read Order-Id, and grants nothing to another origin', async () => {
      const allowed = await server.post(PATH, ORDER, { origin: 'https://shop.example.com' });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(allowed.headers.get('access-control-expose-headers')).toMatch(/Order-Id/);
      const other = await server.post(PATH, ORDER, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
