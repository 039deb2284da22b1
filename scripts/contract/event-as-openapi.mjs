#!/usr/bin/env node
/**
 * Wraps a Kafka event's JSON Schema in a minimal OpenAPI 3.1 document whose
 * one operation returns the event as its 200 response body, so that oasdiff
 * (which reads only OpenAPI) can compare two versions of the event.
 *
 * Why a response: a consumer reads a record the way a client reads a
 * response, so oasdiff's response-side rules are the consumer's view
 * (removing a field, making it optional, adding an enum value all break).
 *
 * The schema's `definitions` (or `$defs`) become `components/schemas`, and
 * every `#/definitions/X` reference is rewritten to `#/components/schemas/X`.
 *
 * @example
 * node scripts/contract/event-as-openapi.mjs schemas/computer-order-event.json /tmp/event.openapi.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @param {Record<string, unknown>} schema the event's JSON Schema
 * @param {string} name the name of the event, used for the path and the component
 * @returns {Record<string, unknown>} an OpenAPI 3.1 document
 */
export function eventAsOpenApi(schema, name) {
  const { definitions = {}, $defs = {}, $schema, $id, ...root } = schema;
  const components = { ...definitions, ...$defs };
  if (name in components) throw new Error(`definition "${name}" collides with the event's own name`);
  components[name] = root;
  const version = /** @type {{ const?: unknown } | undefined} */ (root.properties?.schema_version)?.const;
  return {
    openapi: '3.1.0',
    info: { title: `${name} (event schema read as a response)`, version: String(version ?? 'unversioned') },
    paths: {
      [`/${name}`]: {
        get: {
          operationId: 'consumeEvent',
          summary: 'One record value, as a consumer reads it',
          responses: {
            200: {
              description: 'The event',
              content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
            },
          },
        },
      },
    },
    components: { schemas: rewriteRefs(components, name) },
  };
}

/**
 * Points local references at components/schemas; `#` (the root itself) becomes the event's component.
 * Drops `x-sunset`: an event field is never removed inside a major, and oasdiff would take a past
 * sunset as permission to remove it.
 */
function rewriteRefs(node, name) {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, name));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'x-sunset')
      .map(([key, value]) => {
        if (key !== '$ref' || typeof value !== 'string') return [key, rewriteRefs(value, name)];
        if (value === '#') return [key, `#/components/schemas/${name}`];
        return [key, value.replace(/^#\/(definitions|\$defs)\//, '#/components/schemas/')];
      }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: event-as-openapi.mjs <event-schema.json> <out.openapi.json>');
    process.exit(2);
  }
  const name = basename(input).replace(/\.json$/, '');
  const document = eventAsOpenApi(JSON.parse(readFileSync(input, 'utf8')), name);
  writeFileSync(output, `${JSON.stringify(document, null, 2)}\n`);
}
