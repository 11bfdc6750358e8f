// What backup and restore need to know about tables: how to page through one by primary key.
import Dexie, { type IndexableType, type IndexableTypeArrayReadonly, type Table } from 'dexie';

/** Dexie's key path of the table's primary key; null when keys are out of line. */
export function primaryKeyOf(table: Table): string | string[] | null {
  return table.schema.primKey.keyPath ?? null;
}

export interface Page {
  rows: unknown[];
  /** Out-of-line keys, or null when the rows carry their keys. */
  keys: IndexableType[] | null;
  /** Where the next page starts (exclusive); undefined after the last page. */
  next: IndexableType | undefined;
}

/**
 * Up to `limit` rows after `after` in primary-key order. Offset-free: each page starts from the
 * last key of the one before, so every page costs the same however deep into the table it is.
 */
export async function readPage(table: Table, after: IndexableType | undefined, limit: number): Promise<Page> {
  const from = () => (after === undefined ? table.orderBy(':id') : table.where(':id').above(after));
  const keyPath = primaryKeyOf(table);
  const rows = await from().limit(limit).toArray();
  const keys = keyPath === null ? await from().limit(limit).primaryKeys() : null;
  let next: IndexableType | undefined;
  if (rows.length === limit) {
    next = keys ? keys[keys.length - 1] : (Dexie.getByKeyPath(rows[rows.length - 1], keyPath as string | string[]) as IndexableType);
  }
  return { rows, keys, next };
}

/** Adds one page to a table, with its out-of-line keys when it has them. */
export function addPage(table: Table, page: Pick<Page, 'rows' | 'keys'>): Promise<unknown> {
  return page.keys ? table.bulkAdd(page.rows, page.keys as IndexableTypeArrayReadonly) : table.bulkAdd(page.rows);
}

/** Rows per table (tombstones included: a restore replaces them too). */
export async function tableCounts(db: Dexie): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of db.tables) out[t.name] = await t.count();
  return out;
}
