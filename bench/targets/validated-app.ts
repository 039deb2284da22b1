/**
 * (b) The cost of the contract: the real app (logging, metrics, the
 * validator, the error handler, the order event) with a publisher that
 * acknowledges at once.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { OrderPublisher } from '../../src/orders/order-publisher.js';
import { listenOnLoopback, serveTarget } from './serve-target.js';

const noopPublisher: OrderPublisher = {
  topic: 'nowhere',
  publish: async () => {},
  readiness: async () => ({ ready: true }),
};

serveTarget(async () => {
  const config = loadConfig();
  const app = buildApp({
    publisher: noopPublisher,
    logger: createLogger({ level: config.logLevel }),
    metrics: createMetrics(),
    auth: config.auth,
    bodyLimitBytes: config.bodyLimitBytes,
    retryAfterSeconds: config.kafka.retryAfterSeconds,
  });
  return listenOnLoopback((port, host) => app.listen(port, host));
});
