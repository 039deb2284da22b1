/**
 * Runs the real `npm run contract:verify-pacts` (scripts/contract/verify-pacts.mjs,
 * opc underneath) with extra pacts: copies of the registered ones, edited.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, GateResult } from './check-breaking.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh copy of a registered pact, `web-shop` or `analytics-reader`. */
export async function registeredPact(consumer: 'web-shop' | 'analytics-reader'): Promise<Document> {
  return JSON.parse(await readFile(join(root, 'contract/pacts', `${consumer}-computer-orders-api.json`), 'utf8')) as Document;
}

/** One interaction of a pact, by its description. */
export function interaction(pact: Document, description: string): Document {
  const found = (pact.interactions as Document[]).find((entry) => entry.description === description);
  if (!found) throw new Error(`no interaction "${description}"`);
  return found;
}

/** Runs the check on the registered pacts plus `extra` (written to a temporary folder), or on the arguments given. */
export async function verifyPacts({ extra = [], args = [] }: { extra?: Document[]; args?: string[] } = {}): Promise<GateResult> {
  const dir = await mkdtemp(join(tmpdir(), 'extra-pacts-'));
  try {
    for (const [index, pact] of extra.entries()) await writeFile(join(dir, `${index}.json`), JSON.stringify(pact));
    return await run(process.execPath, [join(root, 'scripts/contract/verify-pacts.mjs'), ...args, ...(extra.length > 0 ? [dir] : [])]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<GateResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}
