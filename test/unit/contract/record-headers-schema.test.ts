import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordHeadersSchema } from '../../../scripts/contract/record-headers-schema.mjs';
import { readerHeadersSchema } from '../../../scripts/contract/wheel.mjs';

const asyncapiPath = fileURLToPath(new URL('../../../asyncapi.yaml', import.meta.url));

describe("the wheel's header contract, taken from asyncapi.yaml", () => {
  it('is the headers schema the breaking-change gate judges, open to headers a compatible version adds', () => {
    const { examples: _examples, ...judged } = recordHeadersSchema(asyncapiPath);
    const { $comment, ...schema } = readerHeadersSchema(asyncapiPath);
    expect($comment).toContain('asyncapi.yaml');
    expect(schema).toEqual(judged);
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema.required).toEqual(expect.arrayContaining(['event-schema-version', 'ce_type', 'ce_id']));
  });
});
