/**
 * A secured broker for one test file, started by the project's own
 * `scripts/kafka/start.sh --secure` on ports the OS gives, with its data and
 * credentials in a temporary folder. The API principal holds only what the
 * script grants with `KAFKA_CREATE_TOPIC=false`: the minimum the service needs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { loadConfig } from '../../src/config.js';
import { kafkaSecurityOptions } from '../../src/kafka/kafka-security.js';
import type { ReaderSecurity } from './kafka-reader.js';

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../scripts/kafka/', import.meta.url));

export type Principal = 'admin' | 'api' | 'reader';

export interface SecuredBroker {
  brokers: string;
  /** The folder holding ca.pem and the env files. */
  secureDir: string;
  /** The principal's env file, `KEY=value` lines in the service's own variable names. */
  env(principal: Principal): Record<string, string>;
  /** kafkajs `ssl` and `sasl` options for the principal. */
  security(principal: Principal): ReaderSecurity;
  /** A connected kafkajs admin client as the super user; disconnect it when done. */
  admin(): Promise<Admin>;
  stop(): Promise<void>;
}

/** A port the OS says is free now (bound to 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function parseEnvFile(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.includes('='));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

export async function startSecuredBroker(): Promise<SecuredBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'secured-broker-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const secureDir = join(dir, 'secure');
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_DATA_DIR: join(dir, 'data'),
    KAFKA_SECURE_DIR: secureDir,
    KAFKA_TOPIC: 'computers',
    KAFKA_CREATE_TOPIC: 'false',
    KAFKA_START_TIMEOUT: '120',
  };
  const stop = async () => {
    await run('bash', [`${scripts}stop.sh`, '--secure', '--wipe'], { env, timeout: 120_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run('bash', [`${scripts}start.sh`, '--secure'], { env, timeout: 600_000 });
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
  const envOf = (principal: Principal) => parseEnvFile(join(secureDir, `${principal}.env`));
  const security = (principal: Principal) => kafkaSecurityOptions(loadConfig(envOf(principal)).kafka.security);
  return {
    brokers: `127.0.0.1:${port}`,
    secureDir,
    env: envOf,
    security,
    async admin() {
      const admin = new Kafka({ clientId: 'operator', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING, ...security('admin') }).admin();
      await admin.connect();
      return admin;
    },
    stop,
  };
}

/** A CA of its own that signed nothing the broker uses, for "a client that trusts another CA". */
export async function otherCa(dir: string): Promise<string> {
  const ca = join(dir, 'other-ca.pem');
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=another CA', '-keyout', join(dir, 'other-ca.key'), '-out', ca]);
  return ca;
}
