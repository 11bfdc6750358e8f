// The automatic-backup loop on the desktop, with a fake desktop shell: a failed backup is retried
// with backoff and stays "failing" until one succeeds; a success is written in chunks into the
// folder and the folder then keeps 7 daily, 4 weekly and 12 monthly backups.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DesktopApi, FolderEntry } from '../../../electron/api';

const shell = {
  failWrites: 0,
  /** The save dialog is dismissed (a manual backup the user does not save). */
  cancelDialog: false,
  chunks: [] as number[],
  files: new Map<string, number>(),
  deleted: [] as string[],
};

const fake: DesktopApi = {
  saveFile: async () => ({ saved: false }),
  openFile: async () => null,
  printToPdf: async () => ({ saved: false }),
  chooseFolder: async () => null,
  writeFileToFolder: async () => ({ path: '' }),
  appInfo: async () => ({ version: '0.1.0', electron: '41.7.1', platform: 'linux', desktop: true }),
  setMenuLanguage: async () => {},
  // The office-server namespace plays no part in backups.
  sync: {} as DesktopApi['sync'],
  beginWrite: async (target) => (target.kind === 'dialog' && shell.cancelDialog ? null : { handle: target.kind === 'folder' ? target.name : 'x', path: `/backups/${target.kind === 'folder' ? target.name : 'x'}` }),
  writeChunk: async (handle, data) => {
    if (shell.failWrites > 0) {
      shell.failWrites--;
      throw new Error('desktop-error:disk-full 8388608');
    }
    shell.chunks.push(data.byteLength);
    shell.files.set(handle, (shell.files.get(handle) ?? 0) + data.byteLength);
  },
  finishWrite: async (handle) => ({ path: `/backups/${handle}` }),
  abortWrite: async (handle) => void shell.files.delete(handle),
  listBackupFolder: async () => [...shell.files.entries()].map(([name, bytes]): FolderEntry => ({ name, bytes })),
  deleteFromBackupFolder: async (_folder, name) => {
    shell.deleted.push(name);
    shell.files.delete(name);
  },
};

vi.mock('../../../renderer/src/platform', async (original) => ({ ...(await original<typeof import('../../../renderer/src/platform')>()), platform: fake }));

const { setDb } = await import('../../../renderer/src/data/context');
const { openDb } = await import('../../../renderer/src/data/db');
const { saveBackupSchedule, getBackupStatus } = await import('../../../renderer/src/data/interchange/backup/schedule');
const { backupNow, backupState, checkSchedule } = await import('../../../renderer/src/features/backup/backup-service.svelte');
const { retainBackups } = await import('../../../renderer/src/domain/interchange/backup-schedule');

describe('automatic backups on the desktop', () => {
  beforeAll(async () => {
    const db = openDb(`scheduler-${Date.now()}`);
    await db.open();
    setDb(db);
    await saveBackupSchedule(db, { frequency: 'daily', folder: '/backups', encrypted: false });
    // More than a year of older automatic backups already in the folder, up to yesterday (the
    // backup itself is named after the real clock).
    for (let back = 400; back >= 1; back--) {
      const day = new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      shell.files.set(`workbench-backup-${day}-0900.scwb`, 1000);
    }
    shell.files.set('minutes.docx', 10);
  });

  it('retries a failure with backoff, shows it until a backup succeeds, then prunes the folder', async () => {
    // The run spans about 70 minutes from t0 and ends asking whether the backup just made (dated by
    // the machine's clock) is due again that day; late in the evening t0 starts earlier, so the run
    // does not end on the next calendar day.
    const now = new Date();
    const span = 70 * 60_000;
    const t0 = new Date(now.getTime() + span).toDateString() === now.toDateString() ? now : new Date(now.getTime() - span);
    shell.failWrites = 1;
    await checkSchedule(t0);
    expect((await getBackupStatus((await import('../../../renderer/src/data/context')).getDb())).failuresInARow).toBe(1);
    expect(backupState.failing?.error).toBe('disk-full');
    expect(backupState.retryAt).toBe(t0.getTime() + 60_000);
    const failedAt = backupState.failing!.at;

    // A manual backup the user then does not save changes nothing: the failure stays shown, as it was.
    shell.cancelDialog = true;
    expect((await backupNow())?.outcome).toBe('cancelled');
    shell.cancelDialog = false;
    expect(backupState.status?.last?.outcome).toBe('cancelled');
    expect(backupState.failing).toMatchObject({ at: failedAt, outcome: 'failed', error: 'disk-full' });

    // Before the retry is due nothing runs; then the second failure waits 5 minutes.
    await checkSchedule(new Date(t0.getTime() + 30_000));
    expect(backupState.retryAt).toBe(t0.getTime() + 60_000);
    shell.failWrites = 1;
    const t1 = new Date(t0.getTime() + 61_000);
    await checkSchedule(t1);
    expect(backupState.retryAt).toBe(t1.getTime() + 5 * 60_000);
    expect(backupState.failing).not.toBeNull();

    const t2 = new Date(t1.getTime() + 5 * 60_000);
    await checkSchedule(t2);
    expect(backupState.failing).toBeNull();
    expect(backupState.retryAt).toBeNull();
    const written = backupState.status?.lastSuccess?.file ?? '';
    expect(backupState.status?.lastSuccess?.path).toBe(`/backups/${written}`);
    expect(written).toMatch(/^workbench-backup-\d{8}-\d{4}\.scwb$/);
    expect(Math.max(...shell.chunks)).toBeLessThanOrEqual(8 * 1024 * 1024);

    // The folder now holds what the retention rule keeps, the new backup among them; other files are untouched.
    const left = [...shell.files.keys()];
    expect(left).toContain('minutes.docx');
    expect(left).toContain(written);
    expect(left.filter((n) => n.endsWith('.scwb')).sort()).toEqual(retainBackups([...left, ...shell.deleted]).keep.sort());
    expect(left.filter((n) => n.endsWith('.scwb')).length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(shell.deleted.length).toBeGreaterThan(370);
    expect(shell.deleted).not.toContain('minutes.docx');

    // Backed up today: not due again until tomorrow.
    const before = shell.chunks.length;
    await checkSchedule(new Date(t2.getTime() + 60 * 60_000));
    expect(shell.chunks.length).toBe(before);
  });
});
