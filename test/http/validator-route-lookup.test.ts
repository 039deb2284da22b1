import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestServer } from './test-server.js';

// The path-to-regexp the validator itself loads, whose exports it reads at each call.
const validatorRequire = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
const pathToRegexpModule = validatorRequire('path-to-regexp') as { pathToRegexp: (...args: unknown[]) => unknown };

const ORDER = { created_by: 'USER14', equipment: ['MOUSE'] };

describe('the validator’s route lookup (patches/express-openapi-validator+5.6.2.patch)', () => {
  const server = useTestServer();

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('compiles each route’s pattern once, not again on every request', async () => {
    // The first requests compile the patterns they scan past.
    expect((await server.post('/api/v2/orders/computers', ORDER)).status).toBe(202);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const compile = vi.spyOn(pathToRegexpModule, 'pathToRegexp');
    for (let i = 0; i < 3; i++) expect((await server.post('/api/v2/orders/computers', ORDER)).status).toBe(202);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(compile).not.toHaveBeenCalled();
  });

  it('still matches a path whose operation the contract does not have', async () => {
    const response = await server.post('/api/v2/orders/computers/extra', ORDER);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
