// Which records of a table this desk holds, and which have change-log entries, known for a whole
// pull from one key read at its start instead of reads per page. Once a desk holds more of a table
// than a page's key range can cheaply answer, every pulled record cost a history lookup and a
// record lookup of its own, most of them answering "nothing here" on a first download.
//
// The sets stay exact (or larger, which only costs a read) between pages: the pull adds what each
// page wrote, and anyone else's write of change-log entries leaves an outbox row (outbox.ts) that the
// next page's transaction reads before it asks here. A record said absent is read neither for its
// version nor for its history; were it held after all, adding it fails (bulkAdd) and the page with it.
import Dexie from 'dexie';
import type { ChangeLogEntry } from '../../domain/core/types';
import type { WorkbenchDb } from '../db';

/**
 * A table is read as keys when it holds at most this many rows, and its change log whole (the
 * entries name their records only in an index no key read returns) at most LOG_READ_MAX entries.
 * Larger desks keep the per-page reads (history.ts), which suit pulls of a few records anyway.
 */
const KEYS_READ_MAX = 50_000;
const LOG_READ_MAX = 2_000;
/** Entries written by others between two pages read one by one at most; beyond, the sets are read again. */
const FOREIGN_READ_MAX = 2_000;

interface Held {
  records: Set<string>;
  logged: Set<string>;
}

export class HeldIds {
  private readonly tables = new Map<string, Held | null>();

  constructor(private readonly db: WorkbenchDb) {}

  /**
   * The ids of `ids` that may be held (as a record, and with entries), in `table`; inside the
   * page's transaction. null: this desk's table is too large to know, read every id.
   */
  async mayHold(table: string, ids: readonly string[]): Promise<{ records: string[]; logged: string[] } | null> {
    const held = await this.of(table);
    if (!held) return null;
    return { records: ids.filter((id) => held.records.has(id)), logged: ids.filter((id) => held.logged.has(id)) };
  }

  /** A page wrote (or may have written) these records and entries of `table`. */
  wrote(table: string, ids: Iterable<string>): void {
    const held = this.tables.get(table);
    if (!held) return;
    for (const id of ids) {
      held.records.add(id);
      held.logged.add(id);
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

  private async of(table: string): Promise<Held | null> {
    if (this.tables.has(table)) return this.tables.get(table)!;
    const db = this.db;
    let held: Held | null = null;
    const keys = (await db.table(table).toCollection().limit(KEYS_READ_MAX + 1).primaryKeys()) as string[];
    if (keys.length <= KEYS_READ_MAX) {
      const log = () => db.changeLog.where('[entity+entityId]').between([table, Dexie.minKey], [table, Dexie.maxKey], true, true);
      const count = (await log().limit(LOG_READ_MAX + 1).primaryKeys()).length;
      if (count <= LOG_READ_MAX) {
        const entries: ChangeLogEntry[] = count ? await log().toArray() : [];
        held = { records: new Set(keys), logged: new Set(entries.map((e) => e.entityId)) };
      }
    }
    this.tables.set(table, held);
    return held;
  }
}
