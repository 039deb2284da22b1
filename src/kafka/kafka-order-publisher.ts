/**
 * The Kafka adapter behind {@link OrderPublisher}: one idempotent producer,
 * `acks=all`, records keyed by order id, one send in flight at a time.
 */
import type { Admin, Message, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { EVENT_SCHEMA_VERSION, EVENT_TYPE, type ComputerOrderEvent } from '../orders/order-event.js';
import { PublishError, type OrderPublisher, type PublishMetadata, type Readiness } from '../orders/order-publisher.js';
import type { Metrics } from '../metrics.js';
import { cloudEventsHeadersOf } from './cloudevents-headers.js';
import { authorizationFailure, hasErrorType, kafkaErrorCode, publishFailureOf } from './kafka-errors.js';
import { observePublishes } from './publish-metrics.js';
import { createSendQueue } from './send-queue.js';

export interface KafkaOrderPublisherOptions {
  producer: Pick<Producer, 'send'>;
  admin: Admin;
  topic: string;
  publishTimeoutMs: number;
  /** How long a readiness probe may take before it counts as "not ready". */
  probeTimeoutMs: number;
  logger: Logger;
  /** Publish latency, batch sizes, in-flight orders and broker errors go here when given. */
  metrics?: Metrics;
}

export interface KafkaOrderPublisher extends OrderPublisher {
  /** Waits for every queued and in-flight record to be acknowledged or failed. */
  drain(): Promise<void>;
}

const ACKS_ALL = -1;
const PROBE_CACHE_MS = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The one builder of a complete record (key, headers, value): what a record
 * looks like is whatever this returns.
 */
export function toRecord(event: ComputerOrderEvent, { requestId, traceparent, tracestate }: PublishMetadata): Message {
  return {
    key: event.order_id,
    value: JSON.stringify(event),
    headers: {
      // Also the CloudEvents datacontenttype, in binary content mode.
      'content-type': 'application/json',
      'event-type': EVENT_TYPE,
      'event-schema-version': String(EVENT_SCHEMA_VERSION),
      'request-id': requestId,
      // W3C Trace Context, so consumers can continue the request's trace.
      ...(traceparent !== undefined && { traceparent }),
      ...(tracestate !== undefined && { tracestate }),
      ...cloudEventsHeadersOf(event),
    },
  };
}

export function createKafkaOrderPublisher({
  producer,
  admin,
  topic,
  publishTimeoutMs,
  probeTimeoutMs,
  logger,
  metrics,
}: KafkaOrderPublisherOptions): KafkaOrderPublisher {
  const observe = observePublishes(metrics);
  const queue = createSendQueue<Message>({
    send: async (messages) => {
      const sent = observe.send(messages.length);
      try {
        await producer.send({ topic, acks: ACKS_ALL, timeout: publishTimeoutMs, messages });
      } finally {
        sent();
      }
    },
    toError: (cause) => {
      const reason = publishFailureOf(cause);
      const code = kafkaErrorCode(cause);
      observe.sendFailed(reason);
      // An ACL that says no will say no again: not retriable, so the client gets 500, not 503.
      if (reason === 'unauthorized') {
        logger.error({ topic, reason, code }, `publish denied by Kafka (${code}): the service's principal needs Write on the topic`);
      } else {
        logger.error({ topic, reason, code }, `publish failed: ${reason} (${code})`);
      }
      return new PublishError(reason, { topic, code });
    },
    toTimeout: (sent) => {
      observe.timedOut();
      logger.warn({ topic, sent, publishTimeoutMs }, 'publish not acknowledged in time');
      return new PublishError('timeout', { topic });
    },
  });

  let lastProbe: { at: number; result: Promise<Readiness> } | undefined;
  const missing = `topic "${topic}" does not exist: create it, or let the service create it (KAFKA_CREATE_TOPIC=true)`;

  async function probe(): Promise<Readiness> {
    try {
      const metadata = await withTimeout(admin.fetchTopicMetadata({ topics: [topic] }), probeTimeoutMs, 'Kafka metadata request');
      const found = metadata.topics.find((entry) => entry.name === topic);
      if (!found || found.partitions.length === 0) return { ready: false, reason: missing };
      return { ready: true };
    } catch (cause) {
      if (hasErrorType(cause, 'UNKNOWN_TOPIC_OR_PARTITION')) return { ready: false, reason: missing };
      if (authorizationFailure(cause)) return { ready: false, reason: `not allowed to describe topic "${topic}": the service's principal needs Write on it, which implies Describe` };
      // The reason is shown to callers of /ready: kafkajs' text (broker hosts) goes nowhere, its code to the log.
      logger.warn({ topic, code: kafkaErrorCode(cause) }, 'readiness probe failed');
      return { ready: false, reason: 'Kafka is not reachable' };
    }
  }

  return {
    topic,
    publish: (event, metadata) => observe.order(queue.enqueue(toRecord(event, metadata), publishTimeoutMs)),
    readiness() {
      const now = Date.now();
      if (!lastProbe || now - lastProbe.at >= PROBE_CACHE_MS) lastProbe = { at: now, result: probe() };
      return lastProbe.result;
    },
    drain: () => queue.drain(),
  };
}
