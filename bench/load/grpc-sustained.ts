/**
 * Closed-loop gRPC load: `concurrency` calls of CreateComputerOrder in
 * flight on one channel (grpc-js multiplexes them over one HTTP/2
 * connection, as a gRPC client does), each followed at once by the next.
 * The gRPC counterpart of `sustained.ts`, reporting the same figures
 * (`ok` counts status OK; `non2xx` every other status).
 */
import { performance } from 'node:perf_hooks';
import { credentials, loadPackageDefinition, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { generatedProtoPath } from '../../src/grpc/order-proto.js';
import { BENCH_API_KEY, ORDER_BODY } from '../order-body.js';
import { summarise, type RunResult } from './latency-summary.js';

type Create = (request: unknown, metadata: Metadata, callback: (err: ServiceError | null) => void) => void;

/**
 * @example
 * const result = await runGrpcSustained({ url: 'grpc://127.0.0.1:9090', seconds: 10, concurrency: 100 });
 */
export async function runGrpcSustained({ url, seconds, concurrency }: { url: string; seconds: number; concurrency: number }): Promise<RunResult> {
  const definition = loadPackageDefinition(loadSync(generatedProtoPath(), { keepCase: true, enums: String })) as unknown as {
    computer_orders: { v1: { ComputerOrderService: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => Client & { CreateComputerOrder: Create } } };
  };
  const client = new definition.computer_orders.v1.ComputerOrderService(url.replace(/^grpc:\/\//, ''), credentials.createInsecure());
  // The HTTP body's order, in the proto's words: enum names are the contract's values upper-cased.
  const body = JSON.parse(ORDER_BODY) as Record<string, unknown>;
  const order = { ...body, ...(typeof body.status === 'string' && { status: body.status.toUpperCase() }) };
  const metadata = new Metadata();
  metadata.set('x-api-key', BENCH_API_KEY);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  async function loop(): Promise<void> {
    while (performance.now() < end) {
      const sent = performance.now();
      const err = await new Promise<ServiceError | null>((resolve) => client.CreateComputerOrder(order, metadata, resolve));
      latencies.push(performance.now() - sent);
      if (err) failed++;
      else ok++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  client.close();
  return { throughput: ok / elapsed, latency: summarise(Float64Array.from(latencies)), requests: ok + failed, ok, non2xx: failed, errors: 0, seconds: elapsed };
}
