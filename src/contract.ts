/**
 * The contract this service enforces and serves: the single-file bundle of
 * `openapi.yaml` that `npm run bundle` writes to `generated/openapi.yaml`,
 * found from this module whether it runs from `src/` or from `dist/src/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface Contract {
  path: string;
  yaml: string;
  document: Record<string, unknown>;
}

/** The folder holding package.json: the repository, or the installed package. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the contract module');
    dir = parent;
  }
  return dir;
}

export function loadContract(): Contract {
  const path = join(packageRoot(), 'generated', 'openapi.yaml');
  const yaml = readFileSync(path, 'utf8');
  return { path, yaml, document: parse(yaml) as Record<string, unknown> };
}
