/**
 * The example web shop's own code: how its checkout sends an order to
 * `createComputerOrder` and what it reads from each answer. Its pact
 * (web-shop.pact.ts) records exactly what this code relies on.
 */
export type CheckoutResult =
  | { outcome: 'accepted'; orderId: string; replayed: boolean }
  | { outcome: 'invalid'; fields: string[] }
  | { outcome: 'id-reused'; detail: string }
  | { outcome: 'retry-later'; afterSeconds: number };

export interface ShopOrder {
  id?: string;
  created_by: string;
  equipment: string[];
}

export async function checkout(baseUrl: string, apiKey: string, order: ShopOrder): Promise<CheckoutResult> {
  const response = await fetch(`${baseUrl}/api/v2/orders/computers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey },
    body: JSON.stringify(order),
  });
  if (response.status === 202) {
    return { outcome: 'accepted', orderId: response.headers.get('Order-Id') ?? '', replayed: response.headers.get('Idempotent-Replayed') === 'true' };
  }
  const problem = (await response.json()) as { detail: string; errors?: Array<{ pointer?: string }> };
  if (response.status === 400) return { outcome: 'invalid', fields: (problem.errors ?? []).map((error) => error.pointer ?? '') };
  if (response.status === 409) return { outcome: 'id-reused', detail: problem.detail };
  if (response.status === 503) return { outcome: 'retry-later', afterSeconds: Number(response.headers.get('Retry-After')) };
  throw new Error(`checkout: unexpected ${response.status}: ${problem.detail}`);
}
