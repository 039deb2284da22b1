#!/usr/bin/env node
/**
 * The one event rule oasdiff lacks: an object the released schema closed
 * (`additionalProperties: false`) may not gain a property, nor be opened.
 *
 * Why: oasdiff assumes clients ignore unknown fields, so it calls an added
 * optional response property harmless. Our event schema is closed, and a
 * consumer validating records against the released copy rejects any record
 * carrying a field it does not list. See docs/VERSIONING.md.
 *
 * Prints one oasdiff-style `error` entry per finding; exits 1 when there is one.
 *
 * @example
 * node scripts/contract/closed-object-additions.mjs contract/baseline/computer-order-event.json schemas/computer-order-event.json
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * @param {unknown} base the released JSON Schema
 * @param {unknown} candidate the proposed JSON Schema
 * @returns {{ id: string, pointer: string, message: string }[]}
 */
export function closedObjectAdditions(base, candidate, pointer = '#') {
  if (!isObject(base) || !isObject(candidate)) return [];
  const findings = [];
  if (base.additionalProperties === false) {
    if (candidate.additionalProperties !== false) {
      findings.push({
        id: 'closed-object-opened',
        pointer,
        message: 'the object no longer forbids additional properties, so records may carry fields the released schema rejects',
      });
    }
    const known = Object.keys(isObject(base.properties) ? base.properties : {});
    const added = Object.keys(isObject(candidate.properties) ? candidate.properties : {}).filter((name) => !known.includes(name));
    for (const name of added) {
      findings.push({
        id: 'closed-object-property-added',
        pointer,
        message: `added the property \`${name}\` to an object closed by additionalProperties: false; consumers validating against the released schema reject records that carry it`,
      });
    }
  }
  for (const keyword of ['properties', 'definitions', '$defs']) {
    const children = base[keyword];
    const next = candidate[keyword];
    if (!isObject(children) || !isObject(next)) continue;
    for (const name of Object.keys(children)) {
      findings.push(...closedObjectAdditions(children[name], next[name], `${pointer}/${keyword}/${name}`));
    }
  }
  findings.push(...closedObjectAdditions(base.items, candidate.items, `${pointer}/items`));
  return findings;
}

/** @returns {value is Record<string, any>} */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [basePath, candidatePath] = process.argv.slice(2);
  if (!basePath || !candidatePath) {
    console.error('usage: closed-object-additions.mjs <base-schema.json> <candidate-schema.json>');
    process.exit(2);
  }
  const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
  const findings = closedObjectAdditions(read(basePath), read(candidatePath));
  for (const { id, pointer, message } of findings) {
    console.log(`error\t[${id}] at ${candidatePath}\n\tin schema ${pointer}\n\t\t${message}\n`);
  }
  process.exit(findings.length > 0 ? 1 : 0);
}
