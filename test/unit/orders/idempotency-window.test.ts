import { describe, expect, it } from 'vitest';
import { OrderIdConflictError } from '../../../src/orders/idempotency-store.js';
import { createIdempotencyWindow } from '../../../src/orders/idempotency-window.js';

function counting() {
  let calls = 0;
  return { publish: async () => void calls++, get calls() { return calls; } };
}

describe('createIdempotencyWindow', () => {
  it('publishes an order once and answers its retries from memory', async () => {
    const window = createIdempotencyWindow({ ttlMs: 1000, maxEntries: 10 });
    const sink = counting();
    expect(await window.publishOnce('o-1', 'same', sink.publish)).toEqual({ replayed: false });
    expect(await window.publishOnce('o-1', 'same', sink.publish)).toEqual({ replayed: true });
    expect(sink.calls).toBe(1);
  });

  it('lets a retry wait for the acknowledgement still in flight', async () => {
    const window = createIdempotencyWindow({ ttlMs: 1000, maxEntries: 10 });
    let acknowledge!: () => void;
    const first = window.publishOnce('o-1', 'same', () => new Promise<void>((resolve) => (acknowledge = resolve)));
    const retry = window.publishOnce('o-1', 'same', () => Promise.reject(new Error('must not publish twice')));
    acknowledge();
    expect(await Promise.all([first, retry])).toEqual([{ replayed: false }, { replayed: true }]);
  });

  it('publishes again after a failed attempt', async () => {
    const window = createIdempotencyWindow({ ttlMs: 1000, maxEntries: 10 });
    await expect(window.publishOnce('o-1', 'same', () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    const sink = counting();
    expect(await window.publishOnce('o-1', 'same', sink.publish)).toEqual({ replayed: false });
    expect(sink.calls).toBe(1);
  });

  it('refuses the same id with different content', async () => {
    const window = createIdempotencyWindow({ ttlMs: 1000, maxEntries: 10 });
    await window.publishOnce('o-1', 'a', counting().publish);
    await expect(window.publishOnce('o-1', 'b', counting().publish)).rejects.toThrow(OrderIdConflictError);
  });

  it('forgets orders after the window and beyond its capacity', async () => {
    let now = 0;
    const window = createIdempotencyWindow({ ttlMs: 100, maxEntries: 2, now: () => now });
    await window.publishOnce('o-1', 'x', counting().publish);
    now = 150;
    expect((await window.publishOnce('o-1', 'x', counting().publish)).replayed).toBe(false);
    await window.publishOnce('o-2', 'x', counting().publish);
    await window.publishOnce('o-3', 'x', counting().publish);
    expect(window.size).toBe(2);
  });
});
