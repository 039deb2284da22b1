/**
 * Posts v2 orders and keeps what the scale scenarios judge: the status, the
 * `Idempotent-Replayed` header, the `Order-Id`, and which way the request went.
 */
import { ORDERS_PATH } from '../faults/load-generator.js';

export interface Answer {
  id: string;
  /** `balancer`, or `replica1`…`replica3` for a request sent straight to one. */
  via: string;
  equipment: string[];
  status: number | 'network';
  replayed: string | null;
  orderId: string | null;
  /** For `network`: the client's reason (`other side closed`, `ECONNREFUSED`, …). */
  error?: string;
}

/**
 * @example
 * const answer = await postVia(balancer.url, 'balancer', apiKey, { id: 'o-1', equipment: ['MOUSE'] });
 */
export async function postVia(
  url: string,
  via: string,
  apiKey: string,
  { id, equipment = ['KEYBOARD', 'MOUSE'], createdBy = 'SCALE' }: { id?: string; equipment?: string[]; createdBy?: string },
): Promise<Answer> {
  const body = JSON.stringify({ ...(id !== undefined && { id }), created_by: createdBy, equipment });
  try {
    const response = await fetch(url + ORDERS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    const headers = response.headers;
    return { id: id ?? '', via, equipment, status: response.status, replayed: headers.get('idempotent-replayed'), orderId: headers.get('order-id') };
  } catch (err) {
    const { cause } = err as { cause?: { code?: string; message?: string } };
    const error = [cause?.code, cause?.message].filter(Boolean).join(': ') || String(err);
    return { id: id ?? '', via, equipment, status: 'network', replayed: null, orderId: null, error };
  }
}

/** `{ "202": 10, "409": 20 }` */
export function histogram(values: Array<string | number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

/** Runs `task` over `items`, `width` at a time. */
export async function inBatches<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) results.push(...(await Promise.all(items.slice(start, start + width).map(task))));
  return results;
}
