/**
 * Hands records to the producer one batch at a time.
 *
 * kafkajs' idempotent producer reads a partition's sequence number when a
 * request starts and advances it only when the request succeeds, so two
 * concurrent sends to one partition can carry the same sequence and the
 * broker silently discards the second as a duplicate (tulios/kafkajs#1005).
 * Keeping exactly one send in flight avoids that, and every record that
 * arrives meanwhile rides in the next batch (group commit).
 */

export interface SendQueueOptions<T> {
  send: (items: T[]) => Promise<void>;
  /** Turns the send's failure into the error each waiting caller sees. */
  toError: (cause: unknown) => Error;
  /** Turns a deadline that passed into the caller's error; `sent` tells whether the record may still land. */
  toTimeout: (sent: boolean) => Error;
  maxBatchSize?: number;
}

interface Entry<T> {
  item: T;
  sent: boolean;
  settled: boolean;
  timer: NodeJS.Timeout;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface SendQueue<T> {
  /** Resolves when the batch holding `item` was acknowledged, or rejects by the deadline. */
  enqueue(item: T, timeoutMs: number): Promise<void>;
  /** Resolves once nothing is waiting or in flight. */
  drain(): Promise<void>;
  readonly size: number;
}

export function createSendQueue<T>({ send, toError, toTimeout, maxBatchSize = 1000 }: SendQueueOptions<T>): SendQueue<T> {
  let pending: Entry<T>[] = [];
  let inFlight: Promise<void> | undefined;
  const idle: Array<() => void> = [];
  let flushScheduled = false;

  const settle = (entry: Entry<T>, error?: Error): void => {
    if (entry.settled) return;
    entry.settled = true;
    clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve();
  };

  const flush = (): void => {
    if (inFlight) return;
    if (pending.length === 0) {
      for (const wake of idle.splice(0)) wake();
      return;
    }
    const batch = pending.slice(0, maxBatchSize);
    pending = pending.slice(maxBatchSize);
    for (const entry of batch) entry.sent = true;
    inFlight = send(batch.map((entry) => entry.item)).then(
      () => batch.forEach((entry) => settle(entry)),
      (cause: unknown) => {
        const error = toError(cause);
        batch.forEach((entry) => settle(entry, error));
      },
    );
    void inFlight.finally(() => {
      inFlight = undefined;
      flush();
    });
  };

  return {
    enqueue(item, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const entry: Entry<T> = {
          item,
          sent: false,
          settled: false,
          resolve,
          reject,
          timer: setTimeout(function onPublishDeadline() {
            // A record not yet handed to the producer is dropped, so a 503 for it means "absent".
            if (!entry.sent) pending = pending.filter((other) => other !== entry);
            settle(entry, toTimeout(entry.sent));
          }, timeoutMs),
        };
        pending.push(entry);
        // Let the requests that arrive in this turn of the event loop join the batch. While a send
        // is in flight there is nothing to schedule: its completion flushes.
        if (!inFlight && !flushScheduled) {
          flushScheduled = true;
          setImmediate(function flushThisTurn() {
            flushScheduled = false;
            flush();
          });
        }
      });
    },
    drain() {
      if (!inFlight && pending.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    get size() {
      return pending.length + (inFlight ? 1 : 0);
    },
  };
}
