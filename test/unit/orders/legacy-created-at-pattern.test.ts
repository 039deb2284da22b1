/**
 * The original path's `created_at` is described by its `pattern` alone, so
 * that a tool reading only the contract (Prism, Schemathesis, a client's
 * validator) accepts exactly what the server does. Checked here over a grid
 * of calendar edges, times and offsets: every value the pattern admits, the
 * server's normalisation accepts, and the pattern refuses only what the
 * server refuses or what the contract deliberately leaves out.
 */
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../src/contract.js';
import { toUtcDateTime } from '../../../src/orders/created-at.js';

type Schemas = Record<string, { properties: Record<string, { pattern?: string; format?: string }> }>;
const createdAt = (loadContract().document.components as { schemas: Schemas }).schemas.LegacyComputerOrder!.properties.created_at!;
// ajv (the validator, Prism) compiles patterns with the `u` flag.
const pattern = new RegExp(createdAt.pattern ?? '(?!)', 'u');

function serverAccepts(value: string): boolean {
  try {
    toUtcDateTime(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the contract leaves out although the date arithmetic alone could take it:
 * a leap second, an offset at the years' edges, an offset past 23:59.
 */
function leftOut(value: string): boolean {
  const [, sign, hours = '00', minutes = '00'] = /([+-])(\d{2}):(\d{2})$/.exec(value) ?? [];
  const nonZero = hours !== '00' || minutes !== '00';
  return (
    /T\d{2}:\d{2}:60/.test(value) ||
    Number(hours) > 23 ||
    Number(minutes) > 59 ||
    (value.startsWith('0000-01-01T') && nonZero && sign === '+') ||
    (value.startsWith('9999-12-31T') && nonZero && sign === '-')
  );
}

function* grid(): Generator<string> {
  const years = ['0000', '0004', '1900', '2000', '2023', '2024', '9999'];
  const days = Array.from({ length: 33 }, (_, day) => String(day).padStart(2, '0'));
  const times = ['00:00:00', '23:59:59.969696', '23:59:60', '24:00:00', '12:60:00'];
  const offsets = ['', 'Z', '+00:00', '-00:00', '+00:30', '-23:59', '+24:00', '-01:60'];
  for (const year of years)
    for (let month = 0; month <= 13; month++)
      for (const day of days)
        for (const time of times) for (const offset of offsets) yield `${year}-${String(month).padStart(2, '0')}-${day}T${time}${offset}`;
}

describe("the original path's created_at pattern", () => {
  it('is the whole rule: no custom format a tool would have to know', () => {
    expect(createdAt.format).toBeUndefined();
    expect(createdAt.pattern).toBeDefined();
  });

  it('admits only values the server accepts, and refuses only what the server refuses or the contract leaves out', () => {
    const disagreements: string[] = [];
    let admitted = 0;
    for (const value of grid()) {
      const expected = serverAccepts(value) && !leftOut(value);
      if (pattern.test(value)) admitted++;
      if (pattern.test(value) !== expected) disagreements.push(value);
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(admitted).toBeGreaterThan(20_000);
  });

  it.each([
    ['2020-10-16T10:31:10.969696', true],
    ['2024-02-29T00:00:00', true],
    ['2000-02-29T00:00:00Z', true],
    ['0000-01-01T00:00:00-05:00', true],
    ['9999-12-31T23:59:59.999999999+01:00', true],
    ['5773-08-14T04:44:60Z', false],
    ['2023-02-29T00:00:00', false],
    ['1900-02-29T00:00:00', false],
    ['2020-04-31T00:00:00', false],
    ['0000-01-01T00:30:00+01:00', false],
    ['9999-12-31T23:30:00-01:00', false],
  ])('%s: %s', (value, admitted) => {
    expect(pattern.test(value)).toBe(admitted);
  });
});
