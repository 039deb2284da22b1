/**
 * Builds the Python wheel of the event contract (`computer-orders-contract`)
 * from the npm package's folder, so both packages carry the same files: the
 * bundled contracts, the event schema and the example records. The models are
 * generated afresh from the schema (scripts/contract/python-models.sh), the
 * header contract is taken from asyncapi.yaml, and hatchling builds the wheel
 * in the contract's own virtualenv (scripts/contract/python-venv.sh).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordHeadersSchema } from './record-headers-schema.mjs';

const PACKAGE = 'computer_orders_contract';

/**
 * The record headers' JSON Schema, as the breaking-change gate reads it from
 * asyncapi.yaml (record-headers-schema.mjs), with `additionalProperties: false`
 * dropped should it come back: a reader must accept headers a compatible
 * version adds. The examples stay in asyncapi.yaml.
 */
export function readerHeadersSchema(asyncapiPath) {
  const { additionalProperties: _open, examples: _examples, ...schema } = recordHeadersSchema(asyncapiPath);
  return { $comment: 'From asyncapi.yaml (the message headers) when the package was built.', ...schema };
}

/** Builds the one wheel into `out` (replacing any older one) and returns its file name. */
export function buildWheel({ root, pkg, build, out, version, run }) {
  const project = join(build, 'python');
  const target = join(project, PACKAGE);
  rmSync(project, { recursive: true, force: true });
  cpSync(join(root, 'contract/python'), project, { recursive: true, filter: (path) => !path.includes('__pycache__') });
  for (const file of ['event-schema.json', 'asyncapi.yaml', 'openapi.yaml', 'examples/records']) cpSync(join(pkg, file), join(target, file), { recursive: true });
  writeFileSync(join(target, 'record-headers-schema.json'), `${JSON.stringify(readerHeadersSchema(join(pkg, 'asyncapi.yaml')), null, 2)}\n`);
  writeFileSync(join(target, '_version.py'), `# Written by scripts/contract/wheel.mjs: the contract's version (openapi.yaml's info.version).\n__version__ = ${JSON.stringify(version)}\n`);
  run('bash', [join(root, 'scripts/contract/python-models.sh'), join(target, 'models.py')]);
  const venv = execFileSync('bash', [join(root, 'scripts/contract/python-venv.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const wheels = join(build, 'wheels');
  run(join(venv, 'bin/python'), ['-m', 'build', '--wheel', '--no-isolation', '--outdir', wheels, project]);
  const [wheel, ...more] = readdirSync(wheels).filter((file) => file.endsWith('.whl'));
  if (!wheel || more.length > 0) throw new Error(`contract:pack: expected one wheel, got ${[wheel, ...more].join(', ')}`);
  mkdirSync(out, { recursive: true });
  for (const old of readdirSync(out).filter((file) => file.endsWith('.whl'))) rmSync(join(out, old));
  cpSync(join(wheels, wheel), join(out, wheel));
  return wheel;
}
