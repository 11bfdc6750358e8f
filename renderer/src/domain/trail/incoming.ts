// Rules for change-log entries that arrive from elsewhere (an exchange file, the office server):
// an entry must be what it says it is, must reproduce the field changes it claims against the
// record it produced, may not be dated before the version it follows, and must fit its desk's
// chain where that chain is known. Each problem names the entry.
import type { ChangeLogEntry, RecordMeta } from '../core/types';
import { compareEntries, sameValue as same } from '../interchange/merge';
import { entryHash as entryHashOf, isChained, stateHash as stateHashOf, type ChainedEntry } from './chain';
import { sameEntry } from './verify';

export type IncomingCode =
  | 'entry-differs'
  | 'entry-hash-mismatch'
  | 'entry-rev-mismatch'
  | 'entry-state-mismatch'
  | 'entry-change-mismatch'
  | 'entry-predates-parent'
  | 'history-second-create'
  | 'entry-chain-fork'
  | 'entry-prev-mismatch';

export interface IncomingProblem {
  entryId: string;
  code: IncomingCode;
  params?: Record<string, string | number>;
}

/** How far two desks' clocks may disagree: a laptop off the network for weeks drifts minutes, not a day. */
export const CLOCK_SKEW_MS = 24 * 3600_000;

/** Fields whose logged value is a stand-in ({blob, size, type}) for bytes checked by hash elsewhere. */
const STAND_IN_FIELDS = new Set(['blob', 'original']);

/**
 * Hashes computed ahead (entryHash of an entry, stateHash of a record), by object: the very objects
 * checked, so a hash can never stand for other content.
 */
export type KnownHashes = WeakMap<object, string>;

/**
 * One incoming record with its history. `history` are the entries the file or batch names for it
 * (any order); `local` are the entries this database holds for the same record. Nothing here reads
 * a database: the caller gathers both.
 */
export function checkIncomingRecord(
  record: RecordMeta,
  history: readonly ChangeLogEntry[],
  local: readonly ChangeLogEntry[],
  hashed?: KnownHashes,
): IncomingProblem[] {
  const entryHash = (e: ChainedEntry) => hashed?.get(e) ?? entryHashOf(e);
  const stateHash = (r: RecordMeta) => hashed?.get(r) ?? stateHashOf(r);
  const out: IncomingProblem[] = [];
  const localById = new Map(local.map((e) => [e.id, e]));
  const fresh: ChangeLogEntry[] = [];
  for (const e of history) {
    const mine = localById.get(e.id);
    if (mine) {
      // One desk's entry must travel unchanged. Records seeded alike on every desk share their first
      // entry's id but each desk chained its own copy, so copies from different chains may differ.
      if (isChained(mine) && isChained(e) && mine.desk === e.desk && !sameEntry(mine, e)) out.push({ entryId: e.id, code: 'entry-differs' });
      continue;
    }
    fresh.push(e);
    if (isChained(e) && entryHash(e) !== e.hash) out.push({ entryId: e.id, code: 'entry-hash-mismatch' });
  }

  // The newest entry produced the record as it travels. When we hold that entry the record is the
  // version we have or an older one, and the merge leaves ours as it is.
  const ordered = [...history].sort(compareEntries);
  const head = ordered[ordered.length - 1];
  if (head && !localById.has(head.id)) {
    if (head.rev !== record.rev) out.push({ entryId: head.id, code: 'entry-rev-mismatch', params: { rev: head.rev, recordRev: record.rev } });
    const fields = record as unknown as Record<string, unknown>;
    for (const c of head.changes) {
      if (STAND_IN_FIELDS.has(c.field)) continue;
      if (!same(fields[c.field], c.after)) {
        out.push({ entryId: head.id, code: 'entry-change-mismatch', params: { field: c.field.slice(0, 100) } });
        break;
      }
    }
    if (isChained(head) && head.state !== stateHash(record)) out.push({ entryId: head.id, code: 'entry-state-mismatch' });
  }

  // A record is created once.
  const all = [...local, ...fresh];
  const creates = all.filter((e) => e.op === 'create');
  if (creates.length > 1) {
    const extra = creates.find((e) => !localById.has(e.id)) ?? creates[1];
    out.push({ entryId: extra.id, code: 'history-second-create' });
  }

  // An entry of rev r follows a version of rev r − 1 (several, when two desks edited at once): it
  // may not be dated before the earliest of them, less CLOCK_SKEW_MS for desks whose clocks drift
  // apart while offline. Entries of one desk's concurrent branch keep their own dates, so an honest
  // merged history never trips this.
  const earliestByRev = new Map<number, string>();
  for (const e of all) {
    const cur = earliestByRev.get(e.rev);
    if (cur === undefined || e.at < cur) earliestByRev.set(e.rev, e.at);
  }
  for (const e of fresh) {
    const parentAt = e.rev > 1 ? earliestByRev.get(e.rev - 1) : undefined;
    if (parentAt !== undefined && Date.parse(e.at) < Date.parse(parentAt) - CLOCK_SKEW_MS) out.push({ entryId: e.id, code: 'entry-predates-parent', params: { at: e.at, parentAt } });
  }
  return out;
}

/** Key of a chain position, for looking entries up by desk and seq. */
export function chainKey(desk: string, seq: number): string {
  return `${desk}#${seq}`;
}

/**
 * The chained entries of a batch against each other and against what this database holds of the
 * same chains (`localAt(desk, seq)`): one entry per chain position, and each link intact wherever
 * both of its ends are known. Gaps are allowed (a file carries only some records' entries).
 */
export function checkIncomingChains(
  entries: readonly ChangeLogEntry[],
  localAt: (desk: string, seq: number) => ChainedEntry | undefined,
): IncomingProblem[] {
  const out: IncomingProblem[] = [];
  const batch = new Map<string, ChainedEntry>();
  for (const e of entries) {
    if (!isChained(e)) continue;
    const key = chainKey(e.desk, e.seq);
    const other = batch.get(key);
    if (other && other.id !== e.id) out.push({ entryId: e.id, code: 'entry-chain-fork', params: { seq: e.seq } });
    else batch.set(key, e);
  }
  const at = (desk: string, seq: number) => batch.get(chainKey(desk, seq)) ?? localAt(desk, seq);
  for (const e of batch.values()) {
    const mine = localAt(e.desk, e.seq);
    if (mine && mine.id !== e.id) {
      out.push({ entryId: e.id, code: 'entry-chain-fork', params: { seq: e.seq } });
      continue;
    }
    const before = at(e.desk, e.seq - 1);
    if (before && before.hash !== e.prev) out.push({ entryId: e.id, code: 'entry-prev-mismatch', params: { seq: e.seq } });
    const after = at(e.desk, e.seq + 1);
    if (after && after.prev !== e.hash && !batch.has(chainKey(e.desk, e.seq + 1))) {
      out.push({ entryId: e.id, code: 'entry-prev-mismatch', params: { seq: e.seq + 1 } });
    }
  }
  return out;
}
