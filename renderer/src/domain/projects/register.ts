// What the project register lists, how it filters and in which order: one rule for the register
// screen, its in-memory index (data/register-index.ts), the project pickers and the register export.
import type { Money, Phase, Project, ProjectCategory } from '../core/types';

export type ProjectSortKey = 'name' | 'code' | 'phase' | 'updatedAt' | 'budget';
export const PROJECT_SORT_KEYS: readonly ProjectSortKey[] = ['name', 'code', 'phase', 'updatedAt', 'budget'];

export interface ProjectQuery {
  search?: string;
  phase?: Phase | '';
  category?: ProjectCategory | '';
  departmentId?: string;
  sort?: ProjectSortKey;
  desc?: boolean;
  /** Only the projects whose code another live project also holds. */
  sharedCode?: boolean;
}

/** The columns the register shows, filters and sorts on; nothing else is kept for it in memory. */
export interface RegisterRow {
  id: string;
  code: string;
  name: string;
  /** Lower-cased name and code (project-rules.ts projectSearchText), what the search box matches. */
  searchText: string;
  category: ProjectCategory;
  departmentId: string;
  phase: Phase;
  budget: Money;
  updatedAt: string;
}

export function registerRow(p: Project): RegisterRow {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    searchText: p.searchText,
    category: p.category,
    departmentId: p.departmentId,
    phase: p.phase,
    budget: { amount: p.budget.amount, currency: p.budget.currency },
    updatedAt: p.updatedAt,
  };
}

/** Whether a query filters at all (a search of only spaces does not). */
export function isFiltered(q: ProjectQuery): boolean {
  return !!(q.phase || q.category || q.departmentId || q.sharedCode || searchNeedle(q.search));
}

export function searchNeedle(search: string | undefined): string {
  return search?.trim().toLowerCase() ?? '';
}

/**
 * The query's filter as a predicate; null when it lets every project through. `shared` holds the
 * codes more than one live project uses (sharedCodes), needed only by the sharedCode filter.
 */
export function registerFilter(q: ProjectQuery, shared: ReadonlySet<string> = new Set()): ((p: RegisterRow) => boolean) | null {
  const needle = searchNeedle(q.search);
  const { phase, category, departmentId, sharedCode } = q;
  if (!phase && !category && !departmentId && !needle && !sharedCode) return null;
  return (p) =>
    (!sharedCode || shared.has(codeKey(p.code))) &&
    (!phase || p.phase === phase) &&
    (!category || p.category === category) &&
    (!departmentId || p.departmentId === departmentId) &&
    (!needle || p.searchText.includes(needle));
}

/**
 * Whether every project `next` lets through, `prev` lets through too, so `next` can be answered by
 * filtering `prev`'s answer instead of the whole register (typing one more character, adding a
 * filter to a filtered list). The sort is not compared: the caller keeps answers per order.
 */
export function narrows(prev: ProjectQuery, next: ProjectQuery): boolean {
  const same = (a: string | undefined, b: string | undefined) => !a || a === b;
  return (
    same(prev.phase, next.phase) &&
    same(prev.category, next.category) &&
    same(prev.departmentId, next.departmentId) &&
    (!prev.sharedCode || !!next.sharedCode) &&
    searchNeedle(next.search).includes(searchNeedle(prev.search))
  );
}

/** A project code as uniqueness is judged: the forms and imports store and compare it trimmed. */
export function codeKey(code: string): string {
  return code.trim();
}

/**
 * The codes more than one live project holds. The forms and file imports refuse a code in use, but
 * two desks apart from the office server can each register the same code; the sync then brings
 * both (neither desk's work may be dropped), and the register shows them for a person to rename
 * one. An empty code is not a code.
 */
export function sharedCodes(rows: Iterable<Pick<RegisterRow, 'code'>>): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const r of rows) {
    const key = codeKey(r.code);
    if (!key) continue;
    if (seen.has(key)) shared.add(key);
    else seen.add(key);
  }
  return shared;
}

export const PHASE_ORDER: Readonly<Record<Phase, number>> = { plan: 0, build: 1, operate: 2, transferred: 3, closed: 4, cancelled: 5 };

/** Pinyin order for Chinese names; 'A-2' before 'A-10'. */
export const registerCollator = new Intl.Collator('zh-CN', { numeric: true });

type Sortable = Pick<RegisterRow, 'id' | 'code' | 'name' | 'phase' | 'budget' | 'updatedAt'>;
type Compare = (a: Sortable, b: Sortable) => number;

const byId: Compare = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Each sort key on its own; equal keys compare 0. */
export const REGISTER_PRIMARY: Readonly<Record<ProjectSortKey, Compare>> = {
  name: (a, b) => registerCollator.compare(a.name, b.name),
  code: (a, b) => registerCollator.compare(a.code, b.code),
  phase: (a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase],
  updatedAt: (a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0),
  budget: (a, b) => a.budget.amount - b.budget.amount,
};

/** By name, then by id: a total order, so the orders below do not depend on the input order. */
const byName: Compare = (a, b) => REGISTER_PRIMARY.name(a, b) || byId(a, b);

/**
 * The ascending order for each sort key; equal keys fall back to the name (then the id). A
 * descending sort is this order reversed. A stable sort by REGISTER_PRIMARY[key] of rows already
 * in name order gives the same order with fewer collator calls (data/register-index.ts builds so).
 */
export const REGISTER_ORDER: Readonly<Record<ProjectSortKey, Compare>> = {
  name: byName,
  code: (a, b) => REGISTER_PRIMARY.code(a, b) || byName(a, b),
  phase: (a, b) => REGISTER_PRIMARY.phase(a, b) || byName(a, b),
  updatedAt: (a, b) => REGISTER_PRIMARY.updatedAt(a, b) || byName(a, b),
  budget: (a, b) => REGISTER_PRIMARY.budget(a, b) || byName(a, b),
};

/** A cheap stand-in for the collator on codes: case folded, digit runs padded so 'a-2' comes before 'a-10'. */
function roughCodeKey(code: string): string {
  return code.toLowerCase().replace(/\d+/g, (d) => d.padStart(16, '0'));
}

/**
 * Sorts in place by REGISTER_ORDER[key] and returns the array. By code, the collator sort (about
 * 60,000 collator calls for 5,000 rows) is preceded by a sort on a cheap stand-in key; the rows then
 * usually reach the collator in order already, and a merge sort that looks for ordered runs (V8's
 * TimSort) confirms such a run with one call per row. Rows the stand-in misplaces are still put
 * right by the collator: REGISTER_ORDER is a total order, so the result is the same either way.
 */
export function orderRegister<T extends Sortable>(rows: T[], key: ProjectSortKey): T[] {
  if (key === 'code' && rows.length > 1) {
    const keyed = rows.map((r) => ({ k: roughCodeKey(r.code), r }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    for (let i = 0; i < keyed.length; i++) rows[i] = keyed[i].r;
  }
  return rows.sort(REGISTER_ORDER[key]);
}

/** Sorts in place and returns the array. */
export function sortRegister<T extends Sortable>(rows: T[], key: ProjectSortKey, desc: boolean): T[] {
  orderRegister(rows, key);
  return desc ? rows.reverse() : rows;
}
