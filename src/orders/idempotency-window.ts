/**
 * The in-memory {@link IdempotencyStore}: remembers the orders with a
 * client-chosen id that this instance accepted recently, so that a client
 * retrying one (after a timeout or a 503) gets its 202 again without a
 * second record.
 *
 * Within one instance and the window: a retry of an acknowledged order is
 * answered from memory; a retry of one still in flight waits for the same
 * acknowledgement (the publisher settles it within its publish timeout);
 * a retry of one that failed publishes again (the first attempt may still
 * have landed: consumers deduplicate on `event_id`). Across instances, or
 * after the window, nothing is remembered here: several replicas need the
 * shared store (`shared-idempotency.ts`).
 */
import { OrderIdConflictError, type IdempotencyStore } from './idempotency-store.js';

interface Entry {
  fingerprint: string;
  expiresAt: number;
  acknowledged: Promise<void>;
}

export interface IdempotencyWindow extends IdempotencyStore {
  readonly size: number;
}

/**
 * @example
 * const window = createIdempotencyWindow({ ttlMs: 86_400_000, maxEntries: 100_000 });
 * const { replayed } = await window.publishOnce(order.id, fingerprint, () => publisher.publish(event, meta));
 */
export function createIdempotencyWindow({
  ttlMs,
  maxEntries,
  now = Date.now,
}: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): IdempotencyWindow {
  // A Map iterates in insertion order, so the first entry is the oldest.
  const entries = new Map<string, Entry>();

  function evict(at: number): void {
    for (const [orderId, entry] of entries) {
      if (entry.expiresAt > at && entries.size < maxEntries) break;
      entries.delete(orderId);
    }
  }

  return {
    async publishOnce(orderId, fingerprint, publish) {
      const at = now();
      evict(at);
      const known = entries.get(orderId);
      if (known) {
        if (known.fingerprint !== fingerprint) throw new OrderIdConflictError(orderId);
        await known.acknowledged;
        return { replayed: true };
      }
      const acknowledged = publish();
      const entry: Entry = { fingerprint, expiresAt: at + ttlMs, acknowledged };
      entries.set(orderId, entry);
      try {
        await acknowledged;
      } catch (error) {
        // Forget a failed attempt, so that the client's retry publishes again.
        if (entries.get(orderId) === entry) entries.delete(orderId);
        throw error;
      }
      return { replayed: false };
    },
    status: () => 'memory',
    close: async () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
