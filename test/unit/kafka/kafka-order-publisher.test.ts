import type { Admin } from 'kafkajs';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createKafkaOrderPublisher } from '../../../src/kafka/kafka-order-publisher.js';
import { createMetrics } from '../../../src/metrics.js';
import { toOrderEvent } from '../../../src/orders/order-event.js';
import { PublishError } from '../../../src/orders/order-publisher.js';

const event = () => toOrderEvent({ created_by: 'USER14', equipment: ['MOUSE'] }, { source: 'api/v2', receivedAt: new Date() });

function failingWith(error: Error) {
  return createKafkaOrderPublisher({
    producer: { send: (() => Promise.reject(error)) as never },
    admin: {} as Admin,
    topic: 'computers',
    publishTimeoutMs: 1000,
    probeTimeoutMs: 100,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
  });
}

async function publishError(error: Error): Promise<PublishError> {
  return (await failingWith(error).publish(event(), { requestId: 'r' }).catch((caught: unknown) => caught)) as PublishError;
}

describe('how the Kafka publisher maps kafkajs errors', () => {
  it('says unavailable, and retriable, for a lost connection', async () => {
    const error = await publishError(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 10.1.2.3:9092'));
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ reason: 'unavailable', retriable: true, topic: 'computers', code: 'KafkaJSConnectionError' });
  });

  it('says unavailable when kafkajs ran out of its own retries (it calls that non-retriable)', async () => {
    const exhausted = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 9000 });
    expect(await publishError(exhausted)).toMatchObject({ reason: 'unavailable', retriable: true });
  });

  it('says refused, not retriable, when the broker refuses the record for good', async () => {
    const refused = await publishError(new KafkaJSNonRetriableError('The request included a message larger than the max message size'));
    expect(refused).toMatchObject({ reason: 'refused', retriable: false });
  });

  it('says unauthorized, not retriable, when the ACLs deny the write', async () => {
    const denied = new KafkaJSProtocolError(Object.assign(new Error('Not authorized to access topics'), { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false }));
    const error = await publishError(Object.assign(new KafkaJSNonRetriableError(denied), { cause: denied }));
    expect(error).toMatchObject({ reason: 'unauthorized', retriable: false, code: 'TOPIC_AUTHORIZATION_FAILED' });
  });

  it('says unauthorized when SASL authentication fails', async () => {
    expect((await publishError(new (KafkaJSSASLAuthenticationError as new (message: string) => Error)('SASL SCRAM SHA512 authentication failed'))).reason).toBe('unauthorized');
  });

  it('keeps kafkajs’ text and broker hosts out of the error', async () => {
    const error = await publishError(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 10.1.2.3:9092'));
    expect(JSON.stringify({ ...error, text: error.message })).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|Connection error/);
  });

  it('says not retriable, counts it and logs the Kafka error type when an ACL denies the write', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const lines: string[] = [];
    const publisher = createKafkaOrderPublisher({
      producer: { send: (() => Promise.reject(new KafkaJSProtocolError({ type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false, message: 'Not authorized to access topics: [Topic authorization failed] broker-7.internal' } as never))) as never },
      admin: {} as Admin,
      topic: 'computers',
      publishTimeoutMs: 1000,
      probeTimeoutMs: 100,
      logger: pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }),
      metrics,
    });
    const error = (await publisher.publish(event(), { requestId: 'r' }).catch((caught: unknown) => caught)) as PublishError;
    expect(error).toMatchObject({ retriable: false, topic: 'computers' });
    expect(error.message).not.toContain('broker-7');
    expect(lines.join('')).toContain('TOPIC_AUTHORIZATION_FAILED');
    expect(lines.join('')).not.toContain('broker-7');
    expect(await metrics.registry.metrics()).toMatch(/kafka_broker_errors_total\{kind="unauthorized"\} 1/);
  });
});
