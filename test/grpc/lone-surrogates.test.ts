/**
 * A lone UTF-16 surrogate never reaches a record through gRPC either:
 * protobuf strings are UTF-8 on the wire, and the bytes a client's encoder
 * writes for a lone surrogate (ED A0 80, not UTF-8) are refused naming the
 * field; behind that, toOrderEvent's own rule (src/orders/well-formed-text.ts)
 * holds for every front end. An emoji passes.
 */
import { status } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { useGrpcTestServer } from './grpc-test-server.js';

const server = useGrpcTestServer();

describe('CreateComputerOrder with a lone surrogate', () => {
  it('answers INVALID_ARGUMENT naming /created_by when a client sends one in a string, and publishes nothing', async () => {
    const result = await server.create({ created_by: 'USER\ud800', equipment: ['MOUSE'] });
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.status?.badRequest).toEqual([expect.objectContaining({ field: '/created_by' })]);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('answers INVALID_ARGUMENT naming /created_by for the encoded surrogate as raw bytes', async () => {
    const bytes = protobuf.Writer.create().uint32((4 << 3) | 2).bytes(Buffer.from([0x55, 0xed, 0xa0, 0x80])).uint32((5 << 3) | 0).int32(2).finish();
    const result = await server.createRaw(bytes);
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.status?.badRequest).toEqual([expect.objectContaining({ field: '/created_by' })]);
    expect(server.publisher.published).toHaveLength(0);
  });

  it('accepts an emoji, and publishes it as one character', async () => {
    expect((await server.create({ created_by: 'USER 😀', equipment: ['MOUSE'] })).code).toBe(status.OK);
    expect(server.publisher.published.map(({ event }) => event.created_by)).toEqual(['USER 😀']);
  });
});
