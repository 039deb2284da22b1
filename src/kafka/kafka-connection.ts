/**
 * Connects the one Kafka client, producer and admin of the process, with the
 * configured security, and makes sure the orders topic is there.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Metrics } from '../metrics.js';
import { ensureTopic } from './ensure-topic.js';
import { kafkaSecurityOptions } from './kafka-security.js';
import { kafkaLogCreator } from './kafka-log.js';
import { describeStartupFailure, type StartupStep } from './kafka-startup-error.js';
import { createOrderProducer } from './order-producer.js';
import type { OrderProducer } from './renewing-producer.js';

export interface KafkaConnection {
  producer: OrderProducer;
  admin: Admin;
  disconnect(): Promise<void>;
}

/**
 * Connects the admin, makes sure of the topic, then connects the producer
 * (which asks the broker for a producer id). An authentication, ACL or TLS
 * failure on the way becomes a {@link KafkaStartupError} naming what failed.
 *
 * @example
 * const { producer, admin } = await connectKafka({ config: config.kafka, logger });
 */
export async function connectKafka({
  config,
  logger,
  metrics,
}: {
  config: Config['kafka'];
  logger: Logger;
  metrics?: Metrics;
}): Promise<KafkaConnection> {
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: config.connectionTimeoutMs,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger.child({ component: 'kafkajs' }), config.brokers),
    ...kafkaSecurityOptions(config.security),
  });
  const producer = createOrderProducer({ kafka, logger: logger.child({ component: 'producer' }), metrics });
  // Few retries: the admin only creates the topic and answers readiness probes.
  const admin = kafka.admin({ retry: { retries: 2, initialRetryTime: 100 } });

  async function step<T>(what: StartupStep, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw describeStartupFailure(err, { security: config.security, step: what }) ?? err;
    }
  }
  const topic = `topic "${config.topic}"`;
  try {
    await step({ operation: 'Describe', resource: 'the cluster' }, () => admin.connect());
    // A denied Create is not fatal (ensureTopic leaves the topic to operators); a denied Describe is.
    // Kafka's ACLs let Write imply Describe, and Write is needed anyway: that is the grant to name.
    await step({ operation: 'Describe', resource: topic, grant: `Write on ${topic} (it implies Describe)` }, () =>
      ensureTopic({
        admin,
        topic: config.topic,
        create: config.createTopic,
        numPartitions: config.topicPartitions,
        replicationFactor: config.topicReplicationFactor,
        logger,
      }),
    );
    // Since Kafka 3.0 an idempotent producer's id needs Write on some topic (KIP-679), no longer IdempotentWrite.
    await step({ operation: 'InitProducerId', resource: 'the cluster', grant: `Write on ${topic}` }, () => producer.connect());
  } catch (err) {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    throw err;
  }

  return {
    producer,
    admin,
    async disconnect() {
      await producer.disconnect();
      await admin.disconnect();
    },
  };
}
