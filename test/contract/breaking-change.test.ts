/**
 * The breaking-change gate, run for real (oasdiff through Go) on modified
 * copies of the bundled contract and event schema, against the released
 * baseline in contract/baseline/. The policy is docs/VERSIONING.md.
 */
import { describe, expect, it } from 'vitest';
import { bundledSpec, checkBreaking, checkBreakingSource, eventSchema, sourceSpec, type Document } from './check-breaking.js';

type Change = (document: Document) => void;

/** Removes a property from an object schema, and from its `required` list. */
function removeProperty(schema: Document, name: string): void {
  delete schema.properties[name];
  schema.required = (schema.required as string[] | undefined)?.filter((required) => required !== name);
}

const schemas = (spec: Document): Document => spec.components.schemas;

describe('npm run check:breaking', () => {
  // The first test to run also pays for Go's first download and compile of oasdiff.
  it('passes the unchanged contract', async () => {
    const { code, output } = await checkBreaking();
    expect(output).toContain('HTTP API: compatible with the release (info.version major 2 -> 2)');
    expect(output).toContain('Kafka event: compatible with the release (schema_version major 1 -> 1)');
    expect(code).toBe(0);
  });

  it('judges openapi.yaml itself, so an edit without `npm run generate` cannot slip past a stale bundle', async () => {
    const spec = await sourceSpec();
    delete spec.paths['/api/orders/computers'];
    const { code, output } = await checkBreakingSource(spec);
    expect(output).toMatch(/bundled \S+check-breaking-source-\S+\/openapi\.yaml \(the source, not generated\/\)/);
    expect(output).toContain('[api-path-removed-before-sunset]');
    expect(output).toContain('HTTP API: BREAKING without a major bump (info.version major still 2)');
    expect(code).toBe(1);
  });

  describe('on the HTTP API', () => {
    it.each<[string, Change, string[]]>([
      [
        'a required property is removed from the Problem response',
        (spec) => removeProperty(schemas(spec).Problem, 'detail'),
        ['[response-required-property-removed]', 'removed the required property `detail` from the response with the `400` status'],
      ],
      [
        'a new required request property is added to ComputerOrder',
        (spec) => {
          schemas(spec).ComputerOrder.properties.cost_center = { type: 'string' };
          schemas(spec).ComputerOrder.required.push('cost_center');
        },
        ['[new-required-request-property]', 'in API POST /api/v2/orders/computers', 'added the new required request property `cost_center`'],
      ],
      [
        'WEBCAM is dropped from the equipment enum',
        (spec) => {
          schemas(spec).Equipment.enum = (schemas(spec).Equipment.enum as string[]).filter((item) => item !== 'WEBCAM');
        },
        ['[request-property-enum-value-removed]', 'removed the enum value `WEBCAM` of the request property `equipment/items`'],
      ],
      [
        'the original path is removed',
        (spec) => delete spec.paths['/api/orders/computers'],
        ['[api-path-removed-before-sunset]'],
      ],
      [
        // Raised from oasdiff's WARN: the request schemas forbid unknown properties.
        'an optional request property is removed',
        (spec) => removeProperty(schemas(spec).ComputerOrder, 'status'),
        ['[request-property-removed]', 'removed the request property `status`'],
      ],
    ])('fails, naming the change, when %s', async (_change, change, named) => {
      const spec = await bundledSpec();
      change(spec);
      const { code, output } = await checkBreaking({ spec });
      for (const words of named) expect(output).toContain(words);
      expect(output).toContain('HTTP API: BREAKING without a major bump (info.version major still 2)');
      expect(output).toContain('Kafka event: compatible');
      expect(code).toBe(1);
    });

    it('passes when an optional request property is added', async () => {
      const spec = await bundledSpec();
      // With its field number: the gRPC interface is generated from this schema (grpc-breaking-change.test.ts).
      schemas(spec).ComputerOrder.properties.note = { type: 'string', maxLength: 200, 'x-protobuf-index': 6 };
      const { code, output } = await checkBreaking({ spec });
      expect(output).toContain('HTTP API: compatible with the release');
      expect(code).toBe(0);
    });

    it('passes a breaking change that comes with a new major info.version', async () => {
      const spec = await bundledSpec();
      delete spec.paths['/api/orders/computers'];
      spec.info.version = '3.0.0';
      const { code, output } = await checkBreaking({ spec });
      expect(output).toContain('[api-path-removed-before-sunset]');
      expect(output).toContain('HTTP API: breaking, allowed by the major bump (info.version major 2 -> 3)');
      expect(code).toBe(0);
    });
  });

  describe('on the Kafka event schema', () => {
    it.each<[string, Change, string[]]>([
      [
        'a property is removed',
        (event) => removeProperty(event, 'source'),
        ['[response-required-property-removed]', 'removed the required property `source` from the response'],
      ],
      [
        'a property becomes optional',
        (event) => (event.required = (event.required as string[]).filter((name) => name !== 'received_at')),
        ['[response-property-became-optional]', 'the response property `received_at` became optional'],
      ],
      [
        'an equipment value is added that consumers may not know',
        (event) => event.definitions.Equipment.enum.push('HEADSET'),
        ['[response-property-enum-value-added]', 'added the new `HEADSET` enum value'],
      ],
      [
        // Our own rule: oasdiff would allow it, but the schema is closed (additionalProperties: false).
        'an optional property is added to the closed event',
        (event) => (event.properties.note = { type: 'string' }),
        ['[closed-object-property-added]', 'added the property `note`'],
      ],
    ])('fails, naming the change, when %s', async (_change, change, named) => {
      const event = await eventSchema();
      change(event);
      const { code, output } = await checkBreaking({ event });
      for (const words of named) expect(output).toContain(words);
      expect(output).toContain('Kafka event: BREAKING without a major bump (schema_version major still 1)');
      expect(output).toContain('HTTP API: compatible');
      expect(code).toBe(1);
    });

    it('passes a breaking change that comes with a new schema_version', async () => {
      const event = await eventSchema();
      removeProperty(event, 'source');
      event.properties.schema_version.const = 2;
      const { code, output } = await checkBreaking({ event });
      expect(output).toContain('removed the required property `source`');
      expect(output).toContain('Kafka event: breaking, allowed by the major bump (schema_version major 1 -> 2)');
      expect(code).toBe(0);
    });
  });
});
