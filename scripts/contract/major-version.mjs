#!/usr/bin/env node
/**
 * Prints the major version of a contract file: for `api`, the major of an
 * OpenAPI document's `info.version`; for `event`, the event schema's
 * `properties.schema_version.const` (an integer that is its major); for
 * `proto`, the version suffix of the package of the .proto files in a folder
 * (`computer_orders.v1` is major 1).
 *
 * @example
 * node scripts/contract/major-version.mjs api generated/openapi.yaml          # 2
 * node scripts/contract/major-version.mjs event schemas/computer-order-event.json  # 1
 * node scripts/contract/major-version.mjs proto generated/proto                    # 1
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [kind, file] = process.argv.slice(2);
if (!['api', 'event', 'proto'].includes(kind) || !file) {
  console.error('usage: major-version.mjs api|event <file> | proto <folder>');
  process.exit(2);
}
if (kind === 'proto') {
  const protos = readdirSync(file, { recursive: true }).filter((name) => String(name).endsWith('.proto'));
  const packages = new Set(protos.map((name) => /^package\s+([\w.]+)\s*;/m.exec(readFileSync(join(file, String(name)), 'utf8'))?.[1]));
  const major = packages.size === 1 ? /\.v(\d+)$/.exec(String([...packages][0]))?.[1] : undefined;
  if (major === undefined) {
    console.error(`${file}: not one package ending in a version such as .v1 (found ${JSON.stringify([...packages])})`);
    process.exit(2);
  }
  console.log(major);
  process.exit(0);
}
// YAML is a superset of JSON, so one parser reads both kinds of file.
const document = parse(readFileSync(file, 'utf8'));
const version = kind === 'api' ? document?.info?.version : document?.properties?.schema_version?.const;
const major = kind === 'api' ? /^v?(\d+)\./.exec(String(version))?.[1] : Number.isInteger(version) ? String(version) : undefined;
if (major === undefined) {
  console.error(`${file}: no ${kind === 'api' ? 'semantic info.version' : 'integer properties.schema_version.const'} (found ${JSON.stringify(version)})`);
  process.exit(2);
}
console.log(major);
