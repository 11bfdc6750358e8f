// Backup and restore as the user meets them: every long step runs through runTask (progress per
// table, Cancel), files go through the platform (save dialog or download, backup folder, file
// picker), and failures become translated text. Also the automatic-backup check: at start and every
// 30 minutes; the desktop build writes into the chosen folder, the browser build shows a notice.
import { session } from '../../app/session.svelte';
import { createBackup, type BackupProgress } from '../../data/interchange/backup/create';
import {
  deleteLeftoverStaging,
  inspectBackup,
  listRestores,
  stageBackup,
  verifyBackup,
  type BackupSummary,
  type RestoreRecord,
  type RestoreResult,
  type StagedRestore,
} from '../../data/interchange/backup/restore';
import { listSafetyCopies, safetyCopyFile, type SafetyCopyInfo } from '../../data/interchange/backup/safety';
import {
  BACKUP_SETTINGS_KEYS,
  backupDueState,
  DEFAULT_SCHEDULE,
  getBackupSchedule,
  getBackupStatus,
  recordBackupAttempt,
  recordRestore,
  saveBackupSchedule,
  type BackupAttempt,
  type BackupSchedule,
  type BackupStatus,
} from '../../data/interchange/backup/schedule';
import { tableCounts } from '../../data/interchange/backup/tables';
import { getDb } from '../../data/context';
import { BACKUP_EXTENSION, BackupError, type BackupErrorCode } from '../../domain/interchange/backup-format';
import { retainBackups, retryDelayMs } from '../../domain/interchange/backup-schedule';
import { fmt, t, tDynamic } from '../../i18n/i18n.svelte';
import { desktopErrorCode, platform, type WriteTarget } from '../../platform';
import { pickLargeFile, saveBlob } from '../../platform/chunked';
import { checkSpace, isOutOfSpace, restoreSpaceNeeded, type SpaceCheck } from '../../domain/core/storage-space';
import { errorText, notify } from '../../ui/notify.svelte';
import { runTask, type Report } from '../../ui/task.svelte';
import type { TrailProblem } from '../../domain/trail/verify';
import { trailProblemText } from '../trail';

export const MIN_PASSPHRASE = 8;
const CHECK_EVERY_MS = 30 * 60 * 1000;
const RESTORED_FLASH = 'workbench.backup.restored';

const state = $state({
  schedule: DEFAULT_SCHEDULE as BackupSchedule,
  status: null as BackupStatus | null,
  due: false,
  nextDay: null as string | null,
  desktop: false,
  busy: false,
  /** When the next try of a failed automatic backup may run (epoch ms); null when none failed. */
  retryAt: null as number | null,
});

export const backupState = {
  get schedule(): BackupSchedule {
    return state.schedule;
  },
  get status(): BackupStatus | null {
    return state.status;
  },
  get due(): boolean {
    return state.due;
  },
  get nextDay(): string | null {
    return state.nextDay;
  },
  get desktop(): boolean {
    return state.desktop;
  },
  get busy(): boolean {
    return state.busy;
  },
  get retryAt(): number | null {
    return state.retryAt;
  },
  /** A due backup the browser build cannot write by itself: offered as a one-click download. */
  get showDueNotice(): boolean {
    return state.due && !state.desktop;
  },
  /** Desktop, backups on, no folder yet: the first-run choice of the backup folder. */
  get needsFolder(): boolean {
    return state.desktop && state.status !== null && state.schedule.frequency !== 'off' && !state.schedule.folder;
  },
  /**
   * Automatic backups have failed since the last success: the status bar says so (with the last
   * failure) until a backup succeeds.
   */
  get failing(): BackupAttempt | null {
    const s = state.status;
    if (!s || s.failuresInARow === 0) return null;
    // A status written before lastFailure was kept: the newest attempt, when it is the failure.
    return s.lastFailure ?? (s.last?.outcome === 'failed' ? s.last : { at: s.last?.at ?? '', outcome: 'failed', auto: true });
  },
};

export async function refreshBackupState(now = new Date()): Promise<void> {
  const db = getDb();
  const [schedule, status, info] = await Promise.all([getBackupSchedule(db), getBackupStatus(db), platform.appInfo()]);
  const due = backupDueState(schedule, status, now);
  Object.assign(state, { schedule, status, due: due.due, nextDay: due.nextDay, desktop: info.desktop });
}

export function tableLabel(name: string): string {
  return tDynamic('backup.tables', name);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return t('backup.size.bytes', { n: fmt.number(bytes) });
  if (bytes < 1024 ** 2) return t('backup.size.kb', { n: fmt.number(bytes / 1024, 1) });
  if (bytes < 1024 ** 3) return t('backup.size.mb', { n: fmt.number(bytes / 1024 ** 2, 1) });
  return t('backup.size.gb', { n: fmt.number(bytes / 1024 ** 3, 2) });
}

function whereText(where: string): string {
  const frame = /^frame (\d+)$/.exec(where);
  if (frame) return t('backup.where.frame', { n: frame[1] });
  if (where === 'header' || where === 'end' || where === 'trailer' || where === 'rows') return t(`backup.where.${where}`);
  return tableLabel(where);
}

/** Translated text for a thrown BackupError, DesktopError or anything else (never a stack). */
export function backupErrorText(e: unknown): string {
  if (e instanceof BackupError) {
    const detail = { ...e.detail };
    if (typeof detail.table === 'string') detail.table = tableLabel(detail.table);
    if (typeof detail.where === 'string') detail.where = whereText(detail.where);
    // A refused row names its problem with the exchange files' codes, translated the same way.
    for (const k of ['needed', 'available'] as const) if (typeof detail[k] === 'number') detail[k] = detail[k] < 0 ? '?' : formatSize(detail[k]);
    if (e.code === 'trail-broken') {
      const d = e.detail;
      const problem = { code: String(d.problem), desk: d.desk as string | undefined, seq: d.seq as number | undefined, entryId: d.entryId as string | undefined, entity: d.entity as string | undefined, recordId: d.recordId as string | undefined } as TrailProblem;
      const fingerprint = typeof d.fingerprint === 'string' ? d.fingerprint.slice(0, 9) : '';
      detail.problem = trailProblemText(problem, (desk) => fingerprint || (desk ?? '').slice(0, 8)).replace(/[。.]$/, '');
    } else if (typeof detail.problem === 'string') detail.problem = tDynamic('exchange.problems', detail.problem, e.detail).replace(/[。.]$/, '');
    return tDynamic('backup.errors', e.code, detail);
  }
  switch (desktopErrorCode(e)) {
    case 'disk-full':
      return t('backup.errors.diskFull');
    case 'secure-storage-unavailable':
      return t('backup.errors.secureStorage');
    case 'folder-not-granted':
      return t('backup.errors.folder');
    case 'write-failed':
      return t('backup.errors.write');
    case 'file-too-large':
      return t('backup.errors.tooLarge');
    case 'read-failed':
      return t('backup.errors.read');
    default:
      return errorText(e);
  }
}

/** The failure recorded in a status entry, in the current language. */
export function attemptErrorText(a: BackupAttempt): string {
  if (!a.error) return '';
  if (desktopErrorCode(`desktop-error:${a.error}`)) return backupErrorText(`desktop-error:${a.error}`);
  return backupErrorText(new BackupError(a.error as BackupErrorCode, a.errorDetail ?? {}));
}

function reporter(report: Report): (p: BackupProgress) => void {
  return (p) => report({ done: p.done, total: p.total, step: t(`backup.stage.${p.stage}`, { table: p.table ? tableLabel(p.table) : '' }) });
}

/**
 * Runs a task whose BackupErrors and file errors (DesktopError) the caller shows itself, next to a
 * field; others become toasts.
 */
async function runKeepingBackupErrors<T>(title: string, work: (signal: AbortSignal, report: Report) => Promise<T>): Promise<T | undefined> {
  let failure: unknown = null;
  const value = await runTask(title, async (signal, report) => {
    try {
      return await work(signal, report);
    } catch (e) {
      if ((e instanceof BackupError || desktopErrorCode(e) !== null) && !signal.aborted) {
        failure = e;
        return undefined;
      }
      throw e;
    }
  });
  if (failure) throw failure;
  return value;
}

/**
 * Backs up now: a save dialog (browser: a download), or for an automatic backup on the desktop the
 * chosen folder. The outcome is recorded in the backup status either way.
 */
export async function backupNow(opts: { passphrase?: string; auto?: boolean } = {}): Promise<BackupAttempt | undefined> {
  if (state.busy) {
    notify(t('backup.errors.busy'), 'info');
    return undefined;
  }
  state.busy = true;
  const auto = opts.auto === true;
  const folder = state.schedule.folder;
  let attempt: BackupAttempt | undefined;
  try {
    attempt = await runTask(t(auto ? 'backup.task.autoBackup' : 'backup.task.backup'), async (signal, report) => {
      const db = getDb();
      const tried: BackupAttempt = { at: new Date().toISOString(), outcome: 'failed', auto, encrypted: !!opts.passphrase };
      try {
        const info = await platform.appInfo();
        // Automatic backups take the office's passphrase from the desktop's safeStorage, when set.
        let passphrase = opts.passphrase || undefined;
        if (auto && state.schedule.encrypted) {
          passphrase = (await platform.backupPassphrase?.()) ?? undefined;
          if (!passphrase) throw new BackupError('auto-passphrase-missing');
          tried.encrypted = true;
        }
        const created = await createBackup(db, {
          appVersion: info.version,
          createdBy: session.operatorName,
          passphrase,
          signal,
          onProgress: reporter(report),
        });
        report({ step: t('backup.stage.save'), done: 0, total: created.blob.size });
        Object.assign(tried, { at: created.header.createdAt, file: created.fileName, bytes: created.blob.size });
        // In chunks on the desktop (no single IPC payload, no size ceiling); a download in a browser.
        const target: WriteTarget =
          auto && folder
            ? { kind: 'folder', folder, name: created.fileName }
            : { kind: 'dialog', suggestedName: created.fileName, filters: [{ name: t('backup.fileType'), extensions: [BACKUP_EXTENSION] }] };
        const saved = await saveBlob(platform, created.blob, target, { signal, onProgress: (done, total) => report({ step: t('backup.stage.save'), done, total }) });
        tried.outcome = saved.saved ? 'ok' : 'cancelled';
        tried.path = saved.path;
        await recordBackupAttempt(db, tried);
        return tried;
      } catch (e) {
        tried.outcome = signal.aborted ? 'cancelled' : 'failed';
        if (!signal.aborted) {
          tried.error = e instanceof BackupError ? e.code : (desktopErrorCode(e) ?? 'write');
          if (e instanceof BackupError) tried.errorDetail = e.detail;
        }
        await recordBackupAttempt(db, tried).catch(() => undefined);
        if (signal.aborted) throw e;
        throw new Error(backupErrorText(e));
      }
    });
  } finally {
    state.busy = false;
    await refreshBackupState().catch(() => undefined);
  }
  if (attempt?.outcome === 'ok') notify(t('backup.now.saved', { file: attempt.path ?? attempt.file ?? '', size: formatSize(attempt.bytes ?? 0) }), 'success');
  else if (attempt?.outcome === 'cancelled') notify(t('backup.now.notSaved'), 'info');
  return attempt;
}

/**
 * Saves the schedule; `passphrase` (desktop) sets the one automatic backups are encrypted with
 * (kept by safeStorage), null forgets it, undefined leaves it as it is.
 */
export async function saveSchedule(schedule: BackupSchedule, passphrase?: string | null): Promise<void> {
  if (passphrase !== undefined && platform.setBackupPassphrase) await platform.setBackupPassphrase(schedule.encrypted ? passphrase : null);
  await saveBackupSchedule(getDb(), schedule);
  state.retryAt = null;
  await checkSchedule();
}

/** Asks the desktop shell for a backup folder (granted for later writes); null in a browser or when dismissed. */
export function chooseBackupFolder(): Promise<string | null> {
  return platform.chooseFolder();
}

/** First run on the desktop: the default folder under the user's Documents (created and granted), or one the user picks. */
export async function setBackupFolder(choice: 'default' | 'choose'): Promise<void> {
  const folder = choice === 'default' ? ((await platform.defaultBackupFolder?.()) ?? null) : await platform.chooseFolder();
  if (!folder) return;
  await saveSchedule({ ...state.schedule, folder });
}

/** Keeps 7 daily, 4 weekly and 12 monthly automatic backups in the folder; the rest are deleted. */
async function applyRetention(folder: string): Promise<void> {
  const { listBackupFolder, deleteFromBackupFolder } = platform;
  if (!listBackupFolder || !deleteFromBackupFolder) return;
  const names = (await listBackupFolder(folder)).map((e) => e.name);
  for (const name of retainBackups(names).remove) await deleteFromBackupFolder(folder, name);
}

let retryTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Runs a due automatic backup where the app may write by itself (desktop, folder chosen). A run
 * missed while the app was closed is due at the next start (the due rule counts calendar days). A
 * failure is retried after 1, 5, 15 minutes and then hourly, and stays in the status bar until a
 * backup succeeds.
 */
export async function checkSchedule(now = new Date()): Promise<void> {
  await refreshBackupState(now);
  if (!state.due || state.busy || !state.desktop || !state.schedule.folder) return;
  if (state.retryAt !== null && now.getTime() < state.retryAt) return;
  const folder = state.schedule.folder;
  const attempt = await backupNow({ auto: true });
  if (attempt?.outcome === 'ok') {
    state.retryAt = null;
    await applyRetention(folder).catch((e: unknown) => console.warn('backup retention', e));
    return;
  }
  const delay = retryDelayMs(state.status?.failuresInARow ?? 1);
  state.retryAt = now.getTime() + delay;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void checkSchedule().catch(() => undefined), delay);
}

/** Checks at start and every 30 minutes while the app is open; returns the stop function. */
export function startBackupScheduler(): () => void {
  void deleteLeftoverStaging(getDb().name).catch(() => 0);
  const tick = () => void checkSchedule().catch(() => undefined);
  tick();
  const timer = setInterval(tick, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}

// ---- Restore ------------------------------------------------------------------------------------

export interface OpenedBackup {
  name: string;
  bytes: Uint8Array;
  summary: BackupSummary;
}

/**
 * File picker, then the file read (in chunks on the desktop, with progress and Cancel, any size a
 * backup can have), then a structural look at it. Null when dismissed or cancelled. Throws
 * BackupError / DesktopError (see backupErrorText).
 */
export async function pickBackupFile(): Promise<OpenedBackup | null> {
  const picked = await pickLargeFile(platform, [{ name: t('backup.fileType'), extensions: [BACKUP_EXTENSION] }]);
  if (!picked) return null;
  try {
    const bytes = await runKeepingBackupErrors(t('backup.task.read'), (signal, report) =>
      picked.read({ signal, onProgress: (done, total) => report({ step: t('backup.stage.read-file'), done, total }) }),
    );
    if (!bytes) return null;
    return { name: picked.name, bytes, summary: await inspectBackup(bytes, getDb().verno) };
  } finally {
    await picked.discard();
  }
}

/**
 * Every checksum and the passphrase, then the whole backup staged and checked (every row against
 * the record schemas, seals, signatures, the audit trail), all before the person is asked to
 * confirm: a backup that does not verify is refused here and never shown as verified. The space a
 * restore needs is checked first. Undefined when cancelled. Throws BackupError for the dialog to
 * show. The staging database waits for restoreStaged or discard().
 */
export async function verifyOpened(file: OpenedBackup, passphrase: string, source: 'file' | 'safety-copy' = 'file'): Promise<StagedRestore | undefined> {
  if (state.busy) throw new BackupError('busy');
  state.busy = true;
  try {
    const space = await restoreSpace(file.bytes.byteLength);
    if (!space.ok) throw new BackupError('no-space', { needed: space.needed, available: space.available });
    return await runKeepingBackupErrors(t('backup.task.verify'), async (signal, report) => {
      const onProgress = reporter(report);
      try {
        const verified = await verifyBackup(file.bytes, { currentSchemaVersion: getDb().verno, passphrase: passphrase || undefined, signal, onProgress, ownSafetyCopy: source === 'safety-copy' });
        return await stageBackup(getDb(), verified, { signal, onProgress, ownSafetyCopy: source === 'safety-copy' });
      } catch (e) {
        if (isOutOfSpace(e)) throw new BackupError('no-space', { needed: space.needed, available: Number.isFinite(space.available) ? space.available : -1 });
        throw e;
      }
    });
  } finally {
    state.busy = false;
  }
}

export function currentSchemaVersion(): number {
  return getDb().verno;
}

export function currentTableCounts(): Promise<Record<string, number>> {
  return tableCounts(getDb());
}

/**
 * Keeps the live data as a safety copy and swaps the staged backup in; undefined when cancelled
 * (the live data is then unchanged). The restore is logged in the change log by the swap itself.
 * The staging database is gone afterwards either way.
 */
export async function restoreStaged(staged: StagedRestore, source: 'file' | 'safety-copy' = 'file'): Promise<RestoreResult | undefined> {
  if (state.busy) throw new BackupError('busy');
  state.busy = true;
  try {
    const { version } = await platform.appInfo();
    const result = await runKeepingBackupErrors(t('backup.task.restore'), async (signal, report) => {
      try {
        return await staged.apply(getDb(), {
          signal,
          onProgress: reporter(report),
          keepSettings: BACKUP_SETTINGS_KEYS,
          safetyCopy: { appVersion: version },
          log: { by: session.operatorName, source },
        });
      } catch (e) {
        // The browser's quota or the disk ran out mid-way; the transaction rolled back.
        if (isOutOfSpace(e)) throw new BackupError('no-space', { needed: -1, available: -1 });
        throw e;
      }
    });
    if (result) await recordRestore(getDb(), { at: new Date().toISOString(), backupCreatedAt: staged.header.createdAt, by: session.operatorName });
    return result;
  } finally {
    state.busy = false;
    await staged.discard();
  }
}

/**
 * Room for a restore: the origin's quota (navigator.storage.estimate) and, on the desktop, the disk.
 * The live database's size is taken as the origin's usage.
 */
export async function restoreSpace(backupBytes: number): Promise<SpaceCheck> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  const usage = estimate?.usage ?? 0;
  const quotaLeft = estimate?.quota !== undefined ? estimate.quota - usage : undefined;
  const disk = platform.diskSpace ? (await platform.diskSpace().catch(() => null))?.free : undefined;
  return checkSpace(restoreSpaceNeeded(backupBytes, usage), [quotaLeft, disk]);
}

export function safetyCopies(): Promise<SafetyCopyInfo[]> {
  return listSafetyCopies(getDb().name);
}

export function restoreHistory(): Promise<RestoreRecord[]> {
  return listRestores(getDb());
}

/** Verifies a kept safety copy like any backup file and restores it; undefined when cancelled. */
export async function restoreSafetyCopy(id: string): Promise<RestoreResult | undefined> {
  const file = await safetyCopyFile(getDb().name, id);
  if (!file) throw new Error(t('backup.restore.safety.missing'));
  const bytes = new Uint8Array(await file.arrayBuffer());
  const opened: OpenedBackup = { name: id, bytes, summary: await inspectBackup(bytes, getDb().verno) };
  const staged = await verifyOpened(opened, '', 'safety-copy');
  return staged ? restoreStaged(staged, 'safety-copy') : undefined;
}

/**
 * Reloads the app after a restore, so every screen and the operator profile come from the restored
 * data; the success message is shown after the reload.
 */
export function reloadAfterRestore(rows: number): void {
  try {
    sessionStorage.setItem(RESTORED_FLASH, String(rows));
  } catch {
    // Without session storage the reload still happens; only the message is lost.
  }
  location.reload();
}

export function takeRestoredFlash(): number | null {
  try {
    const v = sessionStorage.getItem(RESTORED_FLASH);
    sessionStorage.removeItem(RESTORED_FLASH);
    return v === null ? null : Number(v);
  } catch {
    return null;
  }
}
