// Applying a validated exchange file: planMerge per table against the local records and their
// histories, then every write in ONE transaction, so a failure anywhere writes nothing.
// Contract (merge.ts): adds and applies store the incoming record as is and copy its change-log
// entries verbatim (same ids), writing no entry of their own; a conflict changes nothing and is kept
// in mergeConflicts for a person; a locked (signed) audit is never altered.
import type { Project, RecordMeta } from '../../../domain/core/types';
import type { WorkbenchDb } from '../../db';
import { newId, type Writer } from '../../repo';
import { getSetting, setSetting } from '../../settings';
import { mergeRecords, type Rejection as MergeRejection, type TableOutcome } from '../merge-records';
import { ExchangeRefusedError, verifyAgainstDb } from './verify-incoming';
import { contractRecordProblems } from './contract-checks';
import { refreshLedgersInBatches } from '../../ledger';
import type { ExchangeProblem } from './problems';
import type { ValidatedExchange } from './read';
import { EXCHANGE_TABLES, type ExchangeTable, type FileInFile } from './schema';

export { copyEntries, localVersions, mergeOptions, sealedIds, type StoredConflict, type TableOutcome } from '../merge-records';

export interface Rejection extends MergeRejection {
  entity: ExchangeTable;
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

/**
 * A file record as stored: its blob references replaced by Blobs of the file's bytes. Done only for
 * records that are written (Blob construction costs), synchronously, so it may run in the transaction.
 */
function materialize(file: ValidatedExchange, table: string, record: RecordMeta): RecordMeta {
  if (table !== 'files') return record;
  const f = record as unknown as FileInFile;
  const blob = (ref: { sha256: string; type: string }) => new Blob([file.blobs.get(ref.sha256)! as Uint8Array<ArrayBuffer>], { type: ref.type || f.mime });
  const stored: Record<string, unknown> = { ...f, blob: blob(f.blob) };
  if (f.original) stored.original = blob(f.original);
  return stored as unknown as RecordMeta;
}

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

const emptyOutcome = (): TableOutcome => ({ added: 0, updated: 0, skipped: 0, conflicts: 0, rejected: 0 });

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
    const merged = await mergeRecords(
      db,
      { tables: new Map(EXCHANGE_TABLES.map((t) => [t, file.tables[t]])), entries: file.entries, materialize: (t, r) => materialize(file, t, r) },
      {
        importId: summary.id,
        at,
        // Thrown inside the transaction: the whole file is refused, nothing written.
        beforeWrite: async (table, writes) => {
          if (table !== 'projects') return;
          const clashes = await projectCodeClashes(db, writes);
          if (clashes.length) throw new ExchangeRefusedError(clashes, []);
        },
      },
    );
    for (const t of EXCHANGE_TABLES) summary.tables[t] = merged.tables[t] ?? emptyOutcome();
    summary.rejections = merged.rejections as Rejection[];
    summary.alreadyPending = merged.alreadyPending;
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

export async function listImports(db: WorkbenchDb): Promise<ImportSummary[]> {
  return (await getSetting<ImportSummary[]>(db, IMPORT_LOG_KEY)) ?? [];
}
