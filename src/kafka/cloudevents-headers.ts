/**
 * CloudEvents 1.0, binary content mode of the Kafka protocol binding: the
 * event's context attributes as `ce_`-prefixed headers, the record value as
 * the event's `data` (unchanged), and `content-type` (set beside these by
 * toRecord) as its `datacontenttype`. Tooling built on the standard
 * (Knative's Kafka source, the CloudEvents SDKs, event catalogues) reads
 * these; our own `event-type`, `event-schema-version` and `request-id` stay
 * beside them for the readers that already route on them.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md
 */
import { CLOUDEVENTS_TYPE, EVENT_DATASCHEMA, type ComputerOrderEvent, type OrderSource } from '../orders/order-event.js';

export const CLOUDEVENTS_SPECVERSION = '1.0';
/** `ce_source` is this prefix and the path the order came through, e.g. `/computer-orders-api/api/v2`. */
export const CLOUDEVENTS_SOURCE_PREFIX = '/computer-orders-api/';

export interface CloudEventsHeaders {
  ce_specversion: string;
  ce_id: string;
  ce_source: string;
  ce_type: string;
  ce_time: string;
  ce_subject: string;
  ce_dataschema: string;
}

/** The CloudEvents `source` of an order that came through `source`: a URI reference naming this service and the path. */
export const cloudEventsSourceOf = (source: OrderSource): string => `${CLOUDEVENTS_SOURCE_PREFIX}${source}`;

/**
 * @example
 * cloudEventsHeadersOf(event).ce_source // '/computer-orders-api/api/v2'
 */
export function cloudEventsHeadersOf(event: ComputerOrderEvent): CloudEventsHeaders {
  return {
    ce_specversion: CLOUDEVENTS_SPECVERSION,
    // Unique per order, and the same for its retries: a consumer's (source, id) deduplication then works as event_id's does.
    ce_id: event.event_id,
    ce_source: cloudEventsSourceOf(event.source),
    ce_type: CLOUDEVENTS_TYPE,
    ce_time: event.received_at,
    ce_subject: event.order_id,
    ce_dataschema: EVENT_DATASCHEMA,
  };
}
