// Files written in chunks: a backup of any size crosses from the renderer in pieces of at most
// LIMITS.chunkBytes (never as one IPC payload), is written to `<name>.partial` and appears under its
// name only when finished, so a crash or a full disk never leaves a truncated backup that looks
// whole. Files read in chunks: a backup to restore crosses to the renderer the same way, so the
// largest file a restore opens is the largest a backup writes (no ceiling here). Also the few folder operations automatic backups need: free space, listing and deleting
// the app's own backup files in a granted folder.
import { randomUUID } from 'node:crypto';
import * as nodePath from 'node:path';
import type { FileFilter, FolderEntry, OpenedRead, WriteTarget } from './api';
import { DesktopFailure } from './errors';
import { askSavePath, sanitizeFileName, type FileDeps } from './files';
import type { PathPort } from './ports';
import type { FolderGrants } from './folder-grants';

/** The slice of node:fs/promises the chunked writes use; tests pass a fake. */
export interface StreamFs {
  open(path: string, flags: 'w'): Promise<{ write(data: Uint8Array): Promise<unknown>; close(): Promise<void> }>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  statfs(path: string): Promise<{ bavail: number | bigint; bsize: number | bigint }>;
}

/** The only files the app lists or deletes in a backup folder: its own automatic backups. */
export const BACKUP_FILE_NAME = /^workbench-backup-\d{8}-\d{4}(-\d+)?\.scwb$/;

/** ENOSPC / EDQUOT become 'disk-full' with the bytes that did not fit; other failures 'write-failed'. */
export function writeFailure(err: unknown, bytesNeeded: number): DesktopFailure {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DesktopFailure('disk-full', String(bytesNeeded));
  return new DesktopFailure('write-failed', (err as Error)?.message);
}

interface OpenWrite<S> {
  sender: S;
  target: string;
  partial: string;
  file: { write(data: Uint8Array): Promise<unknown>; close(): Promise<void> };
  bytes: number;
}

export interface ChunkedWrites<S> {
  begin(sender: S, target: WriteTarget): Promise<{ handle: string; path: string } | null>;
  write(sender: S, handle: string, data: Uint8Array): Promise<void>;
  finish(sender: S, handle: string): Promise<{ path: string }>;
  abort(sender: S, handle: string): Promise<void>;
  /** Open handles, for tests and for closing everything when the window goes away. */
  readonly open: number;
}

export function chunkedWrites<S>(deps: {
  fs: StreamFs;
  grants: FolderGrants;
  /** The save dialog for 'dialog' targets, bound to the asking window. */
  dialogFor: (sender: S) => FileDeps;
  path?: PathPort;
}): ChunkedWrites<S> {
  const path = deps.path ?? nodePath;
  const writes = new Map<string, OpenWrite<S>>();
  const get = (sender: S, handle: string): OpenWrite<S> => {
    const w = writes.get(handle);
    // Another window's handle is as unknown as a made-up one.
    if (!w || w.sender !== sender) throw new DesktopFailure('invalid-argument', 'handle');
    return w;
  };
  const drop = async (handle: string, w: OpenWrite<S>) => {
    writes.delete(handle);
    await w.file.close().catch(() => undefined);
    await deps.fs.unlink(w.partial).catch(() => undefined);
  };

  async function targetPath(sender: S, target: WriteTarget): Promise<string | null> {
    if (target.kind === 'dialog') return askSavePath(deps.dialogFor(sender), target.suggestedName, target.filters as FileFilter[] | undefined);
    if (!path.isAbsolute(target.folder) || !deps.grants.has(target.folder)) throw new DesktopFailure('folder-not-granted');
    if (sanitizeFileName(target.name) !== target.name || target.name.startsWith('.')) throw new DesktopFailure('invalid-argument', 'name');
    return path.join(path.resolve(target.folder), target.name);
  }

  return {
    get open() {
      return writes.size;
    },
    async begin(sender, target) {
      const chosen = await targetPath(sender, target);
      if (chosen === null) return null;
      const partial = `${chosen}.partial`;
      let file: OpenWrite<S>['file'];
      try {
        file = await deps.fs.open(partial, 'w');
      } catch (err) {
        throw writeFailure(err, 0);
      }
      const handle = randomUUID();
      writes.set(handle, { sender, target: chosen, partial, file, bytes: 0 });
      return { handle, path: chosen };
    },
    async write(sender, handle, data) {
      const w = get(sender, handle);
      try {
        await w.file.write(data);
        w.bytes += data.byteLength;
      } catch (err) {
        await drop(handle, w);
        throw writeFailure(err, data.byteLength);
      }
    },
    async finish(sender, handle) {
      const w = get(sender, handle);
      writes.delete(handle);
      try {
        await w.file.close();
        await deps.fs.rename(w.partial, w.target);
      } catch (err) {
        await deps.fs.unlink(w.partial).catch(() => undefined);
        throw writeFailure(err, 0);
      }
      return { path: w.target };
    },
    async abort(sender, handle) {
      const w = writes.get(handle);
      if (w && w.sender === sender) await drop(handle, w);
    },
  };
}

/** An open file as chunked reads use it (node:fs/promises FileHandle); tests pass a fake. */
export interface ReadHandle {
  stat(): Promise<{ size: number; isFile(): boolean }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

export interface ChunkedReads<S> {
  begin(sender: S, opts: { filters?: FileFilter[] }): Promise<OpenedRead | null>;
  read(sender: S, handle: string, offset: number, length: number): Promise<Uint8Array>;
  finish(sender: S, handle: string): Promise<void>;
  /** Open handles, for tests. */
  readonly open: number;
}

interface OpenRead<S> {
  sender: S;
  file: ReadHandle;
  size: number;
}

/**
 * Open dialog, then the chosen file stays open for positional reads of at most LIMITS.chunkBytes
 * (ipc.ts validates each range) until finish. The size is fixed at open: a file that shrinks
 * meanwhile reads short and is refused ('read-failed') rather than handed on truncated.
 */
export function chunkedReads<S>(deps: { open(path: string, flags: 'r'): Promise<ReadHandle>; dialogFor: (sender: S) => FileDeps; path?: PathPort }): ChunkedReads<S> {
  const path = deps.path ?? nodePath;
  const reads = new Map<string, OpenRead<S>>();
  const get = (sender: S, handle: string): OpenRead<S> => {
    const r = reads.get(handle);
    if (!r || r.sender !== sender) throw new DesktopFailure('invalid-argument', 'handle');
    return r;
  };
  return {
    get open() {
      return reads.size;
    },
    async begin(sender, opts) {
      const d = deps.dialogFor(sender);
      const result = await d.dialog.showOpenDialog({ defaultPath: d.defaultDir, filters: opts.filters, properties: ['openFile'] });
      const filePath = result.filePaths[0];
      if (result.canceled || !filePath) return null;
      let file: ReadHandle | null = null;
      try {
        file = await deps.open(filePath, 'r');
        const info = await file.stat();
        if (!info.isFile()) throw new DesktopFailure('read-failed', 'not a file');
        const handle = randomUUID();
        reads.set(handle, { sender, file, size: info.size });
        return { handle, name: path.basename(filePath), size: info.size };
      } catch (err) {
        await file?.close().catch(() => undefined);
        if (err instanceof DesktopFailure) throw err;
        throw new DesktopFailure('read-failed', (err as Error)?.message);
      }
    },
    async read(sender, handle, offset, length) {
      const r = get(sender, handle);
      const want = Math.max(0, Math.min(length, r.size - offset));
      const out = new Uint8Array(want);
      let got = 0;
      try {
        while (got < want) {
          const { bytesRead } = await r.file.read(out, got, want - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
      } catch (err) {
        throw new DesktopFailure('read-failed', (err as Error)?.message);
      }
      if (got !== want) throw new DesktopFailure('read-failed', 'the file changed while it was read');
      return out;
    },
    async finish(sender, handle) {
      const r = reads.get(handle);
      if (!r || r.sender !== sender) return;
      reads.delete(handle);
      await r.file.close().catch(() => undefined);
    },
  };
}

/** The folder automatic backups go to unless the user picks another at first run. */
export const DEFAULT_BACKUP_FOLDER_NAME = '智慧城市工作台备份';

/** Creates the default backup folder under Documents and grants it for automatic backups. */
export async function defaultBackupFolder(deps: { mkdir(path: string, opts: { recursive: true }): Promise<unknown>; grants: FolderGrants; documents: string; path?: PathPort }): Promise<string> {
  const path = deps.path ?? nodePath;
  const folder = path.join(deps.documents, DEFAULT_BACKUP_FOLDER_NAME);
  try {
    await deps.mkdir(folder, { recursive: true });
    await deps.grants.grant(folder);
  } catch (err) {
    throw writeFailure(err, 0);
  }
  return folder;
}

/** Free bytes for the current user on the volume holding `dir`. */
export async function freeSpace(fs: Pick<StreamFs, 'statfs'>, dir: string): Promise<{ free: number }> {
  const s = await fs.statfs(dir);
  return { free: Number(s.bavail) * Number(s.bsize) };
}

/** The app's own backups in a granted folder (other files are never listed). */
export async function listBackupFolder(deps: { fs: StreamFs; grants: FolderGrants; path?: PathPort }, folder: string): Promise<FolderEntry[]> {
  const path = deps.path ?? nodePath;
  if (!path.isAbsolute(folder) || !deps.grants.has(folder)) throw new DesktopFailure('folder-not-granted');
  let names: string[];
  try {
    names = await deps.fs.readdir(folder);
  } catch (err) {
    throw new DesktopFailure('read-failed', (err as Error)?.message);
  }
  const out: FolderEntry[] = [];
  for (const name of names.filter((n) => BACKUP_FILE_NAME.test(n)).sort()) {
    const info = await deps.fs.stat(path.join(folder, name)).catch(() => null);
    if (info?.isFile()) out.push({ name, bytes: info.size });
  }
  return out;
}

/** Deletes one of the app's own backups from a granted folder; any other name is refused. */
export async function deleteFromBackupFolder(deps: { fs: StreamFs; grants: FolderGrants; path?: PathPort }, folder: string, name: string): Promise<void> {
  const path = deps.path ?? nodePath;
  if (!path.isAbsolute(folder) || !deps.grants.has(folder)) throw new DesktopFailure('folder-not-granted');
  if (!BACKUP_FILE_NAME.test(name)) throw new DesktopFailure('invalid-argument', 'name');
  try {
    await deps.fs.unlink(path.join(path.resolve(folder), name));
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== 'ENOENT') throw new DesktopFailure('write-failed', (err as Error)?.message);
  }
}
