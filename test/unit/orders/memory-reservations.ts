/**
 * A plain in-memory fake of the shared store's atomic operations, with the
 * same rules as the Redis scripts, and a switch to make it unreachable.
 */
import type { ClaimResult, PeekResult, Reservations } from '../../../src/orders/shared-idempotency.js';

export interface FakeReservations extends Reservations {
  entries: Map<string, { state: 'P' | 'A'; holder: string; fingerprint: string }>;
  down: boolean;
}

export function createFakeReservations(): FakeReservations {
  const entries: FakeReservations['entries'] = new Map();
  const reachable = () => {
    if (fake.down) throw new Error('ECONNREFUSED');
  };
  const fake: FakeReservations = {
    entries,
    down: false,
    async claim(orderId, fingerprint, holder): Promise<ClaimResult> {
      reachable();
      const entry = entries.get(orderId);
      if (!entry) return (entries.set(orderId, { state: 'P', holder, fingerprint }), 'claimed');
      if (entry.fingerprint !== fingerprint) return 'conflict';
      return entry.state === 'A' ? 'acknowledged' : 'pending';
    },
    async peek(orderId, fingerprint): Promise<PeekResult> {
      reachable();
      const entry = entries.get(orderId);
      if (!entry) return 'absent';
      if (entry.fingerprint !== fingerprint) return 'conflict';
      return entry.state === 'A' ? 'acknowledged' : 'pending';
    },
    async acknowledge(orderId, fingerprint, holder) {
      reachable();
      const entry = entries.get(orderId);
      if (!entry || entry.holder === holder) entries.set(orderId, { state: 'A', holder: '', fingerprint });
    },
    async release(orderId, holder) {
      reachable();
      if (entries.get(orderId)?.holder === holder) entries.delete(orderId);
    },
    isUp: () => !fake.down,
    close: async () => {},
  };
  return fake;
}
