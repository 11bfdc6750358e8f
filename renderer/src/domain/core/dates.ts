// Calendar dates are `YYYY-MM-DD` strings. All arithmetic goes through UTC day numbers so a
// machine's time zone or daylight-saving change can never shift a due date by a day.
import type { IsoDate } from './types';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2023-02-29). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month1to12: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month1to12 - 1];
}

/** Days since 1970-01-01 (UTC) for an ISO date. Throws on an invalid date: callers validate input first. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`invalid date: ${String(date).slice(0, 20)}`);
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Adds calendar months; the day is clamped to the month's end (01-31 + 1 month = 02-28/29),
 * which is how contracts read "one month after".
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  shiftMonths(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)), months);
  return `${String(shifted.y).padStart(4, '0')}-${String(shifted.m).padStart(2, '0')}-${String(shifted.d).padStart(2, '0')}`;
}

/**
 * The UTC day number of y-m-d (m 1–12) moved by `months` as addMonths moves a date, without
 * building its text: the outlook steps every projected fee period by it.
 */
export function monthsLaterDay(y: number, m: number, d: number, months: number): number {
  shiftMonths(y, m, d, months);
  return civilDayNumber(shifted.y, shifted.m, shifted.d);
}

/** addMonths' rule, written to `shifted` (dates are computed synchronously, one at a time). */
const shifted = { y: 0, m: 0, d: 0 };
function shiftMonths(y: number, m1to12: number, d: number, months: number): void {
  const m = m1to12 - 1 + months;
  shifted.y = y + Math.floor(m / 12);
  shifted.m = ((m % 12) + 12) % 12 + 1;
  shifted.d = Math.min(d, daysInMonth(shifted.y, shifted.m));
}

/** Days since 1970-01-01 of a proleptic Gregorian date given as numbers (days-from-civil; no Date objects). */
export function civilDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Today's date in UTC, or the date of a given instant. */
export function todayIso(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
