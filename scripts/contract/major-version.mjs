#!/usr/bin/env node
/**
 * Prints the major version of a contract file: for `api`, the major of an
 * OpenAPI document's `info.version`; for `event`, the event schema's
 * `properties.schema_version.const` (an integer that is its major).
 *
 * @example
 * node scripts/contract/major-version.mjs api generated/openapi.yaml          # 2
 * node scripts/contract/major-version.mjs event schemas/computer-order-event.json  # 1
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const [kind, file] = process.argv.slice(2);
if ((kind !== 'api' && kind !== 'event') || !file) {
  console.error('usage: major-version.mjs api|event <file>');
  process.exit(2);
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
