import { describe, expect, it } from 'vitest';
import { chunkedWrites, defaultBackupFolder, deleteFromBackupFolder, freeSpace, listBackupFolder, type StreamFs } from '../../../electron/streams';
import type { FolderGrants } from '../../../electron/folder-grants';
import { FakeDialog, FakeFs, failureCode } from './fakes';

type Errno = Error & { code: string };
const errno = (code: string): Errno => Object.assign(new Error(code), { code });

/** FakeFs plus open handles that append, a directory listing and a disk that can fill up. */
class FakeStreamFs extends FakeFs implements StreamFs {
  freeBytes = Number.POSITIVE_INFINITY;
  unlinked: string[] = [];

  async open(path: string) {
    this.put(path, new Uint8Array(0));
    return {
      write: async (data: Uint8Array) => {
        if (data.byteLength > this.freeBytes) throw errno('ENOSPC');
        this.freeBytes -= data.byteLength;
        const old = this.files.get(path)!;
        const next = new Uint8Array(old.byteLength + data.byteLength);
        next.set(old);
        next.set(data, old.byteLength);
        this.files.set(path, next);
      },
      close: async () => {},
    };
  }

  async unlink(path: string) {
    if (!this.files.delete(path)) throw errno('ENOENT');
    this.unlinked.push(path);
  }

  async readdir(dir: string) {
    return [...this.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1));
  }

  async statfs() {
    return { bavail: 1000n, bsize: 4096n };
  }
}

const grants: FolderGrants = { has: (f) => f === '/backups', grant: async () => {} };
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

function setup(savePath: string | null = '/docs/备份.scwb') {
  const fs = new FakeStreamFs();
  const writes = chunkedWrites<{ id: number }>({ fs, grants, dialogFor: () => ({ dialog: new FakeDialog({ savePath }), fs, defaultDir: '/docs' }) });
  return { fs, writes };
}

describe('chunked writes', () => {
  it('writes chunks to a .partial file that appears under its name only when finished', async () => {
    const { fs, writes } = setup();
    const me = { id: 1 };
    const started = await writes.begin(me, { kind: 'folder', folder: '/backups', name: 'workbench-backup-20261124-0900.scwb' });
    expect(started?.path).toBe('/backups/workbench-backup-20261124-0900.scwb');
    const parts = [bytes(1000, 1), bytes(1000, 2), bytes(17, 3)];
    for (const p of parts) await writes.write(me, started!.handle, p);
    expect(fs.files.has(started!.path)).toBe(false);
    expect(fs.files.get(`${started!.path}.partial`)?.byteLength).toBe(2017);
    expect(await writes.finish(me, started!.handle)).toEqual({ path: started!.path });
    expect(fs.files.get(started!.path)).toEqual(new Uint8Array([...parts[0], ...parts[1], ...parts[2]]));
    expect(fs.files.has(`${started!.path}.partial`)).toBe(false);
    expect(writes.open).toBe(0);
  });

  it('asks where to save for a dialog target, and a cancelled dialog writes nothing', async () => {
    const a = setup();
    expect((await a.writes.begin({ id: 1 }, { kind: 'dialog', suggestedName: '备份.scwb' }))?.path).toBe('/docs/备份.scwb');
    const b = setup(null);
    expect(await b.writes.begin({ id: 1 }, { kind: 'dialog', suggestedName: '备份.scwb' })).toBeNull();
    expect(b.fs.files.size).toBe(0);
  });

  it('refuses folders not granted, names with paths, and handles of another window', async () => {
    const { writes } = setup();
    expect(await failureCode(writes.begin({ id: 1 }, { kind: 'folder', folder: '/etc', name: 'workbench-backup-20261124-0900.scwb' }))).toBe('folder-not-granted');
    expect(await failureCode(writes.begin({ id: 1 }, { kind: 'folder', folder: '/backups', name: '../x.scwb' }))).toBe('invalid-argument');
    const me = { id: 1 };
    const started = await writes.begin(me, { kind: 'folder', folder: '/backups', name: 'a.scwb' });
    // Electron hands each window's own WebContents object; another window's is another object.
    expect(await failureCode(writes.write({ id: 1 }, started!.handle, bytes(1, 1)))).toBe('invalid-argument');
    expect(await failureCode(writes.write(me, 'made-up', bytes(1, 1)))).toBe('invalid-argument');
    await writes.write(me, started!.handle, bytes(1, 1));
  });

  it('says disk-full with the bytes that did not fit, and removes the partial file', async () => {
    const { fs, writes } = setup();
    fs.freeBytes = 1500;
    const me = { id: 1 };
    const started = await writes.begin(me, { kind: 'folder', folder: '/backups', name: 'a.scwb' });
    await writes.write(me, started!.handle, bytes(1000, 1));
    const failure = await writes.write(me, started!.handle, bytes(1000, 2)).catch((e: unknown) => e as Error);
    expect((failure as Error).message).toBe('desktop-error:disk-full 1000');
    expect(fs.files.has('/backups/a.scwb.partial')).toBe(false);
    expect(fs.files.has('/backups/a.scwb')).toBe(false);
    expect(writes.open).toBe(0);
  });

  it('abort removes what was written', async () => {
    const { fs, writes } = setup();
    const me = { id: 1 };
    const started = await writes.begin(me, { kind: 'folder', folder: '/backups', name: 'a.scwb' });
    await writes.write(me, started!.handle, bytes(10, 1));
    await writes.abort(me, started!.handle);
    expect(fs.files.size).toBe(0);
  });
});

describe('backup folder', () => {
  it('lists and deletes only the app’s own backups in a granted folder', async () => {
    const fs = new FakeStreamFs();
    fs.put('/backups/workbench-backup-20261124-0900.scwb', bytes(5, 1)).put('/backups/notes.docx', bytes(3, 1)).put('/backups/workbench-backup-20261123-0900.scwb', bytes(7, 1));
    expect(await listBackupFolder({ fs, grants }, '/backups')).toEqual([
      { name: 'workbench-backup-20261123-0900.scwb', bytes: 7 },
      { name: 'workbench-backup-20261124-0900.scwb', bytes: 5 },
    ]);
    await deleteFromBackupFolder({ fs, grants }, '/backups', 'workbench-backup-20261123-0900.scwb');
    expect(await failureCode(deleteFromBackupFolder({ fs, grants }, '/backups', 'notes.docx'))).toBe('invalid-argument');
    expect(await failureCode(listBackupFolder({ fs, grants }, '/home'))).toBe('folder-not-granted');
    expect([...fs.files.keys()].sort()).toEqual(['/backups/notes.docx', '/backups/workbench-backup-20261124-0900.scwb']);
  });

  it('creates and grants the default folder under Documents', async () => {
    const made: string[] = [];
    const granted: string[] = [];
    const folder = await defaultBackupFolder({ mkdir: async (p) => made.push(p), grants: { has: () => false, grant: async (f) => void granted.push(f) }, documents: '/home/张/Documents' });
    expect(folder).toBe('/home/张/Documents/智慧城市工作台备份');
    expect(made).toEqual([folder]);
    expect(granted).toEqual([folder]);
  });

  it('reports free space from statfs', async () => {
    expect(await freeSpace(new FakeStreamFs(), '/data')).toEqual({ free: 4096 * 1000 });
  });
});
