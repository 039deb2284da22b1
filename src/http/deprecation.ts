/**
 * Headers that mark the original path as deprecated on every response,
 * errors included: `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and a
 * `Link` to the successor.
 */
import type { RequestHandler } from 'express';

export const LEGACY_PATH = '/api/orders/computers';
export const SUCCESSOR_PATH = '/api/v2/orders/computers';
const DEPRECATED_AT = Date.UTC(2026, 10, 27);
const SUNSET_AT = Date.UTC(2027, 5, 30, 23, 59, 59);

export const deprecationHeaders: Readonly<Record<string, string>> = {
  Deprecation: `@${DEPRECATED_AT / 1000}`,
  Sunset: new Date(SUNSET_AT).toUTCString(),
  Link: `<${SUCCESSOR_PATH}>; rel="successor-version"`,
};

export const markDeprecated: RequestHandler = function markDeprecated(_req, res, next) {
  res.set(deprecationHeaders);
  next();
};
