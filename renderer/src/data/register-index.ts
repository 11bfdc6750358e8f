// The project register in memory: the columns the register shows, filters and sorts on, for every
// live project, with each sort order kept ready. Built once per database from the packed register
// pages on disk (register-sync.ts: 32 small rows, plus the few projects marked changed since), then
// kept in step by the change feed (change-feed.ts) — every committed write to the projects table,
// whoever made it and in whichever tab, names the ids it touched, and only those rows are read
// again. Filters, search and sort are then answered from memory, without IndexedDB.
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
import {
  ALL_STALE,
  packRegister,
  REGISTER_PAGE_COUNT,
  REGISTER_PAGE_FORMAT,
  REGISTER_PAGES,
  REGISTER_STALE,
  registerPageOf,
  unpackRegister,
} from './register-sync';
import type { WorkbenchDb } from './db';

/** Past this many changed rows at once, the orders are sorted afresh instead of patched row by row. */
const PATCH_LIMIT = 256;
/** How long after a read or a change the stale marks are folded into the pages. */
const COMPACT_DELAY_MS = 2000;

/** Every live project, from the [deleted+name] index (tombstones are not in its range). */
function liveProjects(db: WorkbenchDb) {
  return db.projects.where('[deleted+name]').between([0, Dexie.minKey], [0, Dexie.maxKey]);
}

/** What the pages need after a read: nothing, folding the marks in, or building afresh. */
export type PagesNeed = 'none' | 'compact' | 'rebuild';

export interface RegisterSnapshot {
  rows: Map<string, RegisterRow>;
  /** Read from the pages (plus the marked projects), or from every whole project. */
  source: 'pages' | 'projects';
  marked: number;
  pages: PagesNeed;
}

/**
 * Every live project's register row, read in one transaction: the pages, then the projects marked
 * stale read themselves. Reads every whole project instead when that is cheaper (many marks), when
 * the pages cannot be used (everything marked, another format) or when asked to (`whole`).
 * Whether the pages agree with the table is checked apart, off the first render's path
 * (countLiveProjects, RegisterIndex.verify).
 */
export async function readRegisterSnapshot(db: WorkbenchDb, whole = false): Promise<RegisterSnapshot> {
  return db.transaction('r', ['projects', REGISTER_PAGES, REGISTER_STALE], async () => {
    const [marks, pages] = await Promise.all([db.registerStale.toCollection().primaryKeys(), whole ? [] : db.registerPages.toArray()]);
    const readWhole = async (need: PagesNeed): Promise<RegisterSnapshot> => {
      const rows = new Map<string, RegisterRow>();
      for (const p of await liveProjects(db).toArray()) rows.set(p.id, registerRow(p));
      return { rows, source: 'projects', marked: marks.length, pages: need };
    };
    if (whole || pages.some((p) => p.v !== REGISTER_PAGE_FORMAT)) return readWhole('rebuild');
    const paged = pages.reduce((n, p) => n + p.ids.length, 0);
    // Past a quarter of the register, reading the marked rows one by one costs more than all of them.
    if (marks.includes(ALL_STALE) || marks.length > paged / 4 + 64) return readWhole('compact');
    const rows = new Map<string, RegisterRow>();
    for (const page of pages) unpackRegister(page, rows);
    const marked = await db.projects.bulkGet(marks);
    marks.forEach((id, i) => {
      const p: Project | undefined = marked[i];
      if (p && !p.deleted) rows.set(id, registerRow(p));
      else rows.delete(id);
    });
    return { rows, source: 'pages', marked: marks.length, pages: marks.length ? 'compact' : 'none' };
  });
}

/** How many live projects the table holds (an index count: no record is read). */
export function countLiveProjects(db: WorkbenchDb): Promise<number> {
  return liveProjects(db).count();
}

/**
 * Folds the stale marks into the pages: the marked projects are read and their pages rewritten, in
 * one read-write transaction over the projects too, so no project write can slip between the read
 * and the rewrite. With '*' among the marks, missing pages or `rebuild`, every page is built from
 * every live project. Returns how many marks it folded in.
 */
export async function compactRegisterPages(db: WorkbenchDb, rebuild = false): Promise<number> {
  return db.transaction('rw', ['projects', REGISTER_PAGES, REGISTER_STALE], async () => {
    const marks = await db.registerStale.toCollection().primaryKeys();
    if (marks.length === 0 && !rebuild) return 0;
    const pages = await db.registerPages.toArray();
    if (rebuild || marks.includes(ALL_STALE) || pages.length !== REGISTER_PAGE_COUNT || pages.some((p) => p.v !== REGISTER_PAGE_FORMAT)) {
      const rows = (await liveProjects(db).toArray()).map(registerRow);
      await db.registerPages.clear();
      await db.registerPages.bulkPut(packRegister(rows));
      await db.registerStale.clear();
      return marks.length;
    }
    const touched = new Set(marks.map(registerPageOf));
    const rows = new Map<string, RegisterRow>();
    for (const page of pages) if (touched.has(page.id)) unpackRegister(page, rows);
    for (const id of marks) rows.delete(id);
    for (const p of await db.projects.bulkGet(marks)) if (p && !p.deleted) rows.set(p.id, registerRow(p));
    await db.registerPages.bulkPut(packRegister(rows.values()).filter((p) => touched.has(p.id)));
    await db.registerStale.bulkDelete(marks);
    return marks.length;
  });
}

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
  #source: RegisterSnapshot['source'] | null = null;
  #rebuild = false;
  #compactTimer: ReturnType<typeof setTimeout> | undefined;
  #compacting: Promise<void> = Promise.resolve();
  #verifyTimer: ReturnType<typeof setTimeout> | undefined;
  /** The next full read ignores the pages. */
  #distrust = false;

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
    clearTimeout(this.#compactTimer);
    clearTimeout(this.#verifyTimer);
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
      if (keys === 'all' || this.#status !== 'ready') await this.#reload();
      else {
        await this.#patch([...keys]);
        this.#compactSoon();
      }
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
    const whole = this.#distrust;
    this.#distrust = false;
    const snapshot = await readRegisterSnapshot(this.db, whole);
    mark('register-index:sort');
    this.#rows = snapshot.rows;
    this.#sortAll();
    mark('register-index:ready', { source: snapshot.source, marked: snapshot.marked });
    this.#source = snapshot.source;
    if (snapshot.pages !== 'none') this.#compactSoon(snapshot.pages === 'rebuild');
    if (snapshot.source === 'pages') this.#verifyTimer = setTimeout(() => void this.verify(), COMPACT_DELAY_MS);
  }

  /**
   * The last guard on the pages: the number of live projects in the table must equal the rows read.
   * If not (a bug, or a database edited by hand), every project is read again and the pages are
   * rebuilt. Runs once after a read from the pages, in turn with the other reads; answers whether
   * the rows agreed (a change heard meanwhile counts as agreeing: it is read next anyway).
   */
  verify(): Promise<boolean> {
    const run = this.#work.then(async () => {
      const live = await countLiveProjects(this.db);
      if (this.#queued !== null || live === this.#rows.size) return true;
      console.warn(`register pages hold ${this.#rows.size} projects, the table ${live}: reading every project again`);
      this.#distrust = true;
      this.#rebuild = true;
      // Read in after this check, in turn (settled() waits for it).
      this.#enqueue('all');
      return false;
    });
    this.#work = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Where the last full read came from (the bench prints it). */
  get source(): RegisterSnapshot['source'] | null {
    return this.#source;
  }

  /**
   * Folds stale marks into the pages a little later, off the path of the first render and of a
   * burst of writes; the next session then starts from the pages alone.
   */
  #compactSoon(rebuild = false): void {
    this.#rebuild ||= rebuild;
    clearTimeout(this.#compactTimer);
    this.#compactTimer = setTimeout(() => {
      const full = this.#rebuild;
      this.#rebuild = false;
      this.#compacting = compactRegisterPages(this.db, full).then(
        () => undefined,
        (e: unknown) => console.error(e),
      );
    }, COMPACT_DELAY_MS);
  }

  /** Resolves once a scheduled folding of the marks has run (tests). */
  async compacted(): Promise<void> {
    await this.#compacting;
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
function mark(name: string, detail?: unknown): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name, { detail });
}

const indexes = new WeakMap<WorkbenchDb, RegisterIndex>();

/** The register index of this database, started on first use and kept for the session. */
export function registerIndex(db: WorkbenchDb): RegisterIndex {
  let ix = indexes.get(db);
  if (!ix) indexes.set(db, (ix = new RegisterIndex(db)));
  return ix;
}
