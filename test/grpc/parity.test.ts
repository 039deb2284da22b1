/**
 * REST and gRPC give the same answer to the same order: table-driven over the
 * HTTP tests' cases (`test/http/order-cases.ts`). 202 ⇔ OK; 400 ⇔
 * INVALID_ARGUMENT whose google.rpc.BadRequest names the same fields
 * (`field` = the problem's `pointer`) with the same messages, and whose
 * message is the problem's `detail`.
 */
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_ORDERS, REFUSED_ORDERS } from '../http/order-cases.js';
import { useTestServer } from '../http/test-server.js';
import { useGrpcTestServer } from './grpc-test-server.js';

const PATH = '/api/v2/orders/computers';
const rest = useTestServer();
const grpc = useGrpcTestServer();

/** What a proto message cannot carry, so the case has no gRPC twin. */
const NOT_EXPRESSIBLE: Record<string, string> = {
  'a field is unknown': 'a proto message has no named unknown fields; unknown field numbers are refused by the decoder (hostile-input.test.ts)',
  'equipment is not an array': 'a repeated field is always a list',
  'created_by is not a string': 'a string field holds only strings',
};

// A contract value outside the proto's enum travels as a number the enum lacks, which the server keeps for the contract to refuse.
const UNKNOWN_ENUM_NUMBER = 99;
const EQUIPMENT = ['KEYBOARD', 'MOUSE', 'WEBCAM', 'MONITOR'];

/** The HTTP body as the proto request the generated client sends: enum names upper-cased, anything else the proto lacks as a number. */
function toProtoRequest(body: Record<string, unknown>): Record<string, unknown> {
  const request: Record<string, unknown> = { ...body };
  if (typeof body.status === 'string') request.status = body.status === 'Queued' ? 'QUEUED' : UNKNOWN_ENUM_NUMBER;
  if (Array.isArray(body.equipment)) request.equipment = body.equipment.map((item) => (EQUIPMENT.includes(item as string) ? item : UNKNOWN_ENUM_NUMBER));
  return request;
}

describe('the same order over REST and gRPC', () => {
  it.each(ACCEPTED_ORDERS)('is accepted by both when %s (202 ⇔ OK), as the same event', async (_case, body) => {
    const response = await rest.post(PATH, body);
    const result = await grpc.create(toProtoRequest(body));
    expect(response.status).toBe(202);
    expect(result.code).toBe(status.OK);
    const [{ event: restEvent }] = rest.publisher.published as [(typeof rest.publisher.published)[number]];
    const [{ event: grpcEvent }] = grpc.publisher.published as [(typeof grpc.publisher.published)[number]];
    const comparable = ({ order_id, event_id, received_at, created_at, ...rest }: typeof restEvent) => ({ ...rest, ...(body.created_at !== undefined && { created_at }), ...(body.id !== undefined && { order_id, event_id }) });
    expect(comparable(grpcEvent)).toEqual(comparable(restEvent));
  });

  const expressible = REFUSED_ORDERS.filter(([name]) => !(name in NOT_EXPRESSIBLE));
  it.each(expressible)('is refused by both, naming the same fields with the same messages, when %s (400 ⇔ INVALID_ARGUMENT)', async (_case, body) => {
    const response = await rest.post(PATH, body);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { detail: string; errors: Array<{ pointer: string; message: string }> };
    const result = await grpc.create(toProtoRequest(body));
    expect(result.code).toBe(status.INVALID_ARGUMENT);
    expect(result.message).toBe(problem.detail);
    expect(result.status?.badRequest).toEqual(problem.errors.map(({ pointer, message }) => ({ field: pointer, description: message })));
    expect(grpc.publisher.published).toHaveLength(0);
  });

  it('leaves out only the cases a proto message cannot express, each with its reason', () => {
    expect(expressible.length + Object.keys(NOT_EXPRESSIBLE).length).toBe(REFUSED_ORDERS.length);
    expect(REFUSED_ORDERS.map(([name]) => name)).toEqual(expect.arrayContaining(Object.keys(NOT_EXPRESSIBLE)));
  });
});
