/**
 * asyncapi.yaml describes the records that toRecord builds: the key, each
 * header and the value, checked here against the schemas it names.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { toRecord } from '../../../src/kafka/kafka-order-publisher.js';
import { toOrderEvent } from '../../../src/orders/order-event.js';
import { recordHeadersSchema } from '../../../scripts/contract/record-headers-schema.mjs';

// A parsed YAML or JSON document, walked by paths this test knows.
type Json = Record<string, any>;

const ROOT = new URL('../../../', import.meta.url);
const readYaml = (path: string): Json => parse(readFileSync(new URL(path, ROOT), 'utf8')) as Json;
const asyncapi = readYaml('asyncapi.yaml');
const message: Json = asyncapi.components.messages.ComputerOrderCreated;

/** Resolves `file.json#/pointer`, `#/pointer` (in asyncapi.yaml) or `file.json`, relative to the package root. */
function resolve(ref: string): Json {
  const [file = '', pointer = ''] = ref.split('#');
  const document = file ? (JSON.parse(readFileSync(new URL(file, ROOT), 'utf8')) as Json) : asyncapi;
  return pointer.split('/').filter(Boolean).reduce((node: Json, key) => node[key], document);
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const compile = (ref: string): ValidateFunction => ajv.compile(resolve(ref));
// The headers schema refers to the event schema's OrderId; the gate's extraction resolves that in place.
const headersSchema = recordHeadersSchema(new URL('asyncapi.yaml', ROOT).pathname);
const validateHeaders = ajv.compile(headersSchema);
const errorsOf = (validate: ValidateFunction, value: unknown) => (validate(value) ? [] : validate.errors);

const receivedAt = new Date('2026-11-27T17:40:00.000Z');
const records = {
  'an original-path order': toRecord(
    toOrderEvent(
      { id: '1', status: 'Completed', created_at: '2020-10-16T10:31:10.969696', created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] },
      { source: 'api/original', receivedAt },
    ),
    { requestId: 'client-request.1' },
  ),
  'a v2 order with a generated id': toRecord(toOrderEvent({ created_by: 'USER14', equipment: ['MONITOR'] }, { source: 'api/v2', receivedAt }), {
    requestId: '7b0a3c1e-0f5d-4c47-9d8e-3f2a9f0f6e11',
  }),
  'an order that carried a trace context': toRecord(toOrderEvent({ created_by: 'USER14', equipment: ['WEBCAM'] }, { source: 'api/v2', receivedAt }), {
    requestId: 'traced',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    tracestate: 'vendor=opaque-value',
  }),
};

describe('asyncapi.yaml', () => {
  it('takes the value schema from the file openapi.yaml uses, not a copy', () => {
    expect(message.payload).toEqual({ $ref: './schemas/computer-order-event.json' });
    expect(readYaml('openapi.yaml').components.schemas.ComputerOrderEvent).toEqual({ $ref: 'schemas/computer-order-event.json' });
  });

  it('describes the CloudEvents binary content mode as a message trait', () => {
    expect(message.traits).toEqual([{ $ref: '#/components/messageTraits/CloudEventsKafkaBinary' }]);
    expect(resolve(message.traits[0].$ref).externalDocs.url).toMatch(/cloudevents\/spec\/.*kafka-protocol-binding/);
  });

  it('requires every header toRecord always sends', () => {
    const always = Object.keys(toRecord(toOrderEvent({ created_by: 'U', equipment: ['MOUSE'] }, { source: 'api/v2', receivedAt }), { requestId: 'r' }).headers ?? {});
    expect([...headersSchema.required].sort()).toEqual(always.sort());
  });

  it('gives examples whose headers the headers schema describes', () => {
    for (const example of message.examples) expect(errorsOf(validateHeaders, example.headers)).toEqual([]);
  });

  it("names the API's default topic as the channel address", () => {
    expect(asyncapi.channels.computers.address).toBe(loadConfig({}).kafka.topic);
  });

  describe.each(Object.entries(records))('for %s, the record toRecord builds', (_name, record) => {
    it('has the key the Kafka binding describes', () => {
      expect(errorsOf(compile(message.bindings.kafka.key.$ref), record.key)).toEqual([]);
    });

    it('has exactly the headers the headers schema describes', () => {
      expect(errorsOf(validateHeaders, record.headers)).toEqual([]);
      // The schema is open (readers ignore unknown headers), so "exactly" is checked here: none undescribed.
      expect(Object.keys(record.headers ?? {}).filter((name) => !(name in headersSchema.properties))).toEqual([]);
    });

    it('has a value the payload schema describes', () => {
      expect(errorsOf(compile(message.payload.$ref), JSON.parse(String(record.value)))).toEqual([]);
    });
  });
});
