// Dashboard figures from index-backed counts and the compact per-contract ledgers: nothing here
// reads a whole large table of raw records.
import { PHASES, type ContractType, type Phase } from '../domain/core/types';
import { RECTIFICATION_STATUSES, type RectificationStatus } from '../domain/audits/audit-types';
import type { IsoDate } from '../domain/core/types';
import { isTaskOverdue } from '../domain/audits/rectification';
import { AGING_BUCKETS } from '../domain/contracts/aging';
import type { ArrearsRollup } from '../domain/contracts/arrears';
import { arrearsReport } from './arrears';
import type { WorkbenchDb } from './db';
import { listOrganisations } from './organisations';
import { watchList } from './reviews';

export type PhaseCounts = Record<Phase, number>;

/** Projects per phase: six index counts on [deleted+phase]. */
export async function projectsByPhase(db: WorkbenchDb): Promise<PhaseCounts> {
  const counts = await Promise.all(PHASES.map((p) => db.projects.where('[deleted+phase]').equals([0, p]).count()));
  return Object.fromEntries(PHASES.map((p, i) => [p, counts[i]])) as PhaseCounts;
}

export interface WatchCounts {
  overdue: number;
  due: number;
  noCycle: number;
}

export async function watchCounts(db: WorkbenchDb, asOf: IsoDate): Promise<WatchCounts> {
  const items = await watchList(db, asOf);
  return {
    overdue: items.filter((i) => i.status === 'overdue').length,
    due: items.filter((i) => i.status === 'due').length,
    noCycle: items.filter((i) => i.status === 'no-cycle').length,
  };
}

export type TaskCounts = Record<RectificationStatus, number> & { overdue: number };

/** Rectification tasks per status from [deleted+status]; only open ones are read, to count the overdue. */
export async function taskCounts(db: WorkbenchDb, asOf: IsoDate): Promise<TaskCounts> {
  const counts = await Promise.all(RECTIFICATION_STATUSES.map((s) => db.rectifications.where('[deleted+status]').equals([0, s]).count()));
  const open = await db.rectifications.where('[deleted+status]').anyOf([0, 'open'], [0, 'in-progress']).toArray();
  const out = Object.fromEntries(RECTIFICATION_STATUSES.map((s, i) => [s, counts[i]])) as TaskCounts;
  out.overdue = open.filter((t) => isTaskOverdue(t, asOf)).length;
  return out;
}

export interface DepartmentBars {
  /** The department's id; '' when none is recorded, and for the sum of the rest. */
  id: string;
  /** Its name; '' when none is recorded or for the rest (the screen words those). */
  name: string;
  /** True for the one bar that sums the departments beyond the first TOP_DEPARTMENTS. */
  rest: boolean;
  /** Overdue CNY fen per aging bucket. */
  buckets: number[];
}

/** Amounts per currency code, never added across currencies. */
export type ByCurrency = Map<string, number>;

export interface DashboardView {
  asOf: IsoDate;
  projectCount: number;
  phases: PhaseCounts;
  watch: WatchCounts;
  tasks: TaskCounts;
  /** CNY fen per contract type. */
  contractValueByType: Map<ContractType, number>;
  contractValue: ByCurrency;
  overdue: ByCurrency;
  smeOverdue: ByCurrency;
  interest: ByCurrency;
  /** Overdue CNY fen per aging bucket, portfolio-wide. */
  buckets: number[];
  departments: DepartmentBars[];
  /** Rows left out of the arrears (malformed, or paid in another currency). */
  heldApart: number;
  timings: Record<string, number>;
}

/** The currency the charts draw; other currencies appear in the totals only. */
export const MAIN_CURRENCY = 'CNY';
const TOP_DEPARTMENTS = 8;

const totals = (rollup: ArrearsRollup | undefined, pick: 'overdue' | 'interest'): ByCurrency => new Map((rollup?.currencies ?? []).map((c) => [c.currency, c[pick]]));
const mainBuckets = (r: ArrearsRollup | undefined) => r?.currencies.find((c) => c.currency === MAIN_CURRENCY)?.bucketAmounts ?? AGING_BUCKETS.map(() => 0);

/**
 * Everything the dashboard shows, gathered in one pass: index counts for projects, reviews and
 * tasks; one read of the compact contract ledgers for contract values and arrears.
 */
export async function loadDashboardView(db: WorkbenchDb, asOf: IsoDate): Promise<DashboardView> {
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    timings[label] = Math.round(performance.now() - t0);
    return r;
  };
  const [phases, watch, tasks, orgs, arrears] = await Promise.all([
    timed('phases', () => projectsByPhase(db)),
    timed('watch', () => watchCounts(db, asOf)),
    timed('tasks', () => taskCounts(db, asOf)),
    timed('organisations', () => listOrganisations(db)),
    timed('arrears', () => arrearsReport(db, asOf)),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const report = arrears.report;

  const smeOverdue: ByCurrency = new Map();
  for (const r of report.byPayee.values()) {
    if (!r.isSme) continue;
    for (const c of r.currencies) smeOverdue.set(c.currency, (smeOverdue.get(c.currency) ?? 0) + c.overdue);
  }

  const depts: DepartmentBars[] = [...report.byDepartment.values()]
    .map((r) => ({ id: r.key, name: r.key ? (orgName.get(r.key) ?? r.key) : '', rest: false, buckets: mainBuckets(r) }))
    .filter((d) => d.buckets.some((b) => b > 0))
    .sort((a, b) => b.buckets.reduce((s, x) => s + x, 0) - a.buckets.reduce((s, x) => s + x, 0));
  const shown = depts.slice(0, TOP_DEPARTMENTS);
  if (depts.length > TOP_DEPARTMENTS) {
    const rest = depts.slice(TOP_DEPARTMENTS);
    shown.push({ id: '', name: '', rest: true, buckets: AGING_BUCKETS.map((_, i) => rest.reduce((s, d) => s + d.buckets[i], 0)) });
  }

  const contractValueByType = new Map<ContractType, number>();
  const contractValue: ByCurrency = new Map();
  for (const v of arrears.contractValues) {
    contractValue.set(v.currency, (contractValue.get(v.currency) ?? 0) + v.amount);
    if (v.currency === MAIN_CURRENCY) contractValueByType.set(v.type, (contractValueByType.get(v.type) ?? 0) + v.amount);
  }

  return {
    asOf,
    projectCount: Object.values(phases).reduce((s, n) => s + n, 0),
    phases,
    watch,
    tasks,
    contractValueByType,
    contractValue,
    overdue: totals(report.total, 'overdue'),
    smeOverdue,
    interest: totals(report.total, 'interest'),
    buckets: mainBuckets(report.total),
    departments: shown,
    heldApart: arrears.heldApart,
    timings: { ...timings, arrearsRead: arrears.readMs, arrearsCompute: arrears.computeMs },
  };
}
