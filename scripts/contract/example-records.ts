/**
 * Writes one complete record (key, headers, value) per documented example
 * into `<package>/examples/records/`, built by the service's own code: the
 * order event by `toOrderEvent`, the record by `toRecord`, exactly as a
 * request to the running service would be. Request ids, receive times and
 * generated order ids are fixed, so every pack writes the same files.
 * Run by scripts/contract/pack.mjs: `tsx scripts/contract/example-records.ts <package-dir>`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { parse } from 'yaml';
import { LEGACY_PATH, SUCCESSOR_PATH } from '../../src/http/deprecation.js';
import { toRecord } from '../../src/kafka/kafka-order-publisher.js';
import { toOrderEvent, type ComputerOrder, type ComputerOrderEvent, type OrderSource } from '../../src/orders/order-event.js';
import type { PublishMetadata } from '../../src/orders/order-publisher.js';

/** The file a reader's test replays: the value is the record's exact text, headers as UTF-8 strings. */
interface RecordFile {
  key: string;
  headers: Record<string, string>;
  value: string;
}

// Which source each path's orders carry, as the routes set it (src/http/orders-routes.ts).
const SOURCE_OF_PATH: Record<string, OrderSource> = { [SUCCESSOR_PATH]: 'api/v2', [LEGACY_PATH]: 'api/original' };
const RECEIVED_AT = new Date('2026-11-27T17:40:00.000Z');
// Order ids for examples that have none, as the service would generate one: fixed per example.
const EXAMPLE_ORDER_IDS = '5d0f3c2a-8b4e-4e1f-9c6d-2a7b1e0f4c93';

type OpenApi = { paths: Record<string, Record<string, { operationId?: string; requestBody?: { content?: Record<string, { examples?: Record<string, { value: ComputerOrder }> }> } }>> };
type AsyncApi = { components?: { messages?: Record<string, { examples?: Array<{ name?: string; headers?: Record<string, string>; payload: ComputerOrderEvent }> }> } };

function recordFile(order: ComputerOrder, source: OrderSource, receivedAt: Date, metadata: PublishMetadata, name: string): RecordFile {
  const event = toOrderEvent(order, { source, receivedAt, newOrderId: () => uuidv5(name, EXAMPLE_ORDER_IDS) });
  const { key, headers = {}, value } = toRecord(event, metadata);
  return { key: String(key), headers: Object.fromEntries(Object.entries(headers).map(([header, text]) => [header, String(text)])), value: String(value) };
}

/** Every documented example's record, by file name (`<operationId>.<example>`, `<message>.<example>`). */
function exampleRecords(openapi: OpenApi, asyncapi: AsyncApi): Map<string, RecordFile> {
  const records = new Map<string, RecordFile>();
  for (const [path, methods] of Object.entries(openapi.paths)) {
    for (const operation of Object.values(methods)) {
      const examples = operation.requestBody?.content?.['application/json']?.examples ?? {};
      for (const [example, { value }] of Object.entries(examples)) {
        const source = SOURCE_OF_PATH[path];
        if (source === undefined) throw new Error(`example-records: ${path} has request examples but no known event source`);
        const name = `${operation.operationId}.${example}`;
        records.set(name, recordFile(value, source, RECEIVED_AT, { requestId: `example-${name}` }, name));
      }
    }
  }
  // A documented record: the order it holds, sent again through the builder with its documented headers and times.
  for (const [message, { examples = [] }] of Object.entries(asyncapi.components?.messages ?? {})) {
    for (const [index, { name: example = String(index + 1), headers = {}, payload }] of examples.entries()) {
      // Orders arrive Queued; a documented record in another state is not one the service publishes.
      if (payload.status !== 'Queued') throw new Error(`example-records: ${message}.${example} has status ${payload.status}; the service publishes only Queued orders`);
      const order: ComputerOrder = { id: payload.order_id, status: payload.status, created_at: payload.created_at, created_by: payload.created_by, equipment: payload.equipment };
      const metadata: PublishMetadata = { requestId: headers['request-id'] ?? `example-${message}.${example}`, ...(headers.traceparent && { traceparent: headers.traceparent }) };
      records.set(`${message}.${example}`, recordFile(order, payload.source, new Date(payload.received_at), metadata, `${message}.${example}`));
    }
  }
  return records;
}

const pkg = process.argv[2];
if (!pkg) throw new Error('usage: tsx scripts/contract/example-records.ts <package-dir>');
const openapi = JSON.parse(readFileSync(join(pkg, 'openapi.json'), 'utf8')) as OpenApi;
const asyncapi = parse(readFileSync(join(pkg, 'asyncapi.yaml'), 'utf8')) as AsyncApi;
const folder = join(pkg, 'examples/records');
mkdirSync(folder, { recursive: true });
for (const [name, record] of exampleRecords(openapi, asyncapi)) writeFileSync(join(folder, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
