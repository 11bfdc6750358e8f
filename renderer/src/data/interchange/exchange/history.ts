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
  const rows = await db.changeLog
    .where('[entity+entityId]')
    .anyOf(ids.map((id) => [entity, id]))
    .toArray();
  for (const e of rows) out.get(e.entityId)?.push(e);
  for (const list of out.values()) list.sort(compareEntries);
  return out;
}
