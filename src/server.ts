/**
 * Runs the service until SIGTERM or SIGINT, then drains in-flight requests,
 * flushes the producer and exits 0.
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import { assertWindowFitsHeap } from './config-heap.js';
import { isKafkaError, kafkaErrorCode } from './kafka/kafka-errors.js';
import { KafkaStartupError } from './kafka/kafka-startup-error.js';
import { createLogger } from './logger.js';
import { startService } from './service.js';

function readConfig(): Config {
  try {
    const config = loadConfig();
    assertWindowFitsHeap({ maxOrders: config.idempotency.maxOrders, shared: config.idempotency.store !== undefined });
    return config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`Invalid configuration: ${err.message}`);
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger({ level: config.logLevel });
const service = await startService({ config, logger }).catch((err: unknown) => {
  // Already one line naming what failed (authentication, an ACL, TLS), and nothing secret.
  if (err instanceof KafkaStartupError) logger.fatal(`cannot start: ${err.message}`);
  // kafkajs' own text names broker hosts: its code says enough (docs/SECURITY.md).
  else if (isKafkaError(err)) {
    const code = kafkaErrorCode(err);
    logger.fatal({ code }, `cannot start: Kafka is not reachable (${code}): check KAFKA_BROKERS`);
  } else logger.fatal({ err }, 'cannot start');
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const forced = setTimeout(() => {
    logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  forced.unref();
  await service.stop();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));
