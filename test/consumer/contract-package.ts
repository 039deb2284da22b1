/**
 * Packs the contract package and installs it, as a consumer team would, into
 * a scratch project outside the repository, with npm and no network.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PACKAGE_NAME = '@computer-orders/api-contract';
const exec = promisify(execFile);

/** `npm run contract:pack` into a fresh folder; returns that folder and the tarballs and wheels in it. */
export async function packContract(): Promise<{ out: string; tarballs: string[]; wheels: string[] }> {
  const out = await mkdtemp(join(tmpdir(), 'contract-pack-'));
  await exec(process.execPath, [join(ROOT, 'scripts/contract/pack.mjs'), out], { cwd: ROOT });
  const files = await readdir(out);
  const inOut = (ending: string) => files.filter((file) => file.endsWith(ending)).map((file) => join(out, file));
  return { out, tarballs: inOut('.tgz'), wheels: inOut('.whl') };
}

interface LockEntry {
  version: string;
  integrity: string;
  dependencies?: Record<string, string>;
}

/**
 * Lock entries for `name` and what it needs, as pinned in this repository's
 * lock: the npm cache holds their tarballs (npm ci fetched them) but not the
 * registry's metadata, so an offline install must be told exactly which
 * tarball, as a team's own lock file would.
 */
async function lockEntries(name: string): Promise<Record<string, LockEntry & { resolved: string }>> {
  const { packages } = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entries: Record<string, LockEntry & { resolved: string }> = {};
  const pending = [name];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const entry = packages[`node_modules/${next}`];
    if (!entry) throw new Error(`${next} is not in package-lock.json`);
    const file = `${next.split('/').pop()}-${entry.version}.tgz`;
    entries[`node_modules/${next}`] = { version: entry.version, resolved: `https://registry.npmjs.org/${next}/-/${file}`, integrity: entry.integrity, ...(entry.dependencies && { dependencies: entry.dependencies }) };
    pending.push(...Object.keys(entry.dependencies ?? {}));
  }
  return entries;
}

/**
 * An empty ES-module project in the OS temp folder, then `npm install --offline <tarball>`;
 * `alongside` names packages of this repository's lock the project depends on too (kafkajs).
 */
export async function installInScratchProject(tarball: string, { alongside = [] }: { alongside?: string[] } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'contract-consumer-'));
  const entries = Object.assign({}, ...(await Promise.all(['openapi-fetch', ...alongside].map(lockEntries)))) as Record<string, LockEntry>;
  const dependencies = Object.fromEntries(alongside.map((name) => [name, entries[`node_modules/${name}`]!.version]));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-scratch', private: true, type: 'module', dependencies }));
  const lock = { name: 'consumer-scratch', lockfileVersion: 3, requires: true, packages: { '': { name: 'consumer-scratch', dependencies }, ...entries } };
  await writeFile(join(dir, 'package-lock.json'), JSON.stringify(lock));
  await exec('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: dir });
  return dir;
}

/** Runs a command in `cwd`; resolves with its output, or rejects with it. */
export async function run(command: string, args: string[], { cwd, env = {} }: { cwd: string; env?: Record<string, string> }): Promise<string> {
  try {
    const { stdout } = await exec(command, args, { cwd, env: { ...process.env, ...env } });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}
