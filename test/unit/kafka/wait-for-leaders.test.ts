import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { waitForLeaders } from '../../../src/kafka/wait-for-leaders.js';

type Answer = Error | number[];

/** An admin whose metadata answers are, in turn, an error or the partitions' leaders. */
function adminAnswering(answers: Answer[]): Admin {
  let call = 0;
  return {
    fetchTopicMetadata: async () => {
      const answer = answers[Math.min(call++, answers.length - 1)] ?? [];
      if (answer instanceof Error) throw answer;
      return { topics: [{ name: 'orders', partitions: answer.map((leader, partitionId) => ({ partitionId, leader })) }] };
    },
  } as unknown as Admin;
}

describe('waitForLeaders', () => {
  it('waits through "does not host this topic-partition" until every partition has a leader', async () => {
    const admin = adminAnswering([new Error('This server does not host this topic-partition'), [1, -1, 2], [1, 3, 2]]);
    await expect(waitForLeaders({ admin, topic: 'orders', intervalMs: 1 })).resolves.toBeUndefined();
  });

  it('gives up after the deadline, naming the topic and keeping the last error', async () => {
    const admin = adminAnswering([new Error('This server does not host this topic-partition')]);
    const waiting = waitForLeaders({ admin, topic: 'orders', timeoutMs: 30, intervalMs: 5 });
    await expect(waiting).rejects.toThrow('topic "orders" had no leader for every partition within 30 ms');
    await expect(waiting).rejects.toHaveProperty('cause.message', 'This server does not host this topic-partition');
  });
});
