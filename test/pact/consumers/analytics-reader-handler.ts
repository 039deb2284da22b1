/**
 * The example analytics reader's own code: turns one record from topic
 * `computers` into a row of its order facts table. Its pact
 * (analytics-reader.pact.ts) records exactly what this code relies on.
 */
export interface KafkaRecord {
  key: string;
  headers: Record<string, string>;
  value: string;
}

export interface OrderFact {
  eventId: string;
  orderId: string;
  createdAt: string;
  createdBy: string;
  items: number;
  requestId: string;
}

export function toOrderFact(record: KafkaRecord): OrderFact | undefined {
  // Routes on the headers without parsing the value, as asyncapi.yaml suggests.
  if (record.headers['event-type'] !== 'computer-order.created' || record.headers['event-schema-version'] !== '1') return undefined;
  const event = JSON.parse(record.value) as { event_id: string; order_id: string; created_at: string; created_by: string; equipment: string[] };
  if (event.order_id !== record.key) throw new Error(`record key ${record.key} is not its order id ${event.order_id}`);
  return {
    eventId: event.event_id,
    orderId: event.order_id,
    createdAt: event.created_at,
    createdBy: event.created_by,
    items: event.equipment.length,
    requestId: record.headers['request-id'] ?? '',
  };
}
