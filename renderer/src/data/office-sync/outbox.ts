// The outbox: which change-log entries this desk holds that the office server may not. It is
// derived from the change log by a Dexie DBCore middleware, so every writer — repositories,
// imports, exchange merges, conflict resolutions, the demo, anything added later — feeds it without
// knowing about sync: each write of change-log entries also writes, in the same IndexedDB
// transaction, one outbox row naming those entries. A row per write (not per entry) keeps a bulk
// load's extra cost to one small row per transaction.
//
// A transaction opened by outboxManaged() manages the outbox itself: the pull (entries that came
// from the server are not news to it) and a restore (which copies the backup's outbox with its log).
// An explicit mark, not "names the outbox table": writers that name every table (the demo loader)
// must still feed it. After a push is committed the pushed ids are taken out of the rows that named
// them (consumeOutbox).
//
// The middleware also tells listeners when a transaction that wrote entries has committed: the
// sync client pushes shortly after local work.
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';

export const OUTBOX = 'syncOutbox';
const LOG = 'changeLog';

export interface OutboxRow {
  /** Auto-incremented: rows in the order their writes happened. */
  n?: number;
  entries: string[];
}

const selfManaged = new WeakSet<object>();
/**
 * Runs `scope` in a read-write transaction over `tables` (the outbox is added) whose change-log
 * writes add no outbox rows: the transaction names the outbox and writes what it means to.
 */
export function outboxManaged<T>(db: Dexie, tables: readonly string[], scope: () => Promise<T>): Promise<T> {
  // An async scope: Dexie keeps the transaction alive across native awaits only for async functions.
  return db.transaction('rw', [...new Set([...tables, OUTBOX])], async () => {
    // Dexie opens the IndexedDB transaction after this call returns, so the mark goes on the
    // transaction itself, before the scope writes anything.
    const trans = (Dexie.currentTransaction as unknown as { idbtrans?: object } | null)?.idbtrans;
    if (trans) selfManaged.add(trans);
    return await scope();
  });
}

const listeners = new Set<() => void>();

/** Called after each committed transaction that added entries to the outbox; returns the unsubscribe function. */
export function onOutboxGrowth(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const l of listeners) {
    try {
      l();
    } catch {
      // A listener's failure is its own; the write has committed.
    }
  }
}

const announced = new WeakSet<object>();

function announceOnCommit(trans: DBCoreTransaction): void {
  if (announced.has(trans)) return;
  announced.add(trans);
  const idb = trans as unknown as IDBTransaction;
  if (typeof idb.addEventListener === 'function') idb.addEventListener('complete', notify);
}

function createOutbox(down: DBCore): DBCore {
  const has = (name: string) => down.schema.tables.some((t) => t.name === name);
  if (!has(OUTBOX) || !has(LOG)) return down;

  function watched(table: DBCoreTable): DBCoreTable {
    return {
      ...table,
      async mutate(req: DBCoreMutateRequest) {
        if (selfManaged.has(req.trans) || (req.type !== 'add' && req.type !== 'put')) return table.mutate(req);
        const res = await table.mutate(req);
        // An entry that failed to be added (its id was held already: copyEntries) is not news.
        const ids = req.values.flatMap((v, i) => {
          const id = (v as { id?: unknown }).id;
          return typeof id === 'string' && !res.failures[i] ? [id] : [];
        });
        if (ids.length) {
          await down.table(OUTBOX).mutate({ type: 'add', trans: req.trans, values: [{ entries: ids } satisfies OutboxRow] });
          announceOnCommit(req.trans);
        }
        return res;
      },
    };
  }

  return {
    ...down,
    transaction(stores, mode, options) {
      if (mode !== 'readwrite' || !stores.includes(LOG)) return down.transaction(stores, mode, options);
      return down.transaction(stores.includes(OUTBOX) ? stores : [...stores, OUTBOX], mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (name === LOG) return watched(table);
      // An add becomes a put, so a table-by-table copy of a whole database (its outbox rows keep
      // their numbers) cannot collide with the rows its own log copy added a moment before.
      if (name === OUTBOX) return { ...table, mutate: (req) => table.mutate(req.type === 'add' ? { ...req, type: 'put' } : req) };
      return table;
    },
  };
}

export const outboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'SyncOutbox',
  create: createOutbox,
};

export interface OutboxSnapshot {
  /** Every entry id waiting, across rows. */
  ids: Set<string>;
  /** The rows as read (to take pushed ids out of exactly these later). */
  rows: OutboxRow[];
  /** Highest row number read; rows written later have higher numbers. */
  last: number;
}

export async function readOutbox(db: Dexie, after = 0): Promise<OutboxSnapshot> {
  const table = db.table<OutboxRow, number>(OUTBOX);
  const rows = after > 0 ? await table.where(':id').above(after).toArray() : await table.toArray();
  const ids = new Set<string>();
  let last = after;
  for (const r of rows) {
    for (const id of r.entries) ids.add(id);
    if (r.n !== undefined && r.n > last) last = r.n;
  }
  return { ids, rows, last };
}

/** Adds rows written since `snap` was read (the outbox only grows between pushes). */
export async function refreshOutbox(db: Dexie, snap: OutboxSnapshot): Promise<OutboxSnapshot> {
  const more = await readOutbox(db, snap.last);
  for (const id of more.ids) snap.ids.add(id);
  return { ids: snap.ids, rows: [...snap.rows, ...more.rows], last: Math.max(snap.last, more.last) };
}

/** Number of entries waiting (an entry named by two rows counts once). */
export async function outboxSize(db: Dexie): Promise<number> {
  return (await readOutbox(db)).ids.size;
}

/**
 * Takes `sent` out of the rows of `rows` (rows written since are left alone), inside the caller's
 * transaction, which must name the outbox. Returns how many rows were emptied.
 */
export async function consumeOutbox(db: Dexie, rows: readonly OutboxRow[], sent: ReadonlySet<string>): Promise<number> {
  const table = db.table<OutboxRow, number>(OUTBOX);
  const current = await table.bulkGet(rows.map((r) => r.n!));
  const drop: number[] = [];
  const keep: OutboxRow[] = [];
  for (const r of current) {
    if (!r) continue;
    const left = r.entries.filter((id) => !sent.has(id));
    if (left.length === 0) drop.push(r.n!);
    else if (left.length !== r.entries.length) keep.push({ n: r.n, entries: left });
  }
  if (drop.length) await table.bulkDelete(drop);
  if (keep.length) await table.bulkPut(keep);
  return drop.length;
}

/** Rows for entries already stored (the schema upgrade that brings the outbox, and tests). */
export function outboxRowsFor(ids: readonly string[], perRow = 5_000): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (let i = 0; i < ids.length; i += perRow) rows.push({ entries: ids.slice(i, i + perRow) });
  return rows;
}
