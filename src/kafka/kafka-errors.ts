/**
 * Recognises kafkajs errors by the Kafka error code they carry, however deep
 * kafkajs wrapped it (retries exhausted, per-topic aggregates), and says them
 * in our own terms: a {@link PublishFailure} and a code safe to log.
 */
import type { PublishFailure } from '../orders/order-publisher.js';

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

const CODE = /^[A-Za-z_]{1,64}$/;
const WRAPPERS = new Set(['KafkaJSNumberOfRetriesExceeded', 'KafkaJSNonRetriableError', 'Error']);

/**
 * Kafka's error code (`TOPIC_AUTHORIZATION_FAILED`) when the broker sent one, else
 * the error's class name (`KafkaJSConnectionError`): safe to log, enough to act on.
 * kafkajs' own text can name broker hosts, so it goes neither to clients nor to the logs.
 *
 * @example
 * kafkaErrorCode(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 10.0.0.7:9092')); // 'KafkaJSConnectionError'
 */
export function kafkaErrorCode(err: unknown): string {
  const types = kafkaErrorTypes(err).filter((type) => CODE.test(type));
  // A Kafka error code first; else the class of what went wrong, not of kafkajs' retry wrappers.
  const named = types.filter((type) => !WRAPPERS.has(type));
  return types.find((type) => /^[A-Z_]+$/.test(type) && !type.startsWith('E')) ?? named.find((type) => type.startsWith('KafkaJS')) ?? named[0] ?? types[0] ?? 'unknown';
}

/**
 * Why a send failed, in the terms the error handler and the metrics read.
 *
 * @example
 * publishFailureOf(new KafkaJSConnectionError('Connection error')); // 'unavailable'
 */
export function publishFailureOf(cause: unknown): PublishFailure {
  if (authorizationFailure(cause) || isAuthenticationFailure(cause)) return 'unauthorized';
  if (typeof cause !== 'object' || cause === null) return 'unavailable';
  // kafkajs gives up after its own retries with a "non-retriable" wrapper, even
  // around a lost connection: for our client, broker trouble may still pass.
  if ('name' in cause && cause.name === 'KafkaJSNumberOfRetriesExceeded') return 'unavailable';
  // kafkajs marks its own errors; anything else (a network error, say) is worth a retry.
  return !('retriable' in cause) || Boolean(cause.retriable) ? 'unavailable' : 'refused';
}

/** True for kafkajs' own errors (their class names start with KafkaJS), however wrapped. */
export function isKafkaError(err: unknown): boolean {
  return kafkaErrorTypes(err).some((type) => type.startsWith('KafkaJS'));
}
