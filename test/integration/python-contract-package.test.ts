/**
 * The Python wheel of the event contract, proven as a reader team uses it:
 * built by contract:pack, installed offline into a fresh virtualenv outside
 * this repository, and a small confluent-kafka consumer there
 * (fixtures/python/orders_reader.py) reading what the real service published
 * after real HTTP requests, the replayed examples, and records that break
 * the contract. mypy --strict checks that consumer and the package.
 */
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toRecord } from '../../src/kafka/kafka-order-publisher.js';
import { toOrderEvent } from '../../src/orders/order-event.js';
import type { RunningService } from '../../src/service.js';
import { packContract } from '../consumer/contract-package.js';
import { uniqueTopic } from './kafka-reader.js';
import { FIXTURES, installWheelOffline, type ReaderVenv } from './python-reader.js';
import { postOrder, startRealService } from './service-harness.js';

const brokers = inject('kafkaBrokers');
const kafka = new Kafka({ clientId: 'python-contract-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const topics = { service: uniqueTopic('py-service'), replay: uniqueTopic('py-replay'), broken: uniqueTopic('py-broken') };
const FULL = { id: 'py-order-1', status: 'Queued', created_at: '2026-11-27T09:15:00.123+01:00', created_by: 'ANALYTICS', equipment: ['MONITOR', 'WEBCAM'] };
const ORIGINAL = { id: 'py-legacy-1', status: 'Queued', created_at: '2020-10-16T10:31:10.969696', created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] };

interface Outcome {
  key: string;
  headers?: Record<string, string>;
  value?: string;
  event?: Record<string, unknown>;
  equipment_count?: number;
  refused?: { location: 'header' | 'value'; field: string; reason: string; message: string };
}
interface ReaderOutput {
  package: string;
  version: string;
  records: Outcome[];
}

let packed: string;
let wheels: string[];
let reader: ReaderVenv;
let service: RunningService;
let minimalOrderId: string | null;

const readWithPython = async (topic: string, count: number): Promise<ReaderOutput> =>
  JSON.parse(await reader.run('python', ['orders_reader.py', '--bootstrap-servers', brokers, '--topic', topic, '--count', String(count)])) as ReaderOutput;
// Two examples share the order id "1": their request ids tell them apart.
const byRequestId = (a: Outcome, b: Outcome) => String(a.headers?.['request-id']).localeCompare(String(b.headers?.['request-id']));
const byKey = (records: Outcome[]) => Object.fromEntries(records.map((record) => [record.key, record]));

beforeAll(async () => {
  ({ out: packed, wheels } = await packContract());
  reader = await installWheelOffline(wheels[0] ?? 'no wheel');
  for (const file of ['orders_reader.py', 'misused_models.py']) await cp(join(FIXTURES, file), join(reader.dir, file));
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [topics.replay, topics.broken].map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  await admin.disconnect();
  service = await startRealService(brokers, topics.service);
  const responses = await Promise.all([
    postOrder(service.url, '/api/v2/orders/computers', FULL, { 'x-request-id': 'py-full' }),
    postOrder(service.url, '/api/v2/orders/computers', { created_by: 'USER15', equipment: ['MOUSE'] }, { 'x-request-id': 'py-minimal' }),
    postOrder(service.url, '/api/orders/computers', ORIGINAL, { 'x-request-id': 'py-original' }),
  ]);
  expect(responses.map((response) => response.status)).toEqual([202, 202, 202]);
  minimalOrderId = responses[1]!.headers.get('order-id');
}, 300_000);
afterAll(async () => {
  await service?.stop();
  await Promise.all([packed, reader?.dir].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
});

describe('the contract wheel, installed offline in a fresh virtualenv outside the repository', () => {
  it('is the one wheel contract:pack writes, versioned as the contract, imported from that virtualenv', async () => {
    expect(wheels).toHaveLength(1);
    const output = await readWithPython(topics.replay, 0);
    expect(output.package.startsWith(join(reader.dir, 'venv'))).toBe(true);
    expect(wheels[0]).toMatch(new RegExp(`computer_orders_contract-${output.version.replaceAll('.', '\\.')}-py3-none-any\\.whl$`));
  });

  it('decodes every record the real service published after real HTTP requests', async () => {
    const { records } = await readWithPython(topics.service, 3);
    const found = byKey(records);
    expect(Object.keys(found).sort()).toEqual(['py-legacy-1', 'py-order-1', minimalOrderId].sort());
    expect(records.filter((record) => record.refused)).toEqual([]);
    expect(found['py-order-1']).toMatchObject({
      event: { order_id: 'py-order-1', created_at: '2026-11-27T08:15:00.123000Z', created_by: 'ANALYTICS', equipment: ['MONITOR', 'WEBCAM'], source: 'api/v2', schema_version: 1 },
      headers: { 'event-schema-version': '1', 'request-id': 'py-full' },
      equipment_count: 2,
    });
    expect(found[minimalOrderId!]).toMatchObject({ event: { order_id: minimalOrderId, status: 'Queued', created_by: 'USER15', equipment: ['MOUSE'], source: 'api/v2' } });
    expect(found['py-legacy-1']).toMatchObject({ event: { created_at: '2020-10-16T10:31:10.969696Z', source: 'api/original', equipment: ['KEYBOARD', 'MOUSE'] }, headers: { 'request-id': 'py-original' } });
  });

  it('replays its example records into a fresh topic, and reads them back exactly as packaged', async () => {
    const replayed = await reader.run('python', ['-m', 'computer_orders_contract.replay', '--bootstrap-servers', brokers, '--topic', topics.replay]);
    const count = Number(/^replayed (\d+) records to /.exec(replayed)?.[1]);
    const output = await readWithPython(topics.replay, count);
    const folder = join(dirname(output.package), 'examples/records');
    const examples = await readdir(folder);
    // The documented examples: three requests and one event today.
    expect([count, examples.length >= 4]).toEqual([examples.length, true]);
    const read = output.records.map(({ key, headers, value }) => ({ key, headers, value })).sort(byRequestId);
    const packaged = await Promise.all(examples.map(async (file) => JSON.parse(await readFile(join(folder, file), 'utf8')) as Outcome));
    expect(read).toEqual(packaged.sort(byRequestId));
    expect(output.records.filter((record) => !record.event)).toEqual([]);
  });

  it('refuses a record with a wrong value or a missing header, naming what is wrong', async () => {
    const good = toRecord(toOrderEvent({ id: 'good', created_by: 'USER14', equipment: ['MOUSE'] }, { source: 'api/v2', receivedAt: new Date() }), { requestId: 'py-broken' });
    const value = JSON.parse(String(good.value)) as Record<string, unknown>;
    const { 'event-schema-version': _version, ...withoutVersion } = good.headers!;
    const { created_by: _createdBy, ...withoutCreatedBy } = value;
    const broken: Message[] = [
      { ...good, key: 'wrong-equipment', value: JSON.stringify({ ...value, equipment: ['PRINTER'] }) },
      { ...good, key: 'no-created-by', value: JSON.stringify(withoutCreatedBy) },
      { ...good, key: 'lone-surrogate', value: String(good.value).replace('"USER14"', '"USER\\ud800"') },
      { ...good, key: 'not-json', value: '{"schema_version":' },
      { ...good, key: 'no-version-header', headers: withoutVersion },
      { ...good, key: 'version-2', headers: { ...good.headers, 'event-schema-version': '2' } },
      { ...good, key: 'other-ce-type', headers: { ...good.headers, ce_type: 'org.example.other' } },
    ];
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topics.broken, messages: broken });
    await producer.disconnect();
    const found = byKey((await readWithPython(topics.broken, broken.length)).records);
    const refusals = Object.fromEntries(Object.entries(found).map(([key, { refused }]) => [key, refused && [refused.location, refused.field]]));
    expect(refusals).toEqual({
      'wrong-equipment': ['value', '/equipment/0'],
      'no-created-by': ['value', '/created_by'],
      'lone-surrogate': ['value', '/created_by'],
      'not-json': ['value', ''],
      'no-version-header': ['header', 'event-schema-version'],
      'version-2': ['header', 'event-schema-version'],
      'other-ce-type': ['header', 'ce_type'],
    });
    expect(found['wrong-equipment']?.refused?.message).toMatch(/^record value \/equipment\/0: 'PRINTER' is not one of/);
    expect(found['no-version-header']?.refused?.message).toBe('record header "event-schema-version": is missing');
    expect(found['lone-surrogate']?.refused?.reason).toContain('not valid Unicode');
  });

  it('passes mypy --strict on the consumer and on the package, and fails it on a consumer that misuses the models', async () => {
    await reader.run('mypy', ['--strict', 'orders_reader.py']);
    await reader.run('mypy', ['--strict', '-p', 'computer_orders_contract']);
    const misuse = await reader.run('mypy', ['--strict', 'misused_models.py']).then(
      () => 'passed',
      (error: Error) => error.message,
    );
    expect(misuse).toMatch(/misused_models\.py:6: error: Incompatible types in assignment/);
    expect(misuse).toMatch(/misused_models\.py:7: error: Argument 1 to "append" of "list" has incompatible type/);
  }, 120_000);
});
