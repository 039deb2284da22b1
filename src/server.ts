/**
 * Runs the service: reads the configuration, connects to Kafka, listens, and
 * on SIGTERM or SIGINT drains in-flight requests and flushes the producer.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectKafka } from './kafka/kafka-client.js';
import { createKafkaOrderPublisher } from './kafka/kafka-order-publisher.js';
import { createLogger } from './logger.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`Invalid configuration: ${err.message}`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  const kafka = await connectKafka({ config: config.kafka, logger }).catch((err: unknown) => {
    logger.fatal({ err, brokers: config.kafka.brokers }, 'cannot connect to Kafka');
    process.exit(1);
  });
  const publisher = createKafkaOrderPublisher({
    producer: kafka.producer,
    admin: kafka.admin,
    topic: config.kafka.topic,
    publishTimeoutMs: config.kafka.publishTimeoutMs,
    probeTimeoutMs: config.kafka.connectionTimeoutMs * 2,
    logger: logger.child({ component: 'publisher' }),
  });
  const app = buildApp({
    publisher,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    retryAfterSeconds: config.kafka.retryAfterSeconds,
  });

  const server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  logger.info({ address, port, topic: config.kafka.topic, brokers: config.kafka.brokers }, `listening on http://${address}:${port}`);

  let stopping = false;
  async function shutdown(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const forced = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    forced.unref();
    // Idle keep-alive sockets would hold close() open; busy ones close after their response.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await publisher.drain();
    await kafka.disconnect();
    logger.info('stopped');
    process.exit(0);
  }
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

await main();
