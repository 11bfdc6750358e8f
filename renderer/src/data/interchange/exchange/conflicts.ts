// Pending merge conflicts and their resolution. A resolution stores the record resolveConflict
// builds, the union of both histories (the incoming entries copied verbatim) and ONE new
// change-log entry that makes it the head, then removes the conflict row.
import { planMerge, resolveConflict, unionHistory, type ConflictChoice, type Versioned } from '../../../domain/interchange/merge';
import type { Project, RecordMeta } from '../../../domain/core/types';
import { fieldProblem, ProblemsError } from '../../../domain/core/problems';
import type { MergeConflictRow, WorkbenchDb } from '../../db';
import { appendEntries, type Writer } from '../../repo';
import { copyEntries, localVersions, mergeOptions, resolutionEntry, sealedIds, type StoredConflict } from '../merge-records';
import { isSyncedTable, type SyncedTable } from '../../office-sync/what-syncs';

export interface PendingConflict {
  rowId: string;
  /** Exchange files and the office sync both record conflicts; any record table may have them. */
  entity: SyncedTable;
  recordId: string;
  createdAt: string;
  importId: string;
  conflict: StoredConflict;
  /** Only one side whole may be chosen: a signed audit, or a file (its bytes go with its hash). */
  wholeOnly: boolean;
}

function toPending(row: MergeConflictRow): PendingConflict {
  const conflict = row.conflict as StoredConflict;
  const entity = row.entity as SyncedTable;
  return {
    rowId: row.id,
    entity,
    recordId: row.recordId,
    createdAt: row.createdAt,
    importId: row.importId,
    conflict,
    wholeOnly: conflict.lockedSide !== null || entity === 'files',
  };
}

/** Every waiting conflict, oldest first. */
export async function listConflicts(db: WorkbenchDb): Promise<PendingConflict[]> {
  const rows = await db.mergeConflicts.toArray();
  return rows
    .filter((r) => isSyncedTable(r.entity))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map(toPending);
}

export function countConflicts(db: WorkbenchDb): Promise<number> {
  return db.mergeConflicts.count();
}

export class ConflictChoiceError extends Error {
  constructor(readonly code: 'whole-record-only' | 'missing') {
    super(`conflict choice: ${code}`);
    this.name = 'ConflictChoiceError';
  }
}

/**
 * What happened: 'resolved' (stored as chosen); 'refreshed' (the local record changed since the
 * import — the row now shows the current local side and needs a new choice); 'applied' (the local
 * record has since become an ancestor of the incoming one, which was applied as a normal merge);
 * 'obsolete' (nothing left to decide: the row was removed).
 */
export type ResolveOutcome = 'resolved' | 'refreshed' | 'applied' | 'obsolete';

export async function resolvePendingConflict(w: Writer, rowId: string, choice: ConflictChoice): Promise<ResolveOutcome> {
  const db = w.db;
  const row = await db.mergeConflicts.get(rowId);
  if (!row) return 'obsolete';
  const pending = toPending(row);
  if (pending.wholeOnly && choice !== 'local' && choice !== 'incoming') throw new ConflictChoiceError('whole-record-only');
  const table = pending.entity;

  // 'audits' is read to tell whether a signed audit seals the record (its photos, its findings).
  return db.transaction('rw', [...new Set([table, 'audits']), 'changeLog', 'trail', 'mergeConflicts'], async () => {
    const current = await db.mergeConflicts.get(rowId);
    if (!current) return 'obsolete' as const;
    const stored = current.conflict as StoredConflict;
    const local = (await localVersions(db, table, [current.recordId])).get(current.recordId);
    const localHead = local?.history[local.history.length - 1];
    const recordedHead = stored.local.history[stored.local.history.length - 1];

    if (!local || localHead !== recordedHead || local.record.rev !== stored.local.record.rev) {
      return replan(db, current, stored, local, table);
    }

    const at = (w.now ? w.now() : new Date()).toISOString();
    const conflict = table === 'files' ? withoutBlobs(stored) : stored;
    let resolved = resolveConflict(conflict, choice, { at, by: w.by });
    if (table === 'files') resolved = { ...resolved, ...blobsOf(choice === 'incoming' ? stored.incoming.record : stored.local.record) };

    if (table === 'projects') await refuseTakenCode(db, resolved as unknown as Project);
    const history = unionHistory(local.history, stored.incoming.history);
    const have = new Set(local.history);
    await copyEntries(db, stored.incomingEntries.filter((e) => !have.has(e.id) && history.includes(e.id)));
    await db.table(table).put(resolved);
    await appendEntries(db, [{ entry: resolutionEntry(w.by, at, table, local.record, resolved), record: resolved }]);
    // Rows for the same record whose incoming version is now part of its history are settled too.
    const siblings = await db.mergeConflicts.where('[entity+recordId]').equals([table, current.recordId]).toArray();
    for (const s of siblings) {
      const h = (s.conflict as StoredConflict).incoming.history;
      if (s.id === current.id || (h.length > 0 && history.includes(h[h.length - 1]))) await db.mergeConflicts.delete(s.id);
    }
    return 'resolved' as const;
  });
}

/** The local record changed after the conflict was recorded: merge again against what is there now. */
async function replan(
  db: WorkbenchDb,
  row: MergeConflictRow,
  stored: StoredConflict,
  local: Versioned<RecordMeta> | undefined,
  table: SyncedTable,
): Promise<ResolveOutcome> {
  const sealed = local ? await sealedIds(db, table, [local.record]) : new Set<string>();
  const plan = planMerge(local ? new Map([[local.record.id, local]]) : new Map(), [stored.incoming], mergeOptions(table, sealed));
  const apply = plan.adds[0] ?? plan.applies[0]?.incoming;
  if (apply) {
    const have = new Set(local?.history ?? []);
    await copyEntries(db, stored.incomingEntries.filter((e) => !have.has(e.id)));
    await db.table(table).put(apply.record);
    await db.mergeConflicts.delete(row.id);
    return 'applied';
  }
  const next = plan.conflicts[0];
  if (next) {
    await db.mergeConflicts.put({ ...row, conflict: { ...next, incomingEntries: stored.incomingEntries } satisfies StoredConflict });
    return 'refreshed';
  }
  await db.mergeConflicts.delete(row.id);
  return 'obsolete';
}

/** A resolution may not give a live project a code another live project uses (the register's rule). */
async function refuseTakenCode(db: WorkbenchDb, p: Project): Promise<void> {
  const code = p.code.trim();
  if (p.deleted || !code) return;
  const same = await db.projects.where('code').equals(code).toArray();
  if (same.some((o) => !o.deleted && o.id !== p.id)) throw new ProblemsError('projects', [fieldProblem('code', 'code-taken', { code })]);
}

function blobsOf(record: RecordMeta): Record<string, unknown> {
  const r = record as unknown as { blob?: Blob; original?: Blob };
  return r.original ? { blob: r.blob, original: r.original } : { blob: r.blob };
}

/** resolveConflict clones the records; Blobs are put back afterwards rather than cloned. */
function withoutBlobs(c: StoredConflict): StoredConflict {
  const strip = (v: Versioned<RecordMeta>): Versioned<RecordMeta> => {
    const { blob: _b, original: _o, ...rest } = v.record as unknown as Record<string, unknown>;
    return { record: rest as unknown as RecordMeta, history: v.history };
  };
  return { ...c, local: strip(c.local), incoming: strip(c.incoming) };
}
