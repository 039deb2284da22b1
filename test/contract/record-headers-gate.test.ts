/**
 * The breaking-change gate on the Kafka record headers (asyncapi.yaml's
 * headers schema against contract/baseline/computer-order-event-headers.json),
 * run for real on modified copies of asyncapi.yaml. The policy is
 * docs/VERSIONING.md: every listed header is a promise to readers.
 */
import { describe, expect, it } from 'vitest';
import { asyncapiDocument, checkBreaking, eventSchema, type Document } from './check-breaking.js';

type Change = (headers: Document) => void;

const headersOf = (asyncapi: Document): Document => asyncapi.components.schemas.ComputerOrderEventHeaders;

function removeHeader(headers: Document, name: string): void {
  delete headers.properties[name];
  headers.required = (headers.required as string[]).filter((required) => required !== name);
}

describe('npm run check:breaking, on the record headers', () => {
  it('passes the unchanged headers', async () => {
    const { code, output } = await checkBreaking({ asyncapi: await asyncapiDocument() });
    expect(output).toContain('Kafka record headers: compatible with the release (schema_version major 1 -> 1)');
    expect(code).toBe(0);
  });

  it.each<[string, Change, string[]]>([
    ['a CloudEvents header is removed (ce_id)', (headers) => removeHeader(headers, 'ce_id'), ['[response-required-property-removed]', '`ce_id`']],
    ['one of today’s headers is removed (event-type)', (headers) => removeHeader(headers, 'event-type'), ['[response-required-property-removed]', '`event-type`']],
    ['an optional header is removed (traceparent)', (headers) => removeHeader(headers, 'traceparent'), ['[response-optional-property-removed]', '`traceparent`']],
    [
      'the const of ce_type changes',
      (headers) => (headers.properties.ce_type.const = 'org.computer-orders.order.created'),
      ['[response-property-const-changed]', 'ce_type'],
    ],
    [
      'the const of ce_dataschema changes',
      (headers) => (headers.properties.ce_dataschema.const = 'urn:computer-orders:schema:computer-order-event:2'),
      ['[response-property-const-changed]', 'ce_dataschema'],
    ],
    [
      'a header becomes optional (ce_time)',
      (headers) => (headers.required = (headers.required as string[]).filter((name) => name !== 'ce_time')),
      ['[response-property-became-optional]', 'ce_time'],
    ],
  ])('fails, naming the change, when %s', async (_change, change, named) => {
    const asyncapi = await asyncapiDocument();
    change(headersOf(asyncapi));
    const { code, output } = await checkBreaking({ asyncapi });
    for (const words of named) expect(output).toContain(words);
    expect(output).toContain('Kafka record headers: BREAKING without a major bump (schema_version major still 1)');
    expect(output).toContain('Kafka event: compatible');
    expect(code).toBe(1);
  });

  it('passes when an optional header is added (readers ignore headers they do not know)', async () => {
    const asyncapi = await asyncapiDocument();
    headersOf(asyncapi).properties.ce_partitionkey = { type: 'string', description: 'An optional extension.' };
    const { code, output } = await checkBreaking({ asyncapi });
    expect(output).toContain('Kafka record headers: compatible with the release');
    expect(code).toBe(0);
  });

  it('allows a header removal that comes with a new schema_version, and the registered reader still stops it', async () => {
    const asyncapi = await asyncapiDocument();
    removeHeader(headersOf(asyncapi), 'request-id');
    const event = await eventSchema();
    event.properties.schema_version.const = 2;
    const { code, output } = await checkBreaking({ asyncapi, event });
    expect(output).toContain('Kafka record headers: breaking, allowed by the major bump (schema_version major 1 -> 2)');
    // The analytics reader's pact expects request-id and schema_version 1: a new major goes beside this one, not in its place.
    expect(output).toContain("Consumer pacts: BREAKS a registered consumer's pact");
    expect(code).toBe(1);
  });
});
