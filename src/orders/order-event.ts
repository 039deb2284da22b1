/**
 * Turns an accepted order (from either path) into the order event that is
 * published: normalised, with every server-set field filled.
 */
import { randomUUID } from 'node:crypto';
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import type { components } from '../../generated/openapi.js';
import { toUtcDateTime } from './created-at.js';
import { assertWellFormedText } from './well-formed-text.js';

export type ComputerOrder = components['schemas']['ComputerOrder'];
export type LegacyComputerOrder = components['schemas']['LegacyComputerOrder'];
export type ComputerOrderEvent = components['schemas']['ComputerOrderEvent'];
export type OrderSource = ComputerOrderEvent['source'];

export const EVENT_SCHEMA_VERSION = 1;
export const EVENT_TYPE = 'computer-order.created';
/** The CloudEvents `type` of an order event (the record's `ce_type`): reverse-DNS, and never changed. */
export const CLOUDEVENTS_TYPE = 'org.computer-orders.computer-order.created';
/**
 * The CloudEvents `dataschema` (the record's `ce_dataschema`): names version 1
 * of the event schema. A URN, so that no reader takes it for an address to
 * fetch; the schema itself ships in the contract packages. A new major gets a
 * new URN (the last segment is the `schema_version`).
 */
export const EVENT_DATASCHEMA = `urn:computer-orders:schema:computer-order-event:${EVENT_SCHEMA_VERSION}`;

// Fixed namespace for event ids: the same order id always yields the same
// event id, so consumers can drop a retried order's second record. Parsed
// once: given as a string, uuid would parse it again for every order.
const EVENT_ID_NAMESPACE = parseUuid('0b7f6b3e-5c1d-4f0a-9a53-6f1c2e8d4a90');

export interface OrderContext {
  source: OrderSource;
  receivedAt: Date;
  /** Generates the order id when the client sent none. */
  newOrderId?: () => string;
}

/**
 * Throws what a front end turns into "bad input" naming the field:
 * `MalformedTextError` (a string that is not Unicode text) and
 * `InvalidDateTimeError` (a `created_at` the schema let through).
 *
 * @example
 * toOrderEvent({ created_by: 'USER14', equipment: ['MOUSE'] },
 *   { source: 'api/v2', receivedAt: new Date() })
 */
export function toOrderEvent(
  order: ComputerOrder | LegacyComputerOrder,
  { source, receivedAt, newOrderId = randomUUID }: OrderContext,
): ComputerOrderEvent {
  // Before anything is derived from it: a record must never carry a string that is not Unicode text.
  assertWellFormedText(order);
  const orderId = order.id ?? newOrderId();
  const receivedAtUtc = receivedAt.toISOString();
  return {
    schema_version: EVENT_SCHEMA_VERSION,
    event_id: uuidv5(orderId, EVENT_ID_NAMESPACE),
    event_type: EVENT_TYPE,
    order_id: orderId,
    status: order.status ?? 'Queued',
    created_at: order.created_at === undefined ? receivedAtUtc : toUtcDateTime(order.created_at),
    received_at: receivedAtUtc,
    created_by: order.created_by,
    equipment: [...order.equipment],
    source,
  };
}

/**
 * What the client said about an order, normalised: two requests with the same
 * id and the same fingerprint are the same order (a retry). Read from the
 * event, which already holds the normalised values; a `created_at` the server
 * filled in is left out, as it differs on every retry.
 */
export function orderFingerprint(order: ComputerOrder | LegacyComputerOrder, event: ComputerOrderEvent): string {
  return JSON.stringify([event.status, order.created_at === undefined ? null : event.created_at, event.created_by, event.equipment]);
}
