/**
 * Drives the running service with grpcurl (github.com/fullstorydev/grpcurl), a
 * client nobody here wrote, that knows the interface only through server
 * reflection: the README's call, end to end, to the record on the topic.
 */
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { protoPath as healthProto } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { readTopic, uniqueTopic } from './kafka-reader.js';
import { INTEGRATION_API_KEY, startRealService } from './service-harness.js';

// Pinned; .ci/run compiles it once beforehand, so here `go run` starts it from the build cache.
export const GRPCURL = 'github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4';
const run = promisify(execFile);
const brokers = inject('kafkaBrokers');
const topic = uniqueTopic('grpcurl');
let service: RunningService;

function grpcurl(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return run('go', ['run', GRPCURL, '-plaintext', ...args], { timeout: 280_000 }).then(
    ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
    (err: { stdout: string; stderr: string; code: number }) => ({ stdout: err.stdout, stderr: err.stderr, code: err.code }),
  );
}

beforeAll(async () => {
  service = await startRealService(brokers, topic);
}, 300_000);
afterAll(() => service?.stop());

describe('grpcurl against the running service, through reflection', { timeout: 300_000 }, () => {
  it('lists the order service and describes its request from the generated proto', async () => {
    const list = await grpcurl(service.grpcAddress!, 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toContain('computer_orders.v1.ComputerOrderService');
    const described = await grpcurl(service.grpcAddress!, 'describe', 'computer_orders.v1.CreateComputerOrderRequest');
    expect(described.stdout).toMatch(/repeated \.computer_orders\.v1\.Equipment equipment = 5;/);
  });

  it('creates an order whose record lands on the topic, keyed by the id it returns', async () => {
    const { stdout, code, stderr } = await grpcurl(
      '-d', '{"created_by":"USER14","equipment":["MONITOR"]}',
      '-H', `x-api-key: ${INTEGRATION_API_KEY}`,
      service.grpcAddress!, 'computer_orders.v1.ComputerOrderService/CreateComputerOrder',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { order_id: orderId } = JSON.parse(stdout) as { order_id: string };
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
    const [record] = await readTopic(brokers, topic, 1, 60_000);
    expect(record?.key).toBe(orderId);
    expect(JSON.parse(record!.value)).toMatchObject({ order_id: orderId, created_by: 'USER14', equipment: ['MONITOR'] });
  });

  it('shows an invalid order as InvalidArgument with the field violations', async () => {
    const { stderr, code } = await grpcurl(
      '-d', '{"equipment":["MONITOR"]}',
      '-H', `x-api-key: ${INTEGRATION_API_KEY}`,
      service.grpcAddress!, 'computer_orders.v1.ComputerOrderService/CreateComputerOrder',
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/Code: InvalidArgument/);
    expect(stderr).toMatch(/must have required property 'created_by'/);
  });

  // Health is left out of reflection (see src/grpc/order-proto.ts): grpcurl reads its proto instead.
  it('reports the server SERVING through the standard health check', async () => {
    const { stdout, code } = await grpcurl('-import-path', dirname(healthProto), '-proto', 'health.proto', '-d', '{"service":""}', service.grpcAddress!, 'grpc.health.v1.Health/Check');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ status: 'SERVING' });
  });
});
