/**
 * Wires the real service together: Kafka, the publisher and the app, on a
 * listening socket; and takes it apart again in the right order.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { createHttpServer } from './http/http-server.js';
import type { Config } from './config.js';
import { connectKafka } from './kafka/kafka-connection.js';
import { createKafkaOrderPublisher } from './kafka/kafka-order-publisher.js';
import { createMetrics, type Metrics } from './metrics.js';
import { connectSharedIdempotency } from './redis/connect-shared-idempotency.js';

export interface RunningService {
  server: Server;
  url: string;
  /** Stops accepting, finishes in-flight requests, flushes and disconnects the producer. */
  stop(): Promise<void>;
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
    idempotencyStore,
  });
  warnAboutAccess(config.auth, logger);

  const server = createHttpServer(app, config).listen(config.port, config.host);
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ url, topic: config.kafka.topic, brokers: config.kafka.brokers }, `listening on ${url}`);

  return {
    server,
    url,
    async stop() {
      // close() only stops new connections: a keep-alive client goes on sending
      // on its open socket, and close() would wait for it until the shutdown
      // timeout. So from now on every response closes its connection, and a
      // socket whose response was already under way is closed once idle 100 ms.
      server.prependListener('request', function closeAfterResponse(_req, res) {
        res.setHeader('Connection', 'close');
      });
      server.keepAliveTimeout = 100;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await publisher.drain();
      await kafka.disconnect();
      await idempotencyStore?.close();
    },
  };
}
