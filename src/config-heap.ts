/**
 * The in-memory idempotency window must fit the heap the process was given:
 * `npm start` bounds V8's old generation (`--max-old-space-size`, which keeps
 * the peak RSS under 200 MB at full load), and a window that outgrew it would
 * end the process with an out-of-memory crash under load rather than at
 * start. Measured: 100,000 remembered orders take about 25 MB of heap.
 */
import { getHeapStatistics } from 'node:v8';
import { ConfigError } from './config-error.js';

const HEAP_BYTES_PER_REMEMBERED_ORDER = 256;
/** The window may take at most this share of the heap limit; the rest is the service itself and its orders in flight. */
const WINDOW_SHARE = 0.4;

/** The most orders an in-memory window may remember under a heap limit of `heapLimitBytes`. */
export const maxWindowOrders = (heapLimitBytes: number): number => Math.floor((WINDOW_SHARE * heapLimitBytes) / HEAP_BYTES_PER_REMEMBERED_ORDER);

/**
 * @example
 * assertWindowFitsHeap({ maxOrders: 100_000, shared: false }); // fine under `npm start`
 */
export function assertWindowFitsHeap(
  { maxOrders, shared }: { maxOrders: number; shared: boolean },
  heapLimitBytes = getHeapStatistics().heap_size_limit,
): void {
  // A shared store (Redis) keeps the window out of this process.
  if (shared) return;
  if (maxOrders <= maxWindowOrders(heapLimitBytes)) return;
  const mb = (bytes: number) => Math.ceil(bytes / 1048576);
  throw new ConfigError(
    `IDEMPOTENCY_MAX_ORDERS=${maxOrders} needs about ${mb(maxOrders * HEAP_BYTES_PER_REMEMBERED_ORDER)} MB of heap, more than ${WINDOW_SHARE * 100} % of this process's ` +
      `${mb(heapLimitBytes)} MB heap limit: lower it, share the window through IDEMPOTENCY_STORE_URL, ` +
      'or run node with a larger --max-old-space-size than npm start gives it',
  );
}
