/**
 * What every fault scenario does once its load has run: keep the request
 * log, audit the topic, write the figures, and hold the service to its promise.
 */
import { writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { RequestRecord } from './load-generator.js';
import { resultPath, writeResult } from './paths.js';
import { readWholeTopic } from '../integration/kafka-reader.js';
import { auditTopic, statusHistogram, type Audit } from './topic-audit.js';

/** Milestones in ms since the load started, for the report. */
export function timeline(): { mark(name: string): void; marks: Record<string, number>; start: number } {
  const start = Date.now();
  const marks: Record<string, number> = {};
  return { start, marks, mark: (name) => void (marks[name] = Date.now() - start) };
}

/**
 * Reads the topic back, audits it against `requests`, and writes
 * `test-results/faults/<scenario>.json` and `<scenario>-requests.jsonl`.
 *
 * @example
 * const audit = await auditScenario({ scenario: 'broker-killed', bootstrap, topic, requests, extra: { marks } });
 */
export async function auditScenario({
  scenario,
  bootstrap,
  topic,
  requests,
  extra = {},
}: {
  scenario: string;
  bootstrap: string;
  topic: string;
  requests: RequestRecord[];
  extra?: object;
}): Promise<Audit & { expected: number }> {
  writeFileSync(resultPath(`${scenario}-requests.jsonl`), requests.map((request) => JSON.stringify(request)).join('\n') + '\n');
  const { records, expected } = await readWholeTopic(bootstrap, topic);
  const audit = auditTopic(requests, records);
  const networkErrorKinds: Record<string, number> = {};
  for (const { error } of requests) if (error) networkErrorKinds[error] = (networkErrorKinds[error] ?? 0) + 1;
  writeResult(scenario, { topic, ...audit, statuses: statusHistogram(requests), networkErrorKinds, highWatermarkTotal: expected, ...extra });
  console.info(`[${scenario}] ${JSON.stringify(audit.counts)}`);
  return { ...audit, expected };
}

/** The promise of a 202, in assertions: nothing acknowledged is lost, nothing is doubled or invented. */
export function expectPromiseKept({ counts, samples, expected }: Audit & { expected: number }): void {
  expect(counts.topicRecords, 'records read back vs. high watermarks').toBe(expected);
  expect(samples.lost, 'answered 202 but absent').toEqual([]);
  expect(samples.duplicated, 'present more than once').toEqual([]);
  expect(samples.unknownInTopic, 'in the topic but never sent').toEqual([]);
  expect(samples.badEvents, 'order_id/event_id not matching the key').toEqual([]);
  expect(samples.otherStatus, 'answers other than 202, 5xx or no answer').toEqual([]);
  expect(counts.lost + counts.duplicated + counts.unknownInTopic + counts.badEvents).toBe(0);
}

/** Every probe after the fault was accepted. */
export function expectRecovered(probes: RequestRecord[]): void {
  expect(probes.length).toBeGreaterThan(0);
  expect(probes.map((probe) => `${probe.id}=${probe.status}`)).toEqual(probes.map((probe) => `${probe.id}=202`));
}
