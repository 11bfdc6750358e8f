// Large files (backups) leave the renderer in chunks: on the desktop through beginWrite / writeChunk
// / finishWrite, one slice of the Blob at a time, so neither the renderer nor IPC ever holds the
// whole file as one payload; in a browser as a download of the Blob itself. They come back the same
// way: on the desktop through beginRead / readChunk / finishRead into one buffer of the file's size,
// so the largest file a restore can open is the largest a backup can write.
import type { DesktopApi, FileFilter, WriteTarget } from '../../../electron/api';
import { downloadBlob, type BrowserEnv } from './browser';
import { DesktopError } from './errors';

/** Well under the shell's per-chunk ceiling (electron/validate.ts LIMITS.chunkBytes). */
export const SAVE_CHUNK_BYTES = 8 * 1024 * 1024;

export interface SaveBlobOptions {
  signal?: AbortSignal;
  onProgress?: (written: number, total: number) => void;
  chunkBytes?: number;
  /** The browser's globals, for the download fallback; tests pass fakes. */
  env?: () => BrowserEnv;
}

export async function saveBlob(api: DesktopApi, blob: Blob, target: WriteTarget, opts: SaveBlobOptions = {}): Promise<{ saved: boolean; path?: string }> {
  const { beginWrite, writeChunk, finishWrite, abortWrite } = api;
  const name = target.kind === 'dialog' ? target.suggestedName : target.name;
  if (!beginWrite || !writeChunk || !finishWrite || !abortWrite) {
    downloadBlob(opts.env?.() ?? { document, window, url: URL }, name, blob);
    // A download cannot be observed; the browser decides where it lands.
    return { saved: true, path: target.kind === 'folder' ? name : undefined };
  }
  const chunk = opts.chunkBytes ?? SAVE_CHUNK_BYTES;
  const started = await beginWrite(target);
  if (!started) return { saved: false };
  try {
    for (let at = 0; at < blob.size; at += chunk) {
      opts.signal?.throwIfAborted();
      await writeChunk(started.handle, new Uint8Array(await blob.slice(at, at + chunk).arrayBuffer()));
      opts.onProgress?.(Math.min(at + chunk, blob.size), blob.size);
    }
    opts.signal?.throwIfAborted();
    return { saved: true, path: (await finishWrite(started.handle)).path };
  } catch (e) {
    await abortWrite(started.handle).catch(() => undefined);
    throw e;
  }
}

/** Well under the shell's per-chunk ceiling, like SAVE_CHUNK_BYTES. */
export const READ_CHUNK_BYTES = 8 * 1024 * 1024;

/** A file the user picked, not read yet: `read` brings its bytes in (chunked on the desktop). */
export interface PickedFile {
  name: string;
  size: number;
  read(opts?: { signal?: AbortSignal; onProgress?: (read: number, total: number) => void }): Promise<Uint8Array>;
  /** Lets the file go without reading it (closes it on the desktop). */
  discard(): Promise<void>;
}

/**
 * The open dialog (a file input in a browser) for a file of any size. On the desktop the file stays
 * open until read or discarded. A browser reads the picked File itself: no IPC, no ceiling of ours.
 */
export async function pickLargeFile(api: DesktopApi, filters: FileFilter[], chunkBytes = READ_CHUNK_BYTES): Promise<PickedFile | null> {
  const { beginRead, readChunk, finishRead } = api;
  if (!beginRead || !readChunk || !finishRead) {
    const file = await api.openFile({ filters, maxBytes: Number.MAX_SAFE_INTEGER });
    if (!file) return null;
    return { name: file.name, size: file.data.byteLength, read: async () => file.data, discard: async () => undefined };
  }
  const opened = await beginRead({ filters });
  if (!opened) return null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await finishRead(opened.handle).catch(() => undefined);
  };
  return {
    name: opened.name,
    size: opened.size,
    discard: close,
    async read(opts = {}) {
      try {
        let out: Uint8Array;
        try {
          out = new Uint8Array(opened.size);
        } catch {
          // More than this renderer can hold in one buffer.
          throw new DesktopError('file-too-large');
        }
        for (let at = 0; at < opened.size; ) {
          opts.signal?.throwIfAborted();
          const length = Math.min(chunkBytes, opened.size - at);
          const chunk = await readChunk(opened.handle, at, length);
          if (chunk.byteLength !== length) throw new DesktopError('read-failed');
          out.set(chunk, at);
          at += length;
          opts.onProgress?.(at, opened.size);
        }
        return out;
      } finally {
        await close();
      }
    },
  };
}
