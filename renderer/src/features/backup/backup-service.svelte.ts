// Backup and restore as the user meets them: every long step runs through runTask (progress per
// table, Cancel), files go through the platform (save dialog or download, backup folder, file
// picker), and failures become translated text. Also the automatic-backup check: at start and every
// 30 minutes; the desktop build writes into the chosen folder, the browser build shows a notice.
import { session } from '../../app/session.svelte';
import { createBackup, type BackupProgress } from '../../data/interchange/backup/create';
import { deleteLeftoverStaging, inspectBackup, restoreBackup, verifyBackup, type BackupSummary, type RestoreResult, type VerifiedBackup } from '../../data/interchange/backup/restore';
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
import { fmt, t, tDynamic } from '../../i18n/i18n.svelte';
import { desktopErrorCode, platform } from '../../platform';
import { errorText, notify } from '../../ui/notify.svelte';
import { runTask, type Report } from '../../ui/task.svelte';

export const MIN_PASSPHRASE = 8;
const CHECK_EVERY_MS = 30 * 60 * 1000;
/** The desktop bridge's ceiling for opened files (electron/validate.ts LIMITS.openBytes). */
const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;
const RESTORED_FLASH = 'workbench.backup.restored';

const state = $state({
  schedule: DEFAULT_SCHEDULE as BackupSchedule,
  status: null as BackupStatus | null,
  due: false,
  nextDay: null as string | null,
  desktop: false,
  busy: false,
  /** An automatic backup failed in this session: not retried every half hour, the notice shows instead. */
  autoFailed: false,
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
  /** A due backup the app will not write by itself: the browser build, no folder, or a failed try. */
  get showDueNotice(): boolean {
    return state.due && !(state.desktop && state.schedule.folder && !state.autoFailed);
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
    if (typeof detail.problem === 'string') detail.problem = tDynamic('exchange.problems', detail.problem, e.detail).replace(/[。.]$/, '');
    return tDynamic('backup.errors', e.code, detail);
  }
  switch (desktopErrorCode(e)) {
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

/** Runs a task whose BackupErrors the caller shows itself (next to a field); others become toasts. */
async function runKeepingBackupErrors<T>(title: string, work: (signal: AbortSignal, report: Report) => Promise<T>): Promise<T | undefined> {
  let failure: BackupError | null = null;
  const value = await runTask(title, async (signal, report) => {
    try {
      return await work(signal, report);
    } catch (e) {
      if (e instanceof BackupError && !signal.aborted) {
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
        const created = await createBackup(db, {
          appVersion: info.version,
          createdBy: session.operatorName,
          passphrase: opts.passphrase || undefined,
          signal,
          onProgress: reporter(report),
        });
        report({ step: t('backup.stage.save'), done: 0, total: 0 });
        const data = new Uint8Array(await created.blob.arrayBuffer());
        signal.throwIfAborted();
        Object.assign(tried, { at: created.header.createdAt, file: created.fileName, bytes: data.byteLength });
        if (auto && folder) {
          tried.path = (await platform.writeFileToFolder(folder, created.fileName, data)).path;
          tried.outcome = 'ok';
        } else {
          const saved = await platform.saveFile({ suggestedName: created.fileName, data, filters: [{ name: t('backup.fileType'), extensions: [BACKUP_EXTENSION] }] });
          tried.outcome = saved.saved ? 'ok' : 'cancelled';
          tried.path = saved.path;
        }
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
    if (auto && attempt?.outcome !== 'ok') state.autoFailed = true;
    await refreshBackupState().catch(() => undefined);
  }
  if (attempt?.outcome === 'ok') notify(t('backup.now.saved', { file: attempt.path ?? attempt.file ?? '', size: formatSize(attempt.bytes ?? 0) }), 'success');
  else if (attempt?.outcome === 'cancelled') notify(t('backup.now.notSaved'), 'info');
  return attempt;
}

export async function saveSchedule(schedule: BackupSchedule): Promise<void> {
  await saveBackupSchedule(getDb(), schedule);
  state.autoFailed = false;
  await checkSchedule();
}

/** Asks the desktop shell for a backup folder (granted for later writes); null in a browser or when dismissed. */
export function chooseBackupFolder(): Promise<string | null> {
  return platform.chooseFolder();
}

/** Runs a due automatic backup where the app may write by itself (desktop, folder chosen). */
export async function checkSchedule(now = new Date()): Promise<void> {
  await refreshBackupState(now);
  if (!state.due || state.busy || state.autoFailed) return;
  if (state.desktop && state.schedule.folder) await backupNow({ auto: true });
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

/** File picker, then a structural look at the file. Throws BackupError / DesktopError (see backupErrorText). */
export async function pickBackupFile(): Promise<OpenedBackup | null> {
  const file = await platform.openFile({ filters: [{ name: t('backup.fileType'), extensions: [BACKUP_EXTENSION] }], maxBytes: MAX_BACKUP_BYTES });
  if (!file) return null;
  return { name: file.name, bytes: file.data, summary: await inspectBackup(file.data, getDb().verno) };
}

/** Every checksum and the passphrase; undefined when cancelled. Throws BackupError for the dialog to show. */
export function verifyOpened(file: OpenedBackup, passphrase: string): Promise<VerifiedBackup | undefined> {
  return runKeepingBackupErrors(t('backup.task.verify'), (signal, report) =>
    verifyBackup(file.bytes, { currentSchemaVersion: getDb().verno, passphrase: passphrase || undefined, signal, onProgress: reporter(report) }),
  );
}

export function currentSchemaVersion(): number {
  return getDb().verno;
}

export function currentTableCounts(): Promise<Record<string, number>> {
  return tableCounts(getDb());
}

/** Stages, checks and swaps; undefined when cancelled (the live data is then unchanged). */
export async function restoreVerified(verified: VerifiedBackup): Promise<RestoreResult | undefined> {
  if (state.busy) throw new BackupError('busy');
  state.busy = true;
  try {
    const result = await runKeepingBackupErrors(t('backup.task.restore'), (signal, report) =>
      restoreBackup(getDb(), verified, { signal, onProgress: reporter(report), keepSettings: BACKUP_SETTINGS_KEYS }),
    );
    if (result) await recordRestore(getDb(), { at: new Date().toISOString(), backupCreatedAt: verified.header.createdAt, by: session.operatorName });
    return result;
  } finally {
    state.busy = false;
  }
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
