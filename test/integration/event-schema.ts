/**
 * Validates a record value against the shared event schema file,
 * `schemas/computer-order-event.json`, the one that openapi.yaml and
 * asyncapi.yaml both reference.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

const schema = JSON.parse(readFileSync(new URL('../../schemas/computer-order-event.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** Returns the validation errors, or an empty list when the value is a valid event. */
export function eventSchemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
