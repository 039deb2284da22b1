/**
 * Who may write, decided the same way for every front end: the key a client
 * presents (HTTP's `X-API-Key` header, gRPC's `x-api-key` metadata) against
 * the configured ones, in constant time (`api-keys.ts`). Each front end turns
 * the verdict into its own answer (403/401, PERMISSION_DENIED/UNAUTHENTICATED).
 */
import { createApiKeyVerifier } from './api-keys.js';

export interface AuthPolicy {
  apiKeys: readonly string[];
  /** Accept writes without credentials at all (explicit opt-in). */
  openAccess: boolean;
  /** Accept the original path's calls without a key (its old clients send none). */
  legacyAnonymousWrites: boolean;
}

/**
 * - `accepted`: the key is one of the configured ones (or access is open);
 * - `no_keys`: no key is configured, so no write is accepted (403, PERMISSION_DENIED);
 * - `missing` / `invalid`: no key, or a wrong one (401, UNAUTHENTICATED).
 */
export type KeyVerdict = 'accepted' | 'no_keys' | 'missing' | 'invalid';

/**
 * @example
 * const judge = createWriteAccess({ apiKeys: ['k1-long-random-secret'], openAccess: false, legacyAnonymousWrites: false });
 * judge(presentedKey); // 'accepted', 'no_keys', 'missing' or 'invalid'
 */
export function createWriteAccess({ apiKeys, openAccess }: Pick<AuthPolicy, 'apiKeys' | 'openAccess'>): (presented: string | undefined) => KeyVerdict {
  const verify = createApiKeyVerifier(apiKeys);
  return function judgeKey(presented) {
    if (openAccess) return 'accepted';
    if (apiKeys.length === 0) return 'no_keys';
    if (presented === undefined) return 'missing';
    return verify(presented) ? 'accepted' : 'invalid';
  };
}
