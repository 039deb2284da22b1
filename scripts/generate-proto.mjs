#!/usr/bin/env node
/**
 * Writes the gRPC interface, generated/proto/<package path>/<name>.proto, from
 * the bundled contract: `node scripts/generate-proto.mjs [bundle] [out-dir]`
 * (defaults generated/openapi.yaml and generated/proto). Run by
 * `npm run generate` after the bundle; scripts/check-generated.sh runs it
 * into a scratch folder to tell whether the committed file is stale.
 * The conversion and its rules are in scripts/contract/proto-from-openapi.mjs.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ProtoContractError, protoFromOpenApi } from './contract/proto-from-openapi.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = resolve(process.argv[2] ?? join(root, 'generated/openapi.yaml'));
const out = resolve(process.argv[3] ?? join(root, 'generated/proto'));

// Exit 1: the contract cannot be turned into a proto (its fault); 2: this script could not run.
let proto;
try {
  proto = protoFromOpenApi(parse(readFileSync(bundle, 'utf8')));
} catch (error) {
  console.error(`generate-proto: ${bundle}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof ProtoContractError ? 1 : 2);
}
// Emptied first, so that a renamed package leaves no stale file behind.
rmSync(out, { recursive: true, force: true });
const file = join(out, proto.path);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, proto.text);
console.log(`generate-proto: wrote ${file}`);
