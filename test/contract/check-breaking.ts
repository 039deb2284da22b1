/**
 * Runs the real breaking-change gate (scripts/contract/check-breaking.sh,
 * oasdiff through Go) on modified copies of the contract, against the real
 * released baseline in contract/baseline/. Nothing is mocked.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Contract documents are mutated by JSON path in the tests: typing them would restate the spec.
export type Document = Record<string, any>;

export interface GateResult {
  /** 0 compatible (or breaking with a major bump), 1 breaking, 2 the check could not run. */
  code: number | null;
  /** stdout and stderr together: oasdiff's report, then one verdict line per contract. */
  output: string;
}

/** A fresh copy of the bundled HTTP contract, generated/openapi.yaml. */
export async function bundledSpec(): Promise<Document> {
  return parse(await readFile(join(root, 'generated/openapi.yaml'), 'utf8')) as Document;
}

/** A fresh copy of the Kafka event schema, schemas/computer-order-event.json. */
export async function eventSchema(): Promise<Document> {
  return JSON.parse(await readFile(join(root, 'schemas/computer-order-event.json'), 'utf8')) as Document;
}

/** A fresh copy of the event contract, asyncapi.yaml (its `$ref`s unresolved). */
export async function asyncapiDocument(): Promise<Document> {
  return parse(await readFile(join(root, 'asyncapi.yaml'), 'utf8')) as Document;
}

/**
 * @example
 * const spec = await bundledSpec();
 * delete spec.paths['/api/orders/computers'];
 * const { code, output } = await checkBreaking({ spec }); // code 1
 */
export async function checkBreaking({ spec, event, asyncapi }: { spec?: Document; event?: Document; asyncapi?: Document } = {}): Promise<GateResult> {
  const dir = await mkdtemp(join(tmpdir(), 'check-breaking-'));
  try {
    const specFile = join(dir, 'openapi.yaml');
    const eventFile = join(dir, 'computer-order-event.json');
    const asyncapiFile = join(dir, 'asyncapi.yaml');
    await writeFile(specFile, stringify(spec ?? (await bundledSpec())));
    await writeFile(eventFile, JSON.stringify(event ?? (await eventSchema()), null, 2));
    // Beside the schemas it refers to (./schemas/computer-order-event.json), as in the repository.
    await cp(join(root, 'schemas'), join(dir, 'schemas'), { recursive: true });
    await writeFile(asyncapiFile, stringify(asyncapi ?? (await asyncapiDocument())));
    return await run('bash', [join(root, 'scripts/contract/check-breaking.sh'), specFile, eventFile, asyncapiFile]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fresh copy of the contract's source, openapi.yaml, as written (its `$ref`s unresolved). */
export async function sourceSpec(): Promise<Document> {
  return parse(await readFile(join(root, 'openapi.yaml'), 'utf8')) as Document;
}

/**
 * Runs the gate as `npm run check:breaking` does, with no candidate named, on an
 * edited copy of the source (beside a copy of the schemas it refers to), and
 * never regenerates generated/: what it judges is what it bundled itself.
 */
export async function checkBreakingSource(spec: Document): Promise<GateResult> {
  const dir = await mkdtemp(join(tmpdir(), 'check-breaking-source-'));
  try {
    await cp(join(root, 'schemas'), join(dir, 'schemas'), { recursive: true });
    await writeFile(join(dir, 'openapi.yaml'), stringify(spec));
    return await run('bash', [join(root, 'scripts/contract/check-breaking.sh')], { CONTRACT_SOURCE: join(dir, 'openapi.yaml') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<GateResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}
