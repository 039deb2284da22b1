/**
 * A recording fake of the publisher port: it keeps what it was given and can
 * be told to fail or to report "not ready". Everything else in the HTTP tests
 * is real: Express, the validator, the error handler, a real socket.
 */
import type { ComputerOrderEvent } from '../../src/orders/order-event.js';
import type { OrderPublisher, PublishMetadata, Readiness } from '../../src/orders/order-publisher.js';

export interface RecordingPublisher extends OrderPublisher {
  published: Array<{ event: ComputerOrderEvent; metadata: PublishMetadata }>;
  failWith: Error | undefined;
  readinessResult: Readiness;
  /** Forgets what was published and goes back to succeeding and ready. */
  reset(): void;
}

export function createRecordingPublisher(): RecordingPublisher {
  const fake: RecordingPublisher = {
    topic: 'computers',
    published: [],
    failWith: undefined,
    readinessResult: { ready: true },
    async publish(event, metadata) {
      if (fake.failWith) throw fake.failWith;
      fake.published.push({ event, metadata });
    },
    async readiness() {
      return fake.readinessResult;
    },
    reset() {
      fake.published.length = 0;
      fake.failWith = undefined;
      fake.readinessResult = { ready: true };
    },
  };
  return fake;
}
