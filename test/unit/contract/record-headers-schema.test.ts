import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordHeadersSchema } from '../../../scripts/contract/wheel.mjs';

const headers = (required: string[], properties: Record<string, object>) => ({ type: 'object', required, additionalProperties: false, properties });

describe("the wheel's header contract, taken from asyncapi.yaml", () => {
  it("is the message's headers, open to headers a compatible version adds", () => {
    const asyncapi = parse(readFileSync(new URL('../../../asyncapi.yaml', import.meta.url), 'utf8')) as { components: { schemas: { ComputerOrderEventHeaders: Record<string, unknown> } } };
    const { additionalProperties, examples: _examples, ...documented } = asyncapi.components.schemas.ComputerOrderEventHeaders;
    expect(additionalProperties).toBe(false);
    expect(recordHeadersSchema(asyncapi).allOf).toEqual([documented]);
  });

  it("adds each trait's headers, resolving references, so that a record must satisfy all of them", () => {
    const asyncapi = {
      components: {
        messages: { Created: { headers: { $ref: '#/components/schemas/Own' }, traits: [{ $ref: '#/components/messageTraits/CloudEvents' }] } },
        schemas: { Own: headers(['event-schema-version'], { 'event-schema-version': { const: '1' } }) },
        messageTraits: { CloudEvents: { headers: headers(['ce_type'], { ce_type: { const: 'org.example.created' } }) } },
      },
    };
    expect(recordHeadersSchema(asyncapi).allOf).toEqual([
      { type: 'object', required: ['event-schema-version'], properties: { 'event-schema-version': { const: '1' } } },
      { type: 'object', required: ['ce_type'], properties: { ce_type: { const: 'org.example.created' } } },
    ]);
  });

  it('refuses a contract whose reference points nowhere, or with more than the one message decode() knows', () => {
    expect(() => recordHeadersSchema({ components: { messages: { A: { headers: { $ref: '#/components/schemas/Gone' } } } } })).toThrow("asyncapi.yaml's #/components/schemas/Gone points nowhere");
    expect(() => recordHeadersSchema({ components: { messages: { A: {}, B: {} } } })).toThrow('describes 2 messages');
  });
});
