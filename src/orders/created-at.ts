/**
 * Normalises an order's `created_at` to UTC, keeping its fractional seconds
 * as sent (`Date` would cut them to milliseconds).
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))?$/;

export class InvalidDateTimeError extends Error {
  override name = 'InvalidDateTimeError';
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * Returns the same instant as an RFC 3339 UTC date-time ending in `Z`.
 * A missing offset means UTC, as the original API's clients intended.
 *
 * @example
 * toUtcDateTime('2020-10-16T10:31:10.969696')       // '2020-10-16T10:31:10.969696Z'
 * toUtcDateTime('2026-11-27T01:15:00.5+02:00')      // '2026-11-26T23:15:00.5Z'
 */
export function toUtcDateTime(value: string): string {
  const match = DATE_TIME.exec(value);
  if (!match) throw new InvalidDateTimeError(`"${value}" is not an ISO 8601 date-time`);
  // No offset, or Z, is UTC: +00:00.
  const [, year, month, day, hour, minute, second, fraction = '', sign = '+', offsetHour = '00', offsetMinute = '00'] = match;
  const fields = [year, month, day, hour, minute, second, offsetHour, offsetMinute].map(Number);
  const [y, mo, d, h, mi, s, oh, om] = fields as [number, number, number, number, number, number, number, number];
  // A leap second (:60) cannot be represented by Date; clamp it to :59.
  // Not Date.UTC: it reads the years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, Math.min(s, 59));
  const wallClock = date.getTime();
  const check = new Date(wallClock);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 60) {
    throw new InvalidDateTimeError(`"${value}" is not a valid calendar date-time`);
  }
  // RFC 3339 offsets run to 23:59; ajv-formats' date-time lets +99:99 through.
  if (oh > 23 || om > 59) throw new InvalidDateTimeError(`"${value}" has an offset past 23:59`);
  const offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  const utc = new Date(wallClock - offsetMinutes * 60_000);
  // RFC 3339, and so the event's created_at, has four-digit years only.
  if (utc.getUTCFullYear() < 0 || utc.getUTCFullYear() > 9999) {
    throw new InvalidDateTimeError(`"${value}" falls outside the years 0000 to 9999 in UTC`);
  }
  const secondField = s === 60 ? 60 : utc.getUTCSeconds();
  return (
    `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}` +
    `T${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(secondField)}${fraction}Z`
  );
}
