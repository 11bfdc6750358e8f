// Tells in-memory read models which rows changed once a write has committed, whoever wrote it: the
// repositories, spreadsheet and OC4IDS imports, exchange merges, a restore, the demo loader, the
// office-server sync — in this tab or in another tab or window of the same profile.
//
// Why a DBCore middleware: every write of every writer passes through Dexie's DBCore, whatever API
// it used (add, put, bulkPut, modify, clear), so no write path can forget to announce itself. It
// records the primary keys each read-write transaction wrote, per table, and announces them when
// the IndexedDB transaction completes (an aborted transaction wrote nothing and announces nothing).
// Dexie's own 'storagemutated' event was the alternative, but it reports a write of 50 rows or more
// as "anything in the table may have changed", which would make a 50,000-row register re-read
// everything after a small import; here a large write is reported that way only past MAX_KEYS.
//
// Other tabs hear it over a BroadcastChannel named after the database; they read the rows
// themselves, since only keys travel. A page restored from the back/forward cache may have missed
// messages, so it is told that everything changed.
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/** The keys written in one table, or 'all' when it was cleared or too many rows were written to list. */
export type ChangedKeys = ReadonlySet<string> | 'all';
/** Table name → what changed in it. */
export type Changes = ReadonlyMap<string, ChangedKeys>;
export type ChangeListener = (changes: Changes) => void;

/** Past this many keys in one table and one transaction, readers are told to re-read the table. */
export const MAX_KEYS = 5000;

type Pending = Map<string, Set<string> | 'all'>;

const listeners = new Map<string, Set<ChangeListener>>();
const pendingByTrans = new WeakMap<object, Pending>();
const channels = new Map<string, BroadcastChannel>();

/** Wire form of Changes (a BroadcastChannel message). */
type Message = Record<string, string[] | 'all'>;

function channelName(dbName: string): string {
  return `scw-changes:${dbName}`;
}

function emit(dbName: string, changes: Changes): void {
  for (const l of listeners.get(dbName) ?? []) {
    try {
      l(changes);
    } catch (e) {
      console.error(e);
    }
  }
}

function channel(dbName: string): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  let ch = channels.get(dbName);
  if (!ch) {
    ch = new BroadcastChannel(channelName(dbName));
    ch.onmessage = (ev: MessageEvent<Message>) => {
      const changes = fromMessage(ev.data);
      if (changes) emit(dbName, changes);
    };
    // Node (unit tests): the channel must not keep the process alive.
    (ch as unknown as { unref?: () => void }).unref?.();
    channels.set(dbName, ch);
  }
  return ch;
}

function fromMessage(data: unknown): Changes | null {
  if (!data || typeof data !== 'object') return null;
  const out = new Map<string, ChangedKeys>();
  for (const [table, keys] of Object.entries(data as Record<string, unknown>)) {
    if (keys === 'all') out.set(table, 'all');
    else if (Array.isArray(keys)) out.set(table, new Set(keys.filter((k): k is string => typeof k === 'string')));
  }
  return out;
}

function toMessage(changes: Changes): Message {
  const msg: Message = {};
  for (const [table, keys] of changes) msg[table] = keys === 'all' ? 'all' : [...keys];
  return msg;
}

/**
 * Calls `listener` after each committed write to the database named `dbName` (from this tab or
 * another); returns the unsubscribe function.
 */
export function onCommitted(dbName: string, listener: ChangeListener): () => void {
  let set = listeners.get(dbName);
  if (!set) listeners.set(dbName, (set = new Set()));
  set.add(listener);
  channel(dbName);
  return () => {
    set.delete(listener);
  };
}

if (typeof addEventListener !== 'undefined') {
  addEventListener('pageshow', (ev) => {
    if (!(ev as PageTransitionEvent).persisted) return;
    for (const dbName of listeners.keys()) emit(dbName, new Map([['*', 'all']]));
  });
}

/** Whether `table` changed in `changes` ('*' is every table). */
export function changedIn(changes: Changes, table: string): ChangedKeys | undefined {
  return changes.get('*') ?? changes.get(table);
}

function record(pending: Pending, table: string, keys: readonly unknown[] | 'all'): void {
  if (pending.get(table) === 'all') return;
  if (keys === 'all') {
    pending.set(table, 'all');
    return;
  }
  let set = pending.get(table) as Set<string> | undefined;
  if (!set) pending.set(table, (set = new Set()));
  for (const k of keys) if (typeof k === 'string') set.add(k);
  if (set.size > MAX_KEYS) pending.set(table, 'all');
}

function pendingFor(dbName: string, trans: DBCoreTransaction): Pending {
  let pending = pendingByTrans.get(trans);
  if (!pending) {
    const created: Pending = new Map();
    pending = created;
    pendingByTrans.set(trans, created);
    (trans as unknown as IDBTransaction).addEventListener('complete', () => {
      if (created.size === 0) return;
      emit(dbName, created);
      channel(dbName)?.postMessage(toMessage(created));
    });
  }
  return pending;
}

function createChangeFeed(down: DBCore): DBCore {
  const dbName = down.schema.name;
  function watched(table: DBCoreTable): DBCoreTable {
    const name = table.name;
    const extract = table.schema.primaryKey.extractKey;
    return {
      ...table,
      async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
        const pending = pendingFor(dbName, req.trans);
        const res = await table.mutate(req);
        if (req.type === 'deleteRange') record(pending, name, 'all');
        else if (req.type === 'delete') record(pending, name, req.keys);
        else record(pending, name, res.results ?? req.keys ?? (extract ? req.values.map(extract) : 'all'));
        return res;
      },
    };
  }
  return { ...down, table: (name) => watched(down.table(name)) };
}

export const changeFeedMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ChangeFeed',
  create: createChangeFeed,
};
