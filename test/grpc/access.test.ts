import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_AFTER_SECONDS, startGrpcTestServer, TEST_API_KEY, type GrpcTestServer } from './grpc-test-server.js';

const ORDER = { created_by: 'U', equipment: ['MOUSE'] };

describe('x-api-key on CreateComputerOrder', () => {
  let server: GrpcTestServer;
  let closed: GrpcTestServer;
  let open: GrpcTestServer;
  beforeAll(async () => {
    [server, closed, open] = await Promise.all([startGrpcTestServer(), startGrpcTestServer({ apiKeys: [] }), startGrpcTestServer({ apiKeys: [], openAccess: true })]);
  });
  afterAll(() => Promise.all([server, closed, open].map((s) => s.close())));

  it('answers UNAUTHENTICATED when the key is missing, and publishes nothing', async () => {
    expect(await server.create(ORDER, { 'x-api-key': null })).toMatchObject({ code: status.UNAUTHENTICATED, message: 'The x-api-key metadata is required.' });
    expect(server.publisher.published).toHaveLength(0);
  });

  it('answers UNAUTHENTICATED when the key is wrong, however close it is', async () => {
    for (const key of ['x', `${TEST_API_KEY}x`, TEST_API_KEY.slice(0, -1)]) {
      expect(await server.create(ORDER, { 'x-api-key': key })).toMatchObject({ code: status.UNAUTHENTICATED, message: 'The x-api-key metadata does not carry a valid key.' });
    }
    expect(server.publisher.published).toHaveLength(0);
  });

  it('answers PERMISSION_DENIED when no key is configured', async () => {
    expect(await closed.create(ORDER)).toMatchObject({ code: status.PERMISSION_DENIED, message: 'This server accepts no writes: no API keys are configured.' });
    expect(closed.publisher.published).toHaveLength(0);
  });

  it('checks the key before the order, as HTTP does', async () => {
    expect((await server.create({ equipment: [] }, { 'x-api-key': null })).code).toBe(status.UNAUTHENTICATED);
  });

  it('accepts a valid key, and any call under explicit open access', async () => {
    expect((await server.create(ORDER)).code).toBe(status.OK);
    expect((await open.create(ORDER, { 'x-api-key': null })).code).toBe(status.OK);
  });
});

describe('the admission bound shared with HTTP', () => {
  it('answers RESOURCE_EXHAUSTED with RetryInfo past MAX_PENDING_ORDERS, before decoding, and serves again once orders settle', async () => {
    const server = await startGrpcTestServer({ maxPendingOrders: 2 });
    try {
      const release: Array<() => void> = [];
      const publish = server.publisher.publish;
      server.publisher.publish = (event, metadata) => new Promise<void>((resolve) => release.push(resolve)).then(() => publish(event, metadata));
      const held = [server.create(ORDER), server.create(ORDER)];
      await expect.poll(() => release.length).toBe(2);
      // Not even a message: refused before its bytes are read.
      const refused = await server.createRaw(Buffer.from([0xff, 0xff, 0xff]));
      expect(refused).toMatchObject({ code: status.RESOURCE_EXHAUSTED, message: 'The service already holds 2 orders waiting for Kafka; try again later.' });
      expect(refused.status?.retryDelaySeconds).toBe(RETRY_AFTER_SECONDS);
      for (const resolve of release) resolve();
      expect((await Promise.all(held)).map(({ code }) => code)).toEqual([status.OK, status.OK]);
      server.publisher.publish = publish;
      expect((await server.create(ORDER)).code).toBe(status.OK);
      expect(await server.metrics.ordersRejectedOverload.get()).toMatchObject({ values: [{ value: 1 }] });
    } finally {
      await server.close();
    }
  });
});
