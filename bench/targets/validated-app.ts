/**
 * (b) The cost of the contract: the real app (logging, metrics, the API
 * key check, the validator, the order event) on the service's HTTP server,
 * with a publisher that acknowledges at once.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { OrderPublisher } from '../../src/orders/order-publisher.js';
import { listenOnLoopback, serveTarget } from './serve-target.js';

const noopPublisher: OrderPublisher = {
  topic: 'nowhere',
  publish: async () => {},
  readiness: async () => ({ ready: true }),
};

// Built as `startService` builds it, minus Kafka.
serveTarget(async () => {
  const config = loadConfig();
  const app = buildApp({
    publisher: noopPublisher,
    logger: createLogger({ level: config.logLevel }),
    metrics: createMetrics(),
    auth: config.auth,
    idempotency: config.idempotency,
    bodyLimitBytes: config.bodyLimitBytes,
    retryAfterSeconds: config.kafka.retryAfterSeconds,
  });
  // The same server, with the same limits, as the service's.
  return listenOnLoopback((port, host) => createHttpServer(app, config).listen(port, host));
});
