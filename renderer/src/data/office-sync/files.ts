// Stored files travel by content: a file record carries references ({sha256, size, type}) to its
// bytes, which go to the server once per SHA-256 (filesMissing, then filePut) before the records
// that name them are pushed. Policy on the receiving desk: EAGER — a pulled page's files are
// fetched before the page is applied (bytes this desk already holds under the same hash are
// reused), so every record this desk holds has its file, offline included: the field laptop that
// leaves the office network takes its photos with it.
import type { SyncApi } from '../../../../sync/api';
import type { RecordMeta } from '../../domain/core/types';
import type { StoredFile, WorkbenchDb } from '../db';
import { sha256Blob } from '../files';
import type { BlobRef, FileInFile } from '../interchange/exchange/schema';

/** Files uploaded or fetched at once. */
const IN_FLIGHT = 4;

/** A stored file as it travels: Blobs replaced by references; `original` is hashed here. */
export async function fileForPush(f: StoredFile): Promise<{ record: FileInFile; blobs: Map<string, Blob> }> {
  const { blob, original, ...rest } = f;
  const blobs = new Map<string, Blob>([[f.sha256, blob]]);
  const record = { ...rest, blob: { sha256: f.sha256, size: blob.size, type: blob.type } } as FileInFile;
  if (original) {
    const sha = await sha256Blob(original);
    record.original = { sha256: sha, size: original.size, type: original.type };
    blobs.set(sha, original);
  }
  return { record, blobs };
}

async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      await fn(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
}

/** Uploads the blobs the server lacks; returns how many bytes were sent. */
export async function uploadMissing(api: SyncApi, blobs: ReadonlyMap<string, Blob>, signal?: AbortSignal): Promise<number> {
  const hashes = [...blobs.keys()];
  const missing: string[] = [];
  for (let i = 0; i < hashes.length; i += 1000) missing.push(...(await api.filesMissing(hashes.slice(i, i + 1000))));
  let bytes = 0;
  await inParallel(
    missing,
    async (sha) => {
      const blob = blobs.get(sha)!;
      await api.filePut(sha, new Uint8Array(await blob.arrayBuffer()));
      bytes += blob.size;
    },
    signal,
  );
  return bytes;
}

/**
 * The Blobs a page's file records need, by SHA-256: taken from files this desk holds with the same
 * hash, else fetched (the transport checks each hash before it hands the bytes over).
 */
export async function fetchBlobs(db: WorkbenchDb, api: SyncApi, records: readonly FileInFile[], signal?: AbortSignal): Promise<Map<string, Blob>> {
  const want = new Map<string, BlobRef>();
  for (const f of records) {
    want.set(f.blob.sha256, f.blob);
    if (f.original) want.set(f.original.sha256, f.original);
  }
  const out = new Map<string, Blob>();
  const held = want.size ? await db.files.where('sha256').anyOf([...want.keys()]).toArray() : [];
  for (const f of held) if (!out.has(f.sha256)) out.set(f.sha256, f.blob);
  const missing = [...want.values()].filter((r) => !out.has(r.sha256));
  await inParallel(
    missing,
    async (ref) => {
      const bytes = await api.fileGet(ref.sha256);
      out.set(ref.sha256, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: ref.type }));
    },
    signal,
  );
  return out;
}

/** The record as stored: references replaced by the fetched Blobs. */
export function storedFileOf(record: RecordMeta, blobs: ReadonlyMap<string, Blob>): RecordMeta {
  const f = record as unknown as FileInFile;
  const blob = (ref: BlobRef) => {
    const b = blobs.get(ref.sha256)!;
    return b.type === (ref.type || f.mime) ? b : new Blob([b], { type: ref.type || f.mime });
  };
  const stored: Record<string, unknown> = { ...f, blob: blob(f.blob) };
  if (f.original) stored.original = blob(f.original);
  else delete stored.original;
  return stored as unknown as RecordMeta;
}
