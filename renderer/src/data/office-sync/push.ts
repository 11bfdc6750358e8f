// Push: what the outbox names goes to the server in batches, each one transaction there
// (all or nothing) under compare-and-set on every record's head: a push never overwrites a version
// this desk has not seen. Outbox rows are emptied only after the server committed; a push cut
// anywhere is sent again, and what did commit comes back 'unchanged'.
//
// Stale answers name the server's head. A head our history holds means our version already
// descends from it: the record is sent again on that base. Any other head is a version we have not
// merged: the push stops and asks for a pull (the client pulls, merges, and pushes again).
// Records with a conflict waiting for a person stay in the outbox until it is resolved.
import type { SyncApi, SyncPushItem, SyncRecord } from '../../../../sync/api';
import type { ChangeLogEntry, RecordMeta } from '../../domain/core/types';
import { batchBySize } from '../../domain/office-sync/status';
import { baseGuess, pushEntries, rebaseOnStale } from '../../domain/office-sync/versions';
import type { StoredFile, WorkbenchDb } from '../db';
import { loadHistories } from '../interchange/exchange/history';
import { sealTrail } from '../trail/desk';
import { fileForPush, uploadMissing } from './files';
import { consumeOutbox, OUTBOX, readOutbox, type OutboxSnapshot } from './outbox';
import { isSyncedTable, SYNCED_TABLES, type SyncedTable } from './what-syncs';

/** The server's limits are 2,000 items and 32 MiB of JSON per batch; a margin for the envelope. */
export const PUSH_LIMITS = { maxItems: 2_000, maxBytes: 30 * 1024 * 1024 };
/** Passes on learnt bases before the push gives way to a pull (another desk keeps moving the same records). */
const REBASE_PASSES = 4;
/** Records read and prepared at a time (a full desk's first push holds hundreds of thousands). */
const RECORDS_PER_ROUND = 2_000;

export interface PushProgress {
  done: number;
  total: number;
}

export interface PushContext {
  db: WorkbenchDb;
  api: SyncApi;
  signal?: AbortSignal;
  progress?: (p: PushProgress) => void;
  /** Bases learnt from stale answers, kept across a pull and the next push (record key → base). */
  bases?: Map<string, string | null>;
  /** Passes made on learnt bases so far (internal). */
  pass?: number;
}

export type PushResult =
  | { ok: true; applied: number; unchanged: number; held: number }
  /** A record moved on the server to a version this desk has not merged: pull, then push again. */
  | { ok: false; needsPull: true; applied: number };

const keyOf = (table: string, id: string) => `${table}\u0000${id}`;

interface Target {
  table: SyncedTable;
  id: string;
}

export async function pushAll(ctx: PushContext): Promise<PushResult> {
  const { db, api } = ctx;
  const bases = ctx.bases ?? new Map<string, string | null>();
  // The chain's head is signed before its entries leave the machine.
  await sealTrail(db).catch(() => null);
  const snap = await readOutbox(db);
  if (snap.ids.size === 0) return { ok: true, applied: 0, unchanged: 0, held: 0 };

  const { targets, orphans } = await recordsOf(db, snap);
  const held = new Set((await db.mergeConflicts.toArray()).map((c) => keyOf(c.entity, c.recordId)));
  const result = { applied: 0, unchanged: 0, held: 0 };
  // Entries of no synced record (gone from the log, or of a table that stays on this desk): nothing to send.
  const consumed = new Set<string>(orphans);
  let done = 0;
  for (let i = 0; i < targets.length; i += RECORDS_PER_ROUND) {
    ctx.signal?.throwIfAborted();
    const round = targets.slice(i, i + RECORDS_PER_ROUND);
    const prepared = await prepare(db, round, snap, held, bases);
    result.held += prepared.held;
    for (const id of prepared.nothingNew) consumed.add(id);
    for (const batch of batchBySize(prepared.items, (p) => p.bytes, PUSH_LIMITS)) {
      ctx.signal?.throwIfAborted();
      const blobs = new Map<string, Blob>();
      for (const p of batch) for (const [sha, b] of p.blobs) blobs.set(sha, b);
      if (blobs.size) await uploadMissing(api, blobs, ctx.signal);
      const answer = await api.push({ items: batch.map((p) => p.item) });
      if (!answer.ok) {
        let needsPull = false;
        for (const s of answer.stale) {
          const p = batch.find((x) => x.item.entity === s.entity && x.item.record.id === s.id);
          const next = p ? rebaseOnStale(p.history, s.serverHead) : 'pull';
          if (next === 'pull') needsPull = true;
          else bases.set(keyOf(s.entity, s.id), next);
        }
        await consume(db, snap, consumed);
        if (needsPull) return { ok: false, needsPull: true, applied: result.applied };
        // Every stale record has a better base now: the next pass sends them again.
        const pass = (ctx.pass ?? 0) + 1;
        if (pass > REBASE_PASSES) return { ok: false, needsPull: true, applied: result.applied };
        const next = await pushAll({ ...ctx, bases, pass });
        return next.ok ? { ...next, applied: next.applied + result.applied, unchanged: next.unchanged + result.unchanged } : { ...next, applied: next.applied + result.applied };
      }
      result.applied += answer.applied;
      result.unchanged += answer.unchanged;
      for (const p of batch) {
        for (const e of p.item.entries) consumed.add(e.id);
        bases.delete(keyOf(p.item.entity, p.item.record.id));
      }
      await consume(db, snap, consumed);
      done += batch.length;
      ctx.progress?.({ done, total: targets.length });
    }
  }
  await consume(db, snap, consumed);
  return { ok: true, ...result };
}

/** Takes sent (or nothing-new) entries out of the outbox rows of the snapshot. */
async function consume(db: WorkbenchDb, snap: OutboxSnapshot, ids: Set<string>): Promise<void> {
  if (ids.size === 0) return;
  await db.transaction('rw', OUTBOX, () => consumeOutbox(db, snap.rows, ids));
  ids.clear();
}

/** The records the outbox's entries belong to, files and tables in push order. */
async function recordsOf(db: WorkbenchDb, snap: OutboxSnapshot): Promise<{ targets: Target[]; orphans: string[] }> {
  const ids = [...snap.ids];
  const found = new Map<string, Target>();
  const orphans: string[] = [];
  for (let i = 0; i < ids.length; i += 5_000) {
    const slice = ids.slice(i, i + 5_000);
    const entries = await db.changeLog.bulkGet(slice);
    for (const [j, e] of entries.entries()) {
      if (!e || !isSyncedTable(e.entity)) {
        orphans.push(slice[j]);
        continue;
      }
      const k = keyOf(e.entity, e.entityId);
      if (!found.has(k)) found.set(k, { table: e.entity, id: e.entityId });
    }
  }
  const order = new Map<string, number>(SYNCED_TABLES.map((t, i) => [t, i]));
  return { targets: [...found.values()].sort((a, b) => order.get(a.table)! - order.get(b.table)!), orphans };
}

interface Prepared {
  item: SyncPushItem;
  history: string[];
  blobs: Map<string, Blob>;
  bytes: number;
}

async function prepare(
  db: WorkbenchDb,
  targets: readonly Target[],
  snap: OutboxSnapshot,
  held: ReadonlySet<string>,
  bases: ReadonlyMap<string, string | null>,
): Promise<{ items: Prepared[]; nothingNew: string[]; held: number }> {
  const items: Prepared[] = [];
  const nothingNew: string[] = [];
  let heldCount = 0;
  const byTable = new Map<SyncedTable, string[]>();
  for (const t of targets) byTable.set(t.table, [...(byTable.get(t.table) ?? []), t.id]);
  for (const [table, ids] of byTable) {
    const [records, histories] = await db.transaction('r', [table, 'changeLog'], async () => [
      (await db.table(table).bulkGet(ids)) as (RecordMeta | undefined)[],
      await loadHistories(db, table, ids),
    ] as const);
    for (let i = 0; i < ids.length; i++) {
      const record = records[i];
      const history = histories.get(ids[i]) ?? [];
      const key = keyOf(table, ids[i]);
      if (held.has(key)) {
        heldCount++;
        continue;
      }
      const learnt = bases.get(key);
      // The server lacks the record (restored from an older backup): it gets the whole history.
      const entries = learnt === null ? (history.length ? history : null) : pushEntries(history, snap.ids);
      if (!record || !entries) {
        for (const e of history) if (snap.ids.has(e.id)) nothingNew.push(e.id);
        continue;
      }
      items.push(await item(table, record, history, entries, learnt !== undefined ? learnt : baseGuess(history, snap.ids)));
    }
  }
  return { items, nothingNew, held: heldCount };
}

async function item(table: SyncedTable, record: RecordMeta, history: ChangeLogEntry[], entries: ChangeLogEntry[], baseHead: string | null): Promise<Prepared> {
  let plain: SyncRecord = record as unknown as SyncRecord;
  let blobs = new Map<string, Blob>();
  if (table === 'files') {
    const f = await fileForPush(record as unknown as StoredFile);
    plain = f.record as unknown as SyncRecord;
    blobs = f.blobs;
  }
  // As plain JSON: the server takes nothing else (a creation entry's `before: undefined` is dropped,
  // as an exchange file drops it; the chain hashes are over canonical JSON, which drops it too).
  const text = JSON.stringify({ entity: table, baseHead, head: history[history.length - 1].id, record: plain, entries });
  const out = JSON.parse(text) as SyncPushItem;
  // UTF-16 length × 3 bounds the UTF-8 size (a CJK character is 3 bytes), so a batch never passes the server's limit.
  return { item: out, history: history.map((e) => e.id), blobs, bytes: text.length * 3 };
}
