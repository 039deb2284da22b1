/**
 * Decodes records with the CloudEvents SDK for Python (the `cloudevents`
 * package from PyPI, its Kafka binding in binary content mode), run by
 * scripts/readers/cloudevents_decode.py in a virtualenv made here on first
 * use (`.ci-cache/readers-venv`, rebuilt when scripts/readers/requirements.txt
 * changes), as scripts/fuzz/run.sh makes Schemathesis'. Needs python3 with
 * venv and PyPI; nothing is faked.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RawRecord } from './strict-decoder.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const VENV = `${root}.ci-cache/readers-venv`;
const REQUIREMENTS = `${root}scripts/readers/requirements.txt`;
const SCRIPT = `${root}scripts/readers/cloudevents_decode.py`;
const run = promisify(execFile);

/** What the SDK made of one record: its context attributes and data. */
export interface DecodedCloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  time: string | null;
  subject: string | null;
  dataschema: string | null;
  datacontenttype: string | null;
  partitionkey: string | null;
  data: unknown;
}

/** Makes the virtualenv, unless one with the same pins is there; returns its python. */
export async function cloudEventsPython(): Promise<string> {
  const pins = createHash('sha1').update(readFileSync(REQUIREMENTS)).digest('hex');
  const stamp = `${VENV}/.pins`;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== pins) {
    // A venv left half-built by a failed install has no stamp, and is made again.
    rmSync(VENV, { recursive: true, force: true });
    await run('python3', ['-m', 'venv', VENV], { timeout: 120_000 });
    await run(`${VENV}/bin/pip`, ['install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS], { timeout: 300_000 });
    writeFileSync(stamp, pins);
  }
  return `${VENV}/bin/python`;
}

const b64 = (bytes: Buffer | null): string | null => (bytes === null ? null : bytes.toString('base64'));

/** One result per record, in order: the decoded event, or the SDK's refusal. */
export async function decodeWithCloudEventsSdk(records: RawRecord[]): Promise<Array<{ event?: DecodedCloudEvent; error?: string }>> {
  const python = await cloudEventsPython();
  const input = records
    .map(({ key, value, headers }) => JSON.stringify({ key: b64(key), value: b64(value), headers: headers.map(([name, bytes]) => [name, b64(bytes)]) }))
    .join('\n');
  const stdout = await new Promise<string>((done, fail) => {
    const child = spawn(python, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`cloudevents_decode.py exited ${code}: ${err}`))));
    child.stdin.end(`${input}\n`);
  });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event?: DecodedCloudEvent; error?: string });
}
