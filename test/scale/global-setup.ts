/**
 * One Redis (with a password, read from a file) and one Kafka broker for
 * the whole `scale` project, started with the project's own scripts and
 * wiped afterwards. Files run one at a time, so a scenario may kill and
 * restart the Redis.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    scaleRedis: { port: number; dataDir: string; passwordFile: string };
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'scale-'));
  const passwordFile = join(dir, 'redis-password');
  writeFileSync(passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  const redis = localRedis({ port: SCALE_PORTS.redis, dataDir: join(dir, 'redis'), passwordFile });
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
  project.provide('scaleRedis', { port: redis.port, dataDir: redis.dataDir, passwordFile });
  return teardown;
}
