/**
 * Provider verification with pact-js's Verifier: every registered pact's
 * HTTP interactions replayed against the real app, its messages checked
 * against the records the real builders make, headers included.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Verifier } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { startProvider, type ProviderChanges } from './provider.js';

const pacts = fileURLToPath(new URL('../../contract/pacts', import.meta.url));
const WEB_SHOP = join(pacts, 'web-shop-computer-orders-api.json');
const ANALYTICS_READER = join(pacts, 'analytics-reader-computer-orders-api.json');

async function verify(pactUrls: string[], changes: ProviderChanges = {}): Promise<unknown> {
  const provider = await startProvider(changes);
  try {
    return await new Verifier(provider.verifierOptions(pactUrls)).verifyProvider();
  } finally {
    await provider.close();
  }
}

describe('the registered pacts, verified against the real service', () => {
  it.each(readdirSync(pacts).filter((file) => file.endsWith('.json')))('honours the registered pact %s: HTTP interactions against the real app, messages against the real record builder', async (file) => {
    await expect(verify([join(pacts, file)])).resolves.not.toThrow();
  });

  it('fails when the service stops sending a response header the web shop relies on', async () => {
    const dropReplayed: ProviderChanges['app'] = (app) => (request, response) => {
      const setHeader = response.setHeader.bind(response);
      response.setHeader = (name, value) => (name.toLowerCase() === 'idempotent-replayed' ? response : setHeader(name, value));
      app(request, response);
    };
    await expect(verify([WEB_SHOP], { app: dropReplayed })).rejects.toThrow();
  });

  it('fails when the record changes a header value the analytics reader routes on', async () => {
    const renamed: ProviderChanges['record'] = (record) => ({ ...record, headers: { ...record.headers, 'event-schema-version': '2' } });
    await expect(verify([ANALYTICS_READER], { record: renamed })).rejects.toThrow();
  });

  it('fails when the record drops a value field the analytics reader reads', async () => {
    const dropped: ProviderChanges['record'] = (record) => {
      const { created_by: _dropped, ...value } = JSON.parse(String(record.value)) as Record<string, unknown>;
      return { ...record, value: JSON.stringify(value) };
    };
    await expect(verify([ANALYTICS_READER], { record: dropped })).rejects.toThrow();
  });
});
