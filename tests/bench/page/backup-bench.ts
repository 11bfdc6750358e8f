// Backup benchmark at more than a gigabyte (see tests/bench/backup.ts): photos seeded in batches,
// the backup written and then saved through the same chunked path the desktop uses (saveBlob into
// an in-page sink standing in for the main process), a verified restore, and a raw IndexedDB
// baseline of the same bytes measured in the same run.
import type { StoredFile, WorkbenchDb } from '../../../renderer/src/data/db';
import { buildRecord, type Writer } from '../../../renderer/src/data/repo';
import { createBackup } from '../../../renderer/src/data/interchange/backup/create';
import { restoreBackup, verifyBackup } from '../../../renderer/src/data/interchange/backup/restore';
import type { DesktopApi } from '../../../electron/api';
import { saveBlob, SAVE_CHUNK_BYTES } from '../../../renderer/src/platform/chunked';
import { committed } from './raw-idb';

const ms = (t0: number) => Math.round(performance.now() - t0);

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(at + 65536, size)));
  return bytes;
}

export function backupBench(db: WorkbenchDb, w: Writer) {
  let big: Blob | null = null;
  return {
    /** Stored files with incompressible bytes until the files table holds `totalBytes`, `batch` rows per transaction. */
    async seedLargeFiles(totalBytes: number, bytesEach: number, batch = 32) {
      const t0 = performance.now();
      let written = 0;
      let i = 0;
      while (written < totalBytes) {
        const rows: StoredFile[] = [];
        for (let k = 0; k < batch && written < totalBytes; k++, i++) {
          const blob = new Blob([randomBytes(bytesEach)], { type: 'image/jpeg' });
          rows.push(buildRecord<StoredFile>(w, { ownerType: 'audits', ownerId: crypto.randomUUID(), name: `photo-${i}.jpg`, mime: 'image/jpeg', size: blob.size, sha256: 'ab'.repeat(32), blob }));
          written += blob.size;
        }
        await db.files.bulkAdd(rows);
      }
      return { files: i, bytes: written, ms: ms(t0) };
    },
    /** Raw IndexedDB, no app code: read every row of every store and every Blob's bytes; then write the files store's rows into a fresh database. */
    async rawBaseline() {
      const open = (name: string, upgrade?: (d: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name, 1);
          r.onupgradeneeded = () => upgrade?.(r.result);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const t0 = performance.now();
      const live = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(db.name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      let rows = 0;
      let bytes = 0;
      const files: unknown[] = [];
      for (const store of Array.from(live.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const r = live.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        rows += all.length;
        if (store === 'files') files.push(...all);
      }
      for (const f of files as { blob: Blob }[]) bytes += (await f.blob.arrayBuffer()).byteLength;
      live.close();
      const readMs = ms(t0);
      const t1 = performance.now();
      const name = `raw-baseline-${Date.now()}`;
      const target = await open(name, (d) => d.createObjectStore('files', { keyPath: 'id' }));
      for (let at = 0; at < files.length; at += 32) {
        const tx = target.transaction('files', 'readwrite');
        for (const f of files.slice(at, at + 32)) tx.objectStore('files').put(f);
        await committed(tx);
      }
      target.close();
      const writeMs = ms(t1);
      await new Promise((resolve) => {
        const r = indexedDB.deleteDatabase(name);
        r.onsuccess = r.onerror = resolve;
      });
      return { rows, bytes, readMs, writeMs };
    },
    /** createBackup, then the desktop's chunked save into an in-page sink (every chunk's bytes read, as IPC would). */
    async largeBackup() {
      const t0 = performance.now();
      const created = await createBackup(db, { appVersion: 'bench', createdBy: 'bench' });
      const backupMs = ms(t0);
      big = created.blob;
      let chunks = 0;
      let largest = 0;
      let received = 0;
      const sink = {
        beginWrite: async () => ({ handle: 'bench', path: 'bench.scwb' }),
        writeChunk: async (_h: string, data: Uint8Array) => {
          chunks++;
          largest = Math.max(largest, data.byteLength);
          received += data.byteLength;
        },
        finishWrite: async () => ({ path: 'bench.scwb' }),
        abortWrite: async () => {},
      } as unknown as DesktopApi;
      const t1 = performance.now();
      await saveBlob(sink, created.blob, { kind: 'folder', folder: '/bench', name: created.fileName });
      return { bytes: created.blob.size, frames: created.header.frames, backupMs, saveMs: ms(t1), chunks, largest, received, chunkBytes: SAVE_CHUNK_BYTES };
    },
    /** Verifies every checksum of the last large backup, then stages, checks and swaps it in. */
    async largeRestore() {
      if (!big) throw new Error('no large backup yet');
      const t0 = performance.now();
      const bytes = new Uint8Array(await big.arrayBuffer());
      const readMs = ms(t0);
      const t1 = performance.now();
      const verified = await verifyBackup(bytes, { currentSchemaVersion: db.verno });
      const verifyMs = ms(t1);
      const t2 = performance.now();
      const result = await restoreBackup(db, verified);
      return { readMs, verifyMs, restoreMs: ms(t2), rows: result.tables.reduce((s, t) => s + t.rows, 0) };
    },
  };
}
