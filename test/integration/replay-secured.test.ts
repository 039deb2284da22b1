/**
 * Both replay commands (the wheel's `python -m computer_orders_contract.replay`
 * and the npm package's `computer-orders-replay`) with a reader team's
 * security settings: SASL_SSL, SCRAM-SHA-512, its own CA file, the password
 * from KAFKA_SASL_PASSWORD. On a secured broker started by the project's
 * scripts; the records are read back over SASL_SSL too.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installInScratchProject, packContract, PACKAGE_NAME, run } from '../consumer/contract-package.js';
import { readTopic } from './kafka-reader.js';
import { installWheelOffline, type ReaderVenv } from './python-reader.js';
import { startSecuredBroker, type Principal, type SecuredBroker } from './secured-broker.js';

const TOPICS = { python: 'replayed-by-python', npm: 'replayed-by-npm' };
let broker: SecuredBroker;
let packed: string;
let scratch: string;
let reader: ReaderVenv;
let recordCount: number;

/** The replay options for a principal, from its env file; the password stays in the environment. */
function replayArgs(principal: Principal, topic: string): { args: string[]; env: Record<string, string> } {
  const env = broker.env(principal);
  return {
    args: ['--bootstrap-servers', broker.brokers, '--topic', topic, '--security-protocol', env.KAFKA_SECURITY_PROTOCOL!, '--sasl-mechanism', env.KAFKA_SASL_MECHANISM!,
      '--sasl-username', env.KAFKA_SASL_USERNAME!, '--ssl-ca-location', env.KAFKA_SSL_CA_FILE!],
    env: { KAFKA_SASL_PASSWORD: env.KAFKA_SASL_PASSWORD! },
  };
}

beforeAll(async () => {
  const [pack, secured] = await Promise.all([packContract(), startSecuredBroker()]);
  ({ out: packed } = pack);
  broker = secured;
  [scratch, reader] = await Promise.all([installInScratchProject(pack.tarballs[0] ?? 'no tarball', { alongside: ['kafkajs'] }), installWheelOffline(pack.wheels[0] ?? 'no wheel')]);
  recordCount = (await readdir(join(scratch, 'node_modules', PACKAGE_NAME, 'examples/records'))).length;
  const admin = await broker.admin();
  try {
    await admin.createTopics({ topics: Object.values(TOPICS).map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}, 300_000);
afterAll(async () => {
  await broker?.stop();
  await Promise.all([packed, scratch, reader?.dir].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
}, 120_000);

describe('the replay commands against a SASL_SSL broker, with the reader team’s settings', () => {
  it('python -m computer_orders_contract.replay publishes the example records', async () => {
    const { args, env } = replayArgs('admin', TOPICS.python);
    expect(await reader.run('python', ['-m', 'computer_orders_contract.replay', ...args], env)).toMatch(/^replayed \d+ records to replayed-by-python/);
    const read = await readTopic(broker.brokers, TOPICS.python, recordCount, 30_000, broker.security('admin'));
    expect(read).toHaveLength(recordCount);
  });

  it('computer-orders-replay publishes the example records', async () => {
    const { args, env } = replayArgs('admin', TOPICS.npm);
    expect(await run(process.execPath, ['node_modules/.bin/computer-orders-replay', ...args], { cwd: scratch, env })).toMatch(/^replayed \d+ records to replayed-by-npm/);
    const read = await readTopic(broker.brokers, TOPICS.npm, recordCount, 30_000, broker.security('admin'));
    expect(read).toHaveLength(recordCount);
  });

  it('both refuse to start on SASL_SSL without a password, naming what is missing', async () => {
    const { args } = replayArgs('admin', TOPICS.npm);
    const noPassword = { KAFKA_SASL_PASSWORD: '' };
    const [python, npm] = await Promise.all([
      reader.run('python', ['-m', 'computer_orders_contract.replay', ...args], noPassword).catch((error: Error) => error.message),
      run(process.execPath, ['node_modules/.bin/computer-orders-replay', ...args], { cwd: scratch, env: noPassword }).catch((error: Error) => error.message),
    ]);
    for (const output of [python, npm]) expect(output).toContain('SASL_SSL needs --sasl-mechanism, --sasl-username and KAFKA_SASL_PASSWORD or --sasl-password-file');
  });
});
