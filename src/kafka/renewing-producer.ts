/**
 * An idempotent producer that is replaced by a fresh one after a failed send.
 *
 * When a send fails, kafkajs rolls the partitions' sequence numbers back even
 * if the broker did write the batch (the leader died after replicating it, or
 * another partition in the same request failed). The next batch then reuses
 * those numbers: the broker either refuses it (OUT_OF_ORDER_SEQUENCE_NUMBER,
 * and every batch after it) or, when it has the same size, takes it for a
 * retry of the written batch and acknowledges it without writing it, so
 * accepted orders vanish. The fault tests saw both when a partition leader
 * was killed. A fresh producer gets a new producer id from the broker and
 * starts with no sequence history to clash with.
 */
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';

/** The part of a kafkajs producer the service uses. */
export type OrderProducer = Pick<Producer, 'connect' | 'send' | 'disconnect'>;

/**
 * @example
 * const producer = createRenewingProducer({ create: () => kafka.producer({ idempotent: true }), logger });
 * await producer.connect();
 */
export function createRenewingProducer({ create, logger }: { create: () => Producer; logger: Logger }): OrderProducer {
  let current = create();
  let connecting: Promise<void> | undefined;

  // Resolves with a connected producer; a failed connection is tried again on the next send.
  async function connected(): Promise<Producer> {
    const producer = current;
    connecting ??= producer.connect().catch((err: unknown) => {
      if (current === producer) connecting = undefined;
      throw err;
    });
    await connecting;
    return producer;
  }

  function renew(failed: Producer, cause: unknown): void {
    if (current !== failed) return;
    logger.warn({ err: cause }, 'send failed: replacing the producer so no sequence number is reused');
    current = create();
    connecting = undefined;
    void failed.disconnect().catch((err: unknown) => logger.warn({ err }, 'disconnecting the replaced producer failed'));
  }

  return {
    connect: async () => void (await connected()),
    async send(record) {
      const producer = await connected();
      try {
        return await producer.send(record);
      } catch (err) {
        renew(producer, err);
        throw err;
      }
    },
    disconnect: () => current.disconnect(),
  };
}
