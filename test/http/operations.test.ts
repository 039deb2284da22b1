import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectProblem, useTestServer } from './test-server.js';

const server = useTestServer();

describe('GET /health', () => {
  it('returns 200 ok', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /ready', () => {
  it('returns 200 with the topic when the publisher is ready', async () => {
    server.publisher.readinessResult = { ready: true };
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', topic: 'computers', idempotency_store: 'memory' });
  });

  it('returns 503 problem+json saying why when it is not', async () => {
    server.publisher.readinessResult = { ready: false, reason: 'Kafka is not reachable: ECONNREFUSED' };
    const response = await fetch(`${server.url}/ready`);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    const problem = await expectProblem(response, 503);
    expect(problem.detail).toContain('ECONNREFUSED');
  });
});

describe('GET /openapi.json and /openapi.yaml (the bundled contract)', () => {
  const yaml = readFileSync(new URL('../../generated/openapi.yaml', import.meta.url), 'utf8');

  it('serves the contract as JSON', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(parse(yaml));
  });

  it('serves the contract as written, as YAML', async () => {
    const response = await fetch(`${server.url}/openapi.yaml`);
    expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(await response.text()).toBe(yaml);
  });
});

describe('paths and methods outside the contract', () => {
  it('returns 404 problem+json for an unknown path', async () => {
    await expectProblem(await fetch(`${server.url}/api/v2/orders/printers`), 404);
  });

  it('returns 405 problem+json with Allow for a wrong method', async () => {
    const response = await fetch(`${server.url}/api/v2/orders/computers`);
    expect(response.headers.get('allow')).toBe('POST');
    await expectProblem(response, 405);
  });

  it('does not offer a GET of orders', async () => {
    const response = await fetch(`${server.url}/api/orders/computers`);
    await expectProblem(response, 405);
  });
});
