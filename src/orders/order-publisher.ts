/**
 * The port through which accepted orders leave the service. The Kafka
 * adapter implements it; HTTP tests pass a recording fake.
 */
import type { ComputerOrderEvent } from './order-event.js';

export interface PublishMetadata {
  requestId: string;
  /** W3C Trace Context of the request, when it carried a well-formed one. */
  traceparent?: string;
  tracestate?: string;
}

export type Readiness = { ready: true } | { ready: false; reason: string };

export interface OrderPublisher {
  /** Resolves only once the event is durably acknowledged; rejects with a {@link PublishError}. */
  publish(event: ComputerOrderEvent, metadata: PublishMetadata): Promise<void>;
  readiness(): Promise<Readiness>;
  /** The destination, for readiness reports and logs. */
  readonly topic: string;
}

/** A publish that failed; `retriable` says whether trying again may succeed. */
export class PublishError extends Error {
  override name = 'PublishError';
  readonly retriable: boolean;
  readonly topic: string;

  constructor(message: string, { retriable, topic, cause }: { retriable: boolean; topic: string; cause?: unknown }) {
    super(message, { cause });
    this.retriable = retriable;
    this.topic = topic;
  }
}
