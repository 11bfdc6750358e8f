// Safety copies: before a restore replaces the live database, the live database is written as a
// backup file and kept in a database of its own (`<live name>-safety`), so picking the wrong backup
// destroys nothing. The newest SAFETY_KEEP copies are kept; each is an ordinary .scwb file, restored
// through the same verification as any other.
import Dexie, { type Table } from 'dexie';
import type { WorkbenchDb } from '../../db';
import { createBackup, type BackupProgress } from './create';

export const SAFETY_KEEP = 3;

export interface SafetyCopy {
  id: string;
  /** When the copy was taken (just before a restore). */
  createdAt: string;
  by: string;
  /** The backup the restore brought in, by its creation time: what replaced this copy's data. */
  replacedBy: string;
  bytes: number;
  file: Blob;
}

/** A copy as listed: everything but the file's bytes. */
export type SafetyCopyInfo = Omit<SafetyCopy, 'file'>;

type SafetyDb = Dexie & { copies: Table<SafetyCopy, string> };

function openSafety(liveName: string): SafetyDb {
  const db = new Dexie(`${liveName}-safety`) as SafetyDb;
  db.version(1).stores({ copies: 'id, createdAt' });
  return db;
}

async function withSafety<T>(liveName: string, work: (db: SafetyDb) => Promise<T>): Promise<T> {
  const db = openSafety(liveName);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Writes the live database as a backup into the safety store and drops all but the newest SAFETY_KEEP. */
export async function keepSafetyCopy(
  live: WorkbenchDb,
  opts: { appVersion: string; by: string; replacedBy: string; signal?: AbortSignal; onProgress?: (p: BackupProgress) => void; now?: () => Date },
): Promise<SafetyCopyInfo> {
  const created = await createBackup(live, { appVersion: opts.appVersion, createdBy: opts.by, signal: opts.signal, onProgress: opts.onProgress, now: opts.now });
  const copy: SafetyCopy = {
    id: crypto.randomUUID(),
    createdAt: created.header.createdAt,
    by: opts.by,
    replacedBy: opts.replacedBy,
    bytes: created.blob.size,
    file: created.blob,
  };
  await withSafety(live.name, async (db) => {
    await db.transaction('rw', db.copies, async () => {
      await db.copies.add(copy);
      const old = await db.copies.orderBy('createdAt').reverse().offset(SAFETY_KEEP).primaryKeys();
      await db.copies.bulkDelete(old);
    });
  });
  const { file: _file, ...info } = copy;
  return info;
}

/** The kept copies, newest first, without their bytes. */
export function listSafetyCopies(liveName: string): Promise<SafetyCopyInfo[]> {
  return withSafety(liveName, async (db) => {
    const rows = await db.copies.orderBy('createdAt').reverse().toArray();
    return rows.map(({ file: _file, ...info }) => info);
  });
}

/** One copy's file, to verify and restore like any backup; null when it is gone. */
export function safetyCopyFile(liveName: string, id: string): Promise<Blob | null> {
  return withSafety(liveName, async (db) => (await db.copies.get(id))?.file ?? null);
}
