/**
 * Checks a presented API key against the configured ones in constant time:
 * both sides are hashed to a fixed length and every key is compared, so
 * neither the length nor the position of a match shows in the timing.
 */
import { hash, timingSafeEqual } from 'node:crypto';

// One-shot hashing: no Hash object per request, as createHash().update().digest() would make.
const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

export type ApiKeyVerifier = (presented: string | undefined) => boolean;

/**
 * @example
 * const verify = createApiKeyVerifier(['k1-long-random-secret']);
 * verify(req.get('X-API-Key')); // true or false
 */
export function createApiKeyVerifier(keys: readonly string[]): ApiKeyVerifier {
  const digests = keys.map(digest);
  return function verifyApiKey(presented) {
    if (presented === undefined || digests.length === 0) return false;
    const candidate = digest(presented);
    let matched = false;
    for (const known of digests) matched = timingSafeEqual(candidate, known) || matched;
    return matched;
  };
}
