/**
 * `npm run bench:grpc`: the cost per order of the gRPC front end beside
 * HTTP's, on the same service and broker: (c) loaded over HTTP by autocannon,
 * (g) over gRPC by `load/grpc-sustained.ts`, each in its own process, each
 * for the same closed loop; prints req/s, latency and CPU ms per order.
 *
 *   npm run bench:grpc -- [--seconds S] [--concurrency N] [--kafka-port PORT]
 */
import { parseArgs } from 'node:util';
import { startBroker } from './broker.js';
import { runGrpcSustained } from './load/grpc-sustained.js';
import { runSustained } from './load/sustained.js';
import { BENCH_API_KEY } from './order-body.js';
import { cpuSecondsOf, GRPC_TARGET, startTarget, TARGETS, type TargetSpec } from './target-process.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '50' }, 'kafka-port': { type: 'string', default: '21092' } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const broker = startBroker(Number(values['kafka-port']));
try {
  const rows = [];
  for (const spec of [TARGETS.find((target) => target.key === 'c')!, GRPC_TARGET] satisfies TargetSpec[]) {
    const topic = `bench-grpc-${spec.key}-${Date.now()}`;
    await broker.createTopic(topic);
    const env = { HOST: '127.0.0.1', PORT: '0', GRPC_PORT: '0', LOG_LEVEL: 'warn', API_KEYS: BENCH_API_KEY, KAFKA_BROKERS: broker.brokers, KAFKA_TOPIC: topic };
    const target = await startTarget(spec, { env });
    const load = (s: number) => (spec.key === 'g' ? runGrpcSustained({ url: target.url, seconds: s, concurrency }) : runSustained({ url: target.url, seconds: s, connections: concurrency }));
    await load(2); // warm-up: the producer's first batches, JIT
    const cpuBefore = cpuSecondsOf(target.pid);
    const result = await load(seconds);
    const cpuMs = ((cpuSecondsOf(target.pid) - cpuBefore) * 1000) / Math.max(result.ok, 1);
    const { peakRssMb } = await target.stop();
    rows.push({ target: `(${spec.key}) ${spec.name}`, 'orders/s': Math.round(result.throughput), 'p50 ms': Number(result.latency.p50.toFixed(2)), 'p99 ms': Number(result.latency.p99.toFixed(2)), 'CPU ms/order': Number(cpuMs.toFixed(3)), refused: result.non2xx + result.errors, 'peak RSS MB': Math.round(peakRssMb) });
  }
  console.table(rows);
} finally {
  broker.stop();
}
