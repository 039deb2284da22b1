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

const PACKAGE = 'computer_orders_contract';

/** Replaces every local `$ref` (`#/...`) with what it points to. */
function resolveRefs(node, document) {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(item, document));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const target = node.$ref.slice(2).split('/').map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~')).reduce((at, part) => at?.[part], document);
    if (target === undefined) throw new Error(`contract:pack: asyncapi.yaml's ${node.$ref} points nowhere`);
    return resolveRefs(target, document);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveRefs(value, document)]));
}

/**
 * The record headers' JSON Schema: the message's headers and its traits' headers,
 * all of which a record must satisfy. `additionalProperties: false` is dropped,
 * because a reader must accept headers a compatible version adds.
 */
export function recordHeadersSchema(asyncapi) {
  const messages = Object.values(asyncapi.components?.messages ?? {});
  if (messages.length !== 1) throw new Error(`contract:pack: asyncapi.yaml describes ${messages.length} messages; the wheel's decode() knows one`);
  const message = resolveRefs(messages[0], asyncapi);
  const parts = [message.headers, ...(message.traits ?? []).map((trait) => trait.headers)].filter(Boolean);
  return {
    $comment: 'From asyncapi.yaml (its message headers and traits) when the package was built.',
    allOf: parts.map(({ additionalProperties: _open, examples: _examples, ...schema }) => schema),
  };
}

/** Builds the one wheel into `out` (replacing any older one) and returns its file name. */
export function buildWheel({ root, pkg, build, out, asyncapi, version, run }) {
  const project = join(build, 'python');
  const target = join(project, PACKAGE);
  rmSync(project, { recursive: true, force: true });
  cpSync(join(root, 'contract/python'), project, { recursive: true, filter: (path) => !path.includes('__pycache__') });
  for (const file of ['event-schema.json', 'asyncapi.yaml', 'openapi.yaml', 'examples/records']) cpSync(join(pkg, file), join(target, file), { recursive: true });
  writeFileSync(join(target, 'record-headers-schema.json'), `${JSON.stringify(recordHeadersSchema(asyncapi), null, 2)}\n`);
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
