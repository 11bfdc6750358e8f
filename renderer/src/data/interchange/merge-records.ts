// Merging records that arrive from elsewhere — an exchange file or a page pulled from the office
// server — into this database: planMerge (domain/interchange/merge.ts) per table against the local
// records and their histories, then the writes, inside the caller's transaction, so a failure
// anywhere writes nothing. One code path for both.
// Contract (merge.ts): adds and applies store the incoming record as is and copy its change-log
// entries verbatim (same ids), writing no entry of their own; a conflict changes nothing and is kept
// in mergeConflicts for a person; a locked (signed) audit is never altered.
import Dexie from 'dexie';
import { isAuditLocked } from '../../domain/audits/audits';
import type { AuditFinding, AuditRun } from '../../domain/audits/audit-types';
import { differingFields, planMerge, resolveConflict, unionHistory, type MergeConflict, type MergeOptions, type MergePlan, type Versioned } from '../../domain/interchange/merge';
import type { ChangeLogEntry, FieldChange, RecordMeta } from '../../domain/core/types';
import { isChained, type ChainedEntry } from '../../domain/trail/chain';
import type { KnownHashes } from '../../domain/trail/incoming';
import type { MergeConflictRow, WorkbenchDb } from '../db';
import { appendEntries, diffFields, newId } from '../repo';
import { AUDIT_FILE_OWNER, auditImageIds } from '../audits';
import { readLegacy, withLegacy, writeLegacy } from '../trail/legacy';
import { getMany, loadHistories } from './exchange/history';

/** What a conflict row keeps: the planMerge conflict and the incoming entries its resolution copies. */
export interface StoredConflict extends MergeConflict<RecordMeta> {
  incomingEntries: ChangeLogEntry[];
}

export interface TableOutcome {
  added: number;
  updated: number;
  skipped: number;
  conflicts: number;
  rejected: number;
}

export interface Rejection {
  entity: string;
  id: string;
  reason: 'locked' | 'duplicate-id';
}

/** Records arriving, table by table in the order to apply them, with every entry their histories name. */
export interface IncomingRecords {
  tables: ReadonlyMap<string, readonly Versioned<RecordMeta>[]>;
  entries: ReadonlyMap<string, ChangeLogEntry>;
  /** The record as stored, for records that are written (a file's Blobs from its bytes). Synchronous: it runs in the transaction. */
  materialize?: (table: string, record: RecordMeta) => RecordMeta;
  /** Hashes of these entries computed ahead (the pull's page check), for the legacy summary. */
  hashed?: KnownHashes;
  /** Per table, the ids that may be held here when the caller knows the others are not (not read); undefined: read every id. */
  mayHold?: (table: string) => ReadonlySet<string> | undefined;
}

export interface MergeSettings {
  /** Names the conflicts this merge records (an import's id; the office sync's marker). */
  importId: string;
  at: string;
  /**
   * Settle, instead of skipping or refusing, an incoming version that neither descends from ours nor
   * is ours: the same content reached on two desks, both deleted, or a locked record (a signed audit)
   * meeting another version. The office sync needs it: the server holds the other version, and our
   * push would be refused as stale for ever. Settling writes one new version on top of both — our
   * content (a signed audit is never altered), both histories, one new entry stamped `by` — which
   * the next push carries. Exchange imports leave such records as they are.
   */
  settle?: { by: string };
  /** Called per table with the records about to be added or replaced, before any write; may throw to refuse the whole merge. */
  beforeWrite?: (table: string, writes: RecordMeta[]) => Promise<void>;
}

export interface MergeOutcome {
  tables: Record<string, TableOutcome>;
  rejections: Rejection[];
  /** Conflicts already waiting from an earlier merge of the same version. */
  alreadyPending: number;
  /** Entries this merge wrote itself (settled versions), for the caller's outbox. */
  written: ChainedEntry[];
}

/** Fields compared by hash instead (a file's bytes are named by its sha256 field). */
export const IGNORED_FIELDS: Readonly<Record<string, readonly string[]>> = { files: ['blob', 'original'] };

const REJECTIONS_KEPT = 200;

/** `sealed`: ids from sealedIds (photos and findings of locally signed audits). */
export function mergeOptions(table: string, sealed: ReadonlySet<string> = new Set()): MergeOptions<RecordMeta> {
  const ignoreFields = IGNORED_FIELDS[table];
  if (table === 'audits') return { isLocked: (r) => isAuditLocked(r as AuditRun) };
  return { ...(ignoreFields ? { ignoreFields } : {}), isLocked: (r) => sealed.has(r.id) };
}

/** `mayHold`: the only ids of `ids` this database may hold, when the caller knows (the others are not read). */
export async function localVersions(
  db: WorkbenchDb,
  table: string,
  ids: readonly string[],
  histories?: ReadonlyMap<string, ChangeLogEntry[]>,
  mayHold?: ReadonlySet<string>,
): Promise<Map<string, Versioned<RecordMeta>>> {
  const rows = await getMany(db.table<RecordMeta, string>(table), mayHold ? ids.filter((id) => mayHold.has(id)) : ids);
  const known = histories ?? (await loadHistories(db, table, ids));
  const out = new Map<string, Versioned<RecordMeta>>();
  rows.forEach((r) => {
    if (r) out.set(r.id, { record: r, history: (known.get(r.id) ?? []).map((e) => e.id) });
  });
  return out;
}

/**
 * Records a locally signed audit seals, among `records`: its photos and signature (files) and its
 * findings. The audits module refuses to change either once the audit is signed; a merge may not
 * either. Judged on the audits as stored before this merge; `known` are local audits already read.
 */
export async function sealedIds(db: WorkbenchDb, table: string, records: readonly RecordMeta[], known: ReadonlyMap<string, Versioned<RecordMeta>> = new Map()): Promise<Set<string>> {
  if (table !== 'files' && table !== 'findings') return new Set();
  const auditOf = (r: RecordMeta): string => {
    if (table === 'findings') return (r as AuditFinding).auditId;
    const f = r as unknown as { ownerType: string; ownerId: string };
    return f.ownerType === AUDIT_FILE_OWNER ? f.ownerId : '';
  };
  const audits = new Map<string, AuditRun>();
  const missing = new Set<string>();
  for (const r of records) {
    const id = auditOf(r);
    if (!id) continue;
    const v = known.get(id);
    if (v) audits.set(id, v.record as AuditRun);
    else missing.add(id);
  }
  if (missing.size) for (const a of await db.audits.bulkGet([...missing])) if (a) audits.set(a.id, a);
  const signed = [...audits.values()].filter(isAuditLocked);
  if (table === 'files') return new Set(signed.flatMap(auditImageIds));
  const signedIds = new Set(signed.map((a) => a.id));
  return new Set(records.filter((r) => signedIds.has(auditOf(r))).map((r) => r.id));
}

const emptyOutcome = (): TableOutcome => ({ added: 0, updated: 0, skipped: 0, conflicts: 0, rejected: 0 });

const head = (v: Versioned<RecordMeta>) => v.history[v.history.length - 1];

/**
 * Merges `incoming` into the database. Must run inside a read-write transaction over the tables,
 * 'changeLog', 'trail', 'mergeConflicts' and 'audits'. `localHistories` may hand over histories
 * the caller already loaded (table → id → entries).
 */
export async function mergeRecords(
  db: WorkbenchDb,
  incoming: IncomingRecords,
  settings: MergeSettings,
  localHistories?: ReadonlyMap<string, ReadonlyMap<string, ChangeLogEntry[]>>,
): Promise<MergeOutcome> {
  const out: MergeOutcome = { tables: {}, rejections: [], alreadyPending: 0, written: [] };
  let localAudits: ReadonlyMap<string, Versioned<RecordMeta>> = new Map();
  const entriesToCopy: ChangeLogEntry[] = [];
  const settled: { table: string; local: Versioned<RecordMeta>; incoming: Versioned<RecordMeta> }[] = [];
  for (const [table, rows] of incoming.tables) {
    const outcome = (out.tables[table] = emptyOutcome());
    if (rows.length === 0) continue;
    // Files are planned on their hashes (blob fields are ignored) and get their Blobs once written.
    const local = await localVersions(db, table, rows.map((v) => v.record.id), localHistories?.get(table), incoming.mayHold?.(table));
    if (table === 'audits') localAudits = local;
    const sealed = await sealedIds(db, table, rows.map((v) => v.record), localAudits);
    const options = mergeOptions(table, sealed);
    const plan: MergePlan<RecordMeta> = planMerge(local, rows, options);
    await settings.beforeWrite?.(table, [...plan.adds.map((v) => v.record), ...plan.applies.map((a) => a.incoming.record)]);
    if (incoming.materialize) {
      const put = (v: Versioned<RecordMeta>) => ({ ...v, record: incoming.materialize!(table, v.record) });
      plan.adds = plan.adds.map(put);
      plan.applies = plan.applies.map((a) => ({ ...a, incoming: put(a.incoming) }));
      plan.conflicts = plan.conflicts.map((c) => ({ ...c, incoming: put(c.incoming) }));
    }

    if (plan.adds.length) await db.table(table).bulkAdd(plan.adds.map((v) => v.record));
    if (plan.applies.length) await db.table(table).bulkPut(plan.applies.map((a) => a.incoming.record));
    for (const v of [...plan.adds, ...plan.applies.map((a) => a.incoming)]) {
      const have = new Set(local.get(v.record.id)?.history ?? []);
      for (const id of v.history) if (!have.has(id)) entriesToCopy.push(incoming.entries.get(id)!);
    }
    outcome.added = plan.adds.length;
    outcome.updated = plan.applies.length;
    outcome.skipped = plan.skips.length;

    if (settings.settle) {
      const byId = new Map(rows.map((v) => [v.record.id, v]));
      const settle = (id: string): boolean => {
        const loc = local.get(id);
        const inc = byId.get(id);
        if (!loc || !inc || loc.history.includes(head(inc))) return false;
        settled.push({ table, local: loc, incoming: inc });
        return true;
      };
      for (const s of plan.skips) if ((s.reason === 'same-content' || s.reason === 'both-deleted') && settle(s.id)) outcome.skipped--, outcome.updated++;
      plan.rejected = plan.rejected.filter((r) => !(r.reason === 'locked' && settle(r.id) && ++outcome.updated));
    }

    for (const c of plan.conflicts) {
      const result = await keepConflict(db, table, c, incoming.entries, settings.importId, settings.at);
      if (result === 'pending') {
        outcome.skipped++;
        out.alreadyPending++;
      } else outcome.conflicts++;
    }
    for (const r of plan.rejected) {
      outcome.rejected++;
      if (out.rejections.length < REJECTIONS_KEPT) out.rejections.push({ entity: table, id: r.id, reason: r.reason });
    }
  }
  await copyEntries(db, entriesToCopy, incoming.hashed);
  if (settled.length) out.written = await settleVersions(db, settled, incoming.entries, settings.at, settings.settle!.by, incoming.hashed);
  return out;
}

/** One new version per settled record: our content, both histories, one entry. */
async function settleVersions(
  db: WorkbenchDb,
  settled: readonly { table: string; local: Versioned<RecordMeta>; incoming: Versioned<RecordMeta> }[],
  entries: ReadonlyMap<string, ChangeLogEntry>,
  at: string,
  by: string,
  hashed?: KnownHashes,
): Promise<ChainedEntry[]> {
  const copy: ChangeLogEntry[] = [];
  const items: { entry: ChangeLogEntry; record: RecordMeta }[] = [];
  for (const { table, local, incoming } of settled) {
    const have = new Set(local.history);
    for (const id of unionHistory(local.history, incoming.history)) if (!have.has(id) && entries.has(id)) copy.push(entries.get(id)!);
    const conflict: MergeConflict<RecordMeta> = { id: local.record.id, kind: 'edit-edit', local, incoming, fields: [], lockedSide: null };
    // Blobs stay as they are: resolveConflict clones plain data only.
    const { blob, original, ...plain } = local.record as unknown as Record<string, unknown>;
    const resolved = resolveConflict({ ...conflict, local: { ...local, record: plain as unknown as RecordMeta } }, 'local', { at, by }) as unknown as Record<string, unknown>;
    if (blob !== undefined) resolved.blob = blob;
    if (original !== undefined) resolved.original = original;
    const record = resolved as unknown as RecordMeta;
    await db.table(table).put(record);
    items.push({ entry: resolutionEntry(by, at, table, local.record, record), record });
  }
  await copyEntries(db, copy, hashed);
  return appendEntries(db, items);
}

/** The change-log entry of a version a person (or the sync, settling) made on top of two. */
export function resolutionEntry(by: string, at: string, entity: string, before: RecordMeta, after: RecordMeta): ChangeLogEntry {
  const changes: FieldChange[] = diffFields(before, after);
  if (before.deleted !== after.deleted) changes.push({ field: 'deleted', before: before.deleted, after: after.deleted });
  const op = after.deleted === 1 && before.deleted === 0 ? 'delete' : 'update';
  return { id: newId(), at, by, entity, entityId: after.id, op, rev: after.rev, changes };
}

/**
 * Adds change-log entries the database lacks, verbatim (other desks' chain fields included); an id
 * already present is never overwritten. Legacy entries (written before the chain existed) are added
 * to the legacy summary the trail check recomputes. Needs 'changeLog' and 'trail' in the transaction.
 */
export async function copyEntries(db: WorkbenchDb, entries: readonly ChangeLogEntry[], hashed?: KnownHashes): Promise<void> {
  if (entries.length === 0) return;
  const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
  // Added without reading first (a read per entry cost as much as the write): an id the log holds
  // already fails alone, as a ConstraintError, and leaves the stored entry and the transaction as
  // they were; any other failure refuses the whole write.
  let failed: Record<number, Error> = {};
  try {
    await db.changeLog.bulkAdd(unique);
  } catch (e) {
    if (!(e instanceof Dexie.BulkError) || e.failures.some((f) => f.name !== 'ConstraintError')) throw e;
    failed = e.failuresByPos;
  }
  const added = unique.filter((_, i) => !failed[i]);
  if (added.some((e) => !isChained(e))) await writeLegacy(db, withLegacy(await readLegacy(db), added, hashed));
}

/**
 * Stores a conflict for a person to resolve. The same incoming version already waiting → 'pending'
 * (merging the same version again is a no-op); a newer incoming version replaces the older waiting
 * one; anything else waits beside it.
 */
async function keepConflict(
  db: WorkbenchDb,
  table: string,
  c: MergeConflict<RecordMeta>,
  entries: ReadonlyMap<string, ChangeLogEntry>,
  importId: string,
  at: string,
): Promise<'pending' | 'stored'> {
  const waiting = await db.mergeConflicts.where('[entity+recordId]').equals([table, c.id]).toArray();
  const incomingHead = head(c.incoming);
  for (const row of waiting) {
    const other = (row.conflict as StoredConflict).incoming;
    const same =
      incomingHead !== undefined
        ? other.history.includes(incomingHead)
        : other.history.length === 0 && other.record.deleted === c.incoming.record.deleted && differingFields(other.record, c.incoming.record, IGNORED_FIELDS[table]).length === 0;
    if (same) return 'pending';
  }
  for (const row of waiting) {
    const otherHead = head((row.conflict as StoredConflict).incoming);
    // The new incoming version descends from the waiting one: it supersedes it.
    if (otherHead !== undefined && c.incoming.history.includes(otherHead)) await db.mergeConflicts.delete(row.id);
  }
  const conflict: StoredConflict = { ...c, incomingEntries: c.incoming.history.map((id) => entries.get(id)!).filter(Boolean) };
  const row: MergeConflictRow = { id: newId(), entity: table, recordId: c.id, createdAt: at, importId, conflict };
  await db.mergeConflicts.add(row);
  return 'stored';
}
