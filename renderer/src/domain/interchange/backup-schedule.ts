// When an automatic backup is due. Days are the machine's local calendar days (an office thinks of
// "today's backup", not of 24-hour periods), passed in as YYYY-MM-DD strings so the rule stays pure.
import { addDays, daysBetween } from '../core/dates';
import type { IsoDate } from '../core/types';

export const BACKUP_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type BackupFrequency = (typeof BACKUP_FREQUENCIES)[number];

export const KEEP_MIN = 1;
export const KEEP_MAX = 100;
export const KEEP_DEFAULT = 7;

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

/** Clamps a typed "keep the last N" to the allowed range; anything unreadable gives the default. */
export function normaliseKeep(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n)) return KEEP_DEFAULT;
  return Math.min(KEEP_MAX, Math.max(KEEP_MIN, Math.round(n)));
}

/**
 * Automatic backups written beyond the newest `keep` (the list is newest first). The desktop
 * bridge may only write into the granted folder, never list or delete, so these are shown to the
 * user to delete by hand.
 */
export function backupsBeyondKeep(written: readonly string[], keep: number): string[] {
  return written.slice(normaliseKeep(keep));
}
