import { describe, expect, it } from 'vitest';
import { OrderIdConflictError, OrderIdUnavailableError } from '../../../src/orders/idempotency-store.js';
import { ReservationsError, createSharedIdempotency } from '../../../src/orders/shared-idempotency.js';
import { createFakeReservations } from './memory-reservations.js';

const settings = { windowMs: 60_000, waitMs: 200, leaseMs: 1000, pollMs: 5 };

/** Two replicas sharing one store, as two instances over the same reservations. */
function twoReplicas() {
  const reservations = createFakeReservations();
  return { reservations, a: createSharedIdempotency({ reservations, ...settings }), b: createSharedIdempotency({ reservations, ...settings }) };
}

function deferred() {
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

const reasonOf = (promise: Promise<unknown>) => promise.then(() => 'fulfilled', (error: unknown) => (error as OrderIdUnavailableError).reason);

describe('createSharedIdempotency', () => {
  it('publishes once across replicas and answers the other replica with a replay', async () => {
    const { a, b } = twoReplicas();
    let calls = 0;
    const publish = async () => void calls++;
    expect(await a.publishOnce('o-1', 'x', publish)).toEqual({ replayed: false });
    expect(await b.publishOnce('o-1', 'x', publish)).toEqual({ replayed: true });
    expect(calls).toBe(1);
  });

  it('refuses different content under one id on any replica', async () => {
    const { a, b } = twoReplicas();
    await a.publishOnce('o-1', 'x', async () => {});
    await expect(b.publishOnce('o-1', 'y', async () => {})).rejects.toThrow(OrderIdConflictError);
  });

  it('makes a retry on another replica wait for the attempt in flight and share its 202', async () => {
    const { a, b } = twoReplicas();
    const first = deferred();
    const attempt = a.publishOnce('o-1', 'x', () => first.promise);
    const retry = b.publishOnce('o-1', 'x', () => Promise.reject(new Error('must not publish twice')));
    setTimeout(first.resolve, 20);
    expect(await Promise.all([attempt, retry])).toEqual([{ replayed: false }, { replayed: true }]);
  });

  it('answers the waiting retry 503 attempt_failed when the attempt fails, and releases the id for the next retry', async () => {
    const { a, b, reservations } = twoReplicas();
    const first = deferred();
    const attempt = a.publishOnce('o-1', 'x', () => first.promise);
    const retry = reasonOf(b.publishOnce('o-1', 'x', () => Promise.reject(new Error('must not publish'))));
    setTimeout(() => first.reject(new Error('no acknowledgement')), 20);
    await expect(attempt).rejects.toThrow('no acknowledgement');
    expect(await retry).toBe('attempt_failed');
    expect(reservations.entries.has('o-1')).toBe(false);
    expect(await b.publishOnce('o-1', 'x', async () => {})).toEqual({ replayed: false });
  });

  it('gives up waiting after waitMs with 503 in_flight, without publishing', async () => {
    const { a, b } = twoReplicas();
    void a.publishOnce('o-1', 'x', () => new Promise<void>(() => {}));
    let published = false;
    expect(await reasonOf(b.publishOnce('o-1', 'x', async () => void (published = true)))).toBe('in_flight');
    expect(published).toBe(false);
  });

  it('refuses orders with an id while the store is unreachable, publishing nothing, and recovers', async () => {
    const { a, reservations } = twoReplicas();
    reservations.down = true;
    let calls = 0;
    expect(await reasonOf(a.publishOnce('o-1', 'x', async () => void calls++))).toBe('store_unreachable');
    expect(a.status()).toBe('unreachable');
    reservations.down = false;
    expect(await a.publishOnce('o-1', 'x', async () => void calls++)).toEqual({ replayed: false });
    expect([calls, a.status()]).toEqual([1, 'shared']);
  });

  it('still answers 202 when the acknowledged order cannot be recorded, and says so', async () => {
    const reservations = createFakeReservations();
    const failures: string[] = [];
    const store = createSharedIdempotency({ reservations, ...settings, onStoreError: (operation) => failures.push(operation) });
    const result = await store.publishOnce('o-1', 'x', async () => void (reservations.down = true));
    expect(result).toEqual({ replayed: false });
    expect(failures).toEqual(['acknowledge']);
  });

  it('gives back a claim that timed out after Redis took it, so the id is not blocked for the lease', async () => {
    const reservations = createFakeReservations();
    const claim = reservations.claim.bind(reservations);
    reservations.claim = async (...args) => {
      await claim(...args);
      throw new ReservationsError('claim', 'timeout');
    };
    const store = createSharedIdempotency({ reservations, ...settings });
    const error = await store.publishOnce('o-1', 'x', async () => {}).then(
      () => undefined,
      (caught: unknown) => caught as OrderIdUnavailableError,
    );
    expect([error?.reason, error?.code, error?.cause]).toEqual(['store_unreachable', 'timeout', undefined]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reservations.entries.has('o-1')).toBe(false);
  });
});
