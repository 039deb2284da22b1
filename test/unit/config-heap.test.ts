import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFlagsOf } from '../../bench/target-process.js';
import { ConfigError } from '../../src/config-error.js';
import { assertWindowFitsHeap, maxWindowOrders } from '../../src/config-heap.js';

const MB = 1048576;
/** The heap limit V8 gives a process started as `npm start` starts it (its flags read from package.json). */
function npmStartHeapLimit(): number {
  const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const flags = nodeFlagsOf(scripts.start);
  return Number(execFileSync(process.execPath, [...flags, '-p', "require('node:v8').getHeapStatistics().heap_size_limit"], { encoding: 'utf8' }));
}

describe('assertWindowFitsHeap', () => {
  it('lets the default window (100,000 orders) through under npm start’s heap', () => {
    expect(() => assertWindowFitsHeap({ maxOrders: 100_000, shared: false }, npmStartHeapLimit())).not.toThrow();
  });

  it('gives the same bound under npm start as the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const thousands = Math.floor(maxWindowOrders(npmStartHeapLimit()) / 1000);
    expect(readme).toContain(`the service refuses more than about ${thousands.toLocaleString('en-US')},000`);
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
