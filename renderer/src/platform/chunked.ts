// Large files (backups) leave the renderer in chunks: on the desktop through beginWrite / writeChunk
// / finishWrite, one slice of the Blob at a time, so neither the renderer nor IPC ever holds the
// whole file as one payload; in a browser as a download of the Blob itself.
import type { DesktopApi, WriteTarget } from '../../../electron/api';
import { downloadBlob, type BrowserEnv } from './browser';

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
