/**
 * Requests derived from the bundled contract itself: every operation with
 * each of its request examples, and invalid variations of those examples.
 * Nothing here restates the contract by hand.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TEST_API_KEY } from '../http/test-server.js';
import { BUNDLED_CONTRACT } from './prism.js';

export interface ContractRequest {
  name: string;
  method: string;
  path: string;
  operationId: string;
  /** The first 2xx status the operation documents. */
  success: number;
  contentType?: string;
  body?: string;
  /** Whether the operation accepts an API key (then the test key is sent). */
  secured: boolean;
}

interface Operation {
  operationId: string;
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  security?: Array<Record<string, string[]>>;
}

const contract = parse(readFileSync(BUNDLED_CONTRACT, 'utf8')) as { paths: Record<string, Record<string, Operation>> };

export const operations = Object.entries(contract.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);

/** One request per documented example (one bodiless request for operations without a body). */
export function exampleRequests(): ContractRequest[] {
  return operations.flatMap(({ path, method, operation }) => {
    const success = Number(Object.keys(operation.responses).find((status) => status.startsWith('2')));
    const secured = (operation.security ?? []).some((requirement) => 'ApiKeyAuth' in requirement);
    const base = { method, path, operationId: operation.operationId, success, secured };
    const media = operation.requestBody?.content['application/json'];
    if (!media) return [{ ...base, name: `${operation.operationId}` }];
    return Object.entries(media.examples ?? {}).map(([example, { value }]) => ({
      ...base,
      name: `${operation.operationId} (${example})`,
      contentType: 'application/json',
      body: JSON.stringify(value),
    }));
  });
}

/** Invalid variations of the first example of each operation that takes a body. */
export function invalidRequests(): ContractRequest[] {
  const firsts = new Map(exampleRequests().filter((request) => request.body).map((request) => [request.operationId, request]));
  return [...firsts.values()].flatMap((request) => {
    const example = JSON.parse(request.body!) as Record<string, unknown>;
    const { created_by: _omitted, ...withoutCreatedBy } = example;
    const variation = (name: string, body: string, contentType = 'application/json'): ContractRequest => ({
      ...request,
      name: `${request.operationId}: ${name}`,
      body,
      contentType,
    });
    return [
      variation('missing created_by', JSON.stringify(withoutCreatedBy)),
      variation('unknown equipment', JSON.stringify({ ...example, equipment: ['PRINTER'] })),
      variation('empty equipment', JSON.stringify({ ...example, equipment: [] })),
      variation('unknown field', JSON.stringify({ ...example, price: 3 })),
      variation('wrong type', JSON.stringify({ ...example, created_by: 14 })),
      variation('created_at with a leap second', JSON.stringify({ ...example, created_at: '5773-08-14T04:44:60Z' })),
      variation('created_at on a day that does not exist', JSON.stringify({ ...example, created_at: '2023-02-29T10:00:00Z' })),
      variation('malformed JSON', '{"created_by":'),
      variation('not JSON', 'created_by=U', 'text/plain'),
    ];
  });
}

export function send(baseUrl: string, request: ContractRequest): Promise<Response> {
  const headers: Record<string, string> = request.secured ? { 'x-api-key': TEST_API_KEY } : {};
  if (request.body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  return fetch(baseUrl + request.path, { method: request.method, headers, ...(request.body !== undefined && { body: request.body }) });
}
