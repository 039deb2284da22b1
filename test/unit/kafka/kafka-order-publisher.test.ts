import type { Admin } from 'kafkajs';
import { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSConnectionError } from 'kafkajs';
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
  it('says retriable for a lost connection', async () => {
    const error = await publishError(new KafkaJSConnectionError('Connection error: ECONNREFUSED'));
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ retriable: true, topic: 'computers' });
  });

  it('says retriable when kafkajs ran out of its own retries (it calls that non-retriable)', async () => {
    const exhausted = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 9000 });
    expect((await publishError(exhausted)).retriable).toBe(true);
  });

  it('says not retriable when the broker refuses the record for good', async () => {
    expect((await publishError(new KafkaJSNonRetriableError('The request included a message larger than the max message size'))).retriable).toBe(false);
  });
});
