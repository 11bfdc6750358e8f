// The machinery an in-memory read model shares: one full read at the start, then, for every
// committed write the change feed (change-feed.ts) reports on its table — from any writer, in this
// tab or another — a read of only the rows named. Reads run one at a time; changes heard meanwhile
// are merged into the next. Subscribers hear of every change of the rows or of the status, which is
// what data/live.svelte.ts `watch` turns into runes.
import { changedIn, onCommitted, type ChangedKeys } from './change-feed';
import type { WorkbenchDb } from './db';

export type FeedIndexStatus = 'loading' | 'ready' | 'error';

export abstract class FeedIndex<Row extends { id: string }> {
  #status: FeedIndexStatus = 'loading';
  #error: unknown = null;
  #version = 0;
  #listeners = new Set<() => void>();
  /** Changes heard while a read is under way, read in after it. */
  #queued: ChangedKeys | null = null;
  #work: Promise<void> = Promise.resolve();
  #stopFeed: () => void;
  /** The listed rows by id. */
  protected rows = new Map<string, Row>();

  constructor(
    readonly db: WorkbenchDb,
    readonly table: string,
  ) {
    // Listen before the first read: a write committed after the read began is heard and read again.
    this.#stopFeed = onCommitted(db.name, (changes) => {
      const keys = changedIn(changes, table);
      if (keys) this.enqueue(keys);
    });
    this.enqueue('all');
  }

  /** Every listed row, read afresh. */
  protected abstract readAll(): Promise<Map<string, Row>>;
  /** The row a stored record is listed as, or null when it is not listed (a tombstone). */
  protected abstract project(record: unknown): Row | null;
  /** After a full read: rebuild what is derived from the rows (orders). */
  protected abstract rebuilt(): void;
  /** After rows changed: bring what is derived up to date (rows `removed` were replaced by `added`). */
  protected abstract patched(removed: Row[], added: Row[]): void;

  get status(): FeedIndexStatus {
    return this.#status;
  }
  get loading(): boolean {
    return this.#status === 'loading';
  }
  get error(): unknown {
    return this.#error;
  }
  /** Bumped on every change of the rows or of the status. */
  get version(): number {
    return this.#version;
  }
  get size(): number {
    return this.rows.size;
  }

  get(id: string): Row | undefined {
    return this.rows.get(id);
  }

  /** Calls `listener` after each change of the rows or of the status; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Resolves once every change heard so far has been read in. */
  settled(): Promise<void> {
    return this.#work;
  }

  /** Stops listening for changes (tests; the app keeps one index per database for the session). */
  close(): void {
    this.#stopFeed();
    this.#listeners.clear();
  }

  /** Whether changes are waiting to be read in. */
  protected get pending(): boolean {
    return this.#queued !== null;
  }

  /** Runs `fn` in turn with the reads (never beside one). */
  protected inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#work.then(fn);
    this.#work = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  protected enqueue(keys: ChangedKeys): void {
    const first = this.#queued === null;
    if (keys === 'all' || this.#queued === 'all') this.#queued = 'all';
    else this.#queued = new Set([...(this.#queued ?? []), ...keys]);
    if (first) this.#work = this.#work.then(() => this.#drain());
  }

  async #drain(): Promise<void> {
    const keys = this.#queued;
    this.#queued = null;
    if (!keys) return;
    try {
      if (keys === 'all' || this.#status !== 'ready') {
        this.rows = await this.readAll();
        this.rebuilt();
      } else await this.#patch([...keys]);
      this.#status = 'ready';
      this.#error = null;
    } catch (e) {
      // A failed read leaves the rows as they were; the next change tries again.
      if (this.#status !== 'ready') this.#status = 'error';
      this.#error = e;
      console.error(e);
    }
    this.#version++;
    for (const l of this.#listeners) {
      try {
        l();
      } catch (e) {
        console.error(e);
      }
    }
  }

  async #patch(ids: string[]): Promise<void> {
    const found = await this.db.table(this.table).bulkGet(ids);
    const removed: Row[] = [];
    const added: Row[] = [];
    ids.forEach((id, i) => {
      const before = this.rows.get(id);
      if (before) removed.push(before);
      const row = found[i] === undefined ? null : this.project(found[i]);
      if (row) {
        this.rows.set(id, row);
        added.push(row);
      } else this.rows.delete(id);
    });
    this.patched(removed, added);
  }
}

/** Past this many changed rows at once, an order is sorted afresh instead of patched row by row. */
export const PATCH_LIMIT = 256;

/**
 * Brings a sorted array up to date in place: `removed` rows (the objects in it) out, `added` rows in
 * at their places. `cmp` must be a total order (no two rows equal).
 */
export function patchOrder<Row>(order: Row[], removed: readonly Row[], added: readonly Row[], cmp: (a: Row, b: Row) => number): void {
  for (const row of removed) {
    const at = lowerBound(order, row, cmp);
    if (order[at] === row) order.splice(at, 1);
  }
  for (const row of added) order.splice(lowerBound(order, row, cmp), 0, row);
}

/** First position in `order` whose row is not before `row`. */
function lowerBound<Row>(order: Row[], row: Row, cmp: (a: Row, b: Row) => number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(order[mid], row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
