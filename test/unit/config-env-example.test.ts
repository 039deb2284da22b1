/**
 * `.env.example` is the operator's list of every variable the service reads.
 * The list of what `src/config.ts` reads is not written down anywhere else:
 * it is recorded here by loading the config from an env that notes each name
 * asked for, so a variable added to the module without its line fails.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const example = parseEnv(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')) as Record<string, string>;

/** Every name `loadConfig` reads from `values`, found by a Proxy that records each lookup. */
function namesRead(values: Record<string, string>): Set<string> {
  const read = new Set<string>();
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return typeof name === 'string' ? target[name] : undefined;
    },
    has(target, name) {
      if (typeof name === 'string') read.add(name);
      return name in target;
    },
  });
  loadConfig(env);
  return read;
}

describe('.env.example', () => {
  // Both runs: a variable read only when another is set shows up once .env.example sets that one.
  const read = new Set([...namesRead({}), ...namesRead(example)]);

  it('lists every variable src/config.ts reads', () => {
    expect(read.size).toBeGreaterThan(0);
    const missing = [...read].filter((name) => !(name in example)).sort();
    expect(missing, 'read by src/config.ts, missing from .env.example').toEqual([]);
  });

  it('lists only variables src/config.ts reads', () => {
    const unread = Object.keys(example).filter((name) => !read.has(name)).sort();
    expect(unread, 'in .env.example, never read by src/config.ts').toEqual([]);
  });

  it('holds values the config accepts', () => {
    expect(() => loadConfig(example)).not.toThrow();
  });
});
