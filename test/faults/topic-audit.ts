/**
 * Reads a whole topic back with a real kafkajs consumer and compares it with
 * the clients' log: what was promised (202) must be there exactly once.
 */
import { toOrderEvent } from '../../src/orders/order-event.js';
import type { TopicRecord } from '../integration/kafka-reader.js';
import type { RequestRecord } from './load-generator.js';

export interface AuditCounts {
  sent: number;
  accepted: number;
  rejected5xx: number;
  otherStatus: number;
  networkErrors: number;
  topicRecords: number;
  /** Answered 202 but absent from the topic. */
  lost: number;
  /** Present more than once (by key, or by event_id). */
  duplicated: number;
  /** Answered 5xx and present once (allowed: the broker acknowledged late). */
  rejectedPresent: number;
  /** No answer and present once (allowed: the answer was lost on the way). */
  networkPresent: number;
  /** Present, but no client ever sent it. */
  unknownInTopic: number;
  /** event_id missing or not the order id's UUIDv5, or order_id not equal to the key. */
  badEvents: number;
}

export interface Audit {
  counts: AuditCounts;
  /** Up to 20 ids per kind of problem, for the report. */
  samples: Record<'lost' | 'duplicated' | 'unknownInTopic' | 'badEvents' | 'otherStatus' | 'rejectedPresent', string[]>;
}

const expectedEventId = (orderId: string): string =>
  toOrderEvent({ id: orderId, created_by: 'FAULTS', equipment: ['MOUSE'] }, { source: 'api/v2', receivedAt: new Date() }).event_id;

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * @example
 * const { counts } = auditTopic(log, records);
 * expect(counts.lost).toBe(0);
 */
export function auditTopic(requests: RequestRecord[], records: TopicRecord[]): Audit {
  const byId = new Map(requests.map((request) => [request.id, request]));
  if (byId.size !== requests.length) throw new Error('the load generator sent an id twice: the audit would be meaningless');
  const keys = tally(records.map((record) => record.key));
  const samples: Audit['samples'] = { lost: [], duplicated: [], unknownInTopic: [], badEvents: [], otherStatus: [], rejectedPresent: [] };
  const note = (kind: keyof Audit['samples'], id: string) => void (samples[kind].length < 20 && samples[kind].push(id));

  const eventIds: string[] = [];
  let badEvents = 0;
  for (const { key, value } of records) {
    let event: { order_id?: unknown; event_id?: unknown } = {};
    try {
      event = JSON.parse(value) as typeof event;
    } catch {
      // counted as a bad event below
    }
    eventIds.push(String(event.event_id));
    if (event.order_id !== key || event.event_id !== expectedEventId(key)) {
      badEvents++;
      note('badEvents', key);
    }
  }
  const duplicatedIds = new Set([...keys].filter(([, n]) => n > 1).map(([key]) => key));
  for (const [eventId, n] of tally(eventIds)) if (n > 1) duplicatedIds.add(`event_id:${eventId}`);
  for (const id of duplicatedIds) note('duplicated', id);

  const counts: AuditCounts = {
    sent: requests.length,
    accepted: 0,
    rejected5xx: 0,
    otherStatus: 0,
    networkErrors: 0,
    topicRecords: records.length,
    lost: 0,
    duplicated: duplicatedIds.size,
    rejectedPresent: 0,
    networkPresent: 0,
    unknownInTopic: 0,
    badEvents,
  };
  for (const { id, status } of requests) {
    const present = (keys.get(id) ?? 0) > 0;
    if (status === 202) {
      counts.accepted++;
      if (!present) (counts.lost++, note('lost', id));
    } else if (status === 'network') {
      counts.networkErrors++;
      if (present) counts.networkPresent++;
    } else if (status >= 500) {
      counts.rejected5xx++;
      if (present) (counts.rejectedPresent++, note('rejectedPresent', id));
    } else {
      counts.otherStatus++;
      note('otherStatus', `${id}=${status}`);
    }
  }
  for (const key of keys.keys()) if (!byId.has(key)) (counts.unknownInTopic++, note('unknownInTopic', key));
  return { counts, samples };
}

/** Status → count, e.g. `{ "202": 9120, "503": 211, "network": 3 }`. */
export function statusHistogram(requests: RequestRecord[]): Record<string, number> {
  return Object.fromEntries(tally(requests.map((request) => String(request.status))));
}
