import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'grpc-config-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');
writeFileSync(certFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');

describe('loadConfig: the gRPC front end', () => {
  it('serves gRPC on 9090 by default, in plaintext, with 100 streams a connection', () => {
    expect(loadConfig({}).grpc).toEqual({ port: 9090, maxConcurrentStreams: 100 });
  });

  it('turns it off with GRPC_ENABLED=false', () => {
    expect(loadConfig({ GRPC_ENABLED: 'false' }).grpc).toBeUndefined();
    expect(() => loadConfig({ GRPC_ENABLED: 'no' })).toThrow('GRPC_ENABLED must be "true" or "false", got "no"');
  });

  it('reads GRPC_PORT and GRPC_MAX_CONCURRENT_STREAMS, naming the variable when one is wrong', () => {
    expect(loadConfig({ GRPC_PORT: '22600', GRPC_MAX_CONCURRENT_STREAMS: '20' }).grpc).toMatchObject({ port: 22600, maxConcurrentStreams: 20 });
    expect(() => loadConfig({ GRPC_PORT: '70000' })).toThrow('GRPC_PORT must be a whole number from 0 to 65535, got "70000"');
    expect(() => loadConfig({ GRPC_MAX_CONCURRENT_STREAMS: '0' })).toThrow(ConfigError);
  });

  it('refuses the HTTP port for gRPC: both listen on HOST', () => {
    expect(() => loadConfig({ PORT: '9000', GRPC_PORT: '9000' })).toThrow('GRPC_PORT (9000) must differ from PORT: both listen on HOST');
    expect(() => loadConfig({ PORT: '0', GRPC_PORT: '0' })).not.toThrow();
  });

  it('serves TLS when both PEM files are given, and refuses half a TLS setup', () => {
    expect(loadConfig({ GRPC_TLS_CERT_FILE: certFile, GRPC_TLS_KEY_FILE: keyFile }).grpc?.tls).toEqual({
      cert: expect.stringContaining('BEGIN CERTIFICATE'),
      key: expect.stringContaining('BEGIN PRIVATE KEY'),
    });
    expect(() => loadConfig({ GRPC_TLS_CERT_FILE: certFile })).toThrow('GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE go together');
    expect(() => loadConfig({ GRPC_TLS_CERT_FILE: keyFile, GRPC_TLS_KEY_FILE: keyFile })).toThrow('GRPC_TLS_CERT_FILE must name a PEM file holding a certificate');
  });
});
