import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  maxDate,
  minDate,
  monthsLaterDay,
  toDayNumber,
  todayIso,
} from '../../../../renderer/src/domain/core/dates';

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true], // 2024 is divisible by 4
    ['2023-02-29', false], // 2023 is not
    ['2000-02-29', true], // divisible by 400
    ['2100-02-29', false], // divisible by 100, not 400
    ['2024-04-30', true],
    ['2024-04-31', false], // April has 30 days
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false], // two-digit month required
    ['24-01-01', false],
    ['2024-01-01T00:00', false],
    [20240101, false],
    [null, false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('isLeapYear / daysInMonth', () => {
  it.each([
    [2024, true],
    [2023, false],
    [1900, false],
    [2000, true],
    [2100, false],
  ])('leap year %i → %s', (y, expected) => expect(isLeapYear(y)).toBe(expected));

  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2024, 4, 30],
    [2024, 12, 31],
    [2024, 1, 31],
  ])('%i-%i has %i days', (y, m, d) => expect(daysInMonth(y, m)).toBe(d));
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    // 1970→2000: 30 × 365 + 7 leap days (1972 … 1996) = 10 957; + 31 (Jan) + 29 (Feb 2000) = 11 017
    ['2000-03-01', 11_017],
  ])('toDayNumber(%s) = %i and back', (date, day) => {
    expect(toDayNumber(date)).toBe(day);
    expect(fromDayNumber(day)).toBe(date);
  });

  it('rejects an invalid date instead of rolling it over', () => {
    expect(() => toDayNumber('2023-02-29')).toThrow(RangeError);
  });
});

describe('addDays / daysBetween across month ends and leap days', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'], // leap day exists in 2024
    ['2023-02-28', 1, '2023-03-01'], // and not in 2023
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-31', 30, '2024-03-01'], // 29 days to 02-29, one more to 03-01
    ['2025-01-31', 30, '2025-03-02'], // 28 days to 02-28, two more
    ['2024-06-15', 0, '2024-06-15'],
  ])('%s + %i = %s', (from, days, to) => {
    expect(addDays(from, days)).toBe(to);
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2024-01-01', '2025-01-01', 366],
    ['2023-01-01', '2024-01-01', 365],
    ['2025-01-01', '2024-01-01', -366],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => expect(daysBetween(a, b)).toBe(n));
});

describe('addMonths / addYears clamp to the month end', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-11-15', 3, '2025-02-15'],
    ['2024-01-15', -13, '2022-12-15'],
    ['2024-05-31', 1, '2024-06-30'],
  ])('%s + %i months = %s', (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
    // The day-number form the outlook steps fee periods with lands on the same day.
    expect(monthsLaterDay(Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10)), n)).toBe(toDayNumber(to));
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2020-01-01', 10, '2030-01-01'],
  ])('%s + %i years = %s', (from, n, to) => expect(addYears(from, n)).toBe(to));
});

describe('comparisons and today', () => {
  it('orders ISO strings as dates', () => {
    expect(compareDates('2024-01-01', '2024-01-02')).toBe(-1);
    expect(compareDates('2024-01-02', '2024-01-01')).toBe(1);
    expect(compareDates('2024-01-01', '2024-01-01')).toBe(0);
    expect(maxDate('2024-12-31', '2025-01-01')).toBe('2025-01-01');
    expect(minDate('2024-12-31', '2025-01-01')).toBe('2024-12-31');
  });

  it('todayIso takes the UTC date of the instant', () => {
    expect(todayIso(new Date('2026-11-22T23:59:59.000Z'))).toBe('2026-11-22');
    expect(todayIso(new Date('2026-11-23T00:00:00.000Z'))).toBe('2026-11-23');
  });
});
