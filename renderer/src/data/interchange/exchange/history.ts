// Version histories as merge.ts reads them: the change-log entry ids of a record, oldest first,
// the head last.
import type { ChangeLogEntry } from '../../../domain/core/types';
import { compareEntries } from '../../../domain/interchange/merge';
import type { WorkbenchDb } from '../../db';

export { compareEntries };

/** Change-log entries of each record, ordered; records without entries map to []. */
export async function loadHistories(db: WorkbenchDb, entity: string, ids: readonly string[]): Promise<Map<string, ChangeLogEntry[]>> {
  const out = new Map<string, ChangeLogEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  // One index lookup per record, all issued at once: IndexedDB answers them in a pipeline. An
  // anyOf() over the same keys walks one cursor key by key, each step a round trip, which made
  // this read as slow as the writes of a pulled page.
  // In one transaction (the caller's when there is one), not one per lookup.
  const lists = await db.transaction('r', db.changeLog, async () => {
    const index = db.changeLog.where('[entity+entityId]');
    return await Promise.all([...out.keys()].map((id) => index.equals([entity, id]).toArray()));
  });
  for (const rows of lists) for (const e of rows) out.get(e.entityId)?.push(e);
  for (const list of out.values()) list.sort(compareEntries);
  return out;
}
