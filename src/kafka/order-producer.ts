/**
 * The producer the orders go through: idempotent, one request in flight, no
 * topic auto-creation, renewed after a failed send (see renewing-producer.ts).
 */
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import { watchProducerConnections } from './publish-metrics.js';
import { createRenewingProducer, type OrderProducer } from './renewing-producer.js';

/**
 * @example
 * const producer = createOrderProducer({ kafka, logger });
 * await producer.connect();
 */
export function createOrderProducer({
  kafka,
  logger,
  metrics,
}: {
  kafka: Kafka;
  logger: Logger;
  /** Its `kafka_producer_connected` gauge follows the producers' CONNECT and DISCONNECT events. */
  metrics?: Metrics;
}): OrderProducer {
  const watchProducer = metrics && watchProducerConnections(metrics);
  function newProducer(): Producer {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    watchProducer?.(producer);
    return producer;
  }
  return createRenewingProducer({ create: newProducer, logger });
}
