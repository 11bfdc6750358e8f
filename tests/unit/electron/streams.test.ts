import { describe, expect, it } from 'vitest';
import { chunkedReads, chunkedWrites, defaultBackupFolder, deleteFromBackupFolder, freeSpace, listBackupFolder, type StreamFs } from '../../../electron/streams';
import type { FolderGrants } from '../../../electron/folder-grants';
import { FakeDialog, FakeFs, failureCode } from './fakes';
import { LIMITS } from '../../../electron/validate';

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

/**
 * A file of `size` bytes whose byte at position p is (p * 7 + (p >> 20)) & 0xff, served without ever
 * holding it: a 3 GiB backup costs nothing. `shrinkTo` makes later reads stop there, as a file
 * truncated by another program would.
 */
class VirtualFile {
  closed = false;
  reads: { position: number; length: number }[] = [];
  shrinkTo: number | null = null;
  constructor(readonly size: number, readonly isFile = true) {}
  static byteAt(p: number): number {
    return (p * 7 + Math.floor(p / 2 ** 20)) & 0xff;
  }
  async stat() {
    return { size: this.size, isFile: () => this.isFile };
  }
  async read(buffer: Uint8Array, offset: number, length: number, position: number) {
    this.reads.push({ position, length });
    const end = Math.min(position + length, this.shrinkTo ?? this.size);
    // A real FileHandle may return fewer bytes than asked: hand out at most 1 MiB per call.
    const n = Math.max(0, Math.min(end - position, 2 ** 20));
    for (let i = 0; i < n; i++) buffer[offset + i] = VirtualFile.byteAt(position + i);
    return { bytesRead: n };
  }
  async close() {
    this.closed = true;
  }
}

function readSetup(file: VirtualFile | null, openPaths: string[] | null = ['/备份/workbench-backup-20261206-0900.scwb']) {
  const dialog = new FakeDialog({ openPaths });
  const opened: string[] = [];
  const reads = chunkedReads<{ id: number }>({
    open: async (path) => {
      opened.push(path);
      if (!file) throw errno('EACCES');
      return file;
    },
    dialogFor: () => ({ dialog, fs: new FakeFs(), defaultDir: '/docs' }),
  });
  return { reads, dialog, opened };
}

describe('chunked reads', () => {
  it('opens a 3 GiB file (past the 1 GiB one-payload ceiling) and reads any chunk of it by position', async () => {
    const file = new VirtualFile(3 * 1024 ** 3 + 5);
    const { reads, dialog, opened } = readSetup(file);
    const me = { id: 1 };
    const begun = await reads.begin(me, { filters: [{ name: '备份', extensions: ['scwb'] }] });
    expect(begun).toMatchObject({ name: 'workbench-backup-20261206-0900.scwb', size: 3 * 1024 ** 3 + 5 });
    expect(begun!.size).toBeGreaterThan(LIMITS.openBytes);
    expect(dialog.openCalls[0]).toMatchObject({ properties: ['openFile'], filters: [{ name: '备份', extensions: ['scwb'] }] });
    expect(opened).toEqual(['/备份/workbench-backup-20261206-0900.scwb']);

    // A chunk of 3 MiB spans several short reads of the file handle and comes back whole.
    const at = 2.5 * 1024 ** 3 - 7;
    const chunk = await reads.read(me, begun!.handle, at, 3 * 2 ** 20);
    expect(chunk.byteLength).toBe(3 * 2 ** 20);
    for (const i of [0, 1, 2 ** 20 + 7, chunk.byteLength - 1]) expect(chunk[i], `byte ${i}`).toBe(VirtualFile.byteAt(at + i));
    expect(file.reads.length).toBeGreaterThan(1);

    // The last chunk is what is left of the file.
    const tail = await reads.read(me, begun!.handle, begun!.size - 3, 100);
    expect([...tail]).toEqual([0, 1, 2].map((i) => VirtualFile.byteAt(begun!.size - 3 + i)));
    expect(reads.open).toBe(1);
    await reads.finish(me, begun!.handle);
    expect(file.closed).toBe(true);
    expect(reads.open).toBe(0);
    expect(await failureCode(reads.read(me, begun!.handle, 0, 10))).toBe('invalid-argument');
  });

  it("refuses another window's handle and a file that shrinks while it is read", async () => {
    const file = new VirtualFile(10 * 2 ** 20);
    const { reads } = readSetup(file);
    const me = { id: 1 };
    const begun = (await reads.begin(me, {}))!;
    expect(await failureCode(reads.read({ id: 2 }, begun.handle, 0, 10))).toBe('invalid-argument');
    await reads.finish({ id: 2 }, begun.handle);
    expect(file.closed).toBe(false);
    expect((await reads.read(me, begun.handle, 0, 10)).byteLength).toBe(10);
    file.shrinkTo = 5 * 2 ** 20;
    expect(await failureCode(reads.read(me, begun.handle, 4 * 2 ** 20, 2 * 2 ** 20))).toBe('read-failed');
  });

  it('resolves null when the dialog is dismissed; a folder or an unreadable file is read-failed and left closed', async () => {
    expect(await readSetup(new VirtualFile(10), null).reads.begin({ id: 1 }, {})).toBeNull();
    const folder = new VirtualFile(0, false);
    const r = readSetup(folder).reads;
    expect(await failureCode(r.begin({ id: 1 }, {}))).toBe('read-failed');
    expect(folder.closed).toBe(true);
    expect(r.open).toBe(0);
    expect(await failureCode(readSetup(null).reads.begin({ id: 1 }, {}))).toBe('read-failed');
  });
});
