// Rows written straight into tables (bulk fixtures, synthetic bench data) have no change log, so the
// audit-trail check a restore runs would rightly refuse a backup of them. This gives each such record
// the one chained 'create' entry an officer's edit would have written, at its current rev, so tests
// and benches exercise restores of databases whose history is whole.
import type { IndexableType } from 'dexie';
import type { WorkbenchDb } from '../../renderer/src/data/db';
import { appendEntries, diffFields } from '../../renderer/src/data/repo';
import { TRAIL_RECORD_TABLES } from '../../renderer/src/data/trail/check';
import type { ChangeLogEntry, RecordMeta } from '../../renderer/src/domain/core/types';

const PAGE = 2000;

/** Appends a chained 'create' entry for every record that has none; returns how many. */
export async function giveHistory(db: WorkbenchDb, by = '张晓明'): Promise<number> {
  let added = 0;
  for (const entity of TRAIL_RECORD_TABLES) {
    const table = db.table<RecordMeta, string>(entity);
    const known = new Set(
      (await db.changeLog.where('[entity+entityId]').between([entity, ''], [entity, '\uffff']).keys()).map((k) => (k as unknown as [string, string])[1]),
    );
    let after: IndexableType | null = null;
    for (;;) {
      const page: RecordMeta[] = await (after === null ? table.orderBy(':id') : table.where(':id').above(after)).limit(PAGE).toArray();
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      await db.transaction('rw', [entity, 'changeLog'], async () => {
        const items: { entry: ChangeLogEntry; record: object }[] = [];
        for (const r of page) {
          if (known.has(r.id)) continue;
          const entry: ChangeLogEntry = { id: crypto.randomUUID(), at: r.updatedAt, by, entity, entityId: r.id, op: 'create', rev: r.rev, changes: diffFields(undefined, r) };
          items.push({ entry, record: r });
        }
        await appendEntries(db, items);
        added += items.length;
      });
    }
  }
  return added;
}
