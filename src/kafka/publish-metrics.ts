/**
 * What the Kafka publisher reports to Prometheus: orders in flight and how
 * long each waited (by outcome), batch sizes and send durations, broker
 * errors, whether the producer is connected. Without metrics every hook is
 * a no-op.
 */
import { performance } from 'node:perf_hooks';
import type { Producer } from 'kafkajs';
import type { Metrics, PublishOutcome } from '../metrics.js';
import { PublishError, type PublishFailure } from '../orders/order-publisher.js';

export interface PublishObserver {
  /** Counts one order in flight until `published` settles, and times it by outcome. */
  order(published: Promise<void>): Promise<void>;
  /** Call when a send of `size` records starts; call what it returns when the send ends. */
  send(size: number): () => void;
  /** Counts a failed send (one batch) by the reason it failed. */
  sendFailed(reason: PublishFailure): void;
  /** Counts one record not acknowledged within the publish timeout. */
  timedOut(): void;
}

const secondsSince = (started: number) => (performance.now() - started) / 1000;

const NOTHING: PublishObserver = {
  order: (published) => published,
  send: () => () => {},
  sendFailed: () => {},
  timedOut: () => {},
};

/**
 * @example
 * const observe = observePublishes(metrics);
 * const published = observe.order(queue.enqueue(record, timeoutMs));
 */
export function observePublishes(metrics: Metrics | undefined): PublishObserver {
  if (!metrics) return NOTHING;
  // Label children looked up once: this runs for every order.
  const outcomes: Record<PublishOutcome, { observe(seconds: number): void }> = {
    acknowledged: metrics.publishDuration.labels('acknowledged'),
    failed: metrics.publishDuration.labels('failed'),
    timed_out: metrics.publishDuration.labels('timed_out'),
  };
  const brokerErrors: Record<PublishFailure, { inc(): void }> = {
    timeout: metrics.brokerErrors.labels('timeout'),
    unavailable: metrics.brokerErrors.labels('unavailable'),
    refused: metrics.brokerErrors.labels('refused'),
    unauthorized: metrics.brokerErrors.labels('unauthorized'),
  };
  return {
    order(published) {
      const started = performance.now();
      metrics.publishesInFlight.inc();
      return published.then(
        () => {
          metrics.publishesInFlight.dec();
          outcomes.acknowledged.observe(secondsSince(started));
        },
        (error: unknown) => {
          metrics.publishesInFlight.dec();
          outcomes[error instanceof PublishError && error.reason === 'timeout' ? 'timed_out' : 'failed'].observe(secondsSince(started));
          throw error;
        },
      );
    },
    send(size) {
      const started = performance.now();
      metrics.batchSize.observe(size);
      return () => metrics.sendDuration.observe(secondsSince(started));
    },
    sendFailed: (reason) => brokerErrors[reason].inc(),
    timedOut: () => brokerErrors.timeout.inc(),
  };
}

/**
 * Keeps `kafka_producer_connected` at 1 while any producer it watches is
 * connected (between its CONNECT and DISCONNECT events). A replaced producer
 * may report its disconnect after its successor connected: counting the
 * connected ones keeps the gauge right whatever the order.
 *
 * @example
 * const watch = watchProducerConnections(metrics);
 * const producer = kafka.producer();
 * watch(producer); // before producer.connect()
 */
export function watchProducerConnections(metrics: Metrics): (producer: Pick<Producer, 'on' | 'events'>) => void {
  const connected = new Set<object>();
  const update = () => metrics.producerConnected.set(connected.size > 0 ? 1 : 0);
  update();
  return function watchProducer(producer) {
    producer.on(producer.events.CONNECT, () => {
      connected.add(producer);
      update();
    });
    producer.on(producer.events.DISCONNECT, () => {
      connected.delete(producer);
      update();
    });
  };
}
