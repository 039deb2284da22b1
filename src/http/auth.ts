/**
 * Who may write. Writes need an API key in `X-API-Key` (the spec's
 * `ApiKeyAuth`), checked by express-openapi-validator's security handler.
 * The original path's clients send no key: the contract lets that path be
 * called anonymously, and the server allows it only when configured to.
 */
import type { RequestHandler } from 'express';
import { createWriteAccess, type AuthPolicy } from '../access/write-access.js';
import { ApiError } from './api-error.js';

export type { AuthPolicy };

export const API_KEY_HEADER = 'X-API-Key';

export const challenge = { 'WWW-Authenticate': `ApiKey header="${API_KEY_HEADER}"` };

export function createAuth({ apiKeys, openAccess, legacyAnonymousWrites }: AuthPolicy) {
  // openAccess is applied by the callers below: the validator's check is off under it.
  const judge = createWriteAccess({ apiKeys, openAccess: false });

  function assertKey(presented: string | undefined): true {
    const verdict = judge(presented);
    if (verdict === 'no_keys') throw new ApiError(403, 'This server accepts no writes: no API keys are configured.');
    if (verdict === 'missing') throw new ApiError(401, `The ${API_KEY_HEADER} header is required.`, { headers: challenge });
    if (verdict === 'invalid') throw new ApiError(401, `The ${API_KEY_HEADER} header does not carry a valid key.`, { headers: challenge });
    return true;
  }

  /** The original path: the validator lets it through without a key (the spec allows it), so the policy is applied here. */
  const guardLegacyPath: RequestHandler = function guardLegacyPath(req, _res, next) {
    const presented = req.get(API_KEY_HEADER);
    if (openAccess || (presented === undefined && legacyAnonymousWrites)) return next();
    assertKey(presented);
    next();
  };

  return {
    /** The validator's `validateSecurity` option: off only under open access. */
    validateSecurity: openAccess
      ? false
      : { handlers: { ApiKeyAuth: (req: { get(name: string): string | undefined }) => assertKey(req.get(API_KEY_HEADER)) } },
    guardLegacyPath,
  };
}
