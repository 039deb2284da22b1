/**
 * The {@link IdempotencyStore} for several replicas: each order id is
 * reserved in a shared store (Redis, `src/redis/redis-reservations.ts`)
 * before it is published, so a retry that reaches another replica is
 * answered from the store instead of being published again.
 *
 * An id's entry goes through two states. `pending` is a lease taken before
 * publishing; it lapses after `leaseMs` (a little more than the publish
 * timeout), so a replica that dies mid-publish blocks its ids only that
 * long. `acknowledged` is written once the broker acknowledged, and lasts
 * the idempotency window. A failed publish deletes the lease.
 */
import { randomUUID } from 'node:crypto';
import { OrderIdConflictError, OrderIdUnavailableError, type IdempotencyStore } from './idempotency-store.js';

/** What a {@link Reservations} implementation rejects with: safe to log, never its client library's text. */
export class ReservationsError extends Error {
  override name = 'ReservationsError';
  constructor(
    readonly operation: string,
    readonly code: 'timeout' | 'disconnected',
  ) {
    super(`idempotency store ${operation}: ${code}`);
  }
}

export type ClaimResult = 'claimed' | 'pending' | 'acknowledged' | 'conflict';
export type PeekResult = 'absent' | 'pending' | 'acknowledged' | 'conflict';

/** The atomic operations a shared store offers; every one rejects when the store is unreachable. */
export interface Reservations {
  /** Takes the id for `holder` when nobody has it, else says who has it. */
  claim(orderId: string, fingerprint: string, holder: string, leaseMs: number): Promise<ClaimResult>;
  /** Reads the id's state without taking it. */
  peek(orderId: string, fingerprint: string): Promise<PeekResult>;
  /** Turns `holder`'s lease into an acknowledged entry that lasts `windowMs`. */
  acknowledge(orderId: string, fingerprint: string, holder: string, windowMs: number): Promise<void>;
  /** Deletes `holder`'s lease, if it still holds it. */
  release(orderId: string, holder: string): Promise<void>;
  /** Whether the store is connected now (for `/ready`). */
  isUp(): boolean;
  close(): Promise<void>;
}

export interface SharedIdempotencyOptions {
  reservations: Reservations;
  windowMs: number;
  /** How long a waiting retry polls for the first attempt's outcome: the publish timeout. */
  waitMs: number;
  /** How long a pending reservation outlives a replica that died holding it. */
  leaseMs: number;
  pollMs?: number;
  /** Told when an acknowledged order could not be recorded, or a lease not released. */
  onStoreError?: (operation: 'acknowledge' | 'release', error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * @example
 * const store = createSharedIdempotency({ reservations, windowMs: 86_400_000, waitMs: 5000, leaseMs: 7000 });
 * const { replayed } = await store.publishOnce(order.id, fingerprint, () => publisher.publish(event, meta));
 */
export function createSharedIdempotency({
  reservations,
  windowMs,
  waitMs,
  leaseMs,
  pollMs = 25,
  onStoreError = () => {},
  sleep = wait,
  now = Date.now,
}: SharedIdempotencyOptions): IdempotencyStore {
  async function ask<T>(orderId: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new OrderIdUnavailableError('store_unreachable', orderId, error instanceof ReservationsError ? error.code : 'failed');
    }
  }

  // Waits for another request's attempt; never publishes, so a retry costs at most one record.
  async function awaitOutcome(orderId: string, fingerprint: string): Promise<{ replayed: boolean }> {
    const deadline = now() + waitMs;
    for (let delay = pollMs; now() < deadline; delay = Math.min(delay * 2, 200)) {
      await sleep(Math.min(delay, Math.max(deadline - now(), 1)));
      const state = await ask(orderId, () => reservations.peek(orderId, fingerprint));
      if (state === 'acknowledged') return { replayed: true };
      if (state === 'conflict') throw new OrderIdConflictError(orderId);
      if (state === 'absent') throw new OrderIdUnavailableError('attempt_failed', orderId);
    }
    throw new OrderIdUnavailableError('in_flight', orderId);
  }

  return {
    async publishOnce(orderId, fingerprint, publish) {
      const holder = randomUUID();
      const claim = await ask(orderId, () => reservations.claim(orderId, fingerprint, holder, leaseMs)).catch((error: unknown) => {
        // A timed-out claim may still have been taken: give it back, so the id is not blocked for the lease.
        reservations.release(orderId, holder).catch(() => {});
        throw error;
      });
      if (claim === 'acknowledged') return { replayed: true };
      if (claim === 'conflict') throw new OrderIdConflictError(orderId);
      if (claim === 'pending') return awaitOutcome(orderId, fingerprint);
      try {
        await publish();
      } catch (error) {
        await reservations.release(orderId, holder).catch((storeError: unknown) => onStoreError('release', storeError));
        throw error;
      }
      // The record is in Kafka: the answer is 202 even if the store cannot
      // record it. The lease then lapses, and a later retry may publish a
      // second record with the same event_id (consumers deduplicate on it).
      await reservations.acknowledge(orderId, fingerprint, holder, windowMs).catch((storeError: unknown) => onStoreError('acknowledge', storeError));
      return { replayed: false };
    },
    status: () => (reservations.isUp() ? 'shared' : 'unreachable'),
    close: () => reservations.close(),
  };
}
