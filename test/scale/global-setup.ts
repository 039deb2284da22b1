/**
 * One Redis (with a password, read from a file) and one Kafka broker for
 * the whole `scale` project, started with the project's own scripts and
 * wiped afterwards. Files run one at a time, so a scenario may kill and
 * restart the Redis.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { keepBrokerLog, singleBroker } from '../faults/broker.js';
import { SCALE_PORTS } from './ports.js';
import { localRedis } from './redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    scaleBrokers: string;
    scaleRedis: { port: number; dataDir: string; passwordFile: string; tls: { port: number; certFile: string; keyFile: string; caFile: string } };
  }
}

const exec = promisify(execFile);
const openssl = (args: string[], cwd: string) => exec('openssl', args, { cwd });

/** A throwaway CA and a certificate for 127.0.0.1 it signed, for Redis' TLS port. */
async function makeCertificates(dir: string) {
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=scale-test-ca', '-keyout', 'ca.key', '-out', 'ca.crt'], dir);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'redis.key', '-out', 'redis.csr'], dir);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  await openssl(['x509', '-req', '-in', 'redis.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'redis.crt'], dir);
  return { certFile: join(dir, 'redis.crt'), keyFile: join(dir, 'redis.key'), caFile: join(dir, 'ca.crt') };
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'scale-'));
  const passwordFile = join(dir, 'redis-password');
  writeFileSync(passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  const tls = { port: SCALE_PORTS.redisTls, ...(await makeCertificates(dir)) };
  const redis = localRedis({ port: SCALE_PORTS.redis, dataDir: join(dir, 'redis'), passwordFile, tls });
  const broker = singleBroker({ port: SCALE_PORTS.broker, controllerPort: SCALE_PORTS.brokerController, dataDir: join(dir, 'broker') });
  async function teardown() {
    keepBrokerLog(broker.dataDir, 'scale-broker.log');
    await Promise.allSettled([redis.wipe(), broker.wipe()]);
    rmSync(dir, { recursive: true, force: true });
  }
  const started = await Promise.allSettled([redis.start(), broker.start()]);
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  project.provide('scaleBrokers', broker.bootstrap);
  project.provide('scaleRedis', { port: redis.port, dataDir: redis.dataDir, passwordFile, tls });
  return teardown;
}
