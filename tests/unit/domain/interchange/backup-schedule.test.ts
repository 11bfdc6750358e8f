// When an automatic backup is due, in local calendar days; worked examples by hand.
import { describe, expect, it } from 'vitest';
import { isBackupDue, localIsoDate, nextBackupDay, retainBackups, retryDelayMs } from '../../../../renderer/src/domain/interchange/backup-schedule';

describe('isBackupDue / nextBackupDay', () => {
  it.each([
    // frequency, last successful backup day, today, due?, next day
    ['off', null, '2026-11-24', false, null],
    ['off', '2026-01-01', '2026-11-24', false, null],
    // Never backed up: due at once, today.
    ['daily', null, '2026-11-24', true, '2026-11-24'],
    ['weekly', null, '2026-11-24', true, '2026-11-24'],
    // Daily: yesterday's backup makes today due (24 − 23 = 1 day ≥ 1); today's does not (0 days).
    ['daily', '2026-11-23', '2026-11-24', true, '2026-11-24'],
    ['daily', '2026-11-24', '2026-11-24', false, '2026-11-25'],
    // Across a month and a leap day: 2028-02-28 + 1 = 2028-02-29.
    ['daily', '2028-02-28', '2028-02-29', true, '2028-02-29'],
    // Weekly: 17 → 24 November is 7 days, due; 18 → 24 is 6 days, not yet (next 25th).
    ['weekly', '2026-11-17', '2026-11-24', true, '2026-11-24'],
    ['weekly', '2026-11-18', '2026-11-24', false, '2026-11-25'],
    // Across the year end: 2026-12-28 + 7 = 2027-01-04.
    ['weekly', '2026-12-28', '2027-01-03', false, '2027-01-04'],
    ['weekly', '2026-12-28', '2027-01-04', true, '2027-01-04'],
    // A clock set back (last backup "tomorrow") is due rather than skipped for days.
    ['daily', '2026-11-25', '2026-11-24', true, '2026-11-26'],
  ] as const)('%s, last %s, today %s → due %s, next %s', (frequency, last, today, due, next) => {
    expect(isBackupDue(frequency, last, today)).toBe(due);
    expect(nextBackupDay(frequency, last, today)).toBe(next);
  });
});

describe('localIsoDate', () => {
  it('uses the local calendar day, not the UTC one', () => {
    // new Date(y, m, d, h) is local time, so the local day is the one given whatever the zone.
    expect(localIsoDate(new Date(2026, 0, 1, 0, 30))).toBe('2026-01-01');
    expect(localIsoDate(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });
});

const name = (day: string, hhmm = '0900') => `workbench-backup-${day.replaceAll('-', '')}-${hhmm}.scwb`;

/** One backup a day from `from` to `to` inclusive (UTC arithmetic on the calendar days). */
function daily(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(name(new Date(d).toISOString().slice(0, 10)));
  return out;
}

describe('retainBackups (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps the newest of each of the last 7 days, 4 weeks (Mon–Sun) and 12 months of a year of daily backups', () => {
    const { keep, remove } = retainBackups(daily('2025-10-01', '2026-11-24'));
    expect(keep).toEqual([
      // 7 days: Tue 24 back to Wed 18 November (the week of the 24th and its Sunday 22nd among them)
      ...['2026-11-24', '2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18'].map((d) => name(d)),
      // weeks 9–15 and 2–8 November: their Sundays
      name('2026-11-15'),
      name('2026-11-08'),
      // months: the last day of each of October 2026 … December 2025
      ...['2026-10-31', '2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30', '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31', '2025-12-31'].map((d) => name(d)),
    ]);
    expect(keep.length + remove.length).toBe(420);
    expect(remove).toContain(name('2025-11-30'));
  });

  it.each([
    // names, kept (newest first)
    [[name('2026-11-24', '0900'), name('2026-11-24', '1730')], [name('2026-11-24', '1730')]],
    [[name('2026-11-20'), name('2026-11-24')], [name('2026-11-24'), name('2026-11-20')]],
    [['notes.docx', name('2026-11-24'), 'workbench-backup-20261332-0900.scwb'], [name('2026-11-24')]],
    [[name('2026-11-24', '0900'), 'workbench-backup-20261124-0900-2.scwb'], ['workbench-backup-20261124-0900-2.scwb']],
    [[], []],
  ])('%j → keeps %j', (names, kept) => {
    expect(retainBackups(names).keep).toEqual(kept);
  });

  it('never lists names that are not the app’s automatic backups for removal', () => {
    expect(retainBackups(['report.pdf', 'workbench-backup-x.scwb', ...daily('2026-01-01', '2026-03-01')]).remove).not.toContain('report.pdf');
  });
});

describe('retryDelayMs', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 5],
    [3, 15],
    [4, 60],
    [30, 60],
  ])('after %i failures → %i min', (failures, minutes) => {
    expect(retryDelayMs(failures)).toBe(minutes * 60_000);
  });
});
