// Pull: pages of records from the office server, each checked whole and merged in ONE IndexedDB
// transaction together with its cursor, so a pull cut anywhere (network, app closed, a person
// pressing cancel) resumes at the first page not applied, and applying a page twice changes
// nothing (the merge skips versions it holds).
//
// A page is merged by the exchange files' rules and code (data/interchange/merge-records.ts):
// conflicts wait in mergeConflicts for a person, tombstones stay, signed audits are never altered.
// What sync adds: the incoming version's history is completed from this desk's entries the server
// holds (domain/office-sync/versions.ts), and versions that neither side's history contains but
// that cannot conflict (same content, both deleted, a signed audit) are settled with a new version
// the next push carries.
import Dexie from 'dexie';
import type { SyncApi, SyncPullPage } from '../../../../sync/api';
import type { ChangeLogEntry, RecordMeta } from '../../domain/core/types';
import { pulledHistory } from '../../domain/office-sync/versions';
import { isTrustedKey, type DeskKey } from '../../domain/trail/trust';
import type { Versioned } from '../../domain/interchange/merge';
import type { WorkbenchDb } from '../db';
import { loadHistories } from '../interchange/exchange/history';
import type { ExchangeProblem } from '../interchange/exchange/problems';
import type { FileInFile } from '../interchange/exchange/schema';
import { checkRecordsAgainstDb, type UntrustedSigner } from '../interchange/exchange/verify-incoming';
import { mergeRecords, type TableOutcome } from '../interchange/merge-records';
import { deskOf } from '../trail/desk';
import { fetchBlobs, storedFileOf } from './files';
import { HeldIds } from './held';
import { OUTBOX, outboxManaged, readOutbox, refreshOutbox, type OutboxSnapshot } from './outbox';
import { readNote, writeNote } from './state';
import { checkPage, type PageCheck, type ValidPage } from './validate';
import { SYNCED_TABLES, type SyncedTable } from './what-syncs';

/** Conflicts the office sync records carry this import id. */
export const SYNC_IMPORT_ID = 'office-sync';

/** A page that does not validate or does not fit this database: nothing of it was written. */
export class SyncRefusedError extends Error {
  constructor(
    readonly problems: ExchangeProblem[],
    readonly more: number,
    readonly untrusted: UntrustedSigner[] = [],
  ) {
    super(`office sync refused a page: ${problems.map((p) => p.code).slice(0, 5).join(', ')}`);
    this.name = 'SyncRefusedError';
  }
}

export interface PullProgress {
  pages: number;
  records: number;
  /** Server sequence positions (SyncPullPage.progress), for a progress bar. */
  start: number;
  position: number;
  end: number;
}

export interface PullResult {
  pages: number;
  records: number;
  added: number;
  updated: number;
  conflicts: number;
  /** The server was restored from a backup: everything this desk holds was offered again. */
  restarted: boolean;
}

export interface PullContext {
  db: WorkbenchDb;
  api: SyncApi;
  /** Who settled versions are stamped with. */
  by: string;
  now?: () => Date;
  signal?: AbortSignal;
  limit?: number;
  progress?: (p: PullProgress) => void;
}

const TX_TABLES = [...SYNCED_TABLES, 'changeLog', 'trail', 'mergeConflicts', OUTBOX, 'syncState'];

/** Pulls until the server has nothing newer. Throws SyncRefusedError, a SyncError, or AbortError. */
export async function pullAll(ctx: PullContext): Promise<PullResult> {
  const { db } = ctx;
  let cursor = await readNote(db, 'cursor');
  let outbox = await readOutbox(db);
  const result: PullResult = { pages: 0, records: 0, added: 0, updated: 0, conflicts: 0, restarted: false };
  ctx.signal?.throwIfAborted();
  let next: Promise<SyncPullPage> | null = ctx.api.pull({ cursor, limit: ctx.limit });
  let nextChecked: Promise<PageCheck> | null = null;
  // A pull of one page (the usual incremental one) reads the few records it brings one by one; only
  // a pull of several pages, a first download above all, reads up front which records the desk holds.
  let held: HeldIds | null = null;
  for (;;) {
    const page: SyncPullPage = await next!;
    if (page.more) held ??= new HeldIds(db);
    const checked = nextChecked ?? checkPage(db, page);
    next = null;
    nextChecked = null;
    ctx.signal?.throwIfAborted();
    if ((page as SyncPullPage & { restarted?: boolean }).restarted) result.restarted = true;
    // The next page is asked for once this one's transaction starts, so the server's answer and
    // its transfer overlap the writes instead of waiting behind them. Pages are still applied one
    // after another, each with its own cursor; a pull stopped here drops the page on its way and
    // resumes from the last cursor written.
    const prefetch = () => {
      if (!page.more) return;
      next = ctx.api.pull({ cursor: page.cursor, limit: ctx.limit });
      // Read (or dropped) after this page is applied; a failure meanwhile is reported then.
      next.catch(() => undefined);
    };
    // The next page is checked (schemas, seals, hashes: work for this thread) once this page's
    // writes are issued, while IndexedDB writes and commits them. Its reads of this database
    // (photos of signed audits) come after this page's transaction all the same: IndexedDB runs
    // transactions over the same stores in the order they were opened.
    // Called inside this page's transaction: the check runs outside it.
    const written = () =>
      Dexie.ignoreTransaction(() => {
        if (!next) return;
        nextChecked = next.then((p) => checkPage(db, p));
        nextChecked.catch(() => undefined);
      });
    const applied = await applyPage(ctx, page, await checked, outbox, held, prefetch, written);
    outbox = applied.outbox;
    cursor = page.cursor;
    result.pages++;
    result.records += page.records.length;
    for (const t of Object.values(applied.tables)) {
      result.added += t.added;
      result.updated += t.updated;
      result.conflicts += t.conflicts;
    }
    ctx.progress?.({ pages: result.pages, records: result.records, ...page.progress });
    if (!page.more) break;
    ctx.signal?.throwIfAborted();
  }
  return result;
}

async function applyPage(
  ctx: PullContext,
  raw: SyncPullPage,
  checked: PageCheck,
  outbox: OutboxSnapshot,
  held: HeldIds | null,
  starting: () => void,
  written: () => void,
): Promise<{ tables: Record<string, TableOutcome>; outbox: OutboxSnapshot }> {
  const { db } = ctx;
  if (!checked.ok) throw new SyncRefusedError(checked.problems, checked.more);
  const page = checked.page;
  const files = page.records.filter((r) => r.table === 'files').map((r) => r.version.record as unknown as FileInFile);
  const blobs = files.length ? await fetchBlobs(db, ctx.api, files, ctx.signal) : new Map<string, Blob>();
  ctx.signal?.throwIfAborted();
  starting();
  const at = (ctx.now ? ctx.now() : new Date()).toISOString();

  let snap = outbox;
  const tables = await outboxManaged(db, TX_TABLES, async () => {
    // Writes since the snapshot (a person kept working during the pull) are news to the server too,
    // and records this desk may hold now.
    const seen = snap.rows.length;
    snap = await refreshOutbox(db, snap);
    await held?.othersWrote(snap.rows.slice(seen).flatMap((r) => r.entries));
    const byTable = groupByTable(page);
    // Records this desk is known not to hold (and with no entries) are not read: a first download's.
    const histories = new Map<string, Map<string, ChangeLogEntry[]>>();
    const mayHold = new Map<string, ReadonlySet<string>>();
    for (const [table, list] of byTable) {
      if (list.length === 0) continue;
      const ids = list.map((r) => r.record.id);
      const known = held ? await held.mayHold(table, ids) : { records: null, logged: null };
      if (known.records) mayHold.set(table, new Set(known.records));
      histories.set(table, await loadHistories(db, table, known.logged ?? ids));
    }
    const pageEntries = new Map<string, ChangeLogEntry[]>();
    for (const r of page.records) pageEntries.set(`${r.table}\u0000${r.version.record.id}`, r.entries);
    for (const [table, list] of byTable) {
      const local = histories.get(table);
      for (const v of list) v.history = pulledHistory(local?.get(v.record.id) ?? [], snap.ids, pageEntries.get(`${table}\u0000${v.record.id}`) ?? []);
    }

    const trusted = await trustWithPage(db, page);
    const found = await checkRecordsAgainstDb(db, {
      tables: byTable,
      entries: page.entries,
      historyOf: (table, v) => pageEntries.get(`${table}\u0000${v.record.id}`) ?? [],
      trusted,
      localHistories: histories,
      hashed: page.hashed,
    });
    if (found.problems.length || found.untrusted.length) throw refusal(found.problems, found.untrusted);

    const merged = await mergeRecords(
      db,
      {
        tables: byTable,
        entries: page.entries,
        materialize: (table, record) => (table === 'files' ? storedFileOf(record, blobs) : record),
        hashed: page.hashed,
        mayHold: (table) => mayHold.get(table),
      },
      { importId: SYNC_IMPORT_ID, at, settle: { by: ctx.by } },
      histories,
    );
    if (held) for (const [table, list] of byTable) held.wrote(table, list.map((v) => v.record.id));
    // Settled versions are this desk's news: into the outbox (this transaction manages it).
    if (merged.written.length) await db.syncOutbox.add({ entries: merged.written.map((e) => e.id) });
    await writeNote(db, 'cursor', raw.cursor);
    // A restored server restarts the pull; once it is through, offer it everything again.
    if ((raw as SyncPullPage & { restarted?: boolean }).restarted) await writeNote(db, 'reoffer', true);
    if (!raw.more && (await readNote(db, 'reoffer'))) {
      await reofferEverything(db);
      await writeNote(db, 'reoffer', false);
    }
    written();
    return merged.tables;
  });
  return { tables, outbox: snap };
}

function groupByTable(page: ValidPage): Map<SyncedTable, Versioned<RecordMeta>[]> {
  const out = new Map<SyncedTable, Versioned<RecordMeta>[]>();
  for (const t of SYNCED_TABLES) out.set(t, []);
  for (const r of page.records) out.get(r.table)!.push(r.version);
  return out;
}

/** Keys this desk trusts: its own, the office list as stored, and keys the page itself adds to the list. */
async function trustWithPage(db: WorkbenchDb, page: ValidPage): Promise<(key: string) => boolean> {
  const own = deskOf(db).publicKey;
  const listed = await db.deskKeys.toArray();
  const byId = new Map<string, DeskKey>(listed.map((k) => [k.id, k]));
  for (const r of page.records) if (r.table === 'deskKeys') byId.set(r.version.record.id, r.version.record as DeskKey);
  const keys = [...byId.values()];
  return (key) => isTrustedKey(key, own, keys);
}

function refusal(problems: ExchangeProblem[], untrusted: UntrustedSigner[]): SyncRefusedError {
  const seen = new Set<string>();
  const signers = untrusted.filter((u) => !seen.has(u.key) && seen.add(u.key));
  const all = [...problems, ...signers.map((u) => ({ entity: 'audits', id: '', path: 'signature', code: 'signer-untrusted', params: { fingerprint: u.fingerprint } }))];
  return new SyncRefusedError(all, 0, signers);
}

/**
 * After the server was restored from an older backup it may lack versions this desk pushed: every
 * entry this desk holds goes back into the outbox, and the push sends what the server lacks (the
 * rest comes back 'unchanged').
 */
async function reofferEverything(db: WorkbenchDb): Promise<void> {
  const ids = (await db.changeLog.toCollection().primaryKeys()) as string[];
  for (let i = 0; i < ids.length; i += 5_000) await db.syncOutbox.add({ entries: ids.slice(i, i + 5_000) });
}
