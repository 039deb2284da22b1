/**
 * Stands for a consumer team's own code: a hand-written client and a record
 * check, written only from the pinned contract files, as docs/CONSUMERS.md
 * describes. It does not import anything from this service.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

export async function placeOrder(
  baseUrl: string,
  apiKey: string,
  order: { created_by: string; equipment: string[] },
): Promise<{ status: number; orderId: string | null }> {
  const response = await fetch(`${baseUrl}/api/v2/orders/computers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(order),
  });
  return { status: response.status, orderId: response.headers.get('order-id') };
}

/** The analytics consumer's check: each record value against the pinned event schema. */
export function createRecordValidator(eventSchema: object) {
  const ajv = new Ajv({ allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(eventSchema);
  return function validateRecord(value: Buffer | string): { valid: boolean; errors: string[] } {
    const valid = validate(JSON.parse(value.toString()));
    return { valid, errors: (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`) };
  };
}
