/**
 * A lone UTF-16 surrogate, sent as a JSON escape, is not Unicode text: an
 * order carrying one gets 400 naming the field on both paths, and nothing is
 * published. The bodies are written out by hand, so each escape is exactly
 * what a hostile client would send.
 */
import { describe, expect, it } from 'vitest';
import { expectProblem, useTestServer } from './test-server.js';

const PATHS = ['/api/v2/orders/computers', '/api/orders/computers'];
const server = useTestServer();

describe.each(PATHS)('POST %s', (path) => {
  it.each([
    ['a lone high surrogate', String.raw`USER\ud800`],
    ['a lone low surrogate', String.raw`\udc00USER`],
    ['a pair in the wrong order', String.raw`\ude00\ud83d`],
    ['a high surrogate cut off before its low one', String.raw`USER\ud83d`],
  ])('returns 400 naming /created_by when it carries %s, and publishes nothing', async (_case, escaped) => {
    const problem = await expectProblem(await server.post(path, `{"created_by":"${escaped}","equipment":["MOUSE"]}`), 400);
    expect(problem.errors).toEqual([{ location: 'body', pointer: '/created_by', message: 'must be well-formed Unicode (no lone UTF-16 surrogate)' }]);
    expect(problem.detail).toMatch(/^\/created_by is not well-formed Unicode/);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 400 naming /id when the id carries one (the contract’s pattern refuses it first)', async () => {
    const problem = await expectProblem(await server.post(path, String.raw`{"id":"order-\ud800","created_by":"U","equipment":["MOUSE"]}`), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ location: 'body', pointer: '/id' }));
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 400 naming /created_at when it carries one (its format refuses it first)', async () => {
    const body = String.raw`{"created_at":"2026-01-01T10:00:00Z\ud800","created_by":"U","equipment":["MOUSE"]}`;
    const problem = await expectProblem(await server.post(path, body), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ location: 'body', pointer: '/created_at' }));
    expect(server.publisher.published).toHaveLength(0);
  });

  it('returns 400 naming the equipment item that carries one (the enum refuses it first)', async () => {
    const problem = await expectProblem(await server.post(path, String.raw`{"created_by":"U","equipment":["MOUSE\udfff"]}`), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ location: 'body', pointer: '/equipment/0' }));
    expect(server.publisher.published).toHaveLength(0);
  });

  it('accepts an emoji sent as an escaped surrogate pair, and publishes it as one character', async () => {
    const response = await server.post(path, String.raw`{"created_by":"USER \ud83d\ude00","equipment":["MOUSE"]}`);
    expect(response.status).toBe(202);
    expect(server.publisher.published.map(({ event }) => event.created_by)).toEqual(['USER 😀']);
  });

  it('accepts the same emoji sent as raw UTF-8', async () => {
    const response = await server.post(path, '{"created_by":"USER 😀","equipment":["MOUSE"]}');
    expect(response.status).toBe(202);
    expect(server.publisher.published.map(({ event }) => event.created_by)).toEqual(['USER 😀']);
  });
});

describe('request headers that travel into the record', () => {
  const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('keep to ASCII: a tracestate beyond it is dropped, never carried into the record', async () => {
    // Node reads header bytes as Latin-1, so no header can hold a surrogate; the patterns then keep them ASCII.
    const response = await server.post(PATHS[0]!, { created_by: 'U', equipment: ['MOUSE'] }, { traceparent: TRACEPARENT, tracestate: 'v=caf\u00e9' });
    expect(response.status).toBe(202);
    expect(server.publisher.published[0]?.metadata).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), traceparent: TRACEPARENT });
  });

  it('keep to ASCII: an X-Request-Id beyond it gets 400 naming the header', async () => {
    const problem = await expectProblem(await server.post(PATHS[0]!, { created_by: 'U', equipment: ['MOUSE'] }, { 'x-request-id': 'req-\u00e9' }), 400);
    expect(problem.errors).toContainEqual(expect.objectContaining({ location: 'header' }));
    expect(server.publisher.published).toHaveLength(0);
  });
});
