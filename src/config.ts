/**
 * The service's configuration: the only reader of `process.env`.
 * Every variable is listed, with its default, in `.env.example`
 * (test/unit/config-env-example.test.ts compares the two).
 */

import { ConfigError } from './config-error.js';
import { readKafkaSecurity, type KafkaSecurity } from './config-kafka-security.js';
import { pemFile, readNamedFile, secret } from './config-secrets.js';

export { ConfigError };

export interface Config {
  host: string;
  port: number;
  logLevel: string;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** Slow clients: the whole header block, then the whole request, must arrive within these. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** Orders held at once (body being read, waiting for a send, in flight); past it, 503 at once. */
  maxPendingOrders: number;
  idempotency: {
    windowMs: number;
    maxOrders: number;
    /** The shared store for several replicas; without it, the window is this process's memory. */
    store?: { url: string; password?: string; timeoutMs: number; ca?: string };
  };
  /** The gRPC front end, on the same host as HTTP; absent when `GRPC_ENABLED=false`. */
  grpc?: {
    port: number;
    /** Streams one connection may hold open at once (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS). */
    maxConcurrentStreams: number;
    /** PEM certificate chain and key: TLS when set, plaintext otherwise. */
    tls?: { cert: string; key: string };
  };
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: string[];
  auth: {
    apiKeys: string[];
    openAccess: boolean;
    legacyAnonymousWrites: boolean;
  };
  kafka: {
    brokers: string[];
    clientId: string;
    topic: string;
    topicPartitions: number;
    topicReplicationFactor: number;
    /** How long a request waits for the broker's acknowledgement before 503. */
    publishTimeoutMs: number;
    connectionTimeoutMs: number;
    retryAfterSeconds: number;
    /** false: operators provision the topic; the service never tries to create it. */
    createTopic: boolean;
    security: KafkaSecurity;
  };
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function matching(env: Env, name: string, fallback: string, pattern: RegExp, form: string): string {
  const value = env[name] ?? fallback;
  if (!pattern.test(value)) throw new ConfigError(`${name} must be ${form}, got "${value}"`);
  return value;
}

function oneOf(env: Env, name: string, fallback: string, allowed: string[]): string {
  const value = env[name] ?? fallback;
  if (!allowed.includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback = false): boolean {
  const raw = env[name] ?? String(fallback);
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be "true" or "false", got "${raw}"`);
  return raw === 'true';
}

// Keys are secrets: the message names the rule, never the value.
// API_KEYS_FILE may also hold one key a line.
function apiKeys(env: Env): string[] {
  const given = secret(env, 'API_KEYS');
  const keys = (given?.value ?? '').split(/[,\r\n]/).map((key) => key.trim()).filter(Boolean);
  if (keys.some((key) => !/^[A-Za-z0-9._~+/=-]{16,256}$/.test(key))) {
    throw new ConfigError(`${given?.from ?? 'API_KEYS'} must be a comma-separated list of keys of 16 to 256 characters (letters, digits, ._~+/=-)`);
  }
  return keys;
}

// Each origin exactly as a browser sends it: scheme, host and port, nothing else.
function corsOrigins(env: Env): string[] {
  const raw = env.CORS_ORIGINS ?? '';
  const origins = raw.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new ConfigError(`CORS_ORIGINS must be a comma-separated list of origins such as https://shop.example.com, got "${origin}"`);
    }
  }
  return origins;
}

// The URL may carry a password: messages name the rule, never the value.
function storeUrl(env: Env): string | undefined {
  const raw = env.IDEMPOTENCY_STORE_URL;
  if (raw === undefined || raw === '') return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !['redis:', 'rediss:'].includes(url.protocol) || url.hostname === '') {
    throw new ConfigError('IDEMPOTENCY_STORE_URL must be redis://[:password@]host[:port][/db] or rediss://… (TLS)');
  }
  return raw;
}

function idempotencyStore(env: Env): Config['idempotency']['store'] {
  const url = storeUrl(env);
  // Only as a file (or in the URL): read the way every *_FILE secret is, one trailing newline dropped.
  const passwordFile = env.IDEMPOTENCY_STORE_PASSWORD_FILE;
  const password = passwordFile ? readNamedFile('IDEMPOTENCY_STORE_PASSWORD_FILE', passwordFile).replace(/\r?\n$/, '') : undefined;
  // For a rediss:// server whose certificate no public CA signed.
  const caFile = env.IDEMPOTENCY_STORE_CA_FILE;
  const ca = caFile ? pemFile('IDEMPOTENCY_STORE_CA_FILE', caFile, 'certificate') : undefined;
  const timeoutMs = integer(env, 'IDEMPOTENCY_STORE_TIMEOUT_MS', 1000, 10, 60000);
  if (url === undefined && password !== undefined) throw new ConfigError('IDEMPOTENCY_STORE_PASSWORD_FILE needs IDEMPOTENCY_STORE_URL');
  if (ca !== undefined && !url?.startsWith('rediss:')) throw new ConfigError('IDEMPOTENCY_STORE_CA_FILE needs a rediss:// IDEMPOTENCY_STORE_URL');
  if (url === undefined) return undefined;
  if (password !== undefined && new URL(url).password !== '') {
    throw new ConfigError('IDEMPOTENCY_STORE_URL carries a password and IDEMPOTENCY_STORE_PASSWORD_FILE is set: keep it in one place');
  }
  return { url, timeoutMs, ...(password !== undefined && { password }), ...(ca !== undefined && { ca }) };
}

// Both TLS files or neither: half a TLS setup must not fall back to plaintext.
function grpc(env: Env): Config['grpc'] {
  if (!flag(env, 'GRPC_ENABLED', true)) return undefined;
  const certFile = env.GRPC_TLS_CERT_FILE ?? '';
  const keyFile = env.GRPC_TLS_KEY_FILE ?? '';
  if ((certFile === '') !== (keyFile === '')) throw new ConfigError('GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE go together: set both for TLS, or neither');
  const tls = certFile === '' ? undefined : { cert: pemFile('GRPC_TLS_CERT_FILE', certFile, 'certificate'), key: pemFile('GRPC_TLS_KEY_FILE', keyFile, 'key') };
  return {
    port: integer(env, 'GRPC_PORT', 9090, 0, 65535),
    maxConcurrentStreams: integer(env, 'GRPC_MAX_CONCURRENT_STREAMS', 100, 1, 10000),
    ...(tls && { tls }),
  };
}

function brokers(env: Env): string[] {
  const raw = env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const list = raw.split(',').map((broker) => broker.trim());
  if (list.length === 0 || list.some((broker) => !HOST_PORT.test(broker))) {
    throw new ConfigError(`KAFKA_BROKERS must be a comma-separated list of host:port, got "${raw}"`);
  }
  return list;
}

/**
 * Reads and validates the configuration, failing on the first bad variable.
 *
 * @example
 * const config = loadConfig({ PORT: '8080', KAFKA_BROKERS: '127.0.0.1:9092' });
 */
export function loadConfig(env: Env = process.env): Config {
  const config = readEnv(env);
  // Node refuses a header timeout longer than the request timeout.
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs})`);
  }
  if (config.grpc && config.grpc.port !== 0 && config.grpc.port === config.port) {
    throw new ConfigError(`GRPC_PORT (${config.grpc.port}) must differ from PORT: both listen on HOST`);
  }
  // Node answers 408 to a request still unanswered after REQUEST_TIMEOUT_MS.
  if (config.kafka.publishTimeoutMs >= config.requestTimeoutMs) {
    throw new ConfigError(`PUBLISH_TIMEOUT_MS (${config.kafka.publishTimeoutMs}) must be less than REQUEST_TIMEOUT_MS (${config.requestTimeoutMs})`);
  }
  return config;
}

function readEnv(env: Env): Config {
  return {
    host: matching(env, 'HOST', '127.0.0.1', /^[A-Za-z0-9.:-]+$/, 'a host name or IP address'),
    port: integer(env, 'PORT', 8080, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 16384, 256, 1048576),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 10000, 100, 600000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30000, 100, 600000),
    // Longer than the 60 s that balancers keep idle upstream connections (nginx's
    // keepalive_timeout, AWS ALB's idle timeout): the side that closes an idle
    // connection must be the one that reuses it, or a request sent on it as this
    // process closes it is lost (HAProxy then drops the client's connection).
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 65000, 100, 600000),
    maxConnections: integer(env, 'MAX_CONNECTIONS', 10000, 1, 1000000),
    maxPendingOrders: integer(env, 'MAX_PENDING_ORDERS', 1000, 1, 1000000),
    idempotency: {
      // A day, as the usual guidance for idempotency keys has it (Stripe keeps
      // them 24 hours; draft-ietf-httpapi-idempotency-key-header leaves it to
      // the server): long enough for a client's retries across an outage.
      windowMs: integer(env, 'IDEMPOTENCY_WINDOW_MS', 86400000, 1, 604800000),
      maxOrders: integer(env, 'IDEMPOTENCY_MAX_ORDERS', 100000, 0, 10000000),
      store: idempotencyStore(env),
    },
    grpc: grpc(env),
    corsOrigins: corsOrigins(env),
    auth: {
      apiKeys: apiKeys(env),
      openAccess: flag(env, 'OPEN_ACCESS'),
      legacyAnonymousWrites: flag(env, 'LEGACY_ANONYMOUS_WRITES'),
    },
    kafka: {
      brokers: brokers(env),
      clientId: matching(env, 'KAFKA_CLIENT_ID', 'computer-orders-api', /^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-"'),
      topic: matching(env, 'KAFKA_TOPIC', 'computers', TOPIC, 'a Kafka topic name (letters, digits, ".", "_", "-")'),
      topicPartitions: integer(env, 'KAFKA_TOPIC_PARTITIONS', 3, 1, 10000),
      topicReplicationFactor: integer(env, 'KAFKA_TOPIC_REPLICATION_FACTOR', 1, 1, 32),
      publishTimeoutMs: integer(env, 'PUBLISH_TIMEOUT_MS', 5000, 100, 120000),
      connectionTimeoutMs: integer(env, 'KAFKA_CONNECTION_TIMEOUT_MS', 1000, 100, 60000),
      retryAfterSeconds: integer(env, 'RETRY_AFTER_SECONDS', 5, 0, 3600),
      createTopic: flag(env, 'KAFKA_CREATE_TOPIC', true),
      security: readKafkaSecurity(env),
    },
  };
}
