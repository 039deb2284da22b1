#!/usr/bin/env node
/**
 * Extracts the Kafka record headers' JSON Schema from an AsyncAPI document
 * (the `ComputerOrderCreated` message's `headers`), with every `$ref` it
 * holds resolved in place, so that the result stands alone: the
 * breaking-change gate compares it with its released copy,
 * contract/baseline/computer-order-event-headers.json, as it compares the
 * event schema (docs/VERSIONING.md).
 *
 * @example
 * node scripts/contract/record-headers-schema.mjs asyncapi.yaml /tmp/computer-order-event-headers.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const MESSAGE = 'ComputerOrderCreated';

/**
 * @param {string} asyncapiPath an AsyncAPI 3 document; relative `$ref`s are read beside it
 * @returns {Record<string, unknown>} the headers schema, self-contained
 */
export function recordHeadersSchema(asyncapiPath) {
  const file = resolve(asyncapiPath);
  const document = parse(readFileSync(file, 'utf8'));
  const headers = document?.components?.messages?.[MESSAGE]?.headers;
  if (!headers) throw new Error(`${asyncapiPath}: no components.messages.${MESSAGE}.headers`);
  const { title, ...schema } = /** @type {Record<string, unknown>} */ (inline(headers, file, document));
  return { title: title ?? 'ComputerOrderEventHeaders', ...schema };
}

/** Replaces each `{ $ref }` with what it points at, read from the same document or a file beside it. */
function inline(node, file, document, seen = []) {
  if (Array.isArray(node)) return node.map((item) => inline(item, file, document, seen));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const [target = '', pointer = ''] = node.$ref.split('#');
    const targetFile = target ? resolve(dirname(file), target) : file;
    const key = `${targetFile}#${pointer}`;
    if (seen.includes(key)) throw new Error(`${node.$ref}: circular reference`);
    const targetDocument = target ? parse(readFileSync(targetFile, 'utf8')) : document;
    const found = pointer
      .split('/')
      .filter(Boolean)
      .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((at, token) => at?.[token], targetDocument);
    if (found === undefined) throw new Error(`${node.$ref}: not found`);
    const { $ref, ...siblings } = node;
    return { ...inline(found, targetFile, targetDocument, [...seen, key]), ...inline(siblings, file, document, seen) };
  }
  return Object.fromEntries(Object.entries(node).map(([name, value]) => [name, inline(value, file, document, seen)]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: record-headers-schema.mjs <asyncapi.yaml> <out.json>');
    process.exit(2);
  }
  writeFileSync(output, `${JSON.stringify(recordHeadersSchema(input), null, 2)}\n`);
}
