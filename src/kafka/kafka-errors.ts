/**
 * Recognises kafkajs errors by the Kafka error code they carry, however deep
 * kafkajs wrapped it (retries exhausted, per-topic aggregates).
 */

/** Every Kafka protocol error type (`TOPIC_AUTHORIZATION_FAILED`, ...) and error name in the chain. */
export function kafkaErrorTypes(err: unknown, depth = 0): string[] {
  if (typeof err !== 'object' || err === null || depth > 5) return [];
  const own = [
    ...('type' in err && typeof err.type === 'string' ? [err.type] : []),
    ...('name' in err && typeof err.name === 'string' ? [err.name] : []),
    // Node's socket and TLS error codes, which kafkajs copies onto its connection errors.
    ...('code' in err && typeof err.code === 'string' ? [err.code] : []),
  ];
  const nested = [
    ...('cause' in err ? [err.cause] : []),
    ...('originalError' in err ? [err.originalError] : []),
    ...('errors' in err && Array.isArray(err.errors) ? err.errors : []),
  ];
  return [...own, ...nested.flatMap((inner: unknown) => kafkaErrorTypes(inner, depth + 1))];
}

/** The Kafka authorization error in the chain (an ACL said no), if any. */
export function authorizationFailure(err: unknown): string | undefined {
  return kafkaErrorTypes(err).find((type) => type.endsWith('_AUTHORIZATION_FAILED'));
}

/** True when the broker refused the credentials (SASL), as opposed to an ACL. */
export function isAuthenticationFailure(err: unknown): boolean {
  return kafkaErrorTypes(err).some((type) => type === 'KafkaJSSASLAuthenticationError' || type === 'SASL_AUTHENTICATION_FAILED');
}

/** Node's code when the broker's certificate did not verify (untrusted CA, wrong host name, expired). */
export function tlsFailure(err: unknown): string | undefined {
  return kafkaErrorTypes(err).find((type) => /CERT|SIGNATURE|^ERR_TLS_|^ERR_SSL_/.test(type));
}

export function hasErrorType(err: unknown, type: string): boolean {
  return kafkaErrorTypes(err).includes(type);
}
