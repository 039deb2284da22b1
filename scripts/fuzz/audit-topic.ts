/**
 * After a fuzz run, reads the whole topic back with a real Kafka consumer
 * and holds it against what Schemathesis sent and saw (its NDJSON event
 * stream). Every record must be a valid order event (the schema file that
 * openapi.yaml and asyncapi.yaml share); every order answered 202, other
 * than a replay, must be in the topic exactly once; and its `created_at`
 * must be the instant the client sent. Schemathesis sees only HTTP: this is
 * where input that got through and was mangled on its way would show. Every
 * record also goes through a strict decoder of another language (Python:
 * strict UTF-8, strict JSON, every string encodable as UTF-8), so a record a
 * strict reader would refuse, such as one holding a lone UTF-16 surrogate,
 * fails the run.
 *
 * Usage: tsx scripts/fuzz/audit-topic.ts BOOTSTRAP TOPIC EVENTS_NDJSON
 */
import { readFileSync } from 'node:fs';
import { eventSchemaErrors } from '../../test/integration/event-schema.js';
import { readWholeTopic, type TopicRecord } from '../../test/integration/kafka-reader.js';
import { strictDecodeProblems } from '../../test/integration/strict-decoder.js';

interface Interaction {
  request: { body?: { $base64?: string } };
  response?: { status_code: number; headers: Record<string, string[]> };
}
interface Accepted {
  times: number;
  createdAt?: string;
}

/** The 202s that published (a replay publishes nothing), by order id. */
export function acceptedOrders(ndjson: string): Map<string, Accepted> {
  const orders = new Map<string, Accepted>();
  for (const line of ndjson.split('\n').filter(Boolean)) {
    const finished = (JSON.parse(line) as { ScenarioFinished?: { recorder: { interactions?: Record<string, Interaction> } } })
      .ScenarioFinished;
    for (const { request, response } of Object.values(finished?.recorder.interactions ?? {})) {
      if (response?.status_code !== 202 || response.headers['idempotent-replayed']?.[0] === 'true') continue;
      const id = response.headers['order-id']?.[0] ?? '(no Order-Id)';
      const body = request.body?.$base64 ? (JSON.parse(Buffer.from(request.body.$base64, 'base64').toString('utf8')) as { created_at?: string }) : {};
      orders.set(id, { times: (orders.get(id)?.times ?? 0) + 1, createdAt: body.created_at });
    }
  }
  return orders;
}

/**
 * The instant a date-time names, as epoch seconds plus its fraction as
 * written (the event keeps it as sent). No offset means UTC, as on the
 * original path. Computed apart from the service's own code, on purpose.
 */
function instant(dateTime: string): string {
  const match = /^(\d{4,})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/.exec(dateTime);
  if (!match) return `not a date-time: ${dateTime}`;
  const [, year, month, day, hour, minute, second, fraction = '', offset = 'Z'] = match;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0-99 as they are; second 60 rolls over, as a leap second should.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMinutes = /^[Zz]$/.test(offset) ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${(date.getTime() - offsetMinutes * 60_000) / 1000}${fraction}`;
}

/** Every record from the beginning up to the high watermarks taken first. */
async function readTopic(bootstrap: string, topic: string, timeoutMs = 60_000): Promise<TopicRecord[]> {
  // strict: false, so that main lists the strict decoder's findings with the others rather than stopping at them.
  const { records, expected } = await readWholeTopic(bootstrap, topic, { quietMs: 0, timeoutMs, strict: false });
  if (records.length < expected) throw new Error(`read ${records.length} of ${expected} records within ${timeoutMs} ms`);
  return records;
}

async function main([bootstrap, topic, eventsPath]: string[]): Promise<number> {
  if (!bootstrap || !topic || !eventsPath) throw new Error('usage: audit-topic.ts BOOTSTRAP TOPIC EVENTS_NDJSON');
  const accepted = acceptedOrders(readFileSync(eventsPath, 'utf8'));
  const records = await readTopic(bootstrap, topic);
  const problems: string[] = [];
  const refused = await strictDecodeProblems(records.map(({ raw }) => raw));
  problems.push(...refused.map((problem) => `a strict decoder refuses ${problem}`));
  const inTopic = new Map<string, number>();
  for (const { key, value } of records) {
    inTopic.set(key, (inTopic.get(key) ?? 0) + 1);
    const event = JSON.parse(value) as { created_at?: string };
    const errors = eventSchemaErrors(event);
    if (errors.length > 0) problems.push(`record ${key} is not a valid order event (${errors.join('; ')}): ${value}`);
    const sent = accepted.get(key)?.createdAt;
    if (sent !== undefined && event.created_at !== undefined && instant(sent) !== instant(event.created_at)) {
      problems.push(`record ${key}: created_at ${event.created_at} is not the instant the client sent, ${sent}`);
    }
  }
  for (const [id, { times }] of accepted) {
    const found = inTopic.get(id) ?? 0;
    if (found !== times) problems.push(`order ${id}: answered 202 ${times} time(s), in the topic ${found} time(s)`);
  }
  for (const [key, count] of inTopic) {
    if (!accepted.has(key)) problems.push(`record ${key} (${count}x) was never answered 202`);
  }
  const promised = [...accepted.values()].reduce((sum, { times }) => sum + times, 0);
  console.log(
    `fuzz: topic ${topic}: ${records.length} records, ${records.length - refused.length} parsed by the strict decoder, ` +
      `${promised} orders answered 202 (replays aside), ${problems.length} problems`,
  );
  for (const problem of problems.slice(0, 20)) console.log(`fuzz: FAIL: ${problem}`);
  if (problems.length > 20) console.log(`fuzz: FAIL: … and ${problems.length - 20} more`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
