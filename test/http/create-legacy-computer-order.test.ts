import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract.js';
import { expectProblem, useTestServer } from './test-server.js';

const PATH = '/api/orders/computers';
const ORIGINAL = { id: '1', status: 'Queued', created_at: '2020-10-16T10:31:10.969696', created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] };
const server = useTestServer();

// The dates as the contract's operation states them, read here without the server's code.
const operation = (loadContract().document.paths as Record<string, { post: Record<string, string> }>)[PATH]!.post;

function expectDeprecationHeaders(response: Response) {
  expect(response.headers.get('deprecation')).toBe(`@${Date.parse(`${operation['x-deprecated-at']}T00:00:00Z`) / 1000}`);
  expect(response.headers.get('sunset')).toBe(new Date(`${operation['x-sunset']}T23:59:59Z`).toUTCString());
  expect(response.headers.get('link')).toBe('</api/v2/orders/computers>; rel="successor-version"');
}

describe('POST /api/orders/computers (original path)', () => {
  it('accepts the original clients’ payload unchanged and answers 202 with no body', async () => {
    const response = await server.post(PATH, ORIGINAL);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(response.headers.get('order-id')).toBe('1');
    expectDeprecationHeaders(response);
    expect(server.publisher.published[0]?.event).toMatchObject({
      order_id: '1',
      created_at: '2020-10-16T10:31:10.969696Z',
      created_by: 'USER14',
      equipment: ['KEYBOARD', 'MOUSE'],
      source: 'api/original',
    });
  });

  it('accepts any of the four statuses, as it always did', async () => {
    const response = await server.post(PATH, { ...ORIGINAL, id: '2', status: 'Processing' });
    expect(response.status).toBe(202);
    expect(server.publisher.published[0]?.event.status).toBe('Processing');
  });

  it('returns 400 with the deprecation headers when a field is unknown', async () => {
    const response = await server.post(PATH, { ...ORIGINAL, priority: 'high' });
    expectDeprecationHeaders(response);
    const problem = await expectProblem(response, 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/priority' }));
    expect(server.publisher.published).toHaveLength(0);
  });

  it.each(['2020-02-30T10:31:10', '5773-08-14T04:44:60Z', '0000-01-01T00:30:00+01:00'])(
    'returns 400 naming created_at when the contract refuses %s',
    async (createdAt) => {
      const problem = await expectProblem(await server.post(PATH, { ...ORIGINAL, created_at: createdAt }), 400);
      // The pattern spells out the calendar (about 900 characters): named, not quoted.
      const message = 'must match the pattern that the contract (openapi.yaml) gives this field';
      expect(problem.detail).toBe(`request/body/created_at ${message}`);
      expect(problem.errors).toEqual([{ location: 'body', pointer: '/created_at', message }]);
      expect(server.publisher.published).toHaveLength(0);
    },
  );

  it('still quotes a short pattern', async () => {
    const problem = await expectProblem(await server.post(PATH, { ...ORIGINAL, id: '../etc' }), 400);
    expect(problem.detail).toMatch(/^request\/body\/id must match pattern "\^\[A-Za-z0-9\]/);
  });

  it.each(['2024-02-29T23:59:59.999999999', '0000-01-01T00:00:00-05:00', '9999-12-31T23:59:59+14:00'])(
    'accepts %s, which the contract admits at the edges of the calendar',
    async (createdAt) => {
      expect((await server.post(PATH, { ...ORIGINAL, id: undefined, created_at: createdAt })).status).toBe(202);
    },
  );
});
