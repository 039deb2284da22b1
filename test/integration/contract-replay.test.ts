/**
 * The npm contract package's example records, proven against a real broker:
 * installed (offline, with the reader's own kafkajs) into a scratch project
 * outside the repository, its `computer-orders-replay` bin publishes them to
 * a fresh topic and they read back exactly as packaged; and each is what the
 * real service publishes for the same documented request.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { installInScratchProject, packContract, PACKAGE_NAME, run } from '../consumer/contract-package.js';
import { readTopic, uniqueTopic, type ReadRecord } from './kafka-reader.js';
import { postOrder, startRealService } from './service-harness.js';

interface RecordFile {
  key: string;
  headers: Record<string, string>;
  value: string;
}

const brokers = inject('kafkaBrokers');
const topics = { replay: uniqueTopic('npm-replay'), service: uniqueTopic('npm-examples') };
let packed: string;
let scratch: string;
let records: Map<string, RecordFile>;

// Two examples share the order id "1": their request ids tell them apart.
const byRequestId = (a: Pick<RecordFile, 'headers'>, b: Pick<RecordFile, 'headers'>) => String(a.headers['request-id']).localeCompare(String(b.headers['request-id']));

beforeAll(async () => {
  let tarballs: string[];
  ({ out: packed, tarballs } = await packContract());
  scratch = await installInScratchProject(tarballs[0] ?? 'no tarball', { alongside: ['kafkajs'] });
  const folder = join(scratch, 'node_modules', PACKAGE_NAME, 'examples/records');
  const files = (await readdir(folder)).filter((file) => file.endsWith('.json'));
  records = new Map(await Promise.all(files.map(async (file) => [file.replace(/\.json$/, ''), JSON.parse(await readFile(join(folder, file), 'utf8')) as RecordFile] as const)));
  const admin = new Kafka({ clientId: 'npm-replay-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: topics.replay, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
}, 180_000);
afterAll(() => Promise.all([scratch, packed].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true }))));

describe('computer-orders-replay, from the installed npm package', () => {
  it('publishes every example record to a topic the reader names, and they read back exactly as packaged', async () => {
    const bin = join(scratch, 'node_modules/.bin/computer-orders-replay');
    const output = await run(process.execPath, [bin, '--bootstrap-servers', brokers, '--topic', topics.replay], { cwd: scratch });
    expect(output.trim()).toBe(`replayed ${records.size} records to ${topics.replay}`);
    const read = await readTopic(brokers, topics.replay, records.size, 60_000);
    expect(read.map(({ key, headers, value }) => ({ key, headers, value })).sort(byRequestId)).toEqual([...records.values()].sort(byRequestId));
  });

  it('refuses to run without a broker and a topic, saying which options it needs', async () => {
    const refused = await run(process.execPath, [join(scratch, 'node_modules/.bin/computer-orders-replay'), '--topic', 'x'], { cwd: scratch }).catch((error: Error) => error.message);
    expect(refused).toContain('--bootstrap-servers and --topic are required');
  });
});

describe('the example records, against what the real service publishes', () => {
  let service: RunningService;
  let published: ReadRecord[];
  const requests = () => [...records.keys()].filter((name) => name.startsWith('create'));

  beforeAll(async () => {
    service = await startRealService(brokers, topics.service);
    // Each documented request, sent as the example says, with the example record's request id.
    for (const name of requests()) {
      const [operationId, example] = name.split('.');
      const path = operationId === 'createComputerOrder' ? '/api/v2/orders/computers' : '/api/orders/computers';
      const body = await readFile(join(scratch, 'node_modules', PACKAGE_NAME, 'examples/requests', `${operationId}.${example}.json`), 'utf8');
      const response = await postOrder(service.url, path, body, { 'x-request-id': records.get(name)!.headers['request-id']! });
      expect(response.status, name).toBe(202);
    }
    published = await readTopic(brokers, topics.service, requests().length, 60_000);
  }, 120_000);
  afterAll(() => service?.stop());

  it('carry the same headers and the same event, but for the receive time and a generated order id', () => {
    expect(requests().length).toBeGreaterThanOrEqual(3);
    for (const name of requests()) {
      const example = records.get(name)!;
      const real = published.find((record) => record.headers['request-id'] === example.headers['request-id']);
      expect(real, name).toBeDefined();
      const [exampleEvent, realEvent] = [JSON.parse(example.value), JSON.parse(real!.value)] as Array<Record<string, unknown>>;
      // What the server sets afresh for each request: the receive time, and from it a created_at the client left out.
      const serverSet = ['received_at', ...(exampleEvent!.created_at === exampleEvent!.received_at ? ['created_at'] : [])];
      // An order id the server generated (and the event id derived from it) differs too; a client's id keys both alike.
      if (example.key !== real!.key) serverSet.push('order_id', 'event_id');
      const without = (event: Record<string, unknown>) => Object.fromEntries(Object.entries(event).filter(([field]) => !serverSet.includes(field)));
      expect(Object.keys(realEvent!), name).toEqual(Object.keys(exampleEvent!));
      expect(without(realEvent!), name).toEqual(without(exampleEvent!));
      // A header that carries a server-set field (a CloudEvents ce_time carries received_at) carries the real record's value.
      const headers = Object.fromEntries(Object.entries(example.headers).map(([header, value]) => {
        const field = serverSet.find((candidate) => exampleEvent![candidate] === value);
        return [header, field === undefined ? value : realEvent![field]];
      }));
      expect(real!.headers, name).toEqual(headers);
    }
  });
});
