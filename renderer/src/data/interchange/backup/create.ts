// Writes a whole-database backup (.scwb; layout in domain/interchange/backup-format.ts).
//
// Two passes. READ: one read-only transaction over every table takes a consistent snapshot, paging
// each table by primary key and encoding each page to JSON lines at once (Blobs stay as references:
// IndexedDB hands them out lazily, so holding them costs little). No non-IndexedDB await happens
// inside, because that would let IndexedDB commit the transaction. WRITE: outside the transaction,
// each page is compressed, optionally encrypted and hashed into a frame; Blobs are read slice by
// slice. Frames are gathered as Blob parts, folded into one Blob every 64 MiB so the browser may
// keep them out of the JS heap; nothing ever holds the database as one string.
import type { IndexableType } from 'dexie';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupFileName,
  bodyDigest,
  digestOfDigests,
  encodeHeader,
  endRecord,
  FRAME,
  frameAad,
  frameHead,
  type BackupHeader,
  type BackupTrailer,
  type FrameKind,
} from '../../../domain/interchange/backup-format';
import { deriveKey, encryptBytes, makeKeyCheck, newKeyParams, PBKDF2_ITERATIONS, sha256 } from '../../../domain/core/crypto';
import type { WorkbenchDb } from '../../db';
import { gzip } from './gzip';
import { encodePage } from './row-codec';
import { primaryKeyOf, readPage } from './tables';

export const DEFAULT_PAGE_SIZE = 2000;
export const DEFAULT_BLOB_CHUNK_BYTES = 8 * 1024 * 1024;
const FOLD_PARTS_BYTES = 64 * 1024 * 1024;

/** Stages a backup or restore reports, each with its own done/total. */
export type BackupStage = 'read' | 'write' | 'verify' | 'rows' | 'stage' | 'check' | 'trail' | 'safety' | 'swap';

export interface BackupProgress {
  stage: BackupStage;
  /** The table being worked on, when the stage goes table by table. */
  table?: string;
  done: number;
  total: number;
}

export interface CreateBackupOptions {
  appVersion: string;
  createdBy: string;
  /** Encrypts every frame when given (non-empty). */
  passphrase?: string;
  signal?: AbortSignal;
  onProgress?: (p: BackupProgress) => void;
  now?: () => Date;
  pageSize?: number;
  blobChunkBytes?: number;
  iterations?: number;
}

export interface CreatedBackup {
  /** The whole file; read it with `new Uint8Array(await blob.arrayBuffer())` to save it. */
  blob: Blob;
  header: BackupHeader;
  /** workbench-backup-YYYYMMDD-HHmm.scwb (local time of createdAt). */
  fileName: string;
}

interface SnapshotPage {
  table: string;
  bytes: Uint8Array;
  blobs: Blob[];
}

interface Snapshot {
  tables: BackupHeader['tables'];
  pages: SnapshotPage[];
  blobCount: number;
  blobBytes: number;
}

async function snapshot(db: WorkbenchDb, pageSize: number, signal: AbortSignal | undefined, progress: (p: BackupProgress) => void): Promise<Snapshot> {
  return db.transaction('r', db.tables, async () => {
    const tables: BackupHeader['tables'] = [];
    for (const t of db.tables) tables.push({ name: t.name, primaryKey: primaryKeyOf(t), rows: await t.count() });
    const total = tables.reduce((s, t) => s + t.rows, 0);
    const pages: SnapshotPage[] = [];
    let done = 0;
    let blobCount = 0;
    let blobBytes = 0;
    for (const t of db.tables) {
      progress({ stage: 'read', table: t.name, done, total });
      let after: IndexableType | undefined;
      do {
        signal?.throwIfAborted();
        const page = await readPage(t, after, pageSize);
        if (page.rows.length === 0) break;
        const encoded = encodePage(t.name, page.rows, page.keys, blobCount);
        pages.push({ table: t.name, bytes: encoded.bytes, blobs: encoded.blobs });
        blobCount += encoded.blobs.length;
        for (const b of encoded.blobs) blobBytes += b.size;
        done += page.rows.length;
        progress({ stage: 'read', table: t.name, done, total });
        after = page.next;
      } while (after !== undefined);
    }
    return { tables, pages, blobCount, blobBytes };
  });
}

const framesOfBlob = (blob: Blob, chunk: number) => Math.max(1, Math.ceil(blob.size / chunk));

export async function createBackup(db: WorkbenchDb, opts: CreateBackupOptions): Promise<CreatedBackup> {
  const { signal } = opts;
  const progress = opts.onProgress ?? (() => undefined);
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  const blobChunkBytes = opts.blobChunkBytes ?? DEFAULT_BLOB_CHUNK_BYTES;
  const createdAt = opts.now ? opts.now() : new Date();

  const snap = await snapshot(db, pageSize, signal, progress);
  signal?.throwIfAborted();

  const frameCount = snap.pages.length + snap.pages.reduce((s, p) => s + p.blobs.reduce((n, b) => n + framesOfBlob(b, blobChunkBytes), 0), 0) + 1;
  let key: CryptoKey | null = null;
  let encryption: BackupHeader['encryption'] = null;
  if (opts.passphrase) {
    const params = newKeyParams(opts.iterations ?? PBKDF2_ITERATIONS);
    key = await deriveKey(opts.passphrase, params);
    encryption = { cipher: 'AES-256-GCM', key: params, check: await makeKeyCheck(key) };
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: opts.appVersion,
    schemaVersion: db.verno,
    createdAt: createdAt.toISOString(),
    createdBy: opts.createdBy,
    backupId: crypto.randomUUID(),
    pageSize,
    blobChunkBytes,
    compression: 'gzip',
    tables: snap.tables,
    blobs: { count: snap.blobCount, bytes: snap.blobBytes },
    frames: frameCount,
    encryption,
  };
  const headerFile = encodeHeader(header);
  const headerDigest = await sha256(headerFile.subarray(8));

  let parts: BlobPart[] = [headerFile];
  let pending = 0;
  const digests: Uint8Array[] = [];
  const emit = async (kind: FrameKind, plain: Uint8Array) => {
    signal?.throwIfAborted();
    const payload = key ? await encryptBytes(key, plain, frameAad(headerDigest, digests.length, kind)) : plain;
    const digest = await sha256(payload);
    parts.push(frameHead(kind, payload.byteLength), payload as Uint8Array<ArrayBuffer>, digest);
    digests.push(digest);
    pending += payload.byteLength;
    if (pending >= FOLD_PARTS_BYTES) {
      parts = [new Blob(parts)];
      pending = 0;
    }
    progress({ stage: 'write', done: digests.length, total: frameCount });
  };

  const pageDigests = new Map<string, Uint8Array[]>(snap.tables.map((t) => [t.name, []]));
  for (const page of snap.pages) {
    pageDigests.get(page.table)!.push(await sha256(page.bytes));
    await emit(FRAME.rows, await gzip(page.bytes));
    for (const blob of page.blobs) {
      if (blob.size === 0) await emit(FRAME.blob, new Uint8Array(0));
      for (let at = 0; at < blob.size; at += blobChunkBytes) {
        await emit(FRAME.blob, new Uint8Array(await blob.slice(at, at + blobChunkBytes).arrayBuffer()));
      }
    }
  }
  const trailer: BackupTrailer = { tables: {}, blobs: header.blobs };
  for (const t of snap.tables) trailer.tables[t.name] = { rows: t.rows, sha256: await digestOfDigests(pageDigests.get(t.name)!) };
  await emit(FRAME.trailer, new TextEncoder().encode(JSON.stringify(trailer)));
  // The header promised frameCount frames; rows cannot change under a snapshot, so this is a bug.
  if (digests.length !== frameCount) throw new Error(`backup wrote ${digests.length} frames, header says ${frameCount}`);
  parts.push(endRecord(frameCount, await bodyDigest(headerDigest, digests)));

  return { blob: new Blob(parts, { type: 'application/octet-stream' }), header, fileName: backupFileName(createdAt) };
}
