import { logLevel } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { kafkaLogCreator, scrubKafkaMessage } from '../../../src/kafka/kafka-log.js';

describe('scrubKafkaMessage', () => {
  it('drops the cause kafkajs appends, with its address', () => {
    const text = scrubKafkaMessage('Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED 10.0.0.7:9092', []);
    expect(text).toBe('Failed to connect to seed broker, trying another broker from the list');
  });

  it('keeps a request’s name, whose "key: 3" is not a cause', () => {
    expect(scrubKafkaMessage('Response Metadata(key: 3, version: 6)', [])).toBe('Response Metadata(key: 3, version: 6)');
  });

  it('masks configured broker names, IP addresses and host:port pairs', () => {
    const text = scrubKafkaMessage('Broker kafka-0.internal.example went away, then 10.0.0.8 and b-2.msk.aws:9096 too', ['kafka-0.internal.example:9092']);
    expect(text).toBe('Broker <broker> went away, then <broker> and <broker> too');
  });
});

/** The lines the service's logger writes for one kafkajs ERROR entry carrying `log`. */
function logError(log: Record<string, unknown>, brokers: string[] = []): string[] {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  kafkaLogCreator(logger, brokers)(logLevel.ERROR)({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 'now', ...log } as never });
  return lines;
}

describe('kafkaLogCreator', () => {
  it('logs what kafkajs was doing, never its error text or a broker address', () => {
    const lines = logError(
      { message: 'Connection error: connect ECONNREFUSED 10.0.0.7:9092', error: 'connect ECONNREFUSED 10.0.0.7:9092', broker: 'broker-1.internal:9092', retryCount: 2 },
      ['broker-1.internal:9092'],
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as { level: number; msg: string; kafka: Record<string, unknown> };
    expect(line).toMatchObject({ level: 50, msg: 'Connection error', kafka: { namespace: 'Connection', retryCount: 2 } });
    expect(line).not.toHaveProperty('kafka.broker');
    expect(lines[0]).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|broker-1\.internal/);
  });

  it('logs a broker answer kafkajs retries (the coordinator still loading) at info, by its protocol name', () => {
    const lines = logError({ message: 'Response InitProducerId(key: 22, version: 4)', error: "The coordinator is loading and hence can't process requests for this group" });
    const line = JSON.parse(lines[0] ?? '{}') as { level: number; msg: string; kafka: Record<string, unknown> };
    expect(line).toMatchObject({ level: 30, msg: 'Response InitProducerId(key: 22, version: 4)', kafka: { error: 'GROUP_LOAD_IN_PROGRESS', retriable: true } });
  });

  it('keeps an error that kafkajs does not retry at error', () => {
    const lines = logError({ message: 'Response Produce(key: 0, version: 7)', error: 'Not authorized to access topics: [Topic authorization failed]' });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 50 });
    expect(lines[0]).not.toContain('retriable');
  });
});
