// Every write to a versioned record goes through here, so each one bumps the revision and
// appends a field-level change-log entry in the same transaction. Deletes are tombstones.
import type { Table } from 'dexie';
import type { ChangeLogEntry, FieldChange, RecordMeta } from '../domain/core/types';
import { randomUuid } from '../domain/core/uuid';
import { chainEntry, type ChainedEntry, type ChainHead } from '../domain/trail/chain';
import type { WorkbenchDb } from './db';
import { deskOf, lastOfChain } from './trail/desk';

/** Who writes and when; `now` is injectable so tests are deterministic. */
export interface Writer {
  db: WorkbenchDb;
  by: string;
  now?: () => Date;
}

export type NewRecord<T extends RecordMeta> = Omit<T, keyof RecordMeta> & { id?: string };
export type Patch<T extends RecordMeta> = Partial<Omit<T, keyof RecordMeta>>;

// Meta fields and fields derived from others (searchText) are not logged: they carry no decision.
const META_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'updatedBy', 'rev', 'deleted', 'searchText']);

export function newId(): string {
  return randomUuid();
}

function stamp(w: Pick<Writer, 'now'>): string {
  return (w.now ? w.now() : new Date()).toISOString();
}

/** Structural equality for stored values (plain JSON-like data plus Blobs by identity). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (typeof Blob !== 'undefined' && (a instanceof Blob || b instanceof Blob)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Field-level differences between two versions of a record, meta fields left out. */
export function diffFields(before: object | undefined, after: object | undefined): FieldChange[] {
  const a = (after ?? {}) as Record<string, unknown>;
  // A creation (every bulk write's case) needs no key union and no comparisons.
  if (before == null) {
    const out: FieldChange[] = [];
    for (const k of Object.keys(a)) {
      const v = a[k];
      if (v !== undefined && !META_FIELDS.has(k)) out.push({ field: k, before: undefined, after: loggable(v) });
    }
    return out;
  }
  const b = before as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (META_FIELDS.has(k)) continue;
    if (!sameValue(b[k], a[k])) out.push({ field: k, before: loggable(b[k]), after: loggable(a[k]) });
  }
  return out;
}

/** Blobs are not copied into the log; it records their size and type instead. */
function loggable(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && typeof Blob !== 'undefined' && v instanceof Blob) return { blob: true, size: v.size, type: v.type };
  return v;
}

function logEntry(
  w: Writer,
  at: string,
  entity: string,
  entityId: string,
  op: ChangeLogEntry['op'],
  rev: number,
  changes: FieldChange[],
): ChangeLogEntry {
  return { id: newId(), at, by: w.by, entity, entityId, op, rev, changes };
}

function table<T>(db: WorkbenchDb, name: string): Table<T, string> {
  return db.table(name) as Table<T, string>;
}

/** Builds a complete record without writing it (used by bulk writers, imports and the sync bench, which has no database). */
export function buildRecord<T extends RecordMeta>(w: Pick<Writer, 'by' | 'now'>, data: NewRecord<T>, at = stamp(w)): T {
  return {
    ...(data as object),
    id: data.id ?? newId(),
    createdAt: at,
    updatedAt: at,
    updatedBy: w.by,
    rev: 1,
    deleted: 0,
  } as T;
}

export async function insertRecord<T extends RecordMeta>(w: Writer, entity: string, data: NewRecord<T>): Promise<T> {
  const [record] = await insertMany<T>(w, entity, [data]);
  return record;
}

/**
 * Inserts many records with one log entry each, in one transaction. `changeIds` fixes the ids of the
 * creation log entries: records seeded identically on every machine (starter indicator systems and
 * checklists) must share their first version's id, or a later merge would see two unrelated histories.
 */
export async function insertMany<T extends RecordMeta>(
  w: Writer,
  entity: string,
  data: NewRecord<T>[],
  opts: { changeIds?: readonly string[] } = {},
): Promise<T[]> {
  const at = stamp(w);
  const records = data.map((d) => buildRecord<T>(w, d, at));
  await w.db.transaction('rw', [entity, 'changeLog'], async () => {
    const head = await chainHead(w.db);
    // The records go to IndexedDB first and their entries are made and chained while it writes
    // them: the hashing is synchronous (chain.ts), so awaiting the records first would leave the
    // page idle during the database's work and the database idle during the hashing.
    const written = table<T>(w.db, entity).bulkAdd(records);
    const entries = chainAfter(
      head,
      records.map((r, i) => ({ entry: { ...logEntry(w, at, entity, r.id, 'create', 1, diffFields(undefined, r)), id: opts.changeIds?.[i] ?? newId() }, record: r })),
    );
    await Promise.all([written, w.db.changeLog.bulkAdd(entries)]);
  });
  return records;
}

/**
 * Applies a patch; writes nothing (and returns the record unchanged) when no field differs.
 * Tombstoned records cannot be edited.
 */
export async function updateRecord<T extends RecordMeta>(w: Writer, entity: string, id: string, patch: Patch<T>): Promise<T> {
  return w.db.transaction('rw', [entity, 'changeLog'], async () => {
    const t = table<T>(w.db, entity);
    const before = await t.get(id);
    if (!before || before.deleted) throw new RecordMissingError(entity, id);
    const after = { ...before, ...(patch as object) } as T;
    const changes = diffFields(before, after);
    if (changes.length === 0) return before;
    const at = stamp(w);
    const next = { ...after, updatedAt: at, updatedBy: w.by, rev: before.rev + 1 } as T;
    await t.put(next);
    await appendEntries(w.db, [{ entry: logEntry(w, at, entity, id, 'update', next.rev, changes), record: next }]);
    return next;
  });
}

export async function deleteRecord<T extends RecordMeta>(w: Writer, entity: string, id: string): Promise<void> {
  await w.db.transaction('rw', [entity, 'changeLog'], async () => {
    const t = table<T>(w.db, entity);
    const before = await t.get(id);
    if (!before || before.deleted) return;
    const at = stamp(w);
    const next = { ...before, deleted: 1, updatedAt: at, updatedBy: w.by, rev: before.rev + 1 } as T;
    await t.put(next);
    await appendEntries(w.db, [{ entry: logEntry(w, at, entity, id, 'delete', before.rev + 1, [{ field: 'deleted', before: 0, after: 1 }]), record: next }]);
  });
}

/**
 * Appends this desk's entries to the change log, chained (domain/trail/chain.ts): each follows the
 * desk's previous entry and carries the hash of the record it produced. Must run inside the
 * transaction that writes the records, with 'changeLog' in its scope.
 */
export async function appendEntries(db: WorkbenchDb, items: readonly { entry: ChangeLogEntry; record: object }[]): Promise<ChainedEntry[]> {
  if (items.length === 0) return [];
  const out = chainAfter(await chainHead(db), items);
  await db.changeLog.bulkAdd(out);
  return out;
}

/** This desk's chain head in `db`: its newest entry, or the genesis. Read inside the writing transaction. */
async function chainHead(db: WorkbenchDb): Promise<ChainHead> {
  const desk = deskOf(db);
  const last = await lastOfChain(db, desk.desk);
  return last ? { desk: desk.desk, seq: last.seq, hash: last.hash } : { desk: desk.desk, seq: 0, hash: desk.genesisHash };
}

function chainAfter(head: ChainHead, items: readonly { entry: ChangeLogEntry; record: object }[]): ChainedEntry[] {
  let at = head;
  return items.map(({ entry, record }) => {
    const chained = chainEntry(entry, at, record);
    at = { desk: at.desk, seq: chained.seq, hash: chained.hash };
    return chained;
  });
}

/** Whether `entity` holds a row (a tombstone too) for each of `ids`; reads their keys only, no values. */
export async function holdsAll(db: WorkbenchDb, entity: string, ids: readonly string[]): Promise<boolean> {
  return (await db.table(entity).where(':id').anyOf([...ids]).primaryKeys()).length === ids.length;
}

export async function historyOf(db: WorkbenchDb, entity: string, entityId: string): Promise<ChangeLogEntry[]> {
  const rows = await db.changeLog.where('[entity+entityId]').equals([entity, entityId]).toArray();
  return rows.sort((a, b) => (a.at === b.at ? a.rev - b.rev : a.at < b.at ? -1 : 1));
}

export class RecordMissingError extends Error {
  constructor(
    readonly entity: string,
    readonly recordId: string,
  ) {
    super(`${entity} ${recordId} not found`);
    this.name = 'RecordMissingError';
  }
}
