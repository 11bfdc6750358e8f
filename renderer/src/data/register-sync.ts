// The register's columns kept on disk in a few packed pages, so the register index
// (register-index.ts) starts from a read of 32 small rows instead of every whole project record —
// the difference between a first render well under half a second and one that waits for every
// project's description, documents and dates to be read and decoded.
//
// The pages are derived data, like the contract ledgers (ledger-sync.ts), and kept honest the same
// way: a Dexie DBCore middleware widens every read-write transaction that touches the projects to
// include registerStale, and marks each project written there as STALE in the same IndexedDB
// transaction — whoever writes: repositories, imports, exchange merges, the demo, the office-server
// sync. A cleared range marks everything ('*'), and so does a write of more projects than the
// reader would read one by one (markedWhole). A transaction that clears registerStale itself
// declares that it keeps the pages right from then on (a restore copies the backup's pages and
// marks, which checkRegisterPages has compared with the backup's projects first), so its later
// project writes mark nothing; the demo loader, which names every table, is marked like any writer. A reader takes the pages, then reads the marked projects themselves
// (register-index.ts readRegisterSnapshot, one read transaction); compactRegisterPages there later
// folds the marks into the pages.
import type Dexie from 'dexie';
import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { BackupError } from '../domain/interchange/backup-error';
import type { Phase, Project, ProjectCategory } from '../domain/core/types';
import { registerRow, type RegisterRow } from '../domain/projects/register';
import { pageOf } from './page-of';

export const REGISTER_PAGES = 'registerPages';
export const REGISTER_STALE = 'registerStale';
/** The mark that says every page may be wrong (a cleared range, a new or upgraded database). */
export const ALL_STALE = '*';
export const REGISTER_PAGE_COUNT = 32;
/** Bumped when the packed layout changes; a page of another format is rebuilt, not read. */
export const REGISTER_PAGE_FORMAT = 2;

/**
 * One page: the ids of the live projects whose id hashes to it, and their register columns, column
 * by column, as one JSON string. Reading one string per page and parsing it costs far less than
 * having IndexedDB rebuild ten arrays of thousands of small strings (format 1).
 */
export interface RegisterPageRow {
  /** 'r00'…'r31' */
  id: string;
  v: number;
  ids: string[];
  /** JSON of RegisterColumns, each array in the order of `ids`. */
  d: string;
}

interface RegisterColumns {
  code: string[];
  name: string[];
  search: string[];
  category: string[];
  dept: string[];
  phase: string[];
  amount: number[];
  currency: string[];
  updatedAt: string[];
}

export interface RegisterStaleRow {
  id: string;
}

/** The page of a project, 'r00'…'r31': FNV-1a of its id. */
export function registerPageOf(projectId: string): string {
  return pageOf(projectId, REGISTER_PAGE_COUNT, 'r');
}

export function unpackRegister(page: RegisterPageRow, into: Map<string, RegisterRow>): void {
  const c = JSON.parse(page.d) as RegisterColumns;
  for (let i = 0; i < page.ids.length; i++) {
    into.set(page.ids[i], {
      id: page.ids[i],
      code: c.code[i],
      name: c.name[i],
      searchText: c.search[i],
      category: c.category[i] as ProjectCategory,
      departmentId: c.dept[i],
      phase: c.phase[i] as Phase,
      budget: { amount: c.amount[i], currency: c.currency[i] },
      updatedAt: c.updatedAt[i],
    });
  }
}

/** Packs rows into their pages (every page id present, empty or not). */
export function packRegister(rows: Iterable<RegisterRow>): RegisterPageRow[] {
  const pages = new Map<string, { ids: string[]; c: RegisterColumns }>();
  for (let i = 0; i < REGISTER_PAGE_COUNT; i++) {
    pages.set(`r${String(i).padStart(2, '0')}`, { ids: [], c: { code: [], name: [], search: [], category: [], dept: [], phase: [], amount: [], currency: [], updatedAt: [] } });
  }
  for (const r of rows) {
    const { ids, c } = pages.get(registerPageOf(r.id))!;
    ids.push(r.id);
    c.code.push(r.code);
    c.name.push(r.name);
    c.search.push(r.searchText);
    c.category.push(r.category);
    c.dept.push(r.departmentId);
    c.phase.push(r.phase);
    c.amount.push(r.budget.amount);
    c.currency.push(r.budget.currency);
    c.updatedAt.push(r.updatedAt);
  }
  return [...pages].map(([id, { ids, c }]) => ({ id, v: REGISTER_PAGE_FORMAT, ids, d: JSON.stringify(c) }));
}

/** Writes of fewer projects are marked one by one without looking at the register's size. */
const BULK_WRITE = 64;

/** DBCoreRangeType.Any (a const enum, which isolated modules cannot read from Dexie's typings). */
const ANY_KEY: DBCoreKeyRange = { type: 3 as DBCoreKeyRange['type'], lower: undefined, upper: undefined };

/** Transactions whose writer cleared registerStale itself, and so keeps the pages right itself. */
const selfManaged = new WeakSet<object>();

function tracks(trans: DBCoreTransaction): boolean {
  if (selfManaged.has(trans)) return false;
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return !!names && names.contains(REGISTER_STALE);
}

function createRegisterSync(down: DBCore): DBCore {
  const has = (name: string) => down.schema.tables.some((t) => t.name === name);
  if (!has(REGISTER_STALE) || !has(REGISTER_PAGES) || !has('projects')) return down;

  async function mark(trans: DBCoreTransaction, ids: Iterable<unknown>): Promise<void> {
    const values = [...new Set([...ids].filter((k): k is string => typeof k === 'string' && k !== ''))].map((id) => ({ id }));
    if (values.length === 0) return;
    if (values.length >= BULK_WRITE && (await markedWhole(trans, values.length))) return;
    await down.table(REGISTER_STALE).mutate({ type: 'put', trans, values });
  }

  /**
   * For a write of many projects (a bulk load, an import, a page of the office sync): true when the
   * whole register is, or is now, marked '*' instead of project by project. Marked whole already,
   * one more mark per project changes nothing a reader does; and once the marks would pass what
   * readRegisterSnapshot reads one by one (a quarter of the register), it reads every project
   * anyway, so one '*' says the same for the price of one row instead of one per project.
   */
  async function markedWhole(trans: DBCoreTransaction, writing: number): Promise<boolean> {
    const stale = down.table(REGISTER_STALE);
    const [whole] = await stale.getMany({ trans, keys: [ALL_STALE] });
    if (whole) return true;
    const projects = down.table('projects');
    const [total, marked] = await Promise.all([
      projects.count({ trans, query: { index: projects.schema.primaryKey, range: ANY_KEY } }),
      stale.count({ trans, query: { index: stale.schema.primaryKey, range: ANY_KEY } }),
    ]);
    // The projects on pages, at most (the written ones may be new or already paged).
    const paged = total - marked;
    if (marked + writing <= paged / 4 + 64) return false;
    await stale.mutate({ type: 'put', trans, values: [{ id: ALL_STALE }] });
    return true;
  }

  function watched(table: DBCoreTable): DBCoreTable {
    const extract = table.schema.primaryKey.extractKey;
    return {
      ...table,
      async mutate(req: DBCoreMutateRequest) {
        const res = await table.mutate(req);
        if (!tracks(req.trans)) return res;
        if (req.type === 'deleteRange') await mark(req.trans, [ALL_STALE]);
        else if (req.type === 'delete') await mark(req.trans, req.keys);
        else await mark(req.trans, res.results ?? req.keys ?? (extract ? req.values.map(extract) : [ALL_STALE]));
        return res;
      },
    };
  }

  return {
    ...down,
    transaction(stores, mode, options) {
      if (mode !== 'readwrite' || !stores.includes('projects') || stores.includes(REGISTER_STALE)) return down.transaction(stores, mode, options);
      return down.transaction([...stores, REGISTER_STALE], mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (name === 'projects') return watched(table);
      if (name === REGISTER_STALE) {
        return {
          ...table,
          mutate(req) {
            // A writer that clears the marks itself (a restore copying a backup's pages and marks)
            // keeps them right from here on, so its project writes mark nothing.
            if (req.type === 'deleteRange') selfManaged.add(req.trans);
            // A copy of a whole database adds marks that this middleware may have put already.
            return table.mutate(req.type === 'add' ? { ...req, type: 'put' } : req);
          },
        };
      }
      return table;
    },
  };
}

export const registerSyncMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'RegisterPagesSync',
  create: createRegisterSync,
};

function refuse(row: number, field: string): never {
  throw new BackupError('invalid-row', { table: REGISTER_PAGES, row, field, problem: 'register-page-mismatch' });
}

function sameRow(a: RegisterRow, b: RegisterRow): boolean {
  return (
    a.code === b.code &&
    a.name === b.name &&
    a.searchText === b.searchText &&
    a.category === b.category &&
    a.departmentId === b.departmentId &&
    a.phase === b.phase &&
    a.budget.amount === b.budget.amount &&
    a.budget.currency === b.budget.currency &&
    a.updatedAt === b.updatedAt
  );
}

/**
 * A restore's check of the staged database before the swap: the register pages a backup brings are
 * kept as they are (the swap clears registerStale first), so they must say what the backup's projects say.
 * Every project on a page must be on its own page, live, with the same register columns, and every
 * live project must be on a page or marked. Pages that will not be read as they are (a '*' mark,
 * another format) are not compared. A disagreement refuses the backup ('invalid-row').
 */
export async function checkRegisterPages(staged: Dexie): Promise<void> {
  const names = new Set(staged.tables.map((t) => t.name));
  if (!names.has(REGISTER_PAGES) || !names.has(REGISTER_STALE)) return;
  const marks = new Set((await staged.table(REGISTER_STALE).toCollection().primaryKeys()) as string[]);
  const pages = (await staged.table(REGISTER_PAGES).toArray()) as RegisterPageRow[];
  if (marks.has(ALL_STALE) || pages.some((p) => p.v !== REGISTER_PAGE_FORMAT)) return;
  const paged = new Map<string, { row: RegisterRow; page: number }>();
  for (const [i, page] of pages.entries()) {
    const rows = new Map<string, RegisterRow>();
    try {
      unpackRegister(page, rows);
    } catch {
      refuse(i + 1, 'd');
    }
    if (rows.size !== page.ids.length) refuse(i + 1, 'ids');
    for (const [id, row] of rows) {
      if (registerPageOf(id) !== page.id || paged.has(id)) refuse(i + 1, 'ids');
      if (!marks.has(id)) paged.set(id, { row, page: i + 1 });
    }
  }
  let listed = 0;
  let wrong: [row: number, field: string] | null = null;
  await staged.table('projects').each((p: Project) => {
    if (wrong || p.deleted || marks.has(p.id)) return;
    const on = paged.get(p.id);
    if (!on) wrong = [1, 'ids'];
    else if (!sameRow(on.row, registerRow(p))) wrong = [on.page, 'd'];
    else listed++;
  });
  if (wrong) refuse(...(wrong as [number, string]));
  if (listed !== paged.size) refuse(1, 'ids');
}
