import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config-error.js';
import { assertWindowFitsHeap } from '../../src/config-heap.js';

const MB = 1048576;

describe('assertWindowFitsHeap', () => {
  it('lets the default window (100,000 orders) through under npm start’s heap', () => {
    // About what V8 reports as the limit with --max-old-space-size=128 and 8 MB semi-spaces.
    expect(() => assertWindowFitsHeap({ maxOrders: 100_000, shared: false }, 152 * MB)).not.toThrow();
  });

  it('names the variable and the way out when the window would outgrow the heap', () => {
    const call = () => assertWindowFitsHeap({ maxOrders: 1_000_000, shared: false }, 152 * MB);
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(/IDEMPOTENCY_MAX_ORDERS=1000000 needs about 245 MB .*152 MB heap limit.*IDEMPOTENCY_STORE_URL.*--max-old-space-size/);
  });

  it('does not count a window kept in the shared store', () => {
    expect(() => assertWindowFitsHeap({ maxOrders: 10_000_000, shared: true }, 152 * MB)).not.toThrow();
  });
});
