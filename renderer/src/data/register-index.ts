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
import type { Phase, Project } from '../domain/core/types';
import {
  PROJECT_SORT_KEYS,
  REGISTER_ORDER,
  orderRegister,
  REGISTER_PRIMARY,
  registerFilter,
  codeKey,
  narrows,
  registerRow,
  type ProjectQuery,
  type ProjectSortKey,
  type RegisterRow,
} from '../domain/projects/register';
import { FeedIndex, PATCH_LIMIT, patchOrder } from './feed-index';
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
import { timelineMark } from './timeline';

/** Where the page has no idle callback (Node), the pause before each sort order not asked for yet is built. */
const ORDER_IDLE_MS = 50;
/** The longest an idle build waits for the page to be idle. */
const ORDER_IDLE_TIMEOUT_MS = 1000;

/**
 * Runs `fn` once the page is idle, so a sort order built ahead never lands between the first rows
 * entering the document and the frame that paints them (a timer did: the name order's 60–100 ms of
 * collator calls ran before that frame); returns what cancels it.
 */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: ORDER_IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, ORDER_IDLE_MS);
  return () => clearTimeout(id);
}
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

export class RegisterIndex extends FeedIndex<RegisterRow> {
  /** The sort orders built so far; the others are built when first asked for or when the page is idle. */
  #orders = new Map<ProjectSortKey, RegisterRow[]>();
  #idleTimer: (() => void) | undefined;
  #source: RegisterSnapshot['source'] | null = null;
  #pagesNeed: PagesNeed = 'none';
  #rebuild = false;
  #compactTimer: ReturnType<typeof setTimeout> | undefined;
  #compacting: Promise<void> = Promise.resolve();
  #verifyTimer: ReturnType<typeof setTimeout> | undefined;
  /** The next full read ignores the pages. */
  #distrust = false;
  /** How many live projects hold each code; a code counted twice or more is shared. */
  #codeUse = new Map<string, number>();
  #shared: Set<string> | null = null;
  /** The last filtered answer (ascending), which a narrower query filters instead of the whole order. */
  #last: { q: ProjectQuery; key: ProjectSortKey; rows: RegisterRow[] } | null = null;
  /** Each order split by phase, built when a phase is first filtered on in that order. */
  #byPhase = new Map<ProjectSortKey, Map<Phase, RegisterRow[]>>();

  constructor(db: WorkbenchDb) {
    super(db, 'projects');
  }

  /** The projects the query lists, in its order. Empty until the first read has finished. */
  query(q: ProjectQuery = {}): RegisterRow[] {
    const key = q.sort ?? 'name';
    const order = this.#order(key);
    this.#buildWhenIdle();
    const keep = registerFilter(q, q.sharedCode ? this.sharedCodes() : undefined);
    if (!keep) {
      this.#last = null;
      return q.desc ? order.slice().reverse() : order.slice();
    }
    const out: RegisterRow[] = [];
    for (const row of this.#candidates(q, key, order)) if (keep(row)) out.push(row);
    this.#last = { q: { ...q }, key, rows: out };
    // The kept answer stays ours: the caller gets its own array.
    return q.desc ? out.slice().reverse() : out.slice();
  }

  /**
   * The fewest rows, in the ascending order of `key`, that hold every answer to `q`: the last answer
   * when `q` narrows it (one more character typed, one more filter), else the rows of the phase asked
   * for, else the whole order.
   */
  #candidates(q: ProjectQuery, key: ProjectSortKey, order: RegisterRow[]): readonly RegisterRow[] {
    const last = this.#last;
    if (last && last.key === key && narrows(last.q, q)) return last.rows;
    return q.phase ? this.#phaseRows(key, order, q.phase) : order;
  }

  /** The rows of one phase in the order of `key`, split out of that order once (until the rows change). */
  #phaseRows(key: ProjectSortKey, order: RegisterRow[], phase: Phase): readonly RegisterRow[] {
    let byPhase = this.#byPhase.get(key);
    if (!byPhase) {
      byPhase = new Map();
      for (const row of order) {
        const rows = byPhase.get(row.phase);
        if (rows) rows.push(row);
        else byPhase.set(row.phase, [row]);
      }
      this.#byPhase.set(key, byPhase);
    }
    return byPhase.get(phase) ?? [];
  }

  /** The codes more than one live project holds (domain/projects/register.ts sharedCodes). */
  sharedCodes(): ReadonlySet<string> {
    if (!this.#shared) {
      this.#shared = new Set();
      for (const [code, n] of this.#codeUse) if (n > 1) this.#shared.add(code);
    }
    return this.#shared;
  }

  #countCodes(rows: Iterable<RegisterRow>, by: 1 | -1): void {
    for (const r of rows) {
      const key = codeKey(r.code);
      if (!key) continue;
      const n = (this.#codeUse.get(key) ?? 0) + by;
      if (n > 0) this.#codeUse.set(key, n);
      else this.#codeUse.delete(key);
    }
    this.#shared = null;
  }

  /** Where the last full read came from (the bench prints it). */
  get source(): RegisterSnapshot['source'] | null {
    return this.#source;
  }

  override close(): void {
    clearTimeout(this.#compactTimer);
    clearTimeout(this.#verifyTimer);
    this.#idleTimer?.();
    super.close();
  }

  protected async readAll(): Promise<Map<string, RegisterRow>> {
    timelineMark('register-index:read');
    const whole = this.#distrust;
    this.#distrust = false;
    const snapshot = await readRegisterSnapshot(this.db, whole);
    timelineMark('register-index:sort');
    this.#source = snapshot.source;
    this.#pagesNeed = snapshot.pages;
    return snapshot.rows;
  }

  protected project(record: unknown): RegisterRow | null {
    const p = record as Project;
    return p.deleted ? null : registerRow(p);
  }

  protected rebuilt(): void {
    this.#sortAll();
    this.#codeUse = new Map();
    this.#countCodes(this.rows.values(), 1);
    timelineMark('register-index:ready', { source: this.#source, size: this.rows.size });
    if (this.#pagesNeed !== 'none') this.#compactSoon(this.#pagesNeed === 'rebuild');
    clearTimeout(this.#verifyTimer);
    if (this.#source === 'pages') this.#verifyTimer = setTimeout(() => void this.verify(), COMPACT_DELAY_MS);
  }

  protected patched(removed: RegisterRow[], added: RegisterRow[]): void {
    this.#changed();
    this.#countCodes(removed, -1);
    this.#countCodes(added, 1);
    if (removed.length + added.length > PATCH_LIMIT) this.#sortAll();
    else for (const [key, order] of this.#orders) patchOrder(order, removed, added, REGISTER_ORDER[key]);
    this.#compactSoon();
  }

  /**
   * The last guard on the pages: the number of live projects in the table must equal the rows read.
   * If not (a bug, or a database edited by hand), every project is read again and the pages are
   * rebuilt. Runs once after a read from the pages, in turn with the other reads; answers whether
   * the rows agreed (a change heard meanwhile counts as agreeing: it is read next anyway).
   */
  verify(): Promise<boolean> {
    return this.inTurn(async () => {
      const live = await countLiveProjects(this.db);
      if (this.pending || live === this.rows.size) return true;
      console.warn(`register pages hold ${this.rows.size} projects, the table ${live}: reading every project again`);
      this.#distrust = true;
      this.#rebuild = true;
      // Read in after this check, in turn (settled() waits for it).
      this.enqueue('all');
      return false;
    });
  }

  /** Resolves once a scheduled folding of the marks has run (tests). */
  async compacted(): Promise<void> {
    await this.#compacting;
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

  /**
   * Drops the orders: the one a screen asks for first is built then (one sort, on the first
   * render's path), the others one at a time after it (#buildWhenIdle), so a click on a column
   * header finds its order ready.
   */
  #sortAll(): void {
    this.#changed();
    this.#orders = new Map();
    this.#idleTimer?.();
    this.#idleTimer = undefined;
  }

  /**
   * The rows in the ascending order of `key`. Once the name order exists, every other order is a
   * stable sort of it by its own key alone, which equals REGISTER_ORDER (ties fall back to the name)
   * with far fewer collator calls.
   */
  #order(key: ProjectSortKey): RegisterRow[] {
    let order = this.#orders.get(key);
    if (!order) {
      const t0 = performance.now();
      const byName = this.#orders.get('name');
      order = byName ? byName.slice().sort(REGISTER_PRIMARY[key]) : orderRegister([...this.rows.values()], key);
      this.#orders.set(key, order);
      if (order.length) timelineMark('register-index:order', { key, ms: Math.round(performance.now() - t0) });
    }
    return order;
  }

  /** Forgets what was derived from the rows before they changed (the last answer, the phase splits). */
  #changed(): void {
    this.#last = null;
    this.#byPhase = new Map();
  }

  /** Builds the next missing order a little later, unless that is already planned or nothing is missing. */
  #buildWhenIdle(): void {
    if (this.#idleTimer !== undefined || this.status !== 'ready') return;
    const missing = (['name', ...PROJECT_SORT_KEYS] as const).find((k) => !this.#orders.has(k));
    if (!missing) return;
    this.#idleTimer = whenIdle(() => {
      this.#idleTimer = undefined;
      this.#order(missing);
      this.#buildWhenIdle();
    });
  }
}

const indexes = new WeakMap<WorkbenchDb, RegisterIndex>();

/** The register index of this database, started on first use and kept for the session. */
export function registerIndex(db: WorkbenchDb): RegisterIndex {
  let ix = indexes.get(db);
  if (!ix) indexes.set(db, (ix = new RegisterIndex(db)));
  return ix;
}
