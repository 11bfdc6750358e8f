// The project register in memory: the columns the register shows, filters and sorts on, for every
// live project, with each sort order kept ready. Built once per database from one read of the
// projects, then kept in step by the change feed (change-feed.ts) — every committed write to the
// projects table, whoever made it and in whichever tab, names the ids it touched, and only those
// rows are read again. Filters, search and sort are then answered from memory, without IndexedDB.
//
// The register screen, the project pickers and the lists that offer a choice of project read it;
// exports that need whole records still read the table (projects.ts queryProjects).
import Dexie from 'dexie';
import type { Project } from '../domain/core/types';
import {
  PROJECT_SORT_KEYS,
  REGISTER_ORDER,
  REGISTER_PRIMARY,
  registerFilter,
  registerRow,
  type ProjectQuery,
  type ProjectSortKey,
  type RegisterRow,
} from '../domain/projects/register';
import { changedIn, onCommitted, type ChangedKeys } from './change-feed';
import type { WorkbenchDb } from './db';

/** Past this many changed rows at once, the orders are sorted afresh instead of patched row by row. */
const PATCH_LIMIT = 256;

export type RegisterIndexStatus = 'loading' | 'ready' | 'error';

export class RegisterIndex {
  #status: RegisterIndexStatus = 'loading';
  #error: unknown = null;
  #version = 0;
  #rows = new Map<string, RegisterRow>();
  #orders = new Map<ProjectSortKey, RegisterRow[]>();
  #listeners = new Set<() => void>();
  /** Changes heard while a read is under way, applied after it. */
  #queued: ChangedKeys | null = null;
  #work: Promise<void> = Promise.resolve();
  #stopFeed: () => void;

  constructor(readonly db: WorkbenchDb) {
    // Listen before the first read: a write committed after the read began is heard and read again.
    this.#stopFeed = onCommitted(db.name, (changes) => {
      const keys = changedIn(changes, 'projects');
      if (keys) this.#enqueue(keys);
    });
    this.#enqueue('all');
  }

  get status(): RegisterIndexStatus {
    return this.#status;
  }
  get loading(): boolean {
    return this.#status === 'loading';
  }
  get error(): unknown {
    return this.#error;
  }
  /** Bumped on every change of the rows. */
  get version(): number {
    return this.#version;
  }
  get size(): number {
    return this.#rows.size;
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

  get(id: string): RegisterRow | undefined {
    return this.#rows.get(id);
  }

  /** The projects the query lists, in its order. Empty until the first read has finished. */
  query(q: ProjectQuery = {}): RegisterRow[] {
    const order = this.#order(q.sort ?? 'name');
    const keep = registerFilter(q);
    if (!keep) return q.desc ? order.slice().reverse() : order.slice();
    const out: RegisterRow[] = [];
    if (q.desc) {
      for (let i = order.length - 1; i >= 0; i--) if (keep(order[i])) out.push(order[i]);
    } else {
      for (const row of order) if (keep(row)) out.push(row);
    }
    return out;
  }

  /** Stops listening for changes (tests; the app keeps one index per database for the session). */
  close(): void {
    this.#stopFeed();
    this.#listeners.clear();
  }

  #enqueue(keys: ChangedKeys): void {
    const first = this.#queued === null;
    if (keys === 'all' || this.#queued === 'all') this.#queued = 'all';
    else this.#queued = new Set([...(this.#queued ?? []), ...keys]);
    if (!first) return;
    // One read at a time; changes that arrive meanwhile are merged into the next one.
    this.#work = this.#work.then(() => this.#drain());
  }

  async #drain(): Promise<void> {
    const keys = this.#queued;
    this.#queued = null;
    if (!keys) return;
    try {
      if (keys === 'all') await this.#reload();
      else await this.#patch([...keys]);
      this.#status = 'ready';
      this.#error = null;
    } catch (e) {
      // A failed read leaves the rows as they were; the next change (or a reload) tries again.
      this.#status = this.#status === 'ready' ? 'ready' : 'error';
      this.#error = e;
      console.error(e);
    }
    this.#version++;
    this.#notify();
  }

  async #reload(): Promise<void> {
    mark('register-index:read');
    const live = await this.db.projects.where('[deleted+name]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray();
    mark('register-index:sort');
    const rows = new Map<string, RegisterRow>();
    for (const p of live) rows.set(p.id, registerRow(p));
    this.#rows = rows;
    this.#sortAll();
    mark('register-index:ready');
  }

  async #patch(ids: string[]): Promise<void> {
    const found = await this.db.projects.bulkGet(ids);
    const removed: RegisterRow[] = [];
    const added: RegisterRow[] = [];
    ids.forEach((id, i) => {
      const p: Project | undefined = found[i];
      const before = this.#rows.get(id);
      if (before) removed.push(before);
      if (p && !p.deleted) {
        const row = registerRow(p);
        this.#rows.set(id, row);
        added.push(row);
      } else this.#rows.delete(id);
    });
    if (removed.length + added.length > PATCH_LIMIT) {
      this.#sortAll();
      return;
    }
    for (const [key, order] of this.#orders) {
      const cmp = REGISTER_ORDER[key];
      for (const row of removed) {
        const at = lowerBound(order, row, cmp);
        if (order[at] === row) order.splice(at, 1);
      }
      for (const row of added) order.splice(lowerBound(order, row, cmp), 0, row);
    }
  }

  /**
   * Sorts by name once with the collator; every other order is a stable sort of that one by its
   * own key alone, which equals REGISTER_ORDER (ties fall back to the name) at a fraction of the cost.
   */
  #sortAll(): void {
    const byName = [...this.#rows.values()].sort(REGISTER_ORDER.name);
    this.#orders = new Map([['name', byName]]);
    for (const key of PROJECT_SORT_KEYS) if (key !== 'name') this.#orders.set(key, byName.slice().sort(REGISTER_PRIMARY[key]));
  }

  #order(key: ProjectSortKey): RegisterRow[] {
    return this.#orders.get(key) ?? [];
  }

  #notify(): void {
    for (const l of this.#listeners) {
      try {
        l();
      } catch (e) {
        console.error(e);
      }
    }
  }
}

/** First position in `order` whose row is not before `row`. */
function lowerBound(order: RegisterRow[], row: RegisterRow, cmp: (a: RegisterRow, b: RegisterRow) => number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(order[mid], row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Marks on the page's performance timeline, which `npm run bench` reads to show where the time goes. */
function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

const indexes = new WeakMap<WorkbenchDb, RegisterIndex>();

/** The register index of this database, started on first use and kept for the session. */
export function registerIndex(db: WorkbenchDb): RegisterIndex {
  let ix = indexes.get(db);
  if (!ix) indexes.set(db, (ix = new RegisterIndex(db)));
  return ix;
}
