/**
 * The breaking-change gate and the registered consumer pacts: a change that
 * breaks what a registered pact expects fails `npm run check:breaking`, even
 * when a major version bump would allow it.
 */
import { describe, expect, it } from 'vitest';
import { asyncapiDocument, bundledSpec, checkBreaking, eventSchema } from './check-breaking.js';

describe('npm run check:breaking, for the registered consumers', () => {
  it('checks every registered pact and passes the unchanged contracts', async () => {
    const { code, output } = await checkBreaking();
    expect(output).toContain('ok: consumer web-shop, 5 interaction(s)');
    expect(output).toContain('ok: consumer analytics-reader, 1 interaction(s)');
    expect(output).toContain('Consumer pacts: every registered pact is compatible');
    expect(code).toBe(0);
  });

  it('fails when a response header the web shop expects is removed, though oasdiff calls that compatible', async () => {
    const spec = await bundledSpec();
    delete spec.components.responses.Accepted.headers['Idempotent-Replayed'];
    const { code, output } = await checkBreaking({ spec });
    expect(output).toContain('HTTP API: compatible with the release (info.version major 2 -> 2)');
    expect(output).toMatch(/error: consumer web-shop, interaction "a new order without an id": \[response\.header\.unknown\].*idempotent-replayed/i);
    expect(output).toMatch(/error: consumer web-shop, interaction "the same order sent again after a lost answer": \[response\.header\.unknown\]/);
    expect(output).toContain("Consumer pacts: BREAKS a registered consumer's pact");
    expect(code).toBe(1);
  });

  it('fails when a record header the analytics reader expects is removed from asyncapi.yaml', async () => {
    const asyncapi = await asyncapiDocument();
    const headers = asyncapi.components.schemas.ComputerOrderEventHeaders;
    delete headers.properties['request-id'];
    headers.required = (headers.required as string[]).filter((name) => name !== 'request-id');
    const { code, output } = await checkBreaking({ asyncapi });
    expect(output).toContain('HTTP API: compatible');
    expect(output).toMatch(/error: consumer analytics-reader, interaction "a ComputerOrderCreated record": \[message\.no\.match\]/);
    expect(output).toMatch(/because: \[message\.headers\.incompatible\] .*additional properties - request-id/);
    expect(output).toContain("Consumer pacts: BREAKS a registered consumer's pact");
    expect(code).toBe(1);
  });

  it('fails when the event schema, read through asyncapi.yaml, drops a field the analytics reader expects, even with a major bump', async () => {
    const event = await eventSchema();
    delete event.properties.created_by;
    event.required = (event.required as string[]).filter((name) => name !== 'created_by');
    event.properties.schema_version = { ...event.properties.schema_version, const: 2 };
    const { code, output } = await checkBreaking({ event });
    expect(output).toContain('Kafka event: breaking, allowed by the major bump (schema_version major 1 -> 2)');
    expect(output).toMatch(/error: consumer analytics-reader, interaction "a ComputerOrderCreated record": \[message\.no\.match\]/);
    expect(output).toMatch(/because: \[message\.payload\.incompatible\] .*created_by/);
    expect(code).toBe(1);
  });
});
