/**
 * Creates the one Kafka client, producer and admin of the process, and makes
 * sure the orders topic exists.
 */
import { Kafka, Partitioners, logLevel, type Admin, type Producer, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Metrics } from '../metrics.js';
import { watchProducerConnections } from './publish-metrics.js';
import { createRenewingProducer, type OrderProducer } from './renewing-producer.js';
import { waitForLeaders } from './wait-for-leaders.js';

export interface KafkaConnection {
  producer: OrderProducer;
  admin: Admin;
  disconnect(): Promise<void>;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    function logKafka({ level, label, log }) {
      const { message, ...context } = log;
      logger[LEVELS[level] ?? 'info']({ kafka: context, kafkaLevel: label }, message);
    };
}

/**
 * Connects the producer and admin, then creates the topic when it is missing.
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
  /** Its `kafka_producer_connected` gauge follows the producers' CONNECT and DISCONNECT events. */
  metrics?: Metrics;
}): Promise<KafkaConnection> {
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: config.connectionTimeoutMs,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
  });
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
  const producer = createRenewingProducer({ create: newProducer, logger: logger.child({ component: 'producer' }) });
  // Few retries: the admin only creates the topic and answers readiness probes.
  const admin = kafka.admin({ retry: { retries: 2, initialRetryTime: 100 } });

  await admin.connect();
  const created = await admin.createTopics({
    // Waited for below: kafkajs' own wait gives up on a broker not yet aware of the topic.
    waitForLeaders: false,
    topics: [
      {
        topic: config.topic,
        numPartitions: config.topicPartitions,
        replicationFactor: config.topicReplicationFactor,
      },
    ],
  });
  await waitForLeaders({ admin, topic: config.topic });
  logger.info({ topic: config.topic, created }, created ? 'created the orders topic' : 'the orders topic exists');
  await producer.connect();

  return {
    producer,
    admin,
    async disconnect() {
      await producer.disconnect();
      await admin.disconnect();
    },
  };
}
