/**
 * Wires the real service together: Kafka, the publisher and the app, on a
 * listening socket; and takes it apart again in the right order.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import { buildApp } from './app.js';
import { loadContract } from './contract.js';
import { buildGrpcServer, listenGrpc, type BuiltGrpcServer } from './grpc/grpc-server.js';
import { createHttpServer, drainHttpServer } from './http/http-server.js';
import type { Config } from './config.js';
import { connectKafka } from './kafka/kafka-connection.js';
import { createKafkaOrderPublisher } from './kafka/kafka-order-publisher.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createOrderAcceptor } from './orders/accept-order.js';
import { createIdempotencyWindow } from './orders/idempotency-window.js';
import { createOrderContract } from './orders/order-contract.js';
import { createPendingOrders } from './orders/pending-orders.js';
import { connectSharedIdempotency } from './redis/connect-shared-idempotency.js';

export interface RunningService {
  server: Server;
  url: string;
  /** `host:port` of the gRPC server; absent when GRPC_ENABLED=false. */
  grpcAddress?: string;
  /** Stops accepting, finishes in-flight requests, flushes and disconnects the producer. */
  stop(): Promise<void>;
}

function shutDownGrpc(server: GrpcServer): Promise<void> {
  return new Promise((resolve) => server.tryShutdown(() => resolve()));
}

/** Says at start-up, loudly, when writes are refused or open to anyone. */
function warnAboutAccess({ apiKeys, openAccess, legacyAnonymousWrites }: Config['auth'], logger: Logger): void {
  if (openAccess) logger.warn('OPEN_ACCESS=true: writes are accepted WITHOUT credentials');
  else if (apiKeys.length === 0) logger.warn('no API_KEYS configured: every write is refused (set API_KEYS, or OPEN_ACCESS=true)');
  else logger.info({ apiKeys: apiKeys.length }, 'writes need an X-API-Key');
  if (legacyAnonymousWrites && !openAccess) logger.warn('LEGACY_ANONYMOUS_WRITES=true: the original path accepts writes without a key');
}

/**
 * @example
 * const service = await startService({ config: loadConfig(), logger });
 * process.once('SIGTERM', () => service.stop());
 */
export async function startService({
  config,
  logger,
  validateResponses = false,
  metrics = createMetrics(),
}: {
  config: Config;
  logger: Logger;
  validateResponses?: boolean;
  /** One registry for the app and the publisher, served at `GET /metrics`. */
  metrics?: Metrics;
}): Promise<RunningService> {
  const kafka = await connectKafka({ config: config.kafka, logger, metrics });
  const publisher = createKafkaOrderPublisher({
    producer: kafka.producer,
    admin: kafka.admin,
    topic: config.kafka.topic,
    publishTimeoutMs: config.kafka.publishTimeoutMs,
    probeTimeoutMs: config.kafka.connectionTimeoutMs * 2,
    logger: logger.child({ component: 'publisher' }),
    metrics,
  });
  const idempotencyStore =
    config.idempotency.store &&
    (await connectSharedIdempotency({
      store: config.idempotency.store,
      windowMs: config.idempotency.windowMs,
      topic: config.kafka.topic,
      publishTimeoutMs: config.kafka.publishTimeoutMs,
      logger,
      metrics,
    }));
  // One of each for both front ends: the order rules, the bound on held orders, the retried ids.
  const orderContract = createOrderContract(loadContract().document);
  const pendingOrders = createPendingOrders({ maxPendingOrders: config.maxPendingOrders, rejections: metrics.ordersRejectedOverload });
  const recentOrders = idempotencyStore ?? createIdempotencyWindow({ ttlMs: config.idempotency.windowMs, maxEntries: config.idempotency.maxOrders });
  const app = buildApp({
    publisher,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    retryAfterSeconds: config.kafka.retryAfterSeconds,
    validateResponses,
    metrics,
    auth: config.auth,
    corsOrigins: config.corsOrigins,
    idempotency: config.idempotency,
    maxPendingOrders: config.maxPendingOrders,
    idempotencyStore: recentOrders,
    orderContract,
    pendingOrders,
  });
  warnAboutAccess(config.auth, logger);

  const server = createHttpServer(app, config).listen(config.port, config.host);
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ url, topic: config.kafka.topic, brokers: config.kafka.brokers }, `listening on ${url}`);

  let grpc: BuiltGrpcServer | undefined;
  let grpcAddress: string | undefined;
  if (config.grpc) {
    grpc = buildGrpcServer({
      publisher,
      acceptOrder: createOrderAcceptor({ publisher, recentOrders }),
      orders: orderContract,
      pending: pendingOrders,
      auth: config.auth,
      logger,
      metrics,
      maxMessageBytes: config.bodyLimitBytes,
      maxConcurrentStreams: config.grpc.maxConcurrentStreams,
      retryAfterSeconds: config.kafka.retryAfterSeconds,
    });
    const port = await listenGrpc(grpc.server, { host: config.host, port: config.grpc.port, ...(config.grpc.tls && { tls: config.grpc.tls }) }).catch(async (err: unknown) => {
      server.close();
      await kafka.disconnect();
      throw err;
    });
    grpcAddress = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ grpcAddress, tls: config.grpc.tls !== undefined }, `gRPC listening on ${grpcAddress}`);
  }

  return {
    server,
    url,
    ...(grpcAddress !== undefined && { grpcAddress }),
    async stop() {
      grpc?.health.stop();
      const closed = drainHttpServer(server);
      // gRPC alike: no new calls, and those under way finish (their publishes settle) before the producer is flushed.
      await Promise.all([closed, grpc && shutDownGrpc(grpc.server)]);
      await publisher.drain();
      await kafka.disconnect();
      await idempotencyStore?.close();
    },
  };
}
