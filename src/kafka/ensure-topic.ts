/**
 * Makes sure the orders topic is there at start-up: created when the service
 * may create it, otherwise left to operators. A missing topic does not stop
 * the service; `/ready` answers 503 until it appears.
 */
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import { authorizationFailure, hasErrorType } from './kafka-errors.js';
import { waitForLeaders } from './wait-for-leaders.js';

export type TopicState = 'created' | 'exists' | 'missing';

async function topicExists(admin: Admin, topic: string): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics.some((entry) => entry.name === topic && entry.partitions.length > 0);
  } catch (err) {
    if (hasErrorType(err, 'UNKNOWN_TOPIC_OR_PARTITION')) return false;
    throw err;
  }
}

async function tryCreate(admin: Admin, topic: { topic: string; numPartitions: number; replicationFactor: number }, logger: Logger): Promise<TopicState> {
  try {
    // Waited for below: kafkajs' own wait gives up on a broker not yet aware of the topic.
    return (await admin.createTopics({ waitForLeaders: false, topics: [topic] })) ? 'created' : 'exists';
  } catch (err) {
    // A principal without Create is a normal production set-up: operators own the topic.
    const denied = authorizationFailure(err);
    if (!denied) throw err;
    logger.warn({ topic: topic.topic, denied }, 'not allowed to create the orders topic: leaving it to operators');
    return 'missing';
  }
}

/**
 * @example
 * const state = await ensureTopic({ admin, topic: 'computers', create: true, numPartitions: 3, replicationFactor: 1, logger });
 */
export async function ensureTopic({
  admin,
  topic,
  create,
  numPartitions,
  replicationFactor,
  logger,
}: {
  admin: Admin;
  topic: string;
  create: boolean;
  numPartitions: number;
  replicationFactor: number;
  logger: Logger;
}): Promise<TopicState> {
  let state: TopicState = create ? await tryCreate(admin, { topic, numPartitions, replicationFactor }, logger) : 'missing';
  // Also the check that the principal may Describe the topic: without it, it throws TOPIC_AUTHORIZATION_FAILED.
  if (state === 'missing' && (await topicExists(admin, topic))) state = 'exists';
  if (state === 'missing') {
    logger.warn({ topic }, 'the orders topic does not exist: /ready answers 503 until an operator creates it');
    return state;
  }
  await waitForLeaders({ admin, topic });
  logger.info({ topic, created: state === 'created' }, state === 'created' ? 'created the orders topic' : 'the orders topic exists');
  return state;
}
