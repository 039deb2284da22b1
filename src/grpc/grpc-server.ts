/**
 * Builds the gRPC server from its collaborators, as `app.ts` builds the
 * Express app: the order service, health and reflection, with explicit limits.
 * It never listens: see `listenGrpc` (called by `service.ts`).
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import type { Logger } from 'pino';
import { createWriteAccess, type AuthPolicy } from '../access/write-access.js';
import type { Metrics } from '../metrics.js';
import type { AcceptOrder } from '../orders/accept-order.js';
import type { OrderContract } from '../orders/order-contract.js';
import type { OrderPublisher } from '../orders/order-publisher.js';
import type { PendingOrders } from '../orders/pending-orders.js';
import { observeCalls } from './call-observer.js';
import { createReadinessHealth, type ReadinessHealth } from './health.js';
import { loadOrderProto } from './order-proto.js';
import { createOrderService } from './orders-service.js';

export interface GrpcServerOptions {
  publisher: OrderPublisher;
  acceptOrder: AcceptOrder;
  orders: OrderContract;
  pending: PendingOrders;
  auth: Pick<AuthPolicy, 'apiKeys' | 'openAccess'>;
  logger: Logger;
  metrics: Metrics;
  /** The largest message accepted: BODY_LIMIT_BYTES, as for HTTP bodies. */
  maxMessageBytes: number;
  maxConcurrentStreams: number;
  retryAfterSeconds: number;
  healthIntervalMs?: number;
}

export interface BuiltGrpcServer {
  server: Server;
  health: ReadinessHealth;
}

// Explicit, so that a change of grpc-js' defaults changes nothing here.
const KEEPALIVE = {
  // Ping a connection idle for a minute, and drop it when the ping goes unanswered for 20 s (a dead peer).
  'grpc.keepalive_time_ms': 60_000,
  'grpc.keepalive_timeout_ms': 20_000,
  // Close connections without calls after 5 minutes, and every connection after an hour
  // (with a minute to finish its calls), so that clients rebalance over replicas.
  'grpc.max_connection_idle_ms': 300_000,
  'grpc.max_connection_age_ms': 3_600_000,
  'grpc.max_connection_age_grace_ms': 60_000,
};

/**
 * @example
 * const { server } = buildGrpcServer({ publisher, acceptOrder, orders, pending, auth, logger, metrics, maxMessageBytes: 16384, maxConcurrentStreams: 100, retryAfterSeconds: 5 });
 * await listenGrpc(server, { host: '127.0.0.1', port: 9090 });
 */
export function buildGrpcServer({
  publisher,
  acceptOrder,
  orders,
  pending,
  auth,
  logger,
  metrics,
  maxMessageBytes,
  maxConcurrentStreams,
  retryAfterSeconds,
  healthIntervalMs,
}: GrpcServerOptions): BuiltGrpcServer {
  const proto = loadOrderProto();
  const grpcLogger = logger.child({ component: 'grpc' });
  const server = new Server({
    interceptors: [observeCalls({ logger: grpcLogger, metrics })],
    'grpc.max_receive_message_length': maxMessageBytes,
    // Answers are a few dozen bytes; reflection's descriptors a few kilobytes.
    'grpc.max_send_message_length': 1_048_576,
    'grpc.max_concurrent_streams': maxConcurrentStreams,
    // HTTP/2 session memory (headers, buffered frames) per connection, beyond which new streams are refused.
    'grpc-node.max_session_memory': 10,
    ...KEEPALIVE,
  });
  const orderService = createOrderService({
    proto,
    orders,
    acceptOrder,
    pending,
    judgeKey: createWriteAccess(auth),
    retryAfterSeconds,
    logger: grpcLogger,
  });
  server.addService(orderService.definition, orderService.implementation);
  const health = createReadinessHealth({ publisher, ...(healthIntervalMs !== undefined && { intervalMs: healthIntervalMs }) });
  health.health.addToServer(server);
  new ReflectionService(proto.packageDefinition).addToServer(server);
  return { server, health };
}

/** Binds `host:port` (plaintext, or TLS with `tls`) and resolves with the port bound (the OS's choice for 0). */
export function listenGrpc(server: Server, { host, port, tls }: { host: string; port: number; tls?: { cert: string; key: string } }): Promise<number> {
  const credentials = tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(tls.cert), private_key: Buffer.from(tls.key) }], false)
    : ServerCredentials.createInsecure();
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
  });
}
