import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

// kafkajs' own encoders, as patched by patches/kafkajs+2.2.4.patch (applied by `npm install`).
const require = createRequire(import.meta.url);
type Encoded = { buffer: Buffer };
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: unknown) => Encoded;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as { RecordBatch: (batch: unknown) => Promise<Encoded> };
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: string) => number;
const inputs = require('./fixtures/kafkajs-batch-inputs.json') as { records: unknown[] };
const goldenHashes = require('./fixtures/kafkajs-2.2.4-murmur2.json') as Record<string, number>;
const golden = readFileSync(new URL('./fixtures/kafkajs-2.2.4-batch.hex', import.meta.url), 'utf8').trim();

describe('kafkajs record encoding and partitioning, patched', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes byte for byte the record batch kafkajs 2.2.4 as published wrote', async () => {
    const batch = await RecordBatch({ ...inputs, records: inputs.records.map(encodeRecord) });
    expect(batch.buffer.toString('hex')).toBe(golden);
  });

  it('allocates no zero-filled buffer for a record and its headers', () => {
    const zeroFilled = vi.spyOn(Buffer, 'alloc');
    const encoded = encodeRecord(inputs.records[0]);
    expect(encoded.buffer.length).toBeGreaterThan(700);
    expect(zeroFilled).not.toHaveBeenCalled();
  });

  it('hashes keys as kafkajs 2.2.4 did, so each key keeps its partition', () => {
    const hashes = Object.fromEntries(Object.keys(goldenHashes).map((key) => [key, murmur2(key)]));
    expect(hashes).toEqual(goldenHashes);
  });
});
