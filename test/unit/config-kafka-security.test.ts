import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'config-security-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const CA = file('ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const KEY = file('client.key', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
const NOT_PEM = file('notes.txt', 'just some text\n');
const PASSWORD = 'pa55-w0rd-never-shown';
const PASSWORD_FILE = file('password', `${PASSWORD}\n`);
const SCRAM = { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'api' };

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: Kafka security', () => {
  it('defaults to PLAINTEXT, creating the topic', () => {
    expect(loadConfig({}).kafka).toMatchObject({ createTopic: true, security: { protocol: 'PLAINTEXT' } });
    expect(loadConfig({ KAFKA_CREATE_TOPIC: 'false' }).kafka.createTopic).toBe(false);
  });

  it('reads SASL_SSL with SCRAM, a CA and the password from a file without its newline', () => {
    const { security } = loadConfig({ ...SCRAM, KAFKA_SSL_CA_FILE: CA, KAFKA_SASL_PASSWORD_FILE: PASSWORD_FILE }).kafka;
    expect(security).toEqual({
      protocol: 'SASL_SSL',
      tls: { ca: expect.stringContaining('BEGIN CERTIFICATE') },
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'api', password: PASSWORD },
    });
  });

  it('reads mutual TLS', () => {
    const { security } = loadConfig({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: CA, KAFKA_SSL_CERT_FILE: CA, KAFKA_SSL_KEY_FILE: KEY }).kafka;
    expect(security.tls).toEqual({ ca: expect.any(String), cert: expect.any(String), key: expect.stringContaining('PRIVATE KEY') });
    expect(security.sasl).toBeUndefined();
  });

  it('reads API keys from API_KEYS_FILE, one a line or comma-separated', () => {
    const keys = file('api-keys', 'key-one-0123456789\nkey-two-0123456789,key-three-0123456789\n');
    expect(loadConfig({ API_KEYS_FILE: keys }).auth.apiKeys).toEqual(['key-one-0123456789', 'key-two-0123456789', 'key-three-0123456789']);
    expect(failure({ API_KEYS_FILE: file('bad-keys', 'short\n') }).message).toMatch(/^API_KEYS_FILE must be/);
  });

  it.each([
    [{ KAFKA_SECURITY_PROTOCOL: 'TLS' }, /KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'api', KAFKA_SASL_PASSWORD: PASSWORD }, /KAFKA_SASL_MECHANISM is required/],
    [{ ...SCRAM, KAFKA_SASL_MECHANISM: 'GSSAPI', KAFKA_SASL_PASSWORD: PASSWORD }, /KAFKA_SASL_MECHANISM must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512/],
    [{ ...SCRAM, KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: PASSWORD }, /KAFKA_SASL_USERNAME is required/],
    [SCRAM, /KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required/],
    [{ ...SCRAM, KAFKA_SASL_PASSWORD: PASSWORD, KAFKA_SASL_PASSWORD_FILE: PASSWORD_FILE }, /set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both/],
    [{ ...SCRAM, KAFKA_SASL_PASSWORD_FILE: join(dir, 'absent') }, /KAFKA_SASL_PASSWORD_FILE names a file that cannot be read \(ENOENT\)/],
    [{ KAFKA_SASL_USERNAME: 'api' }, /KAFKA_SASL_USERNAME is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT/],
    [{ KAFKA_SSL_CA_FILE: CA }, /KAFKA_SSL_CA_FILE is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: join(dir, 'absent.pem') }, /KAFKA_SSL_CA_FILE names a file that cannot be read/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: NOT_PEM }, /KAFKA_SSL_CA_FILE must name a PEM file holding a certificate/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_KEY_FILE: KEY }, /KAFKA_SSL_KEY_FILE is set without KAFKA_SSL_CERT_FILE/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: CA }, /KAFKA_SSL_CERT_FILE is set without KAFKA_SSL_KEY_FILE/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: CA, KAFKA_SSL_KEY_FILE: CA }, /KAFKA_SSL_KEY_FILE must name a PEM file holding a private key/],
    [{ KAFKA_CREATE_TOPIC: 'no' }, /KAFKA_CREATE_TOPIC must be "true" or "false"/],
  ])('fails fast naming the variable: %o', (env, message) => {
    const error = failure(env);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(PASSWORD);
  });
});
