// Version histories as merge.ts reads them: the change-log entry ids of a record, oldest first,
// the head last.
import type { Collection, Table } from 'dexie';
import type { ChangeLogEntry } from '../../../domain/core/types';
import { compareEntries } from '../../../domain/interchange/merge';
import type { WorkbenchDb } from '../../db';

export { compareEntries };

/**
 * A batch's rows are looked up by id. One request per id costs a round trip each, which made
 * these reads as slow as the batch's writes; when the key range the batch's ids span holds few
 * rows (the first pages of a pull into an empty or small desk), one read of that range's keys is
 * cheaper and answers every id at once. RANGE_ROWS_PER_ID bounds how many rows beyond the batch
 * such a read may bring back before per-id requests win again.
 */
const RANGE_ROWS_PER_ID = 4;
const RANGE_MIN_IDS = 32;

/** The keys of `range` when it holds at most `max` rows; null when it holds more. */
async function fewKeys(range: () => Collection, max: number): Promise<string[] | null> {
  const keys = (await range().limit(max + 1).primaryKeys()) as string[];
  return keys.length > max ? null : keys;
}

function spanOf(ids: readonly string[]): [string, string] {
  let lo = ids[0];
  let hi = ids[0];
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return [lo, hi];
}

/** The rows of `ids` (undefined where absent), in their order: Table.bulkGet, reading only ids the table holds when that is cheaper. */
export async function getMany<T>(table: Table<T, string>, ids: readonly string[]): Promise<(T | undefined)[]> {
  if (ids.length < RANGE_MIN_IDS) return table.bulkGet([...ids]);
  const [lo, hi] = spanOf(ids);
  const held = await fewKeys(() => table.where(':id').between(lo, hi, true, true), ids.length * RANGE_ROWS_PER_ID);
  if (!held) return table.bulkGet([...ids]);
  const present = new Set(held);
  const wanted = ids.filter((id) => present.has(id));
  const byId = new Map<string, T>();
  if (wanted.length) (await table.bulkGet(wanted)).forEach((row, i) => row !== undefined && byId.set(wanted[i], row));
  return ids.map((id) => byId.get(id));
}

/** Change-log entries of each record, ordered; records without entries map to []. */
export async function loadHistories(db: WorkbenchDb, entity: string, ids: readonly string[]): Promise<Map<string, ChangeLogEntry[]>> {
  const out = new Map<string, ChangeLogEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  // In one transaction (the caller's when there is one), not one per lookup.
  const rows = await db.transaction('r', db.changeLog, async () => {
    const index = db.changeLog.where('[entity+entityId]');
    if (out.size >= RANGE_MIN_IDS) {
      const [lo, hi] = spanOf([...out.keys()]);
      const range = () => index.between([entity, lo], [entity, hi], true, true);
      // Reading the range's entries (not only their keys) pays only while they are few: they are
      // larger than the per-record answers they replace.
      const held = await fewKeys(range, out.size * RANGE_ROWS_PER_ID);
      if (held && held.length <= out.size) return held.length ? await range().toArray() : [];
    }
    // One index lookup per record, all issued at once: IndexedDB answers them in a pipeline. An
    // anyOf() over the same keys walks one cursor key by key, each step a round trip.
    const lists = await Promise.all([...out.keys()].map((id) => index.equals([entity, id]).toArray()));
    return lists.flat();
  });
  for (const e of rows) out.get(e.entityId)?.push(e);
  for (const list of out.values()) list.sort(compareEntries);
  return out;
}
