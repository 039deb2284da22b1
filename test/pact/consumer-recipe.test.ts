/**
 * The Pact recipe of docs/CONSUMERS.md, followed as a consumer team would:
 * the contract package packed and installed (npm, offline) into a scratch
 * project outside this repository, a pact-js consumer test run there, and its
 * pact checked with opc against the package's own openapi.json and
 * asyncapi.yaml. pact-js and opc come from this repository's node_modules,
 * linked in: their dependency trees (and pact's native core) are already
 * installed there, and installing them again offline would need the
 * registry's metadata, which npm's cache does not keep.
 */
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installInScratchProject, packContract, PACKAGE_NAME, ROOT, run } from '../consumer/contract-package.js';

const PACT_FILE = 'pacts/team-b-orders-computer-orders-api.json';
let packed: string;
let scratch: string;
let installed: string;

beforeAll(async () => {
  const { out, tarballs } = await packContract();
  packed = out;
  scratch = await installInScratchProject(tarballs[0] ?? 'no tarball');
  installed = join(scratch, 'node_modules', PACKAGE_NAME);
  for (const name of ['@pact-foundation/pact', '@pactflow/openapi-pact-comparator']) {
    await mkdir(join(scratch, 'node_modules', name, '..'), { recursive: true });
    await symlink(join(ROOT, 'node_modules', name), join(scratch, 'node_modules', name), 'dir');
  }
  await cp(join(ROOT, 'test/pact/fixtures/orders.pact.test.mjs'), join(scratch, 'orders.pact.test.mjs'));
  await run(process.execPath, ['orders.pact.test.mjs'], { cwd: scratch });
}, 180_000);
afterAll(async () => {
  await Promise.all([scratch, packed].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** `npx opc --oas … --asyncapi … <pact>` in the scratch project: its exit code and its ND-JSON results. */
async function opc(pact: string): Promise<{ code: number; results: Array<{ type: string; code: string }> }> {
  const cli = join(scratch, 'node_modules/@pactflow/openapi-pact-comparator/dist/cli.cjs');
  const args = [cli, '--oas', join(installed, 'openapi.json'), '--asyncapi', join(installed, 'asyncapi.yaml'), pact];
  try {
    const stdout = await run(process.execPath, args, { cwd: scratch });
    return { code: 0, results: JSON.parse(stdout) as Array<{ type: string; code: string }> };
  } catch (error) {
    const line = String((error as Error).message).split('\n').find((text) => text.startsWith('['));
    return { code: 1, results: JSON.parse(line ?? '[]') as Array<{ type: string; code: string }> };
  }
}

describe('a consumer team that starts from the contract package and uses Pact', () => {
  it("writes a pact whose HTTP interactions and message pass opc against the package's own openapi.json and asyncapi.yaml", async () => {
    const pact = JSON.parse(await readFile(join(scratch, PACT_FILE), 'utf8')) as { interactions: Array<{ type: string }> };
    expect(pact.interactions.map(({ type }) => type).sort()).toEqual(['Asynchronous/Messages', 'Synchronous/HTTP', 'Synchronous/HTTP']);
    const { code, results } = await opc(PACT_FILE);
    expect(results.filter(({ type }) => type === 'error')).toEqual([]);
    expect(results.map(({ code: result }) => result)).toContain('message.matched');
    expect(code).toBe(0);
  });

  it('learns from opc, before it ever calls us, when its pact expects what the contract does not promise', async () => {
    const pact = JSON.parse(await readFile(join(scratch, PACT_FILE), 'utf8')) as { interactions: Array<Record<string, any>> };
    const http = pact.interactions.find(({ description }) => description === 'a minimal order');
    const message = pact.interactions.find(({ type }) => type === 'Asynchronous/Messages');
    http!.response.status = 200;
    message!.metadata['x-partition-hint'] = '3';
    await writeFile(join(scratch, 'drifted.json'), JSON.stringify(pact));
    const { code, results } = await opc('drifted.json');
    expect(results.filter(({ type }) => type === 'error').map(({ code: result }) => result).sort()).toEqual(['message.no.match', 'response.status.unknown']);
    expect(code).toBe(1);
  });
});
