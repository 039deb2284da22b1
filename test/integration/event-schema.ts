/**
 * Validates a record value against `ComputerOrderEvent` as written in
 * `openapi.yaml` (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const contract = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(contract, 'openapi.yaml');
const validate = ajv.getSchema('openapi.yaml#/components/schemas/ComputerOrderEvent')!;

/** Returns the validation errors, or an empty list when the value is a valid event. */
export function eventSchemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
