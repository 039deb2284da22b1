/**
 * Waits until every partition of a topic has a leader.
 *
 * kafkajs' `createTopics({ waitForLeaders: true })` asks one broker and only
 * retries LEADER_NOT_AVAILABLE; on a multi-node KRaft cluster that broker may
 * not have heard of the new topic yet and answers UNKNOWN_TOPIC_OR_PARTITION,
 * which made the first start against a fresh cluster exit 1. Here any error
 * counts as "not yet" until the deadline.
 */
import type { Admin } from 'kafkajs';

/**
 * @example
 * await admin.createTopics({ topics: [{ topic: 'computers' }] });
 * await waitForLeaders({ admin, topic: 'computers' });
 */
export async function waitForLeaders({
  admin,
  topic,
  timeoutMs = 30_000,
  intervalMs = 200,
}: {
  admin: Admin;
  topic: string;
  timeoutMs?: number;
  intervalMs?: number;
}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = topics.find((entry) => entry.name === topic)?.partitions ?? [];
      if (partitions.length > 0 && partitions.every((partition) => partition.leader >= 0)) return;
      lastError = new Error(`topic "${topic}" has partitions without a leader`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`topic "${topic}" had no leader for every partition within ${timeoutMs} ms`, { cause: lastError });
}
