import { describe, expect, it } from 'vitest';
import { useTestServer } from './test-server.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const ORDER = { created_by: 'USER14', equipment: ['WEBCAM'] };
const server = useTestServer();

const metadata = () => server.publisher.published[0]!.metadata;

describe.each(['/api/v2/orders/computers', '/api/orders/computers'])('W3C trace context on POST %s', (path) => {
  it('carries traceparent and tracestate into the publish', async () => {
    const response = await server.post(path, ORDER, { traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' });
    expect(response.status).toBe(202);
    expect(metadata()).toMatchObject({ traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' });
  });

  it('accepts the order but drops a malformed traceparent, and its tracestate with it', async () => {
    const response = await server.post(path, ORDER, { traceparent: '00-not-a-trace-01', tracestate: 'congo=t61rcWkgMzE' });
    expect(response.status).toBe(202);
    expect(metadata()).not.toHaveProperty('traceparent');
    expect(metadata()).not.toHaveProperty('tracestate');
  });

  it('publishes without trace headers when the request has none', async () => {
    expect((await server.post(path, ORDER)).status).toBe(202);
    expect(Object.keys(metadata())).toEqual(['requestId']);
  });
});
