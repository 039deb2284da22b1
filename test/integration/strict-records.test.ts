/**
 * No poison records: what the real service publishes after real HTTP
 * requests parses with a strict decoder of another language, an order that
 * carries a lone UTF-16 surrogate never reaches the topic, and the decoder
 * is shown to refuse such a record when one is written past the service.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { readTopic, readWholeTopic, topicSize, uniqueTopic, type ReadRecord } from './kafka-reader.js';
import { postOrder, startRealService } from './service-harness.js';
import { strictDecodeProblems } from './strict-decoder.js';

const brokers = inject('kafkaBrokers');
const topic = uniqueTopic('strict');
const PATHS = ['/api/v2/orders/computers', '/api/orders/computers'];
let service: RunningService;
let rejected: Array<{ status: number; pointers: string[] }>;
let records: ReadRecord[];

beforeAll(async () => {
  service = await startRealService(brokers, topic);
  const poison = PATHS.flatMap((path) => [
    postOrder(service.url, path, String.raw`{"created_by":"USER\ud800","equipment":["MOUSE"]}`),
    postOrder(service.url, path, String.raw`{"id":"p-1","created_by":"\udc00","equipment":["MOUSE"]}`),
  ]);
  rejected = await Promise.all(
    poison.map(async (pending) => {
      const response = await pending;
      const problem = (await response.json()) as { errors?: Array<{ pointer: string }> };
      return { status: response.status, pointers: (problem.errors ?? []).map(({ pointer }) => pointer) };
    }),
  );
  for (const [index, path] of PATHS.entries()) {
    const accepted = await postOrder(service.url, path, String.raw`{"id":"emoji-${index}","created_by":"USER \ud83d\ude00","equipment":["MOUSE"]}`);
    expect(accepted.status).toBe(202);
  }
  // readTopic runs every record it read through the strict decoder, and throws if one fails.
  records = await readTopic(brokers, topic, 2, 60_000);
});
afterAll(() => service?.stop());

describe('orders carrying a lone UTF-16 surrogate, on both paths of the real service', () => {
  it('get 400 naming /created_by', () => {
    expect(rejected).toEqual(Array(4).fill({ status: 400, pointers: ['/created_by'] }));
  });

  it('publish nothing: the topic holds only the two emoji orders, and they parse strictly', async () => {
    expect(records.map(({ key }) => key).sort()).toEqual(['emoji-0', 'emoji-1']);
    expect(await topicSize(brokers, topic)).toBe(2);
    expect(await strictDecodeProblems(records.map(({ raw }) => raw))).toEqual([]);
  });

  it('keep the emoji sent as a surrogate pair, as UTF-8 on the wire', () => {
    for (const { value, raw } of records) {
      expect((JSON.parse(value) as { created_by: string }).created_by).toBe('USER 😀');
      expect(raw.value?.includes(Buffer.from('😀'))).toBe(true);
    }
  });
});

describe('the strict decoder of another language', () => {
  it('refuses a record holding a lone surrogate, written to a topic past the service', async () => {
    const poisoned = uniqueTopic('poisoned');
    const kafka = new Kafka({ clientId: 'poisoner', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: poisoned, numPartitions: 1 }], waitForLeaders: true }).finally(() => admin.disconnect());
    const producer = kafka.producer();
    await producer.connect();
    try {
      // JSON.stringify writes the lone surrogate back out as the escape "\ud800": what the service used to publish.
      await producer.send({ topic: poisoned, messages: [{ key: 'bad', value: JSON.stringify({ created_by: 'USER\ud800' }) }] });
    } finally {
      await producer.disconnect();
    }
    const { records: read } = await readWholeTopic(brokers, poisoned, { quietMs: 500, timeoutMs: 30_000, strict: false });
    expect(read).toHaveLength(1);
    expect(await strictDecodeProblems(read.map(({ raw }) => raw))).toEqual([
      'record 0 (key bad): /created_by is not Unicode text: surrogates not allowed at character 4',
    ]);
    await expect(readTopic(brokers, poisoned, 1, 30_000)).rejects.toThrow(/1 of 1 records fail a strict decoder/);
  });
});
