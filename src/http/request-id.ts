/**
 * Gives every HTTP request its id (`context/request-id.ts`) and echoes it in
 * the response's `X-Request-Id`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFrom } from '../context/request-id.js';

export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdFrom(req.headers['x-request-id']);
  res.setHeader('X-Request-Id', id);
  return id;
}
