import { EventEmitter } from 'node:events';
import type { Admin, ProducerRecord } from 'kafkajs';
import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createKafkaOrderPublisher } from '../../../src/kafka/kafka-order-publisher.js';
import { watchProducerConnections } from '../../../src/kafka/publish-metrics.js';
import { createMetrics, type Metrics } from '../../../src/metrics.js';
import { toOrderEvent } from '../../../src/orders/order-event.js';

const event = () => toOrderEvent({ created_by: 'USER14', equipment: ['MOUSE'] }, { source: 'api/v2', receivedAt: new Date() });

/** A publisher over a fake producer whose sends succeed, fail or hang as told. */
function publisherWith(send: (record: ProducerRecord) => Promise<unknown>, publishTimeoutMs = 1000) {
  const metrics = createMetrics({ defaultMetrics: false });
  const publisher = createKafkaOrderPublisher({
    producer: { send: send as never },
    admin: {} as Admin,
    topic: 'computers',
    publishTimeoutMs,
    probeTimeoutMs: 100,
    logger: pino({ level: 'silent' }),
    metrics,
  });
  return { publisher, metrics };
}

/** One series' value from the text a scrape would get, e.g. `kafka_send_batch_size_bucket{le="2"}`; 0 when absent. */
async function value(metrics: Metrics, series: string): Promise<number> {
  const line = (await metrics.registry.metrics()).split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('the Kafka publisher’s metrics', () => {
  it('records batch sizes, send and publish durations, and nothing left in flight', async () => {
    const { publisher, metrics } = publisherWith(async () => []);
    const publishes = [publisher.publish(event(), { requestId: 'a' }), publisher.publish(event(), { requestId: 'b' })];
    expect(await value(metrics, 'orders_publishes_in_flight')).toBe(2);
    await Promise.all(publishes);
    expect(await value(metrics, 'orders_publishes_in_flight')).toBe(0);
    expect(await value(metrics, 'kafka_send_batch_size_bucket{le="1"}')).toBe(0);
    expect(await value(metrics, 'kafka_send_batch_size_bucket{le="2"}')).toBe(1);
    expect(await value(metrics, 'kafka_send_duration_seconds_count')).toBe(1);
    expect(await value(metrics, 'orders_publish_duration_seconds_count{outcome="acknowledged"}')).toBe(2);
  });

  it('counts a failed send as a broker error and its orders as failed', async () => {
    const { publisher, metrics } = publisherWith(async () => Promise.reject(Object.assign(new Error('broker gone'), { retriable: true })));
    await expect(publisher.publish(event(), { requestId: 'a' })).rejects.toMatchObject({ reason: 'unavailable' });
    expect(await value(metrics, 'kafka_broker_errors_total{kind="unavailable"}')).toBe(1);
    expect(await value(metrics, 'orders_publish_duration_seconds_count{outcome="failed"}')).toBe(1);
    expect(await value(metrics, 'orders_publishes_in_flight')).toBe(0);
  });

  it('counts an order not acknowledged in time as a timeout', async () => {
    const { publisher, metrics } = publisherWith(() => new Promise(() => {}), 20);
    await expect(publisher.publish(event(), { requestId: 'a' })).rejects.toMatchObject({ reason: 'timeout' });
    expect(await value(metrics, 'kafka_broker_errors_total{kind="timeout"}')).toBe(1);
    expect(await value(metrics, 'orders_publish_duration_seconds_count{outcome="timed_out"}')).toBe(1);
  });

  it('counts a write denied by the broker’s ACLs as unauthorized', async () => {
    const denied = new KafkaJSProtocolError(Object.assign(new Error('Not authorized to access topics'), { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false }));
    const { publisher, metrics } = publisherWith(async () => Promise.reject(Object.assign(new KafkaJSNonRetriableError(denied), { cause: denied })));
    await expect(publisher.publish(event(), { requestId: 'a' })).rejects.toMatchObject({ reason: 'unauthorized' });
    expect(await value(metrics, 'kafka_broker_errors_total{kind="unauthorized"}')).toBe(1);
    expect(await value(metrics, 'orders_publish_duration_seconds_count{outcome="failed"}')).toBe(1);
  });
});

describe('watchProducerConnections', () => {
  // Just what the watcher uses of a kafkajs producer: its event names and `on`.
  const fakeProducer = () => Object.assign(new EventEmitter(), { events: { CONNECT: 'producer.connect', DISCONNECT: 'producer.disconnect' } });

  it('is 1 while a producer is connected, even when a replaced one disconnects late', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const watch = watchProducerConnections(metrics);
    const [first, second] = [fakeProducer(), fakeProducer()];
    watch(first as never);
    watch(second as never);
    expect(await value(metrics, 'kafka_producer_connected')).toBe(0);
    first.emit('producer.connect');
    expect(await value(metrics, 'kafka_producer_connected')).toBe(1);
    second.emit('producer.connect');
    first.emit('producer.disconnect');
    expect(await value(metrics, 'kafka_producer_connected')).toBe(1);
    second.emit('producer.disconnect');
    expect(await value(metrics, 'kafka_producer_connected')).toBe(0);
  });
});
