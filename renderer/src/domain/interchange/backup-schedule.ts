// When an automatic backup is due. Days are the machine's local calendar days (an office thinks of
// "today's backup", not of 24-hour periods), passed in as YYYY-MM-DD strings so the rule stays pure.
import { addDays, daysBetween, isIsoDate, toDayNumber } from '../core/dates';
import type { IsoDate } from '../core/types';

export const BACKUP_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type BackupFrequency = (typeof BACKUP_FREQUENCIES)[number];

const INTERVAL_DAYS: Record<Exclude<BackupFrequency, 'off'>, number> = { daily: 1, weekly: 7 };

/** The local calendar date of an instant (not UTC: a backup at 07:30 in Beijing is that day's). */
export function localIsoDate(at: Date): IsoDate {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/** The day the next automatic backup falls due; today when none was ever made; null when off. */
export function nextBackupDay(frequency: BackupFrequency, lastSuccessDay: IsoDate | null, today: IsoDate): IsoDate | null {
  if (frequency === 'off') return null;
  if (!lastSuccessDay) return today;
  return addDays(lastSuccessDay, INTERVAL_DAYS[frequency]);
}

/**
 * Due when the interval has passed since the last successful backup, counted in calendar days.
 * A clock set back (last backup "in the future") is treated as due rather than silently skipped
 * for days.
 */
export function isBackupDue(frequency: BackupFrequency, lastSuccessDay: IsoDate | null, today: IsoDate): boolean {
  if (frequency === 'off') return false;
  if (!lastSuccessDay) return true;
  const elapsed = daysBetween(lastSuccessDay, today);
  return elapsed < 0 || elapsed >= INTERVAL_DAYS[frequency];
}

/** Automatic backups kept in the folder: the newest of each of the last 7 days, 4 weeks and 12 months. */
export const RETENTION = { daily: 7, weekly: 4, monthly: 12 } as const;

const AUTO_NAME = /^workbench-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(?:-(\d+))?\.scwb$/;

/** The local day and sortable time of an automatic backup, from its name; null for other names. */
export function backupNameTime(name: string): { day: IsoDate; sortKey: string } | null {
  const m = AUTO_NAME.exec(name);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isIsoDate(day) || Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  return { day, sortKey: `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}-${(m[6] ?? '0').padStart(6, '0')}` };
}

/**
 * Grandfather-father-son retention over the app's own automatic backups (names as backupFileName
 * gives them): the newest backup of each of the RETENTION.daily most recent days that have one, of
 * each of the RETENTION.weekly most recent weeks (Monday to Sunday) and of each of the
 * RETENTION.monthly most recent months. Everything else is removed; names that are not the app's
 * automatic backups are never touched.
 */
export function retainBackups(names: readonly string[]): { keep: string[]; remove: string[] } {
  const dated = names
    .map((name) => ({ name, t: backupNameTime(name) }))
    .filter((b): b is { name: string; t: NonNullable<ReturnType<typeof backupNameTime>> } => b.t !== null)
    .sort((a, b) => (a.t.sortKey < b.t.sortKey ? 1 : a.t.sortKey > b.t.sortKey ? -1 : 0));
  const keep = new Set<string>();
  const newestPer = (key: (day: IsoDate) => string | number, count: number) => {
    const seen = new Set<string | number>();
    for (const b of dated) {
      const k = key(b.t.day);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b.name);
    }
  };
  newestPer((day) => day, RETENTION.daily);
  // Day 0 (1970-01-01) was a Thursday: +3 puts Monday at the start of each week.
  newestPer((day) => Math.floor((toDayNumber(day) + 3) / 7), RETENTION.weekly);
  newestPer((day) => day.slice(0, 7), RETENTION.monthly);
  return { keep: dated.filter((b) => keep.has(b.name)).map((b) => b.name), remove: dated.filter((b) => !keep.has(b.name)).map((b) => b.name) };
}

/** Waits between retries of a failed automatic backup: 1, 5, 15 minutes, then hourly. */
const RETRY_MINUTES = [1, 5, 15, 60];

export function retryDelayMs(failuresInARow: number): number {
  const i = Math.min(Math.max(failuresInARow, 1), RETRY_MINUTES.length) - 1;
  return RETRY_MINUTES[i] * 60_000;
}
