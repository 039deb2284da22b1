/**
 * A bounded load generator: a fixed number of workers post orders, each with
 * a unique client-chosen id, and log every request's id and final outcome
 * (an HTTP status, or a network error).
 */
import { sleep } from './paths.js';

export const ORDERS_PATH = '/api/v2/orders/computers';

export interface RequestRecord {
  id: string;
  /** The HTTP status, or `network` when no response arrived (refused, reset, timed out). */
  status: number | 'network';
  startedAt: number;
  endedAt: number;
  error?: string;
}

export interface LoadOptions {
  url: string;
  apiKey: string;
  idPrefix: string;
  durationMs: number;
  concurrency?: number;
  /** A worker's pause between requests, so 2 shared cores stay usable. */
  pauseMs?: number;
  /** Pause after a network error: a refused connection fails at once. */
  errorPauseMs?: number;
  requestTimeoutMs?: number;
  /** Kept up to date with the number of requests awaiting an answer. */
  stats?: { inFlight: number };
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}

/**
 * Posts one order and records what happened to it.
 *
 * @example
 * const record = await postOrder('http://127.0.0.1:23190', key, 'order-1');
 */
export async function postOrder(url: string, apiKey: string, id: string, timeoutMs = 15_000): Promise<RequestRecord> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url + ORDERS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ id, created_by: 'FAULTS', equipment: ['KEYBOARD', 'MOUSE'] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return { id, status: response.status, startedAt, endedAt: Date.now() };
  } catch (err) {
    return { id, status: 'network', startedAt, endedAt: Date.now(), error: describeNetworkError(err) };
  }
}

/**
 * Runs `concurrency` workers until `durationMs` has passed; every request
 * started is awaited, so the log is complete when this resolves.
 *
 * @example
 * const log = await runLoad({ url, apiKey, idPrefix: 'kill', durationMs: 40_000 });
 */
export async function runLoad({
  url,
  apiKey,
  idPrefix,
  durationMs,
  concurrency = 20,
  pauseMs = 10,
  errorPauseMs = 100,
  requestTimeoutMs = 15_000,
  stats = { inFlight: 0 },
}: LoadOptions): Promise<RequestRecord[]> {
  const log: RequestRecord[] = [];
  const end = Date.now() + durationMs;
  async function worker(index: number): Promise<void> {
    for (let n = 0; Date.now() < end; n++) {
      stats.inFlight++;
      const record = await postOrder(url, apiKey, `${idPrefix}-${index}-${n}`, requestTimeoutMs);
      stats.inFlight--;
      log.push(record);
      await sleep(record.status === 'network' ? errorPauseMs : pauseMs);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  return log;
}

/**
 * After a fault: waits (bounded) for the first 202, then posts `count` more
 * orders one by one. The caller requires all of them to be 202.
 *
 * @example
 * const after = await recoveryProbe({ url, apiKey, idPrefix: 'after', count: 10 });
 */
export async function recoveryProbe({
  url,
  apiKey,
  idPrefix,
  count = 10,
  waitMs = 30_000,
}: {
  url: string;
  apiKey: string;
  idPrefix: string;
  count?: number;
  waitMs?: number;
}): Promise<{ waited: RequestRecord[]; probes: RequestRecord[] }> {
  const waited: RequestRecord[] = [];
  const deadline = Date.now() + waitMs;
  for (let n = 0; Date.now() < deadline; n++) {
    const record = await postOrder(url, apiKey, `${idPrefix}-wait-${n}`);
    waited.push(record);
    if (record.status === 202) break;
    await sleep(500);
  }
  const probes: RequestRecord[] = [];
  for (let n = 0; n < count; n++) probes.push(await postOrder(url, apiKey, `${idPrefix}-${n}`));
  return { waited, probes };
}
