import type { Producer, ProducerRecord } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRenewingProducer } from '../../../src/kafka/renewing-producer.js';

const record: ProducerRecord = { topic: 'orders', messages: [{ key: '1', value: '{}' }] };

/** Plain-object producers that fail their sends or connections on demand. */
function producers({ failSends = [] as number[], failConnects = [] as number[] } = {}) {
  const made: Array<{ n: number; connects: number; sends: number; disconnected: boolean }> = [];
  let connectCalls = 0;
  let sendCalls = 0;
  const create = (): Producer => {
    const state = { n: made.length, connects: 0, sends: 0, disconnected: false };
    made.push(state);
    return {
      connect: async () => {
        if (failConnects.includes(connectCalls++)) throw new Error('broker unreachable');
        state.connects++;
      },
      send: async () => {
        if (state.connects === 0) throw new Error('send before connect');
        state.sends++;
        if (failSends.includes(sendCalls++)) throw new Error('The request timed out');
        return [];
      },
      disconnect: async () => void (state.disconnected = true),
    } as unknown as Producer;
  };
  return { create, made };
}

const logger = pino({ level: 'silent' });

describe('createRenewingProducer', () => {
  it('keeps one producer while its sends succeed', async () => {
    const { create, made } = producers();
    const producer = createRenewingProducer({ create, logger });
    await producer.connect();
    await producer.send(record);
    await producer.send(record);
    expect(made).toEqual([{ n: 0, connects: 1, sends: 2, disconnected: false }]);
  });

  it('replaces the producer after a failed send, so the next send starts a new producer id', async () => {
    const { create, made } = producers({ failSends: [1] });
    const producer = createRenewingProducer({ create, logger });
    await producer.connect();
    await producer.send(record);
    await expect(producer.send(record)).rejects.toThrow('The request timed out');
    await producer.send(record);
    expect(made).toEqual([
      { n: 0, connects: 1, sends: 2, disconnected: true },
      { n: 1, connects: 1, sends: 1, disconnected: false },
    ]);
  });

  it('tries to connect again on the next send when connecting failed, never sending unconnected', async () => {
    const { create, made } = producers({ failSends: [0], failConnects: [1] });
    const producer = createRenewingProducer({ create, logger });
    await producer.connect();
    await expect(producer.send(record)).rejects.toThrow('The request timed out');
    await expect(producer.send(record)).rejects.toThrow('broker unreachable');
    await producer.send(record);
    expect(made[1]).toEqual({ n: 1, connects: 1, sends: 1, disconnected: false });
  });

  it('disconnects the current producer', async () => {
    const { create, made } = producers({ failSends: [0] });
    const producer = createRenewingProducer({ create, logger });
    await producer.connect();
    await expect(producer.send(record)).rejects.toThrow();
    await producer.disconnect();
    expect(made.map((state) => state.disconnected)).toEqual([true, true]);
  });
});
