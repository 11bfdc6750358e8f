// The sync client's notes on this desk (the syncState table): where the pull stands, when the last
// sync finished, whether a person paused the first download, the office settings as last synced.
// Per desk: never sent. A restore brings back the notes of the backup with its data, so the pull
// resumes from where that data stood.
import type { WorkbenchDb } from '../db';

export interface SyncNotes {
  /** The cursor of the last page applied; null: pull from the beginning. */
  cursor: string | null;
  /** When the last complete sync (pull and push) finished. */
  lastSyncAt: string | null;
  /** A person paused automatic sync (the first download of a big office). */
  paused: boolean;
  /** Office settings as last exchanged with the server: key → version and value. */
  officeSettings: Record<string, { version: string; value: unknown }>;
  /** The desk name this desk's public key was registered under on the server. */
  registeredAs: string | null;
  /** The server was found restored from a backup: when the pull is through, offer it everything this desk holds. */
  reoffer: boolean;
}

const DEFAULTS: SyncNotes = { cursor: null, lastSyncAt: null, paused: false, officeSettings: {}, registeredAs: null, reoffer: false };

export async function readNotes(db: WorkbenchDb): Promise<SyncNotes> {
  const rows = await db.syncState.toArray();
  const out = { ...DEFAULTS } as Record<string, unknown>;
  for (const r of rows) if (r.key in DEFAULTS) out[r.key] = r.value;
  return out as unknown as SyncNotes;
}

export async function readNote<K extends keyof SyncNotes>(db: WorkbenchDb, key: K): Promise<SyncNotes[K]> {
  const row = await db.syncState.get(key);
  return row ? (row.value as SyncNotes[K]) : DEFAULTS[key];
}

/** Inside a transaction that names 'syncState', or on its own. */
export async function writeNote<K extends keyof SyncNotes>(db: WorkbenchDb, key: K, value: SyncNotes[K]): Promise<void> {
  await db.syncState.put({ key, value });
}
