// The whole-database backup file (.scwb): layout, header shape and the structural checks that need
// no database. Writing and restoring live in data/backup/.
//
// Layout (all integers unsigned 32-bit big-endian):
//
//   "SCWB"                magic, 4 bytes
//   H                     length of the header
//   header                H bytes of UTF-8 JSON, BackupHeader below: format version, app version,
//                         schema version (db.verno), createdAt, tables with row counts, blob count,
//                         frame count, and the encryption parameters when a passphrase was set
//   frame × header.frames each: kind (1 byte), payload length N, N payload bytes, SHA-256(payload)
//                         kind 1 ROWS: one page of one table (≤ pageSize rows in primary-key order),
//                           JSON lines: first line the table name as a JSON string, then one row per
//                           line (row-codec: Blobs become {"$scwb":"blob","i":n,...} references);
//                           gzip-compressed.
//                         kind 2 BLOB: up to blobChunkBytes of one Blob's bytes, uncompressed
//                           (photos are compressed already). The Blobs a ROWS frame refers to follow
//                           it, in reference order; a large Blob spans several BLOB frames.
//                         kind 3 TRAILER: last frame; JSON {tables: {name: {rows, sha256}}, blobs}
//                           where sha256 hashes the list of SHA-256s of the table's ROWS plaintexts,
//                           so a restore can prove the rows it reads back from the new database are
//                           the rows that were written.
//                         Encrypted files: every payload is AES-GCM (IV ‖ ciphertext ‖ tag) with
//                         additional data SHA-256(header) ‖ frame index ‖ kind, so frames cannot be
//                         reordered, dropped or moved to another file, and the header cannot be
//                         edited, without decryption failing.
//   "SCWE"                end magic
//   F                     frame count again (a truncated file is caught before any frame is read)
//   body SHA-256          32 bytes: SHA-256(SHA-256(header) ‖ d0 ‖ d1 ‖ … ‖ dF-1), di being frame
//                         i's stored digest. A hash over the list of chunk hashes is as binding as
//                         one over all the bytes, and both sides can compute it chunk by chunk
//                         (Web Crypto has no incremental digest).
//
// Checksums cover the bytes as stored, so damage is detected (and reported as damage) before a
// passphrase is even asked for; a wrong passphrase is detected by the key check in the header.
import { z } from 'zod';
import { BackupError } from './backup-error';
import { bytesToHex, checkKeyParams, sha256, type KeyParams } from '../core/crypto';

export const BACKUP_MAGIC = 'SCWB';
export const BACKUP_END_MAGIC = 'SCWE';
export const BACKUP_FORMAT = 'smart-city-workbench-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = 'scwb';
export const FRAME = { rows: 1, blob: 2, trailer: 3 } as const;
export type FrameKind = (typeof FRAME)[keyof typeof FRAME];

const MAX_HEADER_BYTES = 4 * 1024 * 1024;
const FRAME_OVERHEAD = 5 + 32;
const END_BYTES = 4 + 4 + 32;

export { BackupError, type BackupErrorCode } from './backup-error';

const keyPathSchema = z.union([z.string().max(200), z.array(z.string().max(200)).max(16), z.null()]);

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string().max(64),
  schemaVersion: z.number().int().min(1).max(10_000),
  createdAt: z.string().max(40),
  createdBy: z.string().max(200),
  backupId: z.string().max(64),
  pageSize: z.number().int().min(1).max(100_000),
  blobChunkBytes: z.number().int().min(1024).max(64 * 1024 * 1024),
  compression: z.enum(['gzip', 'none']),
  tables: z
    .array(z.object({ name: z.string().min(1).max(100), primaryKey: keyPathSchema, rows: z.number().int().min(0) }))
    .max(500),
  blobs: z.object({ count: z.number().int().min(0), bytes: z.number().int().min(0) }),
  frames: z.number().int().min(1),
  encryption: z
    .object({ cipher: z.literal('AES-256-GCM'), key: z.unknown(), check: z.string().max(512) })
    .nullable(),
});

export interface BackupTableInfo {
  name: string;
  /** Dexie's primary key path; null for tables with out-of-line keys. */
  primaryKey: string | string[] | null;
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  schemaVersion: number;
  createdAt: string;
  createdBy: string;
  backupId: string;
  pageSize: number;
  blobChunkBytes: number;
  compression: 'gzip' | 'none';
  tables: BackupTableInfo[];
  blobs: { count: number; bytes: number };
  frames: number;
  encryption: { cipher: 'AES-256-GCM'; key: KeyParams; check: string } | null;
}

export interface BackupTrailer {
  tables: Record<string, { rows: number; sha256: string }>;
  blobs: { count: number; bytes: number };
}

/** Where one frame sits in the file; payload and digest are views into the file's bytes. */
export interface FrameRef {
  index: number;
  kind: FrameKind;
  payload: Uint8Array;
  digest: Uint8Array;
}

export interface BackupContainer {
  headerBytes: Uint8Array;
  header: BackupHeader;
  frames: FrameRef[];
  bodyDigest: Uint8Array;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

function hasMagic(bytes: Uint8Array, at: number, magic: string): boolean {
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic.charCodeAt(i)) return false;
  return true;
}

export function u32(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4);
  view(out).setUint32(0, n);
  return out;
}

export function encodeHeader(header: BackupHeader): Uint8Array<ArrayBuffer> {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length);
  out.set(ascii(BACKUP_MAGIC), 0);
  view(out).setUint32(4, json.length);
  out.set(json, 8);
  return out;
}

export function frameHead(kind: FrameKind, length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(5);
  out[0] = kind;
  view(out).setUint32(1, length);
  return out;
}

export function endRecord(frames: number, bodyDigest: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(END_BYTES);
  out.set(ascii(BACKUP_END_MAGIC), 0);
  view(out).setUint32(4, frames);
  out.set(bodyDigest, 8);
  return out;
}

/** Additional authenticated data of frame `index`: SHA-256(header) ‖ index ‖ kind. */
export function frameAad(headerDigest: Uint8Array, index: number, kind: FrameKind): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(headerDigest.length + 5);
  out.set(headerDigest, 0);
  view(out).setUint32(headerDigest.length, index);
  out[headerDigest.length + 4] = kind;
  return out;
}

/** SHA-256(SHA-256(header) ‖ d0 ‖ … ‖ dn-1). */
export async function bodyDigest(headerDigest: Uint8Array, frameDigests: Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
  const all = new Uint8Array(32 * (frameDigests.length + 1));
  all.set(headerDigest, 0);
  frameDigests.forEach((d, i) => all.set(d, 32 * (i + 1)));
  return sha256(all);
}

/** SHA-256 over a list of digests, as hex (the trailer's per-table content digest). */
export async function digestOfDigests(digests: Uint8Array[]): Promise<string> {
  const all = new Uint8Array(32 * digests.length);
  digests.forEach((d, i) => all.set(d, 32 * i));
  return bytesToHex(await sha256(all));
}

/** Header checks that need nothing but the bytes (JSON shape, format version, key parameters). */
export function parseHeader(json: unknown): BackupHeader {
  // The magic already matched, so a header that is not ours is a damaged one.
  if ((json as { format?: unknown } | null)?.format !== BACKUP_FORMAT) throw new BackupError('damaged', { where: 'header' });
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) throw new BackupError('unsupported-format', { version });
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw new BackupError('damaged', { where: 'header' });
  const h = parsed.data;
  let encryption: BackupHeader['encryption'] = null;
  if (h.encryption) {
    try {
      encryption = { cipher: h.encryption.cipher, key: checkKeyParams(h.encryption.key), check: h.encryption.check };
    } catch {
      throw new BackupError('damaged', { where: 'header' });
    }
  }
  const names = new Set(h.tables.map((t) => t.name));
  if (names.size !== h.tables.length) throw new BackupError('damaged', { where: 'header' });
  return { ...h, format: BACKUP_FORMAT, encryption };
}

/**
 * Splits a backup file into header and frames without hashing or decrypting anything. Throws
 * 'not-a-backup' for other files and 'damaged' for a file whose structure does not add up
 * (truncated, extra bytes, frame lengths running past the end).
 */
export function readContainer(bytes: Uint8Array): BackupContainer {
  if (bytes.length < 8 || !hasMagic(bytes, 0, BACKUP_MAGIC)) throw new BackupError('not-a-backup');
  const headerLength = view(bytes).getUint32(4);
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length) throw new BackupError('damaged', { where: 'header' });
  const headerBytes = bytes.subarray(8, 8 + headerLength);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw new BackupError('damaged', { where: 'header' });
  }
  const header = parseHeader(json);
  if (bytes.length < 8 + headerLength + END_BYTES) throw new BackupError('damaged', { where: 'end' });
  const endAt = bytes.length - END_BYTES;
  if (!hasMagic(bytes, endAt, BACKUP_END_MAGIC) || view(bytes).getUint32(endAt + 4) !== header.frames) {
    throw new BackupError('damaged', { where: 'end' });
  }
  const frames: FrameRef[] = [];
  let at = 8 + headerLength;
  const dv = view(bytes);
  while (at < endAt) {
    if (frames.length >= header.frames || at + FRAME_OVERHEAD > endAt) throw new BackupError('damaged', { where: `frame ${frames.length + 1}` });
    const kind = bytes[at] as FrameKind;
    const length = dv.getUint32(at + 1);
    const start = at + 5;
    if (kind !== FRAME.rows && kind !== FRAME.blob && kind !== FRAME.trailer) throw new BackupError('damaged', { where: `frame ${frames.length + 1}` });
    if (start + length + 32 > endAt) throw new BackupError('damaged', { where: `frame ${frames.length + 1}` });
    frames.push({ index: frames.length, kind, payload: bytes.subarray(start, start + length), digest: bytes.subarray(start + length, start + length + 32) });
    at = start + length + 32;
  }
  if (frames.length !== header.frames || frames[frames.length - 1].kind !== FRAME.trailer) throw new BackupError('damaged', { where: 'end' });
  return { headerBytes, header, frames, bodyDigest: bytes.subarray(endAt + 8, endAt + 40) };
}

/** workbench-backup-YYYYMMDD-HHmm.scwb in the machine's local time (what the user sees in the folder). */
export function backupFileName(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `workbench-backup-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.${BACKUP_EXTENSION}`;
}
