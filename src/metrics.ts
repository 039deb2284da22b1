/**
 * The service's Prometheus metrics: one registry per service instance,
 * created here and handed to the app and the publisher (no module-level
 * singleton, so tests and benchmarks can run several side by side).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  publishDuration: Histogram<'outcome'>;
  sendDuration: Histogram;
  batchSize: Histogram;
  brokerErrors: Counter<'kind'>;
  publishesInFlight: Gauge;
  producerConnected: Gauge;
  ordersRejectedOverload: Counter;
  grpcHandled: Counter<'grpc_method' | 'grpc_code'>;
  grpcHandlingDuration: Histogram<'grpc_method' | 'grpc_code'>;
}

/** How a publish ended, as the `outcome` label says it. */
export type PublishOutcome = 'acknowledged' | 'failed' | 'timed_out';

// From 1 ms to 10 s: an acknowledged publish takes a few ms; the publish timeout is 5 s by default.
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const RECORDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/**
 * @example
 * const metrics = createMetrics();
 * const app = buildApp({ publisher, logger, metrics, bodyLimitBytes: 16384, retryAfterSeconds: 5 });
 * // GET /metrics now serves metrics.registry
 */
export function createMetrics({ defaultMetrics = true }: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route (the contract path, or "unmatched") and status ("aborted" when the client left first).',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response.',
      labelNames: ['method', 'route', 'status'],
      buckets: SECONDS,
      registers,
    }),
    publishDuration: new Histogram({
      name: 'orders_publish_duration_seconds',
      help: 'Time an order waited from being handed to the publisher until Kafka acknowledged it (or the publish failed or timed out).',
      labelNames: ['outcome'],
      buckets: SECONDS,
      registers,
    }),
    sendDuration: new Histogram({
      name: 'kafka_send_duration_seconds',
      help: 'Duration of one producer send (one batch, acks=all).',
      buckets: SECONDS,
      registers,
    }),
    batchSize: new Histogram({
      name: 'kafka_send_batch_size',
      help: 'Records per producer send: the orders that arrived while the previous send was in flight.',
      buckets: RECORDS,
      registers,
    }),
    brokerErrors: new Counter({
      name: 'kafka_broker_errors_total',
      help: 'Kafka trouble by reason: kind="timeout" counts records not acknowledged within the publish timeout; kind="unavailable" (retriable), "refused" (rejected for good) and "unauthorized" (denied by the broker\'s ACLs or SASL) count failed sends (batches).',
      labelNames: ['kind'],
      registers,
    }),
    publishesInFlight: new Gauge({
      name: 'orders_publishes_in_flight',
      help: 'Orders handed to the publisher and not yet acknowledged, failed or timed out.',
      registers,
    }),
    producerConnected: new Gauge({
      name: 'kafka_producer_connected',
      help: '1 between the Kafka producer connecting and disconnecting (kafkajs CONNECT and DISCONNECT events), else 0. Broker reachability is what GET /ready reports.',
      registers,
    }),
    ordersRejectedOverload: new Counter({
      name: 'orders_rejected_overload_total',
      help: 'Orders refused at once, unread (HTTP 503, gRPC RESOURCE_EXHAUSTED), because MAX_PENDING_ORDERS orders were already held.',
      registers,
    }),
    // The names and labels of go-grpc-prometheus / grpc-ecosystem's interceptors, so existing gRPC dashboards read them.
    grpcHandled: new Counter({
      name: 'grpc_server_handled_total',
      help: 'gRPC calls completed, by full method name (/package.Service/Method) and status code name (OK, INVALID_ARGUMENT, ...).',
      labelNames: ['grpc_method', 'grpc_code'],
      registers,
    }),
    grpcHandlingDuration: new Histogram({
      name: 'grpc_server_handling_seconds',
      help: 'Time from receiving a gRPC call to sending its status.',
      labelNames: ['grpc_method', 'grpc_code'],
      buckets: SECONDS,
      registers,
    }),
  };
}
