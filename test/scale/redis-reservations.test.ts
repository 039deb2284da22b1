/**
 * The Redis adapter's Lua scripts against the real Redis of the `scale`
 * project: the same rules as the in-memory fake the unit tests use.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createSharedIdempotency } from '../../src/orders/shared-idempotency.js';
import { connectRedisReservations } from '../../src/redis/redis-reservations.js';

const { port, passwordFile, tls } = inject('scaleRedis');
// One prefix for every client of this file, as replicas of one deployment share one.
const keyPrefix = `reservations-test-${randomUUID()}:`;
const connect = (password = readFileSync(passwordFile, 'utf8').trim()) =>
  connectRedisReservations({
    settings: { url: `redis://127.0.0.1:${port}`, password, timeoutMs: 500 },
    keyPrefix,
    logger: pino({ level: 'silent' }),
  });
const reservations = connect();
afterAll(() => reservations.close());

describe('the Redis reservations', () => {
  it('connect with the password from the file and report the store up', async () => {
    expect(await reservations.ready(5000)).toBe(true);
    expect(reservations.isUp()).toBe(true);
  });

  it('claim an id once, then report it pending, acknowledged, or in conflict', async () => {
    expect(await reservations.claim('o-1', 'fp|1', 'holder-a', 5000)).toBe('claimed');
    expect(await reservations.claim('o-1', 'fp|1', 'holder-b', 5000)).toBe('pending');
    expect(await reservations.claim('o-1', 'fp|2', 'holder-b', 5000)).toBe('conflict');
    expect(await reservations.peek('o-1', 'fp|1')).toBe('pending');
    await reservations.acknowledge('o-1', 'fp|1', 'holder-a', 60_000);
    expect(await reservations.claim('o-1', 'fp|1', 'holder-b', 5000)).toBe('acknowledged');
    expect(await reservations.peek('o-1', 'fp|2')).toBe('conflict');
  });

  it('release only the holder’s own lease', async () => {
    await reservations.claim('o-2', 'fp', 'holder-a', 5000);
    await reservations.release('o-2', 'holder-b');
    expect(await reservations.peek('o-2', 'fp')).toBe('pending');
    await reservations.release('o-2', 'holder-a');
    expect(await reservations.peek('o-2', 'fp')).toBe('absent');
  });

  it('let a lease lapse after its time, so a dead holder blocks an id only that long', async () => {
    await reservations.claim('o-3', 'fp', 'holder-a', 100);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await reservations.claim('o-3', 'fp', 'holder-b', 5000)).toBe('claimed');
  });

  it('publish once when many requests for one id race through separate clients', async () => {
    const clients = [reservations, connect(), connect()];
    await Promise.all(clients.map((client) => client.ready(5000)));
    const stores = clients.map((client) => createSharedIdempotency({ reservations: client, windowMs: 60_000, waitMs: 2000, leaseMs: 5000 }));
    let publishes = 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, n) => stores[n % 3]!.publishOnce('o-race', 'fp', async () => void (publishes++, await new Promise((r) => setTimeout(r, 50))))),
    );
    expect(publishes).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    await Promise.all(clients.slice(1).map((client) => client.close()));
  });

  it('connect with the password in the URL instead of a file', async () => {
    const password = encodeURIComponent(readFileSync(passwordFile, 'utf8').trim());
    const inUrl = connectRedisReservations({
      settings: { url: `redis://:${password}@127.0.0.1:${port}`, timeoutMs: 500 },
      keyPrefix,
      logger: pino({ level: 'silent' }),
    });
    expect(await inUrl.ready(5000)).toBe(true);
    expect(await inUrl.peek('o-1', 'fp|1')).toBe('acknowledged');
    await inUrl.close();
  });

  it('connect over TLS (rediss://) trusting the CA from IDEMPOTENCY_STORE_CA_FILE, and not without it', async () => {
    const password = readFileSync(passwordFile, 'utf8').trim();
    const overTls = (ca?: string) =>
      connectRedisReservations({
        settings: { url: `rediss://127.0.0.1:${tls.port}`, password, timeoutMs: 500, ...(ca !== undefined && { ca }) },
        keyPrefix,
        logger: pino({ level: 'silent' }),
      });
    const trusted = overTls(readFileSync(tls.caFile, 'utf8'));
    expect(await trusted.ready(5000)).toBe(true);
    expect(await trusted.peek('o-1', 'fp|1')).toBe('acknowledged');
    const untrusted = overTls();
    expect(await untrusted.ready(1500)).toBe(false);
    await Promise.all([trusted.close(), untrusted.close()]);
  });

  it('stay down with a wrong password, and fail commands at once', async () => {
    const wrong = connect('not-the-password');
    expect(await wrong.ready(1000)).toBe(false);
    await expect(wrong.claim('o-4', 'fp', 'h', 1000)).rejects.toThrow();
    await wrong.close();
  });
});
