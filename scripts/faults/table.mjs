#!/usr/bin/env node
// Prints the figures of the last `npm run test:faults` (test-results/faults/*.json)
// as the Markdown table in docs/RELIABILITY.md. Usage: node scripts/faults/table.mjs
import { existsSync, readFileSync } from 'node:fs';

const SCENARIOS = ['broker-killed', 'api-sigterm', 'cluster-leader-killed'];
const COLUMNS = [
  ['sent', 'sent'],
  ['accepted', '202'],
  ['rejected5xx', '5xx'],
  ['networkErrors', 'network errors'],
  ['lost', 'lost (202, absent)'],
  ['duplicated', 'duplicated'],
  ['rejectedPresent', '5xx but present'],
  ['networkPresent', 'network error but present'],
  ['unknownInTopic', 'never sent but present'],
  ['topicRecords', 'records in topic'],
];

const rows = [`| scenario | ${COLUMNS.map(([, title]) => title).join(' | ')} | run at |`, `|---|${COLUMNS.map(() => '--:').join('|')}|---|`];
for (const scenario of SCENARIOS) {
  const file = new URL(`../../test-results/faults/${scenario}.json`, import.meta.url);
  if (!existsSync(file)) {
    rows.push(`| ${scenario} | ${COLUMNS.map(() => '–').join(' | ')} | not run |`);
    continue;
  }
  const { counts, ranAt } = JSON.parse(readFileSync(file, 'utf8'));
  rows.push(`| ${scenario} | ${COLUMNS.map(([key]) => counts[key]).join(' | ')} | ${ranAt} |`);
}
console.log(rows.join('\n'));
