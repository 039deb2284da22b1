import { describe, expect, it } from 'vitest';
import { InvalidDateTimeError, toUtcDateTime } from '../../../src/orders/created-at.js';

describe('toUtcDateTime', () => {
  it('reads a time without an offset as UTC and keeps the microseconds', () => {
    expect(toUtcDateTime('2020-10-16T10:31:10.969696')).toBe('2020-10-16T10:31:10.969696Z');
  });

  it('moves an offset time to UTC across a day boundary', () => {
    expect(toUtcDateTime('2026-11-27T01:15:00.5+02:00')).toBe('2026-11-26T23:15:00.5Z');
    expect(toUtcDateTime('2026-12-31T23:30:00-01:30')).toBe('2027-01-01T01:00:00Z');
  });

  it('leaves a UTC time as it is, lower-case z included', () => {
    expect(toUtcDateTime('2026-11-27T09:15:00.123Z')).toBe('2026-11-27T09:15:00.123Z');
    expect(toUtcDateTime('2026-11-27t09:15:00z')).toBe('2026-11-27T09:15:00Z');
  });

  it('keeps the years 0 to 99 as written (Date.UTC would read 1900-1999)', () => {
    expect(toUtcDateTime('0050-01-01T00:00:00')).toBe('0050-01-01T00:00:00Z');
    expect(toUtcDateTime('0001-03-01T00:30:00+01:00')).toBe('0001-02-28T23:30:00Z');
  });

  it('rejects a time that moves outside the years 0000 to 9999 in UTC', () => {
    expect(() => toUtcDateTime('9999-12-31T23:59:59-01:00')).toThrow(/outside the years 0000 to 9999/);
    expect(() => toUtcDateTime('0000-01-01T00:00:00+01:00')).toThrow(/outside the years 0000 to 9999/);
  });

  it('rejects an offset past 23:59, as RFC 3339 does, and takes one up to it', () => {
    for (const value of ['2026-01-01T10:00:00+24:00', '2026-01-01T10:00:00-99:00', '2026-01-01T10:00:00+01:60', '2026-01-01T10:00:00+99:99']) {
      expect(() => toUtcDateTime(value), value).toThrow(/offset past 23:59/);
    }
    expect(toUtcDateTime('2026-01-01T10:00:00+23:59')).toBe('2025-12-31T10:01:00Z');
    expect(toUtcDateTime('2026-01-01T10:00:00-23:59')).toBe('2026-01-02T09:59:00Z');
  });

  it('keeps a leap second', () => {
    expect(toUtcDateTime('2016-12-31T23:59:60Z')).toBe('2016-12-31T23:59:60Z');
  });

  it.each(['2020-02-30T10:00:00', '2021-13-01T00:00:00Z', '2021-01-01T24:00:00Z', '2021-01-01', 'yesterday'])(
    'rejects %s',
    (value) => {
      expect(() => toUtcDateTime(value)).toThrow(InvalidDateTimeError);
    },
  );
});
