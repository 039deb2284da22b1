#!/usr/bin/env node
/**
 * Builds the contract package for consumer teams from the sources and packs
 * it into one tarball: `npm run contract:pack` (into dist/contract/), or
 * `node scripts/contract/pack.mjs <out-dir>`.
 *
 * What goes in, and why each comes from where it does, is in
 * contract/package/README.md (the package's own README) and docs/CONSUMERS.md.
 * Everything is derived here, never kept as a second copy in the repository:
 * the bundles from openapi.yaml and asyncapi.yaml, the gRPC interface (.proto)
 * from the bundle by the generator's own function, the types from
 * openapi.yaml, the client from src/client.ts, the examples from the
 * contracts' documented examples. The version is openapi.yaml's info.version.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { missingExports } from './missing-exports.mjs';
import { protoFromOpenApi } from './proto-from-openapi.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = resolve(process.argv[2] ?? join(root, 'dist/contract'));
// Under the repository, so that tsc finds openapi-fetch's types in its node_modules.
const build = join(root, 'dist/contract-build');
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

rmSync(build, { recursive: true, force: true });
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
writeJson(join(build, 'tsconfig.json'), {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    verbatimModuleSyntax: true,
    declaration: true,
    skipLibCheck: true,
    types: [],
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
    './package.json': './package.json',
  },
  // The client's only runtime dependency, in the range this service builds with.
  dependencies: { 'openapi-fetch': rootPackage.dependencies['openapi-fetch'] },
};
writeJson(join(pkg, 'package.json'), manifest);
cpSync(join(root, 'contract/package/README.md'), join(pkg, 'README.md'));

const missing = missingExports(pkg);
if (missing.length > 0) {
  console.error(`contract:pack: exports name files the package lacks: ${missing.join(', ')}`);
  process.exit(1);
}

mkdirSync(out, { recursive: true });
for (const old of readdirSync(out).filter((file) => file.endsWith('.tgz'))) rmSync(join(out, old));
execFileSync('npm', ['pack', pkg, '--pack-destination', out], { cwd: build, stdio: 'inherit' });
rmSync(build, { recursive: true, force: true });

