import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type RunningPrism } from '../prism/prism.js';
import { createRecordValidator, placeOrder } from './orders-consumer-client.js';

// Step 1 of docs/CONSUMERS.md: pin the two contract files in the consumer's repository.
const pinned = mkdtempSync(join(tmpdir(), 'consumer-'));
copyFileSync(new URL('../../generated/openapi.yaml', import.meta.url), join(pinned, 'computer-orders-api.yaml'));
copyFileSync(new URL('../../schemas/computer-order-event.json', import.meta.url), join(pinned, 'computer-order-event.json'));
// The mock checks that a key is sent, not which one.
const API_KEY = 'any-key-for-the-mock';
let mock: RunningPrism;

beforeAll(async () => {
  // Step 2: Prism mocks the pinned file, with --errors so a drifting client fails.
  mock = await startPrism(['mock', join(pinned, 'computer-orders-api.yaml'), '--errors']);
}, 90_000);
afterAll(() => mock?.stop());

describe('a consumer team testing its client against the pinned contract (docs/CONSUMERS.md)', () => {
  it('gets 202 and an order id for a valid order', async () => {
    const { status, orderId } = await placeOrder(mock.url, API_KEY, { created_by: 'TEAM-B', equipment: ['MONITOR'] });
    expect(status).toBe(202);
    expect(orderId).toBeTruthy();
  });

  it('is told at once when its client drifts from the contract', async () => {
    const { status } = await placeOrder(mock.url, API_KEY, { created_by: 'TEAM-B', equipment: ['MONITORS'] });
    expect(status).toBe(400);
  });

  it('is told when it forgets the API key', async () => {
    const response = await fetch(`${mock.url}/api/v2/orders/computers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ created_by: 'TEAM-B', equipment: ['MONITOR'] }),
    });
    expect(response.status).toBe(401);
  });
});

describe('an analytics consumer validating records against the pinned event schema', () => {
  const validateRecord = createRecordValidator(JSON.parse(readFileSync(join(pinned, 'computer-order-event.json'), 'utf8')) as object);
  const example = (JSON.parse(readFileSync(join(pinned, 'computer-order-event.json'), 'utf8')) as { examples: object[] }).examples[0];

  it('accepts a record as the API publishes it', () => {
    expect(validateRecord(JSON.stringify(example))).toEqual({ valid: true, errors: [] });
  });

  it('rejects a record that lost a field or changed its shape', () => {
    const { created_by: _dropped, ...incomplete } = example as Record<string, unknown>;
    expect(validateRecord(JSON.stringify(incomplete)).valid).toBe(false);
    expect(validateRecord(JSON.stringify({ ...example, equipment: 'MOUSE' })).errors).toContain('/equipment must be array');
  });
});
