import { status } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { loadOrderProto } from '../../src/grpc/order-proto.js';
import { BODY_LIMIT_BYTES, useGrpcTestServer } from './grpc-test-server.js';

const server = useGrpcTestServer();
const { request } = loadOrderProto();
const valid = () => protobuf.Writer.create().uint32((4 << 3) | 2).string('U').uint32((5 << 3) | 0).int32(2);

async function stillServing() {
  expect((await server.create({ created_by: 'U', equipment: ['MOUSE'] })).code).toBe(status.OK);
  server.publisher.reset();
}

describe('hostile messages on CreateComputerOrder', () => {
  it('sends a valid order as raw bytes too (the baseline for the cases below)', async () => {
    expect((await server.createRaw(valid().finish())).code).toBe(status.OK);
    expect(request.decode(valid().finish()).toJSON()).toEqual({ created_by: 'U', equipment: ['MOUSE'] });
  });

  it('answers INVALID_ARGUMENT to bytes that are not a message', async () => {
    expect(await server.createRaw(Buffer.from([0x22, 0x7f, 0x41]))).toMatchObject({ code: status.INVALID_ARGUMENT, message: 'The bytes are not a valid CreateComputerOrderRequest.' });
    expect(server.publisher.published).toHaveLength(0);
    await stillServing();
  });

  it('answers INVALID_ARGUMENT to a field sent with the wrong wire type', async () => {
    const bytes = protobuf.Writer.create().uint32((4 << 3) | 0).int32(14).uint32((5 << 3) | 0).int32(2).finish();
    expect((await server.createRaw(bytes)).code).toBe(status.INVALID_ARGUMENT);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('answers INVALID_ARGUMENT naming an unknown field number, which protobufjs alone would drop', async () => {
    const bytes = valid().uint32((9 << 3) | 0).int32(3).finish();
    expect(request.decode(bytes).toJSON()).toEqual({ created_by: 'U', equipment: ['MOUSE'] });
    const result = await server.createRaw(bytes);
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.status?.badRequest).toEqual([{ field: '/9', description: 'is not a field of CreateComputerOrderRequest (field number 9)' }]);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('answers INVALID_ARGUMENT naming a string field that is not UTF-8, instead of publishing U+FFFD', async () => {
    const bytes = protobuf.Writer.create().uint32((4 << 3) | 2).bytes(Buffer.from([0x55, 0xff, 0xfe])).uint32((5 << 3) | 0).int32(2).finish();
    const result = await server.createRaw(bytes);
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.status?.badRequest).toEqual([{ field: '/created_by', description: 'is not valid UTF-8' }]);
    expect(server.publisher.published).toHaveLength(0);
  });

  it.each([
    ['status', { created_by: 'U', equipment: ['MOUSE'], status: 42 }, '/status', 'must be equal to one of the allowed values: Queued'],
    ['equipment', { created_by: 'U', equipment: ['MOUSE', 7] }, '/equipment/1', 'must be equal to one of the allowed values: KEYBOARD, MOUSE, WEBCAM, MONITOR'],
    ['status, as its zero value', { created_by: 'U', equipment: ['MOUSE'], status: 'ORDER_STATUS_UNSPECIFIED' }, '/status', 'must be equal to one of the allowed values: Queued'],
  ])('answers INVALID_ARGUMENT naming %s for a number outside the enum', async (_case, order, field, description) => {
    const result = await server.create(order);
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.status?.badRequest).toEqual([{ field, description }]);
  });

  it('answers RESOURCE_EXHAUSTED to a message over BODY_LIMIT_BYTES, before it is decoded', async () => {
    const result = await server.create({ created_by: 'U'.repeat(BODY_LIMIT_BYTES), equipment: ['MOUSE'] });
    expect(result.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(server.publisher.published).toHaveLength(0);
    await stillServing();
  });

  it('answers a flood of concurrent calls on one connection, each with a clear status, and keeps serving', { timeout: 30_000 }, async () => {
    const publish = server.publisher.publish;
    server.publisher.publish = (event, metadata) => new Promise((resolve) => setTimeout(resolve, 20)).then(() => publish(event, metadata));
    try {
      const results = await Promise.all(Array.from({ length: 600 }, (_, i) => server.create({ id: `flood-${i}`, created_by: 'U', equipment: ['MOUSE'] })));
      const codes = new Set(results.map(({ code }) => code));
      expect([...codes].every((code) => code === status.OK || code === status.RESOURCE_EXHAUSTED)).toBe(true);
      expect(server.publisher.published).toHaveLength(results.filter(({ code }) => code === status.OK).length);
    } finally {
      server.publisher.publish = publish;
    }
    await stillServing();
  });
});
