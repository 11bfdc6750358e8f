// Which records of a table this desk holds, and which have change-log entries, known for a whole
// pull from one key read at its start instead of reads per page. Once a desk holds more of a table
// than a page's key range can cheaply answer, every pulled record cost a history lookup and a
// record lookup of its own, most of them answering "nothing here" on a first download.
//
// The sets stay exact (or larger, which only costs a read) between pages: the pull adds what each
// page wrote, and anyone else's write of change-log entries leaves an outbox row (outbox.ts) that the
// next page's transaction reads before it asks here. A record said absent is not read for its
// version, one said to have no entries not for its history; were it held after all, adding it fails
// (bulkAdd) and the page with it.
import Dexie from 'dexie';
import type { WorkbenchDb } from '../db';

/**
 * A table's records are known from a read of its keys when it holds at most this many rows, and
 * which have entries from a read of its change-log index's keys ([entity+entityId]) when it has at
 * most LOG_READ_MAX entries. Beyond, the per-page reads stay (history.ts), which suit pulls of a few
 * records anyway.
 */
const KEYS_READ_MAX = 50_000;
const LOG_READ_MAX = 2_000;
/** Entries written by others between two pages read one by one at most; beyond, the sets are read again. */
const FOREIGN_READ_MAX = 2_000;

/** Either set is null when it is not known (too large to read at the start). */
interface Held {
  records: Set<string> | null;
  logged: Set<string> | null;
}

export class HeldIds {
  private readonly tables = new Map<string, Held | null>();

  constructor(private readonly db: WorkbenchDb) {}

  /**
   * The ids of `ids` that may be held in `table` as a record, and those that may have entries;
   * inside the page's transaction. null: not known (the desk holds too many to read), read every id.
   */
  async mayHold(table: string, ids: readonly string[]): Promise<{ records: string[] | null; logged: string[] | null }> {
    const held = await this.of(table);
    const among = (set: Set<string> | null) => (set ? ids.filter((id) => set.has(id)) : null);
    return { records: among(held.records), logged: among(held.logged) };
  }

  /** A page wrote (or may have written) these records and entries of `table`. */
  wrote(table: string, ids: Iterable<string>): void {
    const held = this.tables.get(table);
    if (!held) return;
    for (const id of ids) {
      held.records?.add(id);
      held.logged?.add(id);
    }
  }

  /** Entries someone else wrote since the last page (new outbox ids); inside the page's transaction. */
  async othersWrote(entryIds: readonly string[]): Promise<void> {
    if (entryIds.length === 0 || this.tables.size === 0) return;
    if (entryIds.length > FOREIGN_READ_MAX) {
      this.tables.clear();
      return;
    }
    for (const e of await this.db.changeLog.bulkGet([...entryIds])) if (e) this.wrote(e.entity, [e.entityId]);
  }

  private async of(table: string): Promise<Held> {
    const known = this.tables.get(table);
    if (known) return known;
    const db = this.db;
    const keys = (await db.table(table).toCollection().limit(KEYS_READ_MAX + 1).primaryKeys()) as string[];
    // The index's own keys name each entry's record: one key read, no entry read.
    const logKeys = (await db.changeLog
      .where('[entity+entityId]')
      .between([table, Dexie.minKey], [table, Dexie.maxKey], true, true)
      .limit(LOG_READ_MAX + 1)
      .keys()) as unknown as [string, string][];
    // A re-download clears the records but keeps the log: the records alone are still known.
    const held: Held = {
      records: keys.length <= KEYS_READ_MAX ? new Set(keys) : null,
      logged: logKeys.length <= LOG_READ_MAX ? new Set(logKeys.map(([, entityId]) => entityId)) : null,
    };
    this.tables.set(table, held);
    return held;
  }
}
