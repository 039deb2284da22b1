import { KafkaJSProtocolError, type Admin } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ensureTopic } from '../../../src/kafka/ensure-topic.js';

const logger = pino({ level: 'silent' });
const protocolError = (type: string) => new KafkaJSProtocolError({ type, code: 0, retriable: false, message: type } as never);
const withLeader = { topics: [{ name: 'computers', partitions: [{ partitionId: 0, leader: 1 }] }] };

/** A fake admin: what createTopics and fetchTopicMetadata do, and what was called. */
function fakeAdmin({ create, metadata }: { create: () => Promise<boolean>; metadata: () => Promise<unknown> }) {
  const calls: string[] = [];
  const admin = {
    createTopics: () => (calls.push('createTopics'), create()),
    fetchTopicMetadata: () => (calls.push('fetchTopicMetadata'), metadata()),
  } as unknown as Admin;
  return { admin, calls };
}

const options = { topic: 'computers', numPartitions: 3, replicationFactor: 1, logger };

describe('ensureTopic', () => {
  it('never tries to create the topic with create=false, and reports it missing', async () => {
    const { admin, calls } = fakeAdmin({ create: async () => true, metadata: () => Promise.reject(protocolError('UNKNOWN_TOPIC_OR_PARTITION')) });
    expect(await ensureTopic({ admin, create: false, ...options })).toBe('missing');
    expect(calls).toEqual(['fetchTopicMetadata']);
  });

  it('leaves the topic to operators when the principal may not create it, and finds it there', async () => {
    const { admin } = fakeAdmin({ create: () => Promise.reject(protocolError('TOPIC_AUTHORIZATION_FAILED')), metadata: async () => withLeader });
    expect(await ensureTopic({ admin, create: true, ...options })).toBe('exists');
  });

  it('creates the topic and waits for its leaders', async () => {
    const { admin, calls } = fakeAdmin({ create: async () => true, metadata: async () => withLeader });
    expect(await ensureTopic({ admin, create: true, ...options })).toBe('created');
    expect(calls).toEqual(['createTopics', 'fetchTopicMetadata']);
  });

  it('lets a denied Describe through to the caller, which names it', async () => {
    const { admin } = fakeAdmin({ create: async () => true, metadata: () => Promise.reject(protocolError('TOPIC_AUTHORIZATION_FAILED')) });
    await expect(ensureTopic({ admin, create: false, ...options })).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
  });
});
