import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const refusal = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
};

function secretFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'config-')), 'password');
  writeFileSync(file, content);
  return file;
}

describe('loadConfig: idempotency', () => {
  it('keeps ids a day in memory by default, with no shared store', () => {
    expect(loadConfig({}).idempotency).toEqual({ windowMs: 86_400_000, maxOrders: 100_000, store: undefined });
  });

  it('reads the shared store URL, with TLS and a password file', () => {
    const passwordFile = secretFile('s3cret-from-file\n');
    const { store } = loadConfig({
      IDEMPOTENCY_STORE_URL: 'rediss://redis.internal:6380/2',
      IDEMPOTENCY_STORE_PASSWORD_FILE: passwordFile,
      IDEMPOTENCY_STORE_TIMEOUT_MS: '250',
    }).idempotency;
    expect(store).toEqual({ url: 'rediss://redis.internal:6380/2', password: 's3cret-from-file', timeoutMs: 250 });
  });

  it('refuses a URL that is not redis:// or rediss://, without echoing it', () => {
    for (const url of ['http://user:hunter2hunter2@cache:6379', 'redis://', 'not a url hunter2hunter2']) {
      const error = refusal({ IDEMPOTENCY_STORE_URL: url });
      expect(error.message).toMatch(/^IDEMPOTENCY_STORE_URL must be redis:\/\//);
      expect(error.message).not.toContain('hunter2');
    }
  });

  it('refuses a password in two places, and a password file without a URL', () => {
    const passwordFile = secretFile('other');
    expect(refusal({ IDEMPOTENCY_STORE_URL: 'redis://:hunter2@127.0.0.1:6379', IDEMPOTENCY_STORE_PASSWORD_FILE: passwordFile }).message).not.toContain('hunter2');
    expect(refusal({ IDEMPOTENCY_STORE_PASSWORD_FILE: passwordFile }).message).toMatch(/needs IDEMPOTENCY_STORE_URL/);
  });

  it('names an unreadable password file by its path and error code only', () => {
    expect(refusal({ IDEMPOTENCY_STORE_URL: 'redis://127.0.0.1', IDEMPOTENCY_STORE_PASSWORD_FILE: '/nonexistent/password' }).message).toBe(
      'IDEMPOTENCY_STORE_PASSWORD_FILE names a file that cannot be read (ENOENT): "/nonexistent/password"',
    );
  });

  it('reads a CA file for rediss://, and refuses one for redis://', () => {
    const caFile = secretFile('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(loadConfig({ IDEMPOTENCY_STORE_URL: 'rediss://cache:6380', IDEMPOTENCY_STORE_CA_FILE: caFile }).idempotency.store?.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(refusal({ IDEMPOTENCY_STORE_URL: 'redis://cache:6379', IDEMPOTENCY_STORE_CA_FILE: caFile }).message).toMatch(/needs a rediss:\/\//);
    expect(refusal({ IDEMPOTENCY_STORE_URL: 'rediss://cache:6380', IDEMPOTENCY_STORE_CA_FILE: secretFile('not a pem') }).message).toMatch(/IDEMPOTENCY_STORE_CA_FILE must name a PEM file/);
  });

  it('refuses a window of zero or beyond a week', () => {
    expect(refusal({ IDEMPOTENCY_WINDOW_MS: '0' }).message).toMatch(/IDEMPOTENCY_WINDOW_MS must be a whole number from 1 to 604800000/);
    expect(refusal({ IDEMPOTENCY_WINDOW_MS: '604800001' }).message).toMatch(/IDEMPOTENCY_WINDOW_MS/);
  });
});
