/**
 * Provider verification with pact-js's Verifier: every registered pact's
 * HTTP interactions replayed against the real app, its messages checked
 * against the records the real builders make, headers and key included;
 * and a change of the service that a pact relies on failing it, with
 * pact's report naming the interaction and what differs.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Verifier } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import type { ChangeName } from './provider-changes.js';
import { startProvider } from './provider.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pacts = join(root, 'contract/pacts');
const WEB_SHOP = join(pacts, 'web-shop-computer-orders-api.json');
const ANALYTICS_READER = join(pacts, 'analytics-reader-computer-orders-api.json');

/** verify-provider.ts in a child process: its exit code and pact's report, colours off. */
async function verifyChanged(pact: string, change?: ChangeName): Promise<{ code: number; report: string }> {
  const args = [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/pact/verify-provider.ts'), pact, ...(change ? [change] : [])];
  const env = { ...process.env, NO_COLOR: '1', CLICOLOR: '0' };
  const { code, stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: root, env }).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );
  return { code, report: `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, '') };
}

describe('the registered pacts, verified against the real service', () => {
  it.each(readdirSync(pacts).filter((file) => file.endsWith('.json')))(
    'honours the registered pact %s: HTTP interactions against the real app, messages against the real record builder',
    async (file) => {
      const provider = await startProvider();
      try {
        await expect(new Verifier(provider.verifierOptions([join(pacts, file)])).verifyProvider()).resolves.not.toThrow();
      } finally {
        await provider.close();
      }
    },
  );

  it('fails when the service stops sending a response header the web shop relies on', async () => {
    const { code, report } = await verifyChanged(WEB_SHOP, 'drop-idempotent-replayed');
    expect(report).toContain('Verifying a pact between web-shop and computer-orders-api - a new order without an id');
    expect(report).toContain("Given an order with id ws-1001 was already accepted - the same order sent again after a lost answer");
    expect(report).toMatch(/Expected header 'Idempotent-Replayed' to have value '"true"' but was ''/);
    expect(report).toContain('There were 2 pact failures');
    expect(code).toBe(1);
  });

  it('fails when the record changes a header value the analytics reader routes on', async () => {
    const { code, report } = await verifyChanged(ANALYTICS_READER, 'event-schema-version-2');
    expect(report).toContain('Verifying a pact between analytics-reader and computer-orders-api Given an order was accepted - a ComputerOrderCreated record');
    expect(report).toContain(`Expected message metadata 'event-schema-version' to have value '"1"' but was '"2"'`);
    expect(code).toBe(1);
  });

  it('fails when the record drops a value field the analytics reader reads', async () => {
    const { code, report } = await verifyChanged(ANALYTICS_READER, 'drop-created-by');
    expect(report).toContain('Verifying a pact between analytics-reader and computer-orders-api Given an order was accepted - a ComputerOrderCreated record');
    expect(report).toContain('Actual map is missing the following keys: created_by');
    expect(code).toBe(1);
  });

  it('passes in that child process too when nothing changed, so a failure there is the change', async () => {
    const { code, report } = await verifyChanged(WEB_SHOP);
    expect(report).not.toContain('Failures:');
    expect(code).toBe(0);
  });
});
