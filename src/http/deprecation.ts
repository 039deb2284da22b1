/**
 * Headers that mark the original path as deprecated on every response,
 * errors included: `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and a
 * `Link` to the successor. The dates come from the contract's operation
 * (`x-deprecated-at`, `x-sunset`), read once when the app is built, so the
 * headers cannot drift from what the contract and the breaking-change gate say.
 */
import type { RequestHandler } from 'express';

export const LEGACY_PATH = '/api/orders/computers';
export const SUCCESSOR_PATH = '/api/v2/orders/computers';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC starting `day`, or `undefined` unless it is a real `YYYY-MM-DD` date. */
function startOf(day: unknown): Date | undefined {
  const match = typeof day === 'string' ? DAY.exec(day) : null;
  if (!match) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? undefined : date;
}

/**
 * Reads the deprecation dates of `POST /api/orders/computers` from the bundled
 * contract; throws, naming the field, when the operation lacks one.
 *
 * @example
 * deprecationHeadersOf(loadContract().document)
 * // { Deprecation: '@1795737600', Sunset: 'Wed, 30 Jun 2027 23:59:59 GMT', Link: '</api/v2/orders/computers>; rel="successor-version"' }
 */
export function deprecationHeadersOf(contract: Record<string, unknown>): Readonly<Record<string, string>> {
  const paths = (contract.paths ?? {}) as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const operation = paths[LEGACY_PATH]?.post ?? {};
  const where = `the contract's POST ${LEGACY_PATH}`;
  if (operation.deprecated !== true) throw new Error(`${where} must say deprecated: true`);
  const deprecatedAt = startOf(operation['x-deprecated-at']);
  const sunsetDay = startOf(operation['x-sunset']);
  if (!deprecatedAt) throw new Error(`${where} needs x-deprecated-at: 'YYYY-MM-DD', the day it was deprecated`);
  if (!sunsetDay) throw new Error(`${where} needs x-sunset: 'YYYY-MM-DD', the last day it works`);
  // The sunset day is the last one the path works: the header names its final second.
  const sunsetAt = new Date(sunsetDay.getTime() + 86_400_000 - 1000);
  return {
    Deprecation: `@${deprecatedAt.getTime() / 1000}`,
    Sunset: sunsetAt.toUTCString(),
    Link: `<${SUCCESSOR_PATH}>; rel="successor-version"`,
  };
}

export function markDeprecated(headers: Readonly<Record<string, string>>): RequestHandler {
  return function markDeprecated(_req, res, next) {
    res.set(headers);
    next();
  };
}
