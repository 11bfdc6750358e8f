// When an automatic backup is due, in local calendar days; worked examples by hand.
import { describe, expect, it } from 'vitest';
import { backupsBeyondKeep, isBackupDue, localIsoDate, nextBackupDay, normaliseKeep } from '../../../../renderer/src/domain/interchange/backup-schedule';

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

describe('normaliseKeep / backupsBeyondKeep', () => {
  it.each([
    [7, 7],
    ['12', 12],
    [' 3 ', 3],
    [2.6, 3],
    [0, 1],
    [-5, 1],
    [1000, 100],
    ['many', 7],
    [undefined, 7],
    [NaN, 7],
  ] as const)('keep %j → %i', (input, want) => {
    expect(normaliseKeep(input)).toBe(want);
  });

  it('lists the automatic backups past the newest N (the list is newest first)', () => {
    const written = ['b-05.scwb', 'b-04.scwb', 'b-03.scwb', 'b-02.scwb', 'b-01.scwb'];
    expect(backupsBeyondKeep(written, 3)).toEqual(['b-02.scwb', 'b-01.scwb']);
    expect(backupsBeyondKeep(written, 5)).toEqual([]);
    expect(backupsBeyondKeep(written, 0)).toEqual(['b-04.scwb', 'b-03.scwb', 'b-02.scwb', 'b-01.scwb']);
  });
});
