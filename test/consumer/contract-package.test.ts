/**
 * The contract package, proven the way a consumer team uses it: packed,
 * installed with npm (offline) into a scratch project outside this
 * repository, a client program type-checked and run there against a Prism
 * mock started from the package's own openapi.yaml, and every example in
 * the package checked against the package's schemas, the mock and the real app.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingExports } from '../../scripts/contract/missing-exports.mjs';
import { startTestServer, TEST_API_KEY, type TestServer } from '../http/test-server.js';
import { startPrism, type RunningPrism } from '../prism/prism.js';
import { installInScratchProject, packContract, PACKAGE_NAME, ROOT, run } from './contract-package.js';

let packed: string;
let tarballs: string[];
let scratch: string;
let installed: string;
let mock: RunningPrism;
let api: TestServer;

type OpenApi = { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };

beforeAll(async () => {
  ({ out: packed, tarballs } = await packContract());
  scratch = await installInScratchProject(tarballs[0] ?? 'no tarball');
  installed = join(scratch, 'node_modules', PACKAGE_NAME);
  [mock, api] = await Promise.all([startPrism(['mock', join(installed, 'openapi.yaml'), '--errors']), startTestServer()]);
}, 180_000);
afterAll(async () => {
  await Promise.all([mock?.stop(), api?.close()]);
  await Promise.all([scratch, packed].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const examples = async (kind: 'requests' | 'events') => (await readdir(join(installed, 'examples', kind))).filter((file) => file.endsWith('.json'));

describe('npm run contract:pack, installed in an empty project', () => {
  it('writes exactly one tarball, versioned as the contract', async () => {
    expect(tarballs).toHaveLength(1);
    const manifest = await readJson<{ name: string; version: string; dependencies: Record<string, string> }>(join(installed, 'package.json'));
    const contract = await readJson<{ info: { version: string } }>(join(installed, 'openapi.json'));
    expect(manifest).toMatchObject({ name: PACKAGE_NAME, version: contract.info.version });
    expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
  });

  it('holds every file its exports name', async () => {
    expect(missingExports(installed)).toEqual([]);
    // And the check does fail on a package that lacks one.
    const broken = await mkdtemp(join(tmpdir(), 'contract-broken-'));
    await cp(installed, broken, { recursive: true });
    await rm(join(broken, 'lib/src/client.js'));
    await rm(join(broken, 'examples/events'), { recursive: true });
    expect(missingExports(broken)).toEqual(['./lib/src/client.js', './examples/events/*.json']);
    await rm(broken, { recursive: true, force: true });
  });

  it('type-checks and runs a client program against a Prism mock of its openapi.yaml', async () => {
    await cp(join(ROOT, 'test/consumer/fixtures/consumer-program.ts'), join(scratch, 'consumer-program.ts'));
    const tsconfig = { compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], outDir: 'out' }, files: ['consumer-program.ts'] };
    await writeFile(join(scratch, 'tsconfig.json'), JSON.stringify(tsconfig));
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', scratch], { cwd: scratch });
    const output = await run(process.execPath, ['out/consumer-program.js'], { cwd: scratch, env: { ORDERS_URL: mock.url } });
    expect(JSON.parse(output)).toEqual({ orderId: expect.any(String), refused: 400 });
    // tsc on a cold start, on a shared 2-core machine.
  }, 120_000);

  it('carries the gRPC interface through its exports, the very .proto generated/ holds, and buf builds it', async () => {
    const file = 'computer_orders/v1/computer_orders.proto';
    const resolved = (await run(process.execPath, ['-p', `require.resolve('${PACKAGE_NAME}/proto/${file}')`], { cwd: scratch })).trim();
    expect(resolved).toBe(join(installed, 'proto', file));
    expect(await readFile(resolved, 'utf8')).toBe(await readFile(join(ROOT, 'generated/proto', file), 'utf8'));
    // Built as a consumer's protoc or buf would, with the package's proto/ folder as the import root.
    const image = join(scratch, 'image.json');
    await run(join(ROOT, 'node_modules/.bin/buf'), ['build', join(installed, 'proto'), '--output', image], { cwd: scratch });
    const { file: files } = await readJson<{ file: { name: string; package: string; service: { name: string; method: { name: string }[] }[] }[] }>(image);
    expect(files.map(({ name, package: pkg, service }) => ({ name, pkg, service: service.map((s) => [s.name, s.method.map((m) => m.name)]) }))).toEqual([
      { name: file, pkg: 'computer_orders.v1', service: [['ComputerOrderService', ['CreateComputerOrder']]] },
    ]);
  });

  it('has event examples, each valid against its event-schema.json', async () => {
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(await readJson(join(installed, 'event-schema.json')));
    const files = await examples('events');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(validate(await readJson(join(installed, 'examples/events', file))), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('has request examples, each accepted by the mock and by the real app', async () => {
    const { paths } = await readJson<OpenApi>(join(installed, 'openapi.json'));
    const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, ...operation })));
    const files = await examples('requests');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const operation = operations.find(({ operationId }) => operationId === file.split('.')[0]);
      expect(operation, `${file} names no operation`).toBeDefined();
      const body = await readFile(join(installed, 'examples/requests', file), 'utf8');
      const send = (base: string) =>
        fetch(base + operation!.path, { method: operation!.method.toUpperCase(), headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY }, body });
      const [fromMock, fromApi] = await Promise.all([send(mock.url), send(api.url)]);
      expect([file, fromMock.status, fromApi.status]).toEqual([file, 202, 202]);
    }
    expect(api.publisher.published).toHaveLength(files.length);
  });
});
