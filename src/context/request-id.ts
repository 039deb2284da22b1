/**
 * A request's id, on every front end: the client's (`X-Request-Id` header or
 * `x-request-id` metadata) when it is well formed, a new UUID otherwise. It is
 * logged and carried into the Kafka record.
 */
import { randomUUID } from 'node:crypto';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * @example
 * requestIdFrom('req-42'); // 'req-42'
 * requestIdFrom('a b');    // a new UUID
 */
export function requestIdFrom(sent: unknown): string {
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
}
