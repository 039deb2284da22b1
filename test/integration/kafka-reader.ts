/**
 * Reads a topic back with a real kafkajs consumer in a fresh group: a given
 * number of records (integration tests), or the whole topic up to its high
 * watermarks (the fault tests' and the fuzz run's audits). Every record read
 * also goes through a strict decoder of another language (strict-decoder.ts),
 * so a record that a Python or Rust reader would choke on fails the test.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { assertStrictlyDecodable, rawRecordOf, type RawRecord } from './strict-decoder.js';

/** A secured broker's `ssl` and `sasl` options; none for a plaintext one. */
export type ReaderSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

export interface ReadRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
  /** The bytes as the broker returned them. */
  raw: RawRecord;
}

/** Reads from the beginning until `count` records arrived or `timeoutMs` passed. */
export async function readTopic(brokers: string, topic: string, count: number, timeoutMs = 20_000, security: ReaderSecurity = {}): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'integration-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING, ...security });
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
          records.push({ key: String(message.key), value: String(message.value), headers, partition, raw: rawRecordOf(message) });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  await assertStrictlyDecodable(records.map(({ raw }) => raw));
  return records;
}

export interface TopicRecord {
  key: string;
  value: string;
  partition: number;
  offset: string;
  /** The bytes as the broker returned them. */
  raw: RawRecord;
}

/**
 * Reads from the beginning in a fresh group until the high watermarks taken
 * beforehand are reached and then no new record came for `quietMs`, or until
 * `timeoutMs`. `expected` is the sum of (high - low) over the partitions.
 * With `strict: false` the caller runs the strict decoder itself (the fuzz
 * audit does, to list every record it refuses among its other findings).
 *
 * @example
 * const { records, expected } = await readWholeTopic('127.0.0.1:23092', topic);
 */
export async function readWholeTopic(
  bootstrap: string,
  topic: string,
  {
    quietMs = 4000,
    timeoutMs = 90_000,
    security = {},
    strict = true,
  }: { quietMs?: number; timeoutMs?: number; security?: ReaderSecurity; strict?: boolean } = {},
): Promise<{ records: TopicRecord[]; expected: number }> {
  const expected = await topicSize(bootstrap, topic, security);
  const kafka = new Kafka({ clientId: 'topic-reader', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, ...security });

  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const records: TopicRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let lastArrival = Date.now();
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        records.push({ key: String(message.key), value: String(message.value), partition, offset: message.offset, raw: rawRecordOf(message) });
        lastArrival = Date.now();
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && (records.length < expected || Date.now() - lastArrival < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await consumer.disconnect();
  }
  if (strict) await assertStrictlyDecodable(records.map(({ raw }) => raw));
  return { records, expected };
}

/** How many records the topic holds: the sum of (high - low) over its partitions, from the broker itself. */
export async function topicSize(bootstrap: string, topic: string, security: ReaderSecurity = {}): Promise<number> {
  const admin = new Kafka({ clientId: 'topic-size', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, ...security }).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
}

export function uniqueTopic(name: string): string {
  return `it-${name}-${randomUUID().slice(0, 8)}`;
}
