/**
 * The Redis adapter of the shared idempotency store (ioredis). Every
 * operation is one atomic Lua script, so a read and the write that depends
 * on it can never interleave with another replica's.
 *
 * Failing fast is the point: with no offline queue and a short command
 * timeout, a command while Redis is away rejects at once (the request gets
 * 503) instead of queueing until the client's own timeout. ioredis keeps
 * reconnecting in the background, so the service recovers without a restart.
 */
import { Redis, type Result } from 'ioredis';
import type { Logger } from 'pino';
import { ReservationsError, type ClaimResult, type PeekResult, type Reservations } from '../orders/shared-idempotency.js';
import type { IdempotencyMetrics } from './idempotency-metrics.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    claimOrderId(key: string, pending: string, leaseMs: number, fingerprint: string): Result<ClaimResult, Context>;
    acknowledgeOrderId(key: string, pending: string, acknowledged: string, windowMs: number): Result<number, Context>;
    releaseOrderId(key: string, holderPrefix: string): Result<number, Context>;
  }
}

// A value is "P<holder>|<fingerprint>" (pending) or "A|<fingerprint>" (acknowledged).
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 'claimed'
end
if string.sub(v, string.find(v, '|', 1, true) + 1) ~= ARGV[3] then return 'conflict' end
if string.sub(v, 1, 1) == 'A' then return 'acknowledged' end
return 'pending'`;
// Also when the lease lapsed meanwhile: the record is in Kafka either way.
const ACKNOWLEDGE = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or not v then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;
const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisStoreSettings {
  /** `redis://` or `rediss://` (TLS); may carry the password. */
  url: string;
  /** Overrides the URL's password (from IDEMPOTENCY_STORE_PASSWORD_FILE). */
  password?: string;
  /** Connect and command timeout. */
  timeoutMs: number;
  /** PEM CA certificate(s) to trust for a rediss:// server, instead of the system's. */
  ca?: string;
}

/**
 * @example
 * const reservations = connectRedisReservations({ settings: config.idempotency.store, keyPrefix: 'computer-orders:computers:', logger, metrics });
 */
export function connectRedisReservations({
  settings,
  keyPrefix,
  logger,
  metrics,
}: {
  settings: RedisStoreSettings;
  keyPrefix: string;
  logger: Logger;
  metrics?: IdempotencyMetrics;
}): Reservations & { ready(timeoutMs: number): Promise<boolean> } {
  const redis = new Redis(settings.url, {
    ...(settings.password !== undefined && { password: settings.password }),
    ...(settings.ca !== undefined && { tls: { ca: settings.ca } }),
    keyPrefix,
    connectTimeout: settings.timeoutMs,
    commandTimeout: settings.timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  redis.defineCommand('claimOrderId', { numberOfKeys: 1, lua: CLAIM });
  redis.defineCommand('acknowledgeOrderId', { numberOfKeys: 1, lua: ACKNOWLEDGE });
  redis.defineCommand('releaseOrderId', { numberOfKeys: 1, lua: RELEASE });

  // Logged on changes only, in our words: ioredis' messages name the address and repeat every retry.
  let up = false;
  metrics?.storeUp.set(0);
  redis.on('ready', () => {
    up = true;
    metrics?.storeUp.set(1);
    logger.info('idempotency store reachable');
  });
  redis.on('close', () => {
    if (up) logger.warn('idempotency store unreachable: orders with an id get 503 until it is back');
    up = false;
    metrics?.storeUp.set(0);
  });
  redis.on('error', () => {});

  async function counted<T>(operation: string, command: Promise<T>): Promise<T> {
    try {
      return await command;
    } catch {
      metrics?.storeErrors.inc({ operation });
      // ioredis' own text stays here; connected but failing means the command timed out.
      throw new ReservationsError(operation, up ? 'timeout' : 'disconnected');
    }
  }

  return {
    claim: (orderId, fingerprint, holder, leaseMs) =>
      counted('claim', redis.claimOrderId(orderId, `P${holder}|${fingerprint}`, leaseMs, fingerprint)),
    async peek(orderId, fingerprint): Promise<PeekResult> {
      const value = await counted('peek', redis.get(orderId));
      if (value === null) return 'absent';
      if (value.slice(value.indexOf('|') + 1) !== fingerprint) return 'conflict';
      return value.startsWith('A') ? 'acknowledged' : 'pending';
    },
    async acknowledge(orderId, fingerprint, holder, windowMs) {
      await counted('acknowledge', redis.acknowledgeOrderId(orderId, `P${holder}|${fingerprint}`, `A|${fingerprint}`, windowMs));
    },
    async release(orderId, holder) {
      // The holder id is unique, so it alone recognises the holder's own lease.
      await counted('release', redis.releaseOrderId(orderId, `P${holder}|`));
    },
    isUp: () => up,
    async ready(timeoutMs) {
      if (up) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        redis.once('ready', () => (clearTimeout(timer), resolve(true)));
      });
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
