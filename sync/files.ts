// Stored files by content: SHA-256 of the bytes is the key, uploaded once, chunked (1 MiB), the
// file row and its chunks in one transaction; every download is checked against its hash.
import { createHash } from 'node:crypto';
import { SyncFailure } from './errors';
import type { Queryable } from './pg-types';
import { valuesChunks } from './sql';
import { LIMITS } from './validate';

export const sha256Hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export async function filesMissing(db: Queryable, hashes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return [];
  const present = new Set<string>();
  for (const chunk of valuesChunks(unique.map((h) => [h]), ['char(64)'])) {
    const r = await db.query<{ sha256: string }>(`SELECT f.sha256 FROM scw.files f JOIN (VALUES ${chunk.sql}) AS v(sha256) ON f.sha256 = v.sha256`, chunk.params);
    for (const row of r.rows) present.add(row.sha256);
  }
  return unique.filter((h) => !present.has(h));
}

/** stored: false when the server already had the file (another desk, or a retried upload). */
export async function filePut(db: Queryable, sha256: string, data: Uint8Array, desk: string): Promise<{ stored: boolean }> {
  if (sha256Hex(data) !== sha256) throw new SyncFailure('invalid-argument', 'sha256 does not match the data');
  const size = LIMITS.fileChunkBytes;
  const chunks = Math.ceil(data.byteLength / size);
  await db.query('BEGIN');
  try {
    // A concurrent upload of the same file waits here for the first to commit, then does nothing.
    const r = await db.query(
      `INSERT INTO scw.files (sha256, size, chunks, desk) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, data.byteLength, chunks, desk],
    );
    if (r.rowCount === 0) {
      await db.query('ROLLBACK');
      return { stored: false };
    }
    // A few chunks per statement keeps each message to the server at a few MiB.
    for (let start = 0; start < chunks; start += 4) {
      const rows: unknown[][] = [];
      for (let i = start; i < Math.min(chunks, start + 4); i++) rows.push([i, Buffer.from(data.buffer, data.byteOffset + i * size, Math.min(size, data.byteLength - i * size))]);
      for (const chunk of valuesChunks(rows, ['integer', 'bytea'], [sha256])) {
        await db.query(`INSERT INTO scw.file_chunks (sha256, idx, data) SELECT $1, v.idx, v.data FROM (VALUES ${chunk.sql}) AS v(idx, data)`, chunk.params);
      }
    }
    await db.query('COMMIT');
    return { stored: true };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

export async function fileGet(db: Queryable, sha256: string): Promise<Uint8Array> {
  const head = await db.query<{ size: string; chunks: number }>('SELECT size, chunks FROM scw.files WHERE sha256 = $1', [sha256]);
  const file = head.rows[0];
  if (!file) throw new SyncFailure('file-missing');
  const size = Number(file.size);
  if (!Number.isSafeInteger(size) || size > LIMITS.fileBytes) throw new SyncFailure('server-data-invalid', 'size');
  const out = new Uint8Array(size);
  let offset = 0;
  let expected = 0;
  const r = await db.query<{ idx: number; data: Buffer }>('SELECT idx, data FROM scw.file_chunks WHERE sha256 = $1 ORDER BY idx', [sha256]);
  for (const row of r.rows) {
    if (row.idx !== expected++ || offset + row.data.byteLength > size) throw new SyncFailure('server-data-invalid', 'chunks');
    out.set(row.data, offset);
    offset += row.data.byteLength;
  }
  if (expected !== file.chunks || offset !== size || sha256Hex(out) !== sha256) throw new SyncFailure('server-data-invalid', 'sha256');
  return out;
}
