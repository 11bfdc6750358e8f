// Stored files (audit photos, drawn signatures, review evidence): the Blob, its SHA-256 and who
// it belongs to. Every write goes through repo.ts, so files carry revisions and change-log entries
// like any other record. Lists never need the image bytes, but IndexedDB hands Blobs out lazily,
// so reading rows is cheap.
import { checkAttachment } from '../domain/core/attachments';
import { bytesToHex, sha256 } from '../domain/core/crypto';
import { problem, ProblemsError } from '../domain/core/problems';
import type { StoredFile, WorkbenchDb } from './db';
import { deleteRecord, insertRecord, type NewRecord, type Writer } from './repo';
import { awaitInTx } from './tx-wait';

export interface FileInput {
  /** Fixed id (imports, callers that must know the id before writing); a new UUID otherwise. */
  id?: string;
  ownerType: string;
  ownerId: string;
  name: string;
  blob: Blob;
  /** Defaults to blob.type, or application/octet-stream. */
  mime?: string;
  original?: Blob;
  width?: number;
  height?: number;
  /** SHA-256 of `blob` when the caller already has it (an import checks it separately). */
  sha256?: string;
}

/** Lower-case hex SHA-256 of a Blob's bytes (safe to call inside a transaction). */
export function sha256Blob(blob: Blob): Promise<string> {
  return awaitInTx(
    (async () => {
      return bytesToHex(await sha256(new Uint8Array(await blob.arrayBuffer())));
    })(),
  );
}

/** A file that is not an allowed attachment (domain/core/attachments.ts): common.problems.attachment-type / attachment-mime. */
export class AttachmentRefusedError extends ProblemsError<'attachment-type' | 'attachment-mime'> {
  constructor(
    readonly fileName: string,
    readonly reason: 'type' | 'mime',
  ) {
    super('common', [problem(reason === 'type' ? 'attachment-type' : 'attachment-mime', { name: fileName }, 'file')]);
    this.name = 'AttachmentRefusedError';
  }
}

export async function storeFile(w: Writer, input: FileInput): Promise<StoredFile> {
  const mime = input.mime || input.blob.type || 'application/octet-stream';
  const allowed = checkAttachment(input.name, mime);
  if (!allowed.ok) throw new AttachmentRefusedError(allowed.name, allowed.reason);
  const sha256 = input.sha256 ?? (await sha256Blob(input.blob));
  const record: NewRecord<StoredFile> = {
    id: input.id,
    ownerType: input.ownerType,
    ownerId: input.ownerId,
    name: allowed.name,
    mime,
    size: input.blob.size,
    sha256,
    blob: input.blob,
  };
  if (input.original) record.original = input.original;
  if (input.width !== undefined) record.width = input.width;
  if (input.height !== undefined) record.height = input.height;
  return insertRecord<StoredFile>(w, 'files', record);
}

/** The owner's live files, oldest first. */
export async function listFiles(db: WorkbenchDb, ownerType: string, ownerId: string): Promise<StoredFile[]> {
  const rows = await db.files.where('[ownerType+ownerId]').equals([ownerType, ownerId]).toArray();
  return rows.filter((f) => !f.deleted).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

export async function getFile(db: WorkbenchDb, id: string): Promise<StoredFile | undefined> {
  const f = await db.files.get(id);
  return f && !f.deleted ? f : undefined;
}

export async function fileBlob(db: WorkbenchDb, id: string): Promise<Blob | undefined> {
  return (await getFile(db, id))?.blob;
}

/** Tombstones the file; the row (and its bytes) stay so a merge cannot bring back an older copy. */
export function deleteFile(w: Writer, id: string): Promise<void> {
  return deleteRecord<StoredFile>(w, 'files', id);
}

/** id → stored SHA-256 for the given files; tombstoned or missing files are left out. */
export async function storedHashes(db: WorkbenchDb, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.files.bulkGet([...ids]);
  const out = new Map<string, string>();
  for (const f of rows) if (f && !f.deleted) out.set(f.id, f.sha256);
  return out;
}

/**
 * id → SHA-256 recomputed from the stored bytes: what an integrity check must use, since the
 * `sha256` field could have been edited along with the bytes.
 */
export async function recomputedHashes(db: WorkbenchDb, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.files.bulkGet([...ids]);
  const out = new Map<string, string>();
  for (const f of rows) if (f && !f.deleted) out.set(f.id, await sha256Blob(f.blob));
  return out;
}
