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

/**
 * Why a publish failed. `timeout` and `unavailable` may pass on a retry;
 * `refused` (the broker rejects the record for good) and `unauthorized` (the
 * broker's ACLs deny it) will not.
 */
export type PublishFailure = 'timeout' | 'unavailable' | 'refused' | 'unauthorized';

// Written for clients: the cause, which may name brokers or hosts, goes only to the logs.
const CLIENT_MESSAGES: Record<PublishFailure, string> = {
  timeout: 'The order was not acknowledged in time. Retry it with the same id.',
  unavailable: 'The order could not be published right now. Retry it with the same id.',
  refused: 'The order could not be published.',
  unauthorized: 'The order could not be published.',
};

/**
 * A publish that failed, with its {@link PublishFailure} reason and a message fit for clients.
 *
 * @example
 * throw new PublishError('timeout', { topic: 'computers' });
 */
export class PublishError extends Error {
  override name = 'PublishError';
  readonly reason: PublishFailure;
  readonly topic: string;
  /** What the adapter said of the cause, in words safe to log (never the client library's text). */
  readonly code: string | undefined;

  constructor(reason: PublishFailure, { topic, code }: { topic: string; code?: string }) {
    super(CLIENT_MESSAGES[reason]);
    this.reason = reason;
    this.topic = topic;
    this.code = code;
  }

  /** Whether trying again may succeed. */
  get retriable(): boolean {
    return this.reason === 'timeout' || this.reason === 'unavailable';
  }
}
