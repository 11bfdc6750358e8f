// Applying a validated exchange file: planMerge per table against the local records and their
// histories, then every write in ONE transaction, so a failure anywhere writes nothing.
// Contract (merge.ts): adds and applies store the incoming record as is and copy its change-log
// entries verbatim (same ids), writing no entry of their own; a conflict changes nothing and is kept
// in mergeConflicts for a person; a locked (signed) audit is never altered.
import { isAuditLocked } from '../../../domain/audits/audits';
import type { AuditFinding, AuditRun } from '../../../domain/audits/audit-types';
import { differingFields, planMerge, type MergeConflict, type MergeOptions, type MergePlan, type Versioned } from '../../../domain/interchange/merge';
import type { ChangeLogEntry, RecordMeta } from '../../../domain/core/types';
import type { MergeConflictRow, WorkbenchDb } from '../../db';
import { newId, type Writer } from '../../repo';
import { getSetting, setSetting } from '../../settings';
import { AUDIT_FILE_OWNER, auditImageIds } from '../../audits';
import { isChained } from '../../../domain/trail/chain';
import { readLegacy, withLegacy, writeLegacy } from '../../trail/legacy';
import { loadHistories } from './history';
import { verifyAgainstDb } from './verify-incoming';
import { contractRecordProblems } from './contract-checks';
import { refreshLedgersInBatches } from '../../ledger';
import type { ValidatedExchange } from './read';
import { EXCHANGE_TABLES, type ExchangeTable, type FileInFile } from './schema';
import type { ExchangeProblem } from './problems';
import { ExchangeRefusedError } from './verify-incoming';
import type { Project } from '../../../domain/core/types';

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
  entity: ExchangeTable;
  id: string;
  reason: 'locked' | 'duplicate-id';
}

export interface ImportSummary {
  id: string;
  at: string;
  by: string;
  fileName: string;
  exporter: string;
  exportedAt: string;
  tables: Record<ExchangeTable, TableOutcome>;
  rejections: Rejection[];
  /** Conflicts already waiting from an earlier import of the same version. */
  alreadyPending: number;
}

export const IMPORT_LOG_KEY = 'exchange.imports';
const IMPORT_LOG_MAX = 50;
const REJECTIONS_KEPT = 200;

/**
 * Project codes after the writes: the local live projects that share a code with a project about
 * to be written, with the writes applied. A code held by two projects refuses the whole file.
 */
async function projectCodeClashes(db: WorkbenchDb, writes: readonly RecordMeta[]): Promise<ExchangeProblem[]> {
  const incoming = writes as unknown as Project[];
  const codes = [...new Set(incoming.filter((p) => !p.deleted && p.code.trim()).map((p) => p.code.trim()))];
  if (codes.length === 0) return [];
  const after = new Map<string, Project>();
  for (const p of await db.projects.where('code').anyOf(codes).toArray()) if (!p.deleted) after.set(p.id, p);
  const written = new Set(incoming.map((p) => p.id));
  for (const p of incoming) {
    if (p.deleted) after.delete(p.id);
    else after.set(p.id, p);
  }
  const byCode = new Map<string, Project[]>();
  for (const p of after.values()) {
    const code = p.code.trim();
    byCode.set(code, [...(byCode.get(code) ?? []), p]);
  }
  const problems: ExchangeProblem[] = [];
  for (const [code, same] of byCode) {
    if (same.length < 2) continue;
    const local = same.find((p) => !written.has(p.id)) ?? same[0];
    for (const p of same) {
      if (p === local || !written.has(p.id)) continue;
      problems.push({ entity: 'projects', id: p.id, path: 'record.code', code: 'code-taken', params: { code, name: p.name.slice(0, 120), local: local.name.slice(0, 120) } });
    }
  }
  return problems;
}

/** Fields compared by hash instead (a file's bytes are named by its sha256 field). */
const IGNORED: Partial<Record<ExchangeTable, string[]>> = { files: ['blob', 'original'] };

/** `sealed`: ids from sealedIds (photos and findings of locally signed audits). */
export function mergeOptions(table: ExchangeTable, sealed: ReadonlySet<string> = new Set()): MergeOptions<RecordMeta> {
  const ignoreFields = IGNORED[table];
  if (table === 'audits') return { isLocked: (r) => isAuditLocked(r as AuditRun) };
  return { ...(ignoreFields ? { ignoreFields } : {}), isLocked: (r) => sealed.has(r.id) };
}

/**
 * A file record as stored: its blob references replaced by Blobs of the file's bytes. Done only for
 * records that are written (Blob construction costs), synchronously, so it may run in the transaction.
 */
function materialize(file: ValidatedExchange, record: RecordMeta): RecordMeta {
  const f = record as unknown as FileInFile;
  const blob = (ref: { sha256: string; type: string }) => new Blob([file.blobs.get(ref.sha256)! as Uint8Array<ArrayBuffer>], { type: ref.type || f.mime });
  const stored: Record<string, unknown> = { ...f, blob: blob(f.blob) };
  if (f.original) stored.original = blob(f.original);
  return stored as unknown as RecordMeta;
}

export async function localVersions(db: WorkbenchDb, table: ExchangeTable, ids: readonly string[]): Promise<Map<string, Versioned<RecordMeta>>> {
  const rows = (await db.table(table).bulkGet([...ids])) as (RecordMeta | undefined)[];
  const histories = await loadHistories(db, table, ids);
  const out = new Map<string, Versioned<RecordMeta>>();
  rows.forEach((r) => {
    if (r) out.set(r.id, { record: r, history: (histories.get(r.id) ?? []).map((e) => e.id) });
  });
  return out;
}

/**
 * Records a locally signed audit seals, among `records`: its photos and signature (files) and its
 * findings. The audits module refuses to change either once the audit is signed; a merge may not
 * either. Judged on the audits as stored before this import; `known` are local audits already read.
 */
export async function sealedIds(db: WorkbenchDb, table: ExchangeTable, records: readonly RecordMeta[], known: ReadonlyMap<string, Versioned<RecordMeta>> = new Map()): Promise<Set<string>> {
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
 * Merges the file into the database in one transaction and returns (and logs) what happened.
 * Throws (and writes nothing) on any storage failure.
 */
export async function applyExchange(w: Writer, file: ValidatedExchange, meta: { fileName: string; signal?: AbortSignal }): Promise<ImportSummary> {
  const db = w.db;
  const at = (w.now ? w.now() : new Date()).toISOString();
  const summary: ImportSummary = {
    id: newId(),
    at,
    by: w.by,
    fileName: meta.fileName.slice(0, 255),
    exporter: file.manifest.exporter.name,
    exportedAt: file.manifest.createdAt,
    tables: Object.fromEntries(EXCHANGE_TABLES.map((t) => [t, emptyOutcome()])) as Record<ExchangeTable, TableOutcome>,
    rejections: [],
    alreadyPending: 0,
  };
  if (meta.signal?.aborted) throw new DOMException('cancelled', 'AbortError');

  await db.transaction('rw', [...EXCHANGE_TABLES, 'changeLog', 'trail', 'deskKeys', 'mergeConflicts', 'settings'], async () => {
    // Refuses the whole file (writing nothing) when an entry does not fit this database or a signer is not trusted.
    await verifyAgainstDb(db, file);
    // The forms' rules and the references of contracts, obligations and payments, file and desk together.
    const broken = await contractRecordProblems(db, file.tables);
    if (broken.length) throw new ExchangeRefusedError(broken, []);
    let localAudits: ReadonlyMap<string, Versioned<RecordMeta>> = new Map();
    const entriesToCopy: ChangeLogEntry[] = [];
    for (const table of EXCHANGE_TABLES) {
      // Files are planned on their hashes (blob fields are ignored) and get their Blobs once written.
      const rows = file.tables[table];
      if (rows.length === 0) continue;
      const local = await localVersions(db, table, rows.map((v) => v.record.id));
      if (table === 'audits') localAudits = local;
      const sealed = await sealedIds(db, table, rows.map((v) => v.record), localAudits);
      const plan: MergePlan<RecordMeta> = planMerge(local, rows, mergeOptions(table, sealed));
      if (table === 'projects') {
        // Thrown inside the transaction: the whole file is refused, nothing written.
        const clashes = await projectCodeClashes(db, [...plan.adds.map((v) => v.record), ...plan.applies.map((a) => a.incoming.record)]);
        if (clashes.length) throw new ExchangeRefusedError(clashes, []);
      }
      const outcome = summary.tables[table];
      if (table === 'files') {
        const put = (v: Versioned<RecordMeta>) => ({ ...v, record: materialize(file, v.record) });
        plan.adds = plan.adds.map(put);
        plan.applies = plan.applies.map((a) => ({ ...a, incoming: put(a.incoming) }));
        plan.conflicts = plan.conflicts.map((c) => ({ ...c, incoming: put(c.incoming) }));
      }

      if (plan.adds.length) await db.table(table).bulkAdd(plan.adds.map((v) => v.record));
      if (plan.applies.length) await db.table(table).bulkPut(plan.applies.map((a) => a.incoming.record));
      for (const v of [...plan.adds, ...plan.applies.map((a) => a.incoming)]) {
        const have = new Set(local.get(v.record.id)?.history ?? []);
        for (const id of v.history) if (!have.has(id)) entriesToCopy.push(file.entries.get(id)!);
      }
      outcome.added = plan.adds.length;
      outcome.updated = plan.applies.length;
      outcome.skipped = plan.skips.length;

      for (const c of plan.conflicts) {
        const result = await keepConflict(db, table, c, file, summary.id, at);
        if (result === 'pending') {
          outcome.skipped++;
          summary.alreadyPending++;
        } else outcome.conflicts++;
      }
      for (const r of plan.rejected) {
        outcome.rejected++;
        if (summary.rejections.length < REJECTIONS_KEPT) summary.rejections.push({ entity: table, id: r.id, reason: r.reason });
      }
    }
    await copyEntries(db, entriesToCopy);
    const log = (await getSetting<ImportSummary[]>(db, IMPORT_LOG_KEY)) ?? [];
    await setSetting(db, IMPORT_LOG_KEY, [summary, ...log].slice(0, IMPORT_LOG_MAX));
  });
  // The merge marked the ledgers it touched stale (ledger-sync.ts); rebuild them now rather than on
  // the next read, so the arrears and portfolio views open on fresh figures. The import is already
  // stored: a failed rebuild leaves the marks, and the next read rebuilds from them.
  try {
    await refreshLedgersInBatches(db, touchedContracts(file));
  } catch (e) {
    console.warn('exchange import: ledgers left stale', e);
  }
  return summary;
}

/** Contracts whose ledger the file may change: its contracts and the parents of its other ledger rows. */
function touchedContracts(file: ValidatedExchange): string[] {
  const ids = new Set(file.tables.contracts.map((v) => v.record.id));
  for (const table of ['obligations', 'payments', 'deductions'] as const) {
    for (const v of file.tables[table]) ids.add((v.record as unknown as { contractId: string }).contractId);
  }
  return [...ids];
}

/**
 * Adds change-log entries the database lacks, verbatim (other desks' chain fields included); an id
 * already present is never overwritten. Legacy entries (written before the chain existed) are added
 * to the legacy summary the trail check recomputes. Needs 'changeLog' and 'trail' in the transaction.
 */
export async function copyEntries(db: WorkbenchDb, entries: readonly ChangeLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
  const existing = await db.changeLog.bulkGet(unique.map((e) => e.id));
  const missing = unique.filter((_, i) => !existing[i]);
  if (missing.length === 0) return;
  await db.changeLog.bulkAdd(missing);
  if (missing.some((e) => !isChained(e))) await writeLegacy(db, withLegacy(await readLegacy(db), missing));
}

/**
 * Stores a conflict for a person to resolve. The same incoming version already waiting → 'pending'
 * (re-importing a file is a no-op); a newer incoming version replaces the older waiting one;
 * anything else waits beside it.
 */
async function keepConflict(
  db: WorkbenchDb,
  table: ExchangeTable,
  c: MergeConflict<RecordMeta>,
  file: ValidatedExchange,
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
        : other.history.length === 0 && other.record.deleted === c.incoming.record.deleted && differingFields(other.record, c.incoming.record, IGNORED[table]).length === 0;
    if (same) return 'pending';
  }
  for (const row of waiting) {
    const otherHead = head((row.conflict as StoredConflict).incoming);
    // The new incoming version descends from the waiting one: it supersedes it.
    if (otherHead !== undefined && c.incoming.history.includes(otherHead)) await db.mergeConflicts.delete(row.id);
  }
  const conflict: StoredConflict = { ...c, incomingEntries: c.incoming.history.map((id) => file.entries.get(id)!).filter(Boolean) };
  const row: MergeConflictRow = { id: newId(), entity: table, recordId: c.id, createdAt: at, importId, conflict };
  await db.mergeConflicts.add(row);
  return 'stored';
}

export async function listImports(db: WorkbenchDb): Promise<ImportSummary[]> {
  return (await getSetting<ImportSummary[]>(db, IMPORT_LOG_KEY)) ?? [];
}
