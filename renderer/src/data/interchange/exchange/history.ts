// Version histories as merge.ts reads them: the change-log entry ids of a record, oldest first,
// the head last.
import type { ChangeLogEntry } from '../../../domain/core/types';
import type { WorkbenchDb } from '../../db';

/**
 * Ordered by revision, not by clock: every entry a version descends from has a lower rev than the
 * entry that made it (updates +1, resolutions max+1), while two machines' clocks may disagree, so
 * ordering by time could put an older entry last and name the wrong head. Ties (concurrent edits on
 * two machines, both rev n) fall back to time and id so every machine orders them the same.
 */
export function compareEntries(a: ChangeLogEntry, b: ChangeLogEntry): number {
  if (a.rev !== b.rev) return a.rev - b.rev;
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Change-log entries of each record, ordered; records without entries map to []. */
export async function loadHistories(db: WorkbenchDb, entity: string, ids: readonly string[]): Promise<Map<string, ChangeLogEntry[]>> {
  const out = new Map<string, ChangeLogEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.changeLog
    .where('[entity+entityId]')
    .anyOf(ids.map((id) => [entity, id]))
    .toArray();
  for (const e of rows) out.get(e.entityId)?.push(e);
  for (const list of out.values()) list.sort(compareEntries);
  return out;
}
