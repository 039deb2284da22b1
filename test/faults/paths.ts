/**
 * Where fault scenarios keep their evidence, and the repository root they
 * run the project's own scripts from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'faults');

/** A path inside `test-results/faults/`, created on first use. */
export function resultPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}

/**
 * Writes one scenario's figures as `test-results/faults/<scenario>.json`,
 * the source of the tables in docs/RELIABILITY.md.
 *
 * @example
 * writeResult('broker-killed', { counts, timeline });
 */
export function writeResult(scenario: string, result: object): void {
  writeFileSync(resultPath(`${scenario}.json`), `${JSON.stringify({ scenario, ranAt: new Date().toISOString(), ...result }, null, 2)}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
