// Entries written before the chain existed ("legacy") are kept exactly as they are. Their running
// count and digest (domain/trail/chain.ts legacySummary) live in one trail row: the schema upgrade
// computes it, imports add the legacy entries they bring (admitEntries), each checkpoint signs it
// and the trail check recomputes it.
import type { KnownHashes } from '../../domain/trail/incoming';
import type Dexie from 'dexie';
import type { Table } from 'dexie';
import { addToDigest, entryHash, isChained, NO_LEGACY, type LegacySummary, type TrailRow } from '../../domain/trail/chain';
import type { ChangeLogEntry } from '../../domain/core/types';

export const LEGACY_ROW_ID = 'legacy';

function row(legacy: LegacySummary): TrailRow {
  return { id: LEGACY_ROW_ID, kind: 'legacy', legacy, since: new Date().toISOString() };
}

/** The legacy row over every entry of `changeLog` (run by the schema upgrade, in its transaction). */
export async function legacyRowOf(changeLog: Table<ChangeLogEntry>): Promise<TrailRow> {
  let s = NO_LEGACY;
  await changeLog.each((e) => {
    if (!isChained(e)) s = { count: s.count + 1, digest: addToDigest(s.digest, entryHash(e)) };
  });
  return row(s);
}
legacyRowOf.empty = (): TrailRow => row(NO_LEGACY);

/** The legacy summary with `entries` (legacy ones only) added; `hashed`: their entry hashes when computed already. */
export function withLegacy(s: LegacySummary, entries: readonly ChangeLogEntry[], hashed?: KnownHashes): LegacySummary {
  let out = s;
  for (const e of entries) if (!isChained(e)) out = { count: out.count + 1, digest: addToDigest(out.digest, hashed?.get(e) ?? entryHash(e)) };
  return out;
}

export async function readLegacy(db: Dexie): Promise<LegacySummary> {
  const r = (await db.table('trail').get(LEGACY_ROW_ID)) as TrailRow | undefined;
  return r && r.kind === 'legacy' ? r.legacy : NO_LEGACY;
}

export async function writeLegacy(db: Dexie, legacy: LegacySummary): Promise<void> {
  await db.table('trail').put(row(legacy));
}
