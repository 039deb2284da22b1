/**
 * The example consumers' pacts in contract/pacts/ are real pact-js output:
 * their consumer tests, run again here against pact-js's mock server, pass
 * and write the very files that are committed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PACTS, writeExamplePacts } from './consumers/write-example-pacts.js';

const committed = fileURLToPath(new URL('../../contract/pacts', import.meta.url));
let written: string;

beforeAll(async () => {
  written = await mkdtemp(join(tmpdir(), 'example-pacts-'));
  await writeExamplePacts(written);
});
afterAll(() => rm(written, { recursive: true, force: true }));

const read = async (dir: string, file: string) => JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown;

describe('the example consumers (npm run contract:example-pacts)', () => {
  it.each(EXAMPLE_PACTS)('wrote %s exactly as committed in contract/pacts/', async (file) => {
    expect(await read(written, file), 'stale: run npm run contract:example-pacts').toEqual(await read(committed, file));
  });

  it('record the web shop calling createComputerOrder: a first acceptance, a replay, a 400, a 409, a 503', async () => {
    const pact = (await read(written, 'web-shop-computer-orders-api.json')) as { interactions: Array<{ response: { status: number }; providerStates?: Array<{ name: string }> }> };
    expect(pact.interactions.map(({ response, providerStates = [] }) => [response.status, providerStates.map(({ name }) => name)])).toEqual(
      expect.arrayContaining([
        [202, []],
        [202, ['an order with id ws-1001 was already accepted']],
        [400, []],
        [409, ['an order with id ws-1002 was already accepted']],
        [503, ['Kafka is unavailable']],
      ]),
    );
  });

  it("record the analytics reader's record: the key, today's headers (none of the ce_ ones) and the value", async () => {
    const pact = (await read(written, 'analytics-reader-computer-orders-api.json')) as { interactions: Array<{ type: string; metadata: Record<string, string> }> };
    const [message] = pact.interactions;
    expect(message?.type).toBe('Asynchronous/Messages');
    expect(Object.keys(message?.metadata ?? {}).sort()).toEqual(['content-type', 'event-schema-version', 'event-type', 'kafka_key', 'request-id']);
  });
});
