/**
 * What runs beside a scale scenario's main load: orders without an id
 * (their id comes back in `Order-Id`), and samples of what `/ready` and
 * `/metrics` said about the idempotency store.
 */
import { sleep } from '../faults/paths.js';
import type { RequestRecord } from '../faults/load-generator.js';
import { postVia } from './orders-client.js';

/**
 * Posts orders without an id one after another until `until()` is true;
 * each is logged under the id the server generated (or `no-id-<n>` when no
 * answer came), ready for the topic audit.
 */
export async function postWithoutIds(url: string, apiKey: string, until: () => boolean, pauseMs = 50): Promise<RequestRecord[]> {
  const log: RequestRecord[] = [];
  for (let n = 0; !until(); n++) {
    const startedAt = Date.now();
    const answer = await postVia(url, 'balancer', apiKey, {});
    log.push({ id: answer.orderId ?? `no-id-${n}`, status: answer.status, startedAt, endedAt: Date.now() });
    await sleep(pauseMs);
  }
  return log;
}

export interface StoreSample {
  at: number;
  ready: number | 'network';
  idempotencyStore?: string;
  storeUpMetric?: string;
}

/** What one replica says about the store: `/ready`'s `idempotency_store` and the `idempotency_store_up` gauge. */
export async function sampleStore(url: string): Promise<StoreSample> {
  const at = Date.now();
  try {
    const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(3000) });
    const body = (await ready.json()) as { idempotency_store?: string };
    const metrics = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(3000) })).text();
    const storeUpMetric = /^idempotency_store_up (\S+)$/m.exec(metrics)?.[1];
    return { at, ready: ready.status, idempotencyStore: body.idempotency_store, storeUpMetric };
  } catch {
    return { at, ready: 'network' };
  }
}
