import { describe, expect, it } from 'vitest';
import { createSendQueue } from '../../../src/kafka/send-queue.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function recordingQueue(maxBatchSize?: number) {
  const batches: number[][] = [];
  const sends: Array<ReturnType<typeof deferred>> = [];
  const queue = createSendQueue<number>({
    send: (items) => {
      batches.push(items);
      const send = deferred();
      sends.push(send);
      return send.promise;
    },
    toError: (cause) => new Error(`failed: ${String(cause)}`),
    toTimeout: (sent) => new Error(sent ? 'timeout after send' : 'timeout before send'),
    ...(maxBatchSize !== undefined && { maxBatchSize }),
  });
  return { queue, batches, sends };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createSendQueue', () => {
  it('keeps one send in flight and batches what arrives meanwhile', async () => {
    const { queue, batches, sends } = recordingQueue();
    const first = queue.enqueue(1, 1000);
    await tick();
    const rest = [queue.enqueue(2, 1000), queue.enqueue(3, 1000)];
    await tick();
    expect(batches).toEqual([[1]]);
    sends[0]!.resolve();
    await first;
    await tick();
    expect(batches).toEqual([[1], [2, 3]]);
    sends[1]!.resolve();
    await Promise.all(rest);
  });

  it('caps a batch at maxBatchSize', async () => {
    const { queue, batches, sends } = recordingQueue(2);
    const all = [1, 2, 3].map((item) => queue.enqueue(item, 1000));
    await tick();
    sends[0]!.resolve();
    await tick();
    await tick();
    sends[1]!.resolve();
    await Promise.all(all);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('rejects every caller of a failed batch with the mapped error', async () => {
    const { queue, sends } = recordingQueue();
    const both = [queue.enqueue(1, 1000), queue.enqueue(2, 1000)];
    await tick();
    sends[0]!.reject(new Error('broker gone'));
    for (const result of both) await expect(result).rejects.toThrow('failed: Error: broker gone');
  });

  it('drops a record whose deadline passed before it was sent', async () => {
    const { queue, batches, sends } = recordingQueue();
    const first = queue.enqueue(1, 1000);
    await tick();
    const late = queue.enqueue(2, 20);
    await expect(late).rejects.toThrow('timeout before send');
    sends[0]!.resolve();
    await first;
    await tick();
    expect(batches).toEqual([[1]]);
  });

  it('says when a record timed out after it was handed to the producer', async () => {
    const { queue, sends } = recordingQueue();
    const slow = queue.enqueue(1, 20);
    await expect(slow).rejects.toThrow('timeout after send');
    sends[0]!.resolve();
  });

  it('drains once nothing is pending or in flight', async () => {
    const { queue, sends } = recordingQueue();
    void queue.enqueue(1, 1000);
    let drained = false;
    const drain = queue.drain().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    sends[0]!.resolve();
    await drain;
    expect(queue.size).toBe(0);
  });
});
