/**
 * Runs the records a test read through a strict decoder of another language
 * (scripts/readers/strict_decode.py, Python's standard library): strict UTF-8
 * for key, value and headers, strict JSON, and every string encodable as
 * UTF-8, which a lone UTF-16 surrogate is not. JavaScript would let such a
 * record through; a Python or Rust reader of the topic would not.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IHeaders } from 'kafkajs';

const SCRIPT = fileURLToPath(new URL('../../scripts/readers/strict_decode.py', import.meta.url));

/** A record's bytes as the broker returned them, before any decoding. */
export interface RawRecord {
  key: Buffer | null;
  value: Buffer | null;
  /** In record order; Kafka allows a name more than once. */
  headers: Array<[string, Buffer]>;
}

/** kafkajs' message fields as raw bytes. */
export function rawRecordOf({ key, value, headers = {} }: { key: Buffer | null; value: Buffer | null; headers?: IHeaders }): RawRecord {
  const pairs = Object.entries(headers).flatMap(([name, sent]) =>
    (Array.isArray(sent) ? sent : sent === undefined ? [] : [sent]).map((one): [string, Buffer] => [name, Buffer.from(one)]),
  );
  return { key, value, headers: pairs };
}

const b64 = (bytes: Buffer | null): string | null => (bytes === null ? null : bytes.toString('base64'));

/**
 * One line per record the strict decoder refused, naming the record by its
 * position and saying what is wrong; an empty list when all passed.
 *
 * @example
 * expect(await strictDecodeProblems(records.map(({ raw }) => raw))).toEqual([]);
 */
export async function strictDecodeProblems(records: RawRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  const input = records
    .map(({ key, value, headers }) => JSON.stringify({ key: b64(key), value: b64(value), headers: headers.map(([name, bytes]) => [name, b64(bytes)]) }))
    .join('\n');
  const { code, stdout, stderr } = await run('python3', [SCRIPT], `${input}\n`);
  if (code === 2 || code === null) throw new Error(`strict_decode.py could not run (exit ${code}): ${stderr}`);
  const verdicts = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { ok: boolean; problem?: string });
  if (verdicts.length !== records.length) throw new Error(`strict_decode.py judged ${verdicts.length} of ${records.length} records: ${stderr}`);
  return verdicts.flatMap(({ ok, problem }, index) => (ok ? [] : [`record ${index} (key ${String(records[index]?.key)}): ${problem}`]));
}

/** Throws, listing the first few, when the strict decoder refuses any record. */
export async function assertStrictlyDecodable(records: RawRecord[]): Promise<void> {
  const problems = await strictDecodeProblems(records);
  if (problems.length > 0) {
    throw new Error(`${problems.length} of ${records.length} records fail a strict decoder:\n${problems.slice(0, 10).join('\n')}`);
  }
}

function run(command: string, args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
