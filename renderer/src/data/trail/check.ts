// Settings → 审计追踪校验: verifies the whole change log and every record against it, and names the
// first broken link of each chain. Reads in pages (a log of a million entries never sits in memory
// as rows), in chain order through the [desk+seq] index; legacy entries are read only when there
// are any.
import type { ChangeLogEntry, RecordMeta } from '../../domain/core/types';
import { compareEntries } from '../../domain/interchange/merge';
import { checkpointMessage, entryHash, isChained, NO_LEGACY, addToDigest, type ChainedEntry, type Checkpoint, type LegacySummary } from '../../domain/trail/chain';
import { fingerprint } from '../../domain/trail/fingerprint';
import { ChainWalker, checkRecord, type TrailProblem } from '../../domain/trail/verify';
import type Dexie from 'dexie';
import type { Table } from 'dexie';
import type { TrailRow } from '../db';
import { deskOf, verifySignature } from './desk';
import { readLegacy } from './legacy';

/** Tables of versioned records the check compares with their newest entry. */
export const TRAIL_RECORD_TABLES = [
  'projects', 'organisations', 'phaseTransitions', 'contracts', 'amendments', 'obligations', 'payments', 'referenceRates',
  'indicatorSystems', 'reviews', 'deductions', 'checklistTemplates', 'audits', 'findings', 'rectifications', 'files', 'deskKeys',
  'budgets', 'fiscalRules',
] as const;

const PAGE = 2000;
const RECORD_PROBLEMS_LISTED = 50;

export interface DeskChainReport {
  desk: string;
  fingerprint: string;
  own: boolean;
  entries: number;
  /** Highest seq covered by a verified checkpoint. */
  sealedTo: number;
}

export interface TrailReport {
  entries: number;
  legacy: number;
  records: number;
  desks: DeskChainReport[];
  /** The first broken link of each chain, then records that do not match their history. */
  problems: TrailProblem[];
  more: number;
}

export type TrailStep = 'checkpoints' | 'chains' | 'legacy' | 'records';

export interface TrailCheckOptions {
  /**
   * This desk's public key; by default the desk attached to `db` (openDb). A restore passes it for
   * the staging database, which has no desk of its own.
   */
  ownKey?: string;
  signal?: AbortSignal;
  progress?: (p: { step: TrailStep; done: number; total: number }) => void;
}

export interface HeadInfo {
  id: string;
  rev: number;
  at: string;
  entry: ChangeLogEntry;
}

/** Keeps the newest entry of each record's history (the bench replays the check's walk in memory). */
export function keepHead(heads: Map<string, HeadInfo>, e: ChangeLogEntry): void {
  const key = `${e.entity}\u0000${e.entityId}`;
  const cur = heads.get(key);
  if (!cur || compareEntries(cur, e) < 0) heads.set(key, { id: e.id, rev: e.rev, at: e.at, entry: slim(e) });
}

/** What checkRecord needs of an entry; the field changes are dropped so a million heads stay small. */
function slim(e: ChangeLogEntry): ChangeLogEntry {
  const { changes: _c, ...rest } = e;
  return { ...rest, changes: [] };
}

/** Checkpoints whose signature verifies, by desk; the others become problems. */
export async function verifiedCheckpoints(rows: readonly TrailRow[], problems: TrailProblem[]): Promise<Map<string, Checkpoint[]>> {
  const out = new Map<string, Checkpoint[]>();
  for (const r of rows) {
    if (r.kind === 'legacy') continue;
    const { id: _id, kind: _k, ...cp } = r;
    if (!(await verifySignature(cp.key, checkpointMessage(cp), cp.sig))) {
      problems.push({ code: 'checkpoint-signature-invalid', desk: cp.desk, seq: cp.seq });
      continue;
    }
    const list = out.get(cp.desk) ?? [];
    list.push(cp);
    out.set(cp.desk, list);
  }
  return out;
}

/** Any workbench database: the live one, or a restore's staging database at the current schema. */
export async function verifyTrail(db: Dexie, opts: TrailCheckOptions = {}): Promise<TrailReport> {
  const own = opts.ownKey ?? deskOf(db).publicKey;
  const changeLog = db.table('changeLog') as Table<ChangeLogEntry, string>;
  const problems: TrailProblem[] = [];
  const check = () => opts.signal?.throwIfAborted();

  opts.progress?.({ step: 'checkpoints', done: 0, total: 0 });
  const checkpoints = await verifiedCheckpoints((await db.table('trail').toArray()) as TrailRow[], problems);
  const total = await changeLog.count();
  check();

  const walkers = new Map<string, ChainWalker>();
  const walkerOf = (desk: string) => {
    let w = walkers.get(desk);
    if (!w) {
      const cps = checkpoints.get(desk) ?? [];
      w = new ChainWalker(desk, cps, cps.length > 0 && cps.every((c) => c.key === own));
      walkers.set(desk, w);
    }
    return w;
  };
  for (const desk of checkpoints.keys()) walkerOf(desk);

  const heads = new Map<string, HeadInfo>();
  let chained = 0;
  let after: [string, number] | null = null;
  for (;;) {
    const range = after ? changeLog.where('[desk+seq]').above(after) : changeLog.orderBy('[desk+seq]');
    const page = (await range.limit(PAGE).toArray()) as ChainedEntry[];
    if (page.length === 0) break;
    for (const e of page) {
      walkerOf(e.desk).push(e);
      keepHead(heads, e);
    }
    chained += page.length;
    const last = page[page.length - 1];
    after = [last.desk, last.seq];
    opts.progress?.({ step: 'chains', done: chained, total });
    check();
  }
  for (const w of walkers.values()) {
    const p = w.finish();
    if (p) problems.push(p);
  }

  let legacy: LegacySummary = NO_LEGACY;
  if (chained < total) {
    let lastId: string | null = null;
    for (;;) {
      const page: ChangeLogEntry[] = await (lastId === null ? changeLog.orderBy(':id') : changeLog.where(':id').above(lastId)).limit(PAGE).toArray();
      if (page.length === 0) break;
      for (const e of page) {
        if (isChained(e)) continue;
        legacy = { count: legacy.count + 1, digest: addToDigest(legacy.digest, entryHash(e)) };
        keepHead(heads, e);
      }
      lastId = page[page.length - 1].id;
      opts.progress?.({ step: 'legacy', done: legacy.count, total: total - chained });
      check();
    }
  }
  const recorded = await readLegacy(db);
  if (recorded.count !== legacy.count || recorded.digest !== legacy.digest) problems.push({ code: 'legacy-mismatch' });

  let records = 0;
  let recordProblems = 0;
  for (const table of TRAIL_RECORD_TABLES) {
    let lastId: string | null = null;
    for (;;) {
      const t = db.table(table);
      const page: RecordMeta[] = await (lastId === null ? t.orderBy(':id') : t.where(':id').above(lastId)).limit(PAGE).toArray();
      if (page.length === 0) break;
      for (const r of page) {
        const key = `${table}\u0000${r.id}`;
        const p = checkRecord(table, r, heads.get(key)?.entry);
        if (p && recordProblems++ < RECORD_PROBLEMS_LISTED) problems.push(p);
        heads.delete(key);
      }
      records += page.length;
      lastId = page[page.length - 1].id;
      opts.progress?.({ step: 'records', done: records, total: 0 });
      check();
    }
  }

  // What is left has a history but no record. Deletes are tombstones, so a record written since the
  // chain began (its newest entry chained) must still be there; legacy ones may predate tombstones.
  const recordTables = new Set<string>(TRAIL_RECORD_TABLES);
  for (const { entry } of heads.values()) {
    if (!recordTables.has(entry.entity) || !isChained(entry)) continue;
    const p: TrailProblem = { code: 'record-missing', entity: entry.entity, recordId: entry.entityId, entryId: entry.id, desk: entry.desk, seq: entry.seq };
    if (recordProblems++ < RECORD_PROBLEMS_LISTED) problems.push(p);
  }

  const desks: DeskChainReport[] = [...walkers.values()].map((w) => {
    const cps = checkpoints.get(w.desk) ?? [];
    const key = cps[0]?.key ?? '';
    const sealedTo = Math.max(0, ...cps.filter((c) => c.seq <= w.head).map((c) => c.seq));
    return { desk: w.desk, fingerprint: key ? fingerprint(key) : '', own: key === own, entries: w.entries, sealedTo };
  });
  return { entries: total, legacy: legacy.count, records, desks, problems, more: Math.max(0, recordProblems - RECORD_PROBLEMS_LISTED) };
}
