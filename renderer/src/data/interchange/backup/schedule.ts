// The automatic-backup schedule and the record of backups made, kept in the settings table.
// Both describe this installation rather than the office's data, so a restore keeps the live
// values (BACKUP_SETTINGS_KEYS) instead of taking the ones inside the backup.
import { BACKUP_FREQUENCIES, isBackupDue, localIsoDate, nextBackupDay, type BackupFrequency } from '../../../domain/interchange/backup-schedule';
import type { IsoDate } from '../../../domain/core/types';
import type { WorkbenchDb } from '../../db';
import { getSetting, setSetting } from '../../settings';

export const BACKUP_SCHEDULE_KEY = 'backup.schedule';
export const BACKUP_STATUS_KEY = 'backup.status';
export const BACKUP_SETTINGS_KEYS = [BACKUP_SCHEDULE_KEY, BACKUP_STATUS_KEY] as const;

export interface BackupSchedule {
  frequency: BackupFrequency;
  /** Desktop: the folder granted through platform.chooseFolder; null until one is picked at first run. */
  folder: string | null;
  /**
   * Desktop: automatic backups are encrypted with the office's passphrase, which the desktop shell
   * keeps with Electron safeStorage (never in this database).
   */
  encrypted: boolean;
}

export type BackupOutcome = 'ok' | 'failed' | 'cancelled';

export interface BackupAttempt {
  at: string;
  outcome: BackupOutcome;
  auto: boolean;
  file?: string;
  bytes?: number;
  encrypted?: boolean;
  /** Where it went, when the platform says (desktop save dialog or backup folder). */
  path?: string;
  /** BackupError / DesktopError code or a short message, for a failed attempt. */
  error?: string;
  errorDetail?: Record<string, string | number>;
}

export interface BackupStatus {
  last: BackupAttempt | null;
  lastSuccess: BackupAttempt | null;
  /** Automatic backups that failed since the last success (sets the retry delay). */
  failuresInARow: number;
  /**
   * The newest failed automatic backup since the last success: what the status bar shows until a
   * backup succeeds, whatever attempts (a cancelled manual one, say) came after it.
   */
  lastFailure: BackupAttempt | null;
  lastRestore: { at: string; backupCreatedAt: string; by: string } | null;
}

/** Backups are on unless the office turns them off: daily, into the folder chosen at first run. */
export const DEFAULT_SCHEDULE: BackupSchedule = { frequency: 'daily', folder: null, encrypted: false };
const EMPTY_STATUS: BackupStatus = { last: null, lastSuccess: null, failuresInARow: 0, lastFailure: null, lastRestore: null };

export async function getBackupSchedule(db: WorkbenchDb): Promise<BackupSchedule> {
  const s = await getSetting<Partial<BackupSchedule>>(db, BACKUP_SCHEDULE_KEY);
  return {
    frequency: BACKUP_FREQUENCIES.includes(s?.frequency as BackupFrequency) ? (s!.frequency as BackupFrequency) : DEFAULT_SCHEDULE.frequency,
    folder: typeof s?.folder === 'string' && s.folder ? s.folder : null,
    encrypted: s?.encrypted === true,
  };
}

export async function saveBackupSchedule(db: WorkbenchDb, schedule: BackupSchedule): Promise<void> {
  await setSetting(db, BACKUP_SCHEDULE_KEY, { frequency: schedule.frequency, folder: schedule.folder, encrypted: schedule.encrypted });
}

export async function getBackupStatus(db: WorkbenchDb): Promise<BackupStatus> {
  const s = await getSetting<Partial<BackupStatus>>(db, BACKUP_STATUS_KEY);
  return { ...EMPTY_STATUS, ...s, failuresInARow: Number.isSafeInteger(s?.failuresInARow) ? s!.failuresInARow! : 0 };
}

async function updateStatus(db: WorkbenchDb, change: (s: BackupStatus) => BackupStatus): Promise<BackupStatus> {
  return db.transaction('rw', db.settings, async () => {
    const next = change(await getBackupStatus(db));
    await setSetting(db, BACKUP_STATUS_KEY, next);
    return next;
  });
}

export function recordBackupAttempt(db: WorkbenchDb, attempt: BackupAttempt): Promise<BackupStatus> {
  return updateStatus(db, (s) => ({
    ...s,
    last: attempt,
    lastSuccess: attempt.outcome === 'ok' ? attempt : s.lastSuccess,
    failuresInARow: attempt.outcome === 'ok' ? 0 : attempt.auto && attempt.outcome === 'failed' ? s.failuresInARow + 1 : s.failuresInARow,
    lastFailure: attempt.outcome === 'ok' ? null : attempt.auto && attempt.outcome === 'failed' ? attempt : s.lastFailure,
  }));
}

export function recordRestore(db: WorkbenchDb, restore: NonNullable<BackupStatus['lastRestore']>): Promise<BackupStatus> {
  return updateStatus(db, (s) => ({ ...s, lastRestore: restore }));
}

export interface BackupDueState {
  due: boolean;
  /** Local day of the next automatic backup; null when the schedule is off. */
  nextDay: IsoDate | null;
}

export function backupDueState(schedule: BackupSchedule, status: BackupStatus, now: Date): BackupDueState {
  const last = status.lastSuccess ? localIsoDate(new Date(status.lastSuccess.at)) : null;
  const today = localIsoDate(now);
  return { due: isBackupDue(schedule.frequency, last, today), nextDay: nextBackupDay(schedule.frequency, last, today) };
}
