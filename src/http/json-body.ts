/**
 * Reads a request's JSON body, refusing what is hostile before it is parsed:
 * a missing or non-UTF-8 content type (415), a body over the limit (413),
 * invalid UTF-8 or nesting far deeper than any order (400).
 */
import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { ApiError } from './api-error.js';
import { nestsDeeperThan } from './json-depth.js';

// An order nests two levels (the order, its equipment); anything far deeper is hostile.
export const MAX_JSON_DEPTH = 8;

// Without a Content-Type the body is never parsed and would read as "missing";
// and JSON is UTF-8 only (RFC 8259), whatever charset a client claims.
const requireContentType: RequestHandler = function requireContentType(req, _res, next) {
  const contentType = req.headers['content-type'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && contentType === undefined) throw new ApiError(415, 'A Content-Type of application/json is required.');
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') throw new ApiError(415, `Only UTF-8 JSON is accepted, not ${charset}.`);
  next();
};

// Without the UTF-8 check, invalid bytes would silently become U+FFFD in the order.
function checkRawBody(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new ApiError(400, 'The body is not valid UTF-8.');
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw new ApiError(400, `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
}

/**
 * @example
 * app.use(readJsonBody({ limitBytes: 16384 }));
 */
export function readJsonBody({ limitBytes }: { limitBytes: number }): RequestHandler[] {
  return [requireContentType, express.json({ limit: limitBytes, type: 'application/json', strict: true, verify: checkRawBody })];
}
