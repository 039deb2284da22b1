/**
 * Reads a topic back with a real kafkajs consumer in a fresh group.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface ReadRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
}

/** Reads from the beginning until `count` records arrived or `timeoutMs` passed. */
export async function readTopic(brokers: string, topic: string, count: number, timeoutMs = 20_000): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'integration-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
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
          records.push({ key: String(message.key), value: String(message.value), headers, partition });
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
  return records;
}

export function uniqueTopic(name: string): string {
  return `it-${name}-${randomUUID().slice(0, 8)}`;
}
