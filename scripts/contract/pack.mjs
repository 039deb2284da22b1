#!/usr/bin/env node
/**
 * Builds the contract packages for consumer teams from the sources: the npm
 * package, packed into one tarball, and the Python wheel of the event
 * contract (scripts/contract/wheel.mjs), from the same files:
 * `npm run contract:pack` (into dist/contract/), or
 * `node scripts/contract/pack.mjs <out-dir>`.
 *
 * What goes in, and why each comes from where it does, is in
 * contract/package/README.md (the package's own README) and docs/CONSUMERS.md.
 * Everything is derived here, never kept as a second copy in the repository:
 * the bundles from openapi.yaml and asyncapi.yaml, the gRPC interface (.proto)
 * from the bundle by the generator's own function, the types from
 * openapi.yaml, the client from src/client.ts, the examples from the
 * contracts' documented examples, the example records from the service's own
 * event builder. The version is openapi.yaml's info.version.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { missingExports } from './missing-exports.mjs';
import { buildWheel } from './wheel.mjs';
import { protoFromOpenApi } from './proto-from-openapi.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = resolve(process.argv[2] ?? join(root, 'dist/contract'));
// Under the repository, so that tsc finds openapi-fetch's types in its node_modules; a folder of
// its own for each run, since two test files may pack at once (contract-package, consumer-recipe).
mkdirSync(join(root, 'dist'), { recursive: true });
const build = mkdtempSync(join(root, 'dist/contract-build-'));
const pkg = join(build, 'package');
const bin = (name) => join(root, 'node_modules/.bin', name);
// Output only when a step fails: the tools' progress lines would bury the result.
function run(command, args, { cwd = root } = {}) {
  try {
    execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
  } catch (error) {
    console.error(`contract:pack: ${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
}
const writeJson = (path, value) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};

mkdirSync(pkg, { recursive: true });

// The contracts, each bundled into one self-contained file.
run(bin('redocly'), ['bundle', 'main', '--output', join(pkg, 'openapi.yaml')]);
run(bin('redocly'), ['bundle', 'asyncapi.yaml', '--output', join(pkg, 'asyncapi.yaml')]);
const openapi = parse(readFileSync(join(pkg, 'openapi.yaml'), 'utf8'));
const asyncapi = parse(readFileSync(join(pkg, 'asyncapi.yaml'), 'utf8'));
writeJson(join(pkg, 'openapi.json'), openapi);
// The gRPC interface, under proto/ so that the folder is the import root (`computer_orders/v1/...`).
const proto = protoFromOpenApi(openapi);
const protoFile = `./proto/${proto.path}`;
mkdirSync(dirname(join(pkg, protoFile)), { recursive: true });
writeFileSync(join(pkg, protoFile), proto.text);
const eventSchema = JSON.parse(readFileSync(join(root, 'schemas/computer-order-event.json'), 'utf8'));
writeJson(join(pkg, 'event-schema.json'), eventSchema);

// The types, generated afresh from the source, and the client compiled against them.
mkdirSync(join(build, 'src/generated'), { recursive: true });
// Run from the build folder: in the repository it would follow redocly.yaml and write generated/ instead.
run(bin('openapi-typescript'), [join(root, 'openapi.yaml'), '--default-non-nullable', 'false', '--output', join(build, 'src/generated/openapi.ts')], { cwd: build });
mkdirSync(join(build, 'src/src'), { recursive: true });
cpSync(join(root, 'src/client.ts'), join(build, 'src/src/client.ts'));
cpSync(join(root, 'contract/package/bin/replay.ts'), join(build, 'src/bin/replay.ts'));
writeJson(join(build, 'tsconfig.json'), {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    verbatimModuleSyntax: true,
    declaration: true,
    skipLibCheck: true,
    // The replay bin reads files and arguments; the client needs no Node types.
    types: ['node'],
    rootDir: 'src',
    outDir: 'package/lib',
  },
  include: ['src'],
});
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(build, 'tsconfig.json')]);

// One file per documented example: request bodies by operation, record values by message.
for (const [, methods] of Object.entries(openapi.paths ?? {})) {
  for (const operation of Object.values(methods)) {
    const media = operation?.requestBody?.content?.['application/json'];
    for (const [name, example] of Object.entries(media?.examples ?? {})) {
      writeJson(join(pkg, 'examples/requests', `${operation.operationId}.${name}.json`), example.value);
    }
  }
}
for (const [message, { examples = [] }] of Object.entries(asyncapi.components?.messages ?? {})) {
  for (const [index, example] of examples.entries()) {
    writeJson(join(pkg, 'examples/events', `${message}.${example.name ?? index + 1}.json`), example.payload);
  }
}

// One complete record per documented example, built by the service's own toOrderEvent and toRecord.
run(bin('tsx'), [join(root, 'scripts/contract/example-records.ts'), pkg]);

const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = {
  name: '@computer-orders/api-contract',
  version: openapi.info.version,
  description: 'The Computer Orders API contract for consumer teams: OpenAPI and AsyncAPI documents, the gRPC interface (.proto), the event JSON Schema, TypeScript types, a typed client and examples.',
  license: rootPackage.license,
  type: 'module',
  engines: { node: '>=20.19' },
  exports: {
    './openapi.yaml': './openapi.yaml',
    './openapi.json': './openapi.json',
    './asyncapi.yaml': './asyncapi.yaml',
    './event-schema.json': './event-schema.json',
    [protoFile]: protoFile,
    './types': { types: './lib/generated/openapi.d.ts', default: './lib/generated/openapi.js' },
    './client': { types: './lib/src/client.d.ts', default: './lib/src/client.js' },
    './examples/requests/*.json': './examples/requests/*.json',
    './examples/events/*.json': './examples/events/*.json',
    './examples/records/*.json': './examples/records/*.json',
    './package.json': './package.json',
  },
  bin: { 'computer-orders-replay': './lib/bin/replay.js' },
  // The client's only runtime dependency, in the range this service builds with.
  dependencies: { 'openapi-fetch': rootPackage.dependencies['openapi-fetch'] },
  // Only the replay bin needs a Kafka client: teams that call the API get none, teams that read
  // the topic in Node use their own kafkajs 2.x (one copy, theirs), in the range this service uses.
  peerDependencies: { kafkajs: rootPackage.dependencies.kafkajs },
  peerDependenciesMeta: { kafkajs: { optional: true } },
};
writeJson(join(pkg, 'package.json'), manifest);
cpSync(join(root, 'contract/package/README.md'), join(pkg, 'README.md'));

const missing = missingExports(pkg);
if (missing.length > 0) {
  console.error(`contract:pack: exports name files the package lacks: ${missing.join(', ')}`);
  process.exit(1);
}

mkdirSync(out, { recursive: true });
const wheel = buildWheel({ root, pkg, build, out, version: openapi.info.version, run });
console.log(`contract:pack: ${join(out, wheel)}`);
for (const old of readdirSync(out).filter((file) => file.endsWith('.tgz'))) rmSync(join(out, old));
execFileSync('npm', ['pack', pkg, '--pack-destination', out], { cwd: build, stdio: 'inherit' });
rmSync(build, { recursive: true, force: true });

