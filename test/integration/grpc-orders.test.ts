import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { eventSchemaErrors } from './event-schema.js';
import { createOrderClient } from './grpc-client.js';
import { readTopic, topicSize, uniqueTopic, type ReadRecord } from './kafka-reader.js';
import { startRealService } from './service-harness.js';

const brokers = inject('kafkaBrokers');
const topic = uniqueTopic('grpc');
let service: RunningService;
let client: ReturnType<typeof createOrderClient>;
let records: ReadRecord[];
let generatedId: string;

const create = (request: unknown, extra: Record<string, string> = {}) => client.create(request, extra);

beforeAll(async () => {
  service = await startRealService(brokers, topic);
  client = createOrderClient(service.grpcAddress!);
  // Refused ones first: none of them may reach the topic.
  const refused = await Promise.all([
    create({ created_by: 'USER14' }),
    create({ created_by: 'USER14', equipment: ['MOUSE'], created_at: '2026-01-01T10:00:00+24:00' }),
    create({ id: '../etc', created_by: 'USER14', equipment: ['MOUSE'] }),
    create({ created_by: 'USER14', equipment: ['MOUSE'] }, { 'x-api-key': 'not-the-key-0123456789' }),
  ]);
  expect(refused.map(({ code }) => code)).toEqual([status.INVALID_ARGUMENT, status.INVALID_ARGUMENT, status.INVALID_ARGUMENT, status.UNAUTHENTICATED]);

  const generated = await create({ created_by: 'USER14', equipment: ['MONITOR'] }, { 'x-request-id': 'grpc-req-1' });
  expect(generated.code).toBe(status.OK);
  generatedId = generated.response!.order_id;
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  const chosen = { id: 'grpc-order-1', status: 'QUEUED', created_at: '2026-11-27T09:15:00.5+01:00', created_by: 'USER15', equipment: ['KEYBOARD', 'WEBCAM'] };
  expect(await create(chosen, { traceparent })).toMatchObject({ code: status.OK, response: { order_id: 'grpc-order-1', replayed: false } });
  // A retry: OK, replayed, and no second record.
  expect(await create(chosen, { traceparent })).toMatchObject({ code: status.OK, response: { order_id: 'grpc-order-1', replayed: true } });
  expect((await create({ ...chosen, equipment: ['MOUSE'] })).code).toBe(status.ALREADY_EXISTS);

  records = await readTopic(brokers, topic, 2, 60_000);
}, 120_000);
afterAll(async () => {
  client?.close();
  await service?.stop();
});

describe('publishing orders over gRPC to a real broker', () => {
  it('publishes exactly the two accepted orders, once each', async () => {
    expect(records.map((record) => record.key).sort()).toEqual(['grpc-order-1', generatedId].sort());
    expect(await topicSize(brokers, topic)).toBe(2);
  });

  it('publishes the same event as HTTP, valid against the event schema, with the metadata in the headers', () => {
    const generated = records.find((record) => record.key === generatedId)!;
    expect(eventSchemaErrors(JSON.parse(generated.value))).toEqual([]);
    expect(JSON.parse(generated.value)).toMatchObject({ order_id: generatedId, status: 'Queued', created_by: 'USER14', equipment: ['MONITOR'], source: 'api/v2' });
    expect(generated.headers['request-id']).toBe('grpc-req-1');

    const chosen = records.find((record) => record.key === 'grpc-order-1')!;
    expect(eventSchemaErrors(JSON.parse(chosen.value))).toEqual([]);
    expect(JSON.parse(chosen.value)).toMatchObject({ created_at: '2026-11-27T08:15:00.5Z', equipment: ['KEYBOARD', 'WEBCAM'] });
    expect(chosen.headers.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('reports SERVING through grpc.health.v1 while the broker is reachable', async () => {
    expect(await client.health()).toBe('SERVING');
  });

  it('counts the calls by method and code in GET /metrics', async () => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toMatch(/grpc_server_handled_total\{grpc_method="\/computer_orders\.v1\.ComputerOrderService\/CreateComputerOrder",grpc_code="OK"\} 3/);
    expect(text).toMatch(/grpc_server_handled_total\{[^}]*grpc_code="INVALID_ARGUMENT"\} 3/);
  });
});
