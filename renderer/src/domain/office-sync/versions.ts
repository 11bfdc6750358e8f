// Which version of a record the office server holds, as a desk can tell from its own data.
//
// The server names a record's version by its HEAD (the change-log entry that produced it), and only
// ever moves a record forward by compare-and-set: a desk's push is accepted when the server's head
// is the push's base, and a desk only claims a base its own version descends from. So the server's
// current version descends from every entry the server has ever held for that record.
//
// A desk knows which of its entries the server holds: every entry it wrote or imported waits in the
// OUTBOX until a push carries it (data/office-sync/outbox.ts); every other entry it holds came from
// the server or went to it. Hence:
//   - the incoming version of a pulled record descends from every entry of ours outside the outbox;
//     its history, for the merge rules of domain/interchange/merge.ts, is those entries plus the
//     ones the page brings (a pull sends only entries pushed since the pull began);
//   - the base to claim for a push is our newest entry outside the outbox (null: the record is new
//     to the server). When that guess is wrong the server answers 'stale' with its head: a head our
//     history holds is a version ours descends from, so it becomes the base (rebaseOnStale);
//     any other head is a version we have not seen: pull and merge first.
import type { ChangeLogEntry } from '../core/types';
import { compareEntries } from '../interchange/merge';

type EntryKey = Pick<ChangeLogEntry, 'id' | 'rev' | 'at'>;

/**
 * The history of a pulled version as the merge reads it: our entries the server holds, then the
 * page's entries, in entry order (compareEntries), each once. `local` is our history of the record.
 */
export function pulledHistory(local: readonly EntryKey[], outbox: ReadonlySet<string>, page: readonly EntryKey[]): string[] {
  const byId = new Map<string, EntryKey>();
  for (const e of local) if (!outbox.has(e.id)) byId.set(e.id, e);
  for (const e of page) byId.set(e.id, e);
  return [...byId.values()].sort(compareEntries).map((e) => e.id);
}

/** Our newest entry the server holds, or null when it holds none (the record is new to it). `local` in entry order. */
export function baseGuess(local: readonly EntryKey[], outbox: ReadonlySet<string>): string | null {
  for (let i = local.length - 1; i >= 0; i--) if (!outbox.has(local[i].id)) return local[i].id;
  return null;
}

/**
 * After a stale answer: the base to push on, or 'pull' when the server's version is one this desk
 * has not merged. A null server head (the server has no such record, e.g. restored from an older
 * backup) makes the record new to it.
 */
export function rebaseOnStale(localHistory: readonly string[], serverHead: string | null): string | null | 'pull' {
  if (serverHead === null) return null;
  return localHistory.includes(serverHead) ? serverHead : 'pull';
}

/** The entries a push carries for one record: its outbox entries in entry order, or null when the head is not among them (nothing new to send). */
export function pushEntries<E extends EntryKey>(history: readonly E[], outbox: ReadonlySet<string>): E[] | null {
  const head = history[history.length - 1];
  if (!head || !outbox.has(head.id)) return null;
  return history.filter((e) => outbox.has(e.id));
}
