/**
 * How the service authenticates to Kafka and protects the connection, named
 * as Kafka's own clients name it (`security.protocol`, `sasl.mechanism`).
 * TLS always verifies the broker's certificate: there is deliberately no
 * setting to turn that off.
 */
import { ConfigError } from './config-error.js';
import { pemFile, secret } from './config-secrets.js';

type Env = Record<string, string | undefined>;

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface KafkaSecurity {
  protocol: SecurityProtocol;
  /** PEM contents, read at start-up. Without `ca` the system's CAs verify the broker. */
  tls?: { ca?: string; cert?: string; key?: string };
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
}

const TLS_FILES = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;
const SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'] as const;

const isSet = (env: Env, name: string) => env[name] !== undefined && env[name] !== '';

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback?: T): T {
  const value = env[name] || fallback;
  if (value === undefined) throw new ConfigError(`${name} is required with this KAFKA_SECURITY_PROTOCOL: one of ${allowed.join(', ')}`);
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function readTls(env: Env): KafkaSecurity['tls'] {
  const [caFile, certFile, keyFile] = TLS_FILES.map((name) => env[name] || undefined);
  // Mutual TLS needs both halves; one alone is a mistake worth stopping for.
  if (certFile && !keyFile) throw new ConfigError('KAFKA_SSL_CERT_FILE is set without KAFKA_SSL_KEY_FILE (mutual TLS needs both)');
  if (keyFile && !certFile) throw new ConfigError('KAFKA_SSL_KEY_FILE is set without KAFKA_SSL_CERT_FILE (mutual TLS needs both)');
  return {
    ...(caFile && { ca: pemFile('KAFKA_SSL_CA_FILE', caFile, 'certificate') }),
    ...(certFile && { cert: pemFile('KAFKA_SSL_CERT_FILE', certFile, 'certificate') }),
    ...(keyFile && { key: pemFile('KAFKA_SSL_KEY_FILE', keyFile, 'key') }),
  };
}

function readSasl(env: Env): NonNullable<KafkaSecurity['sasl']> {
  const mechanism = oneOf(env, 'KAFKA_SASL_MECHANISM', SASL_MECHANISMS);
  const username = env.KAFKA_SASL_USERNAME;
  if (!username) throw new ConfigError('KAFKA_SASL_USERNAME is required with a SASL KAFKA_SECURITY_PROTOCOL');
  const password = secret(env, 'KAFKA_SASL_PASSWORD');
  if (!password) throw new ConfigError('KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required with a SASL KAFKA_SECURITY_PROTOCOL');
  return { mechanism, username, password: password.value };
}

/**
 * @example
 * readKafkaSecurity({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
 *   KAFKA_SASL_USERNAME: 'api', KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka-password' });
 */
export function readKafkaSecurity(env: Env): KafkaSecurity {
  const protocol = oneOf(env, 'KAFKA_SECURITY_PROTOCOL', SECURITY_PROTOCOLS, 'PLAINTEXT');
  const tls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const sasl = protocol.startsWith('SASL_');
  // A setting the protocol ignores would silently leave the connection less secure than intended.
  const ignored = [...(tls ? [] : TLS_FILES), ...(sasl ? [] : SASL_VARIABLES)].find((name) => isSet(env, name));
  if (ignored) throw new ConfigError(`${ignored} is set but KAFKA_SECURITY_PROTOCOL is ${protocol}, which does not use it`);
  return {
    protocol,
    ...(tls && { tls: readTls(env) }),
    ...(sasl && { sasl: readSasl(env) }),
  };
}

/** Who the broker will see, for messages: never the password. */
export function principalOf(security: KafkaSecurity): string {
  if (security.sasl) return `User:${security.sasl.username}`;
  if (security.tls?.cert) return 'the principal of KAFKA_SSL_CERT_FILE';
  return 'User:ANONYMOUS';
}
