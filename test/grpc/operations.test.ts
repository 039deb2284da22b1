import { credentials, makeClientConstructor, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { pino } from 'pino';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrpcTestServer, type GrpcTestServer } from './grpc-test-server.js';

type Check = (request: { service: string }, callback: (err: ServiceError | null, response?: { status: string }) => void) => void;
const HealthClient = makeClientConstructor(healthService as never, 'grpc.health.v1.Health') as unknown as new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => Client & { check: Check; Check: Check };

const lines: Array<Record<string, unknown>> = [];
let server: GrpcTestServer;
let health: Client & { Check: Check };

beforeAll(async () => {
  server = await startGrpcTestServer({ logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }) });
  health = new HealthClient(server.address, credentials.createInsecure());
});
afterAll(async () => {
  health.close();
  await server.close();
});

const check = (service: string) =>
  new Promise<{ code: number; status?: string }>((resolve) => health.Check({ service }, (err, response) => resolve(err ? { code: err.code } : { code: 0, status: response!.status })));

describe('grpc.health.v1.Health', () => {
  it('reports SERVING for the server and the order service while /ready would answer 200', async () => {
    await expect.poll(() => check('')).toEqual({ code: 0, status: 'SERVING' });
    expect(await check('computer_orders.v1.ComputerOrderService')).toEqual({ code: 0, status: 'SERVING' });
  });

  it('reports NOT_SERVING whenever /ready would answer 503, and SERVING again once ready', async () => {
    server.publisher.readinessResult = { ready: false, reason: 'Kafka is not reachable.' };
    await expect.poll(() => check('')).toEqual({ code: 0, status: 'NOT_SERVING' });
    expect(await check('computer_orders.v1.ComputerOrderService')).toEqual({ code: 0, status: 'NOT_SERVING' });
    server.publisher.readinessResult = { ready: true };
    await expect.poll(() => check('')).toEqual({ code: 0, status: 'SERVING' });
  });

  it('answers NOT_FOUND for a service it does not serve', async () => {
    expect((await check('no.such.Service')).code).toBe(status.NOT_FOUND);
  });
});

describe('per-call metrics and log lines', () => {
  it('counts and times each call by method and code, and logs one line per call without the key', async () => {
    lines.length = 0;
    await server.create({ created_by: 'U', equipment: ['MOUSE'] }, { 'x-request-id': 'logged-1' });
    await server.create({ equipment: [] }, { 'x-request-id': 'logged-2' });
    const text = await server.metrics.registry.metrics();
    const method = '/computer_orders.v1.ComputerOrderService/CreateComputerOrder';
    expect(text).toContain(`grpc_server_handled_total{grpc_method="${method}",grpc_code="OK"} 1`);
    expect(text).toContain(`grpc_server_handled_total{grpc_method="${method}",grpc_code="INVALID_ARGUMENT"} 1`);
    expect(text).toContain(`grpc_server_handling_seconds_count{grpc_method="${method}",grpc_code="OK"} 1`);
    const completed = lines.filter((line) => line.msg === 'call completed');
    expect(completed).toEqual([
      expect.objectContaining({ reqId: 'logged-1', grpcMethod: method, grpcCode: 'OK', responseTime: expect.any(Number) }),
      expect.objectContaining({ reqId: 'logged-2', grpcMethod: method, grpcCode: 'INVALID_ARGUMENT' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('test-key-0123456789abcdef');
  });

  it('counts and logs the other services\' calls too (health): the observer is a server interceptor', async () => {
    lines.length = 0;
    await check('');
    const completed = lines.filter((line) => line.msg === 'call completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toEqual(expect.objectContaining({ grpcMethod: '/grpc.health.v1.Health/Check', grpcCode: 'OK', reqId: expect.any(String) }));
    const text = await server.metrics.registry.metrics();
    expect(text).toMatch(/grpc_server_handled_total\{grpc_method="\/grpc\.health\.v1\.Health\/Check",grpc_code="OK"\} \d+/);
  });
});
