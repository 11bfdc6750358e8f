// Everything the dashboard shows, gathered in one pass: index counts for projects, reviews and
// tasks; one read of the compact contract ledgers for contract values and arrears.
import type { WorkbenchDb } from '../../data/db';
import { projectsByPhase, taskCounts, watchCounts, type PhaseCounts, type TaskCounts, type WatchCounts } from '../../data/dashboard';
import { arrearsReport } from '../../data/arrears';
import { listOrganisations } from '../../data/organisations';
import { AGING_BUCKETS } from '../../domain/contracts/aging';
import type { ArrearsRollup } from '../../domain/contracts/arrears';
import type { ContractType, IsoDate } from '../../domain/core/types';
import { fmt, t } from '../../i18n/i18n.svelte';

export interface DepartmentBars {
  id: string;
  name: string;
  /** Overdue CNY fen per aging bucket. */
  buckets: number[];
}

export interface DashboardData {
  asOf: IsoDate;
  projectCount: number;
  phases: PhaseCounts;
  watch: WatchCounts;
  tasks: TaskCounts;
  /** CNY fen per contract type. */
  contractValueByType: Map<ContractType, number>;
  contractValueText: string;
  overdueText: string;
  smeOverdueText: string;
  interestText: string;
  /** Overdue CNY fen per aging bucket, portfolio-wide. */
  buckets: number[];
  departments: DepartmentBars[];
  /** Rows left out of the arrears (malformed, or paid in another currency). */
  heldApart: number;
  timings: Record<string, number>;
}

const MAIN_CURRENCY = 'CNY';
const TOP_DEPARTMENTS = 8;

/** "¥1.2亿 + €30万": one amount per currency, never added across currencies. */
function moneyText(byCurrency: Map<string, number>): string {
  const parts = [...byCurrency].filter(([, a]) => a !== 0).map(([currency, amount]) => fmt.moneyCompact({ amount, currency }));
  return parts.length ? parts.join(' + ') : fmt.moneyCompact({ amount: 0, currency: MAIN_CURRENCY });
}

function totals(rollup: ArrearsRollup | undefined, pick: 'overdue' | 'interest'): Map<string, number> {
  return new Map((rollup?.currencies ?? []).map((c) => [c.currency, c[pick]]));
}

const mainBuckets = (r: ArrearsRollup | undefined) => r?.currencies.find((c) => c.currency === MAIN_CURRENCY)?.bucketAmounts ?? AGING_BUCKETS.map(() => 0);

export async function loadDashboard(db: WorkbenchDb, asOf: IsoDate): Promise<DashboardData> {
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

  const smeOverdue = new Map<string, number>();
  for (const r of report.byPayee.values()) {
    if (!r.isSme) continue;
    for (const c of r.currencies) smeOverdue.set(c.currency, (smeOverdue.get(c.currency) ?? 0) + c.overdue);
  }

  const depts = [...report.byDepartment.values()]
    .map((r) => ({ id: r.key, name: r.key ? (orgName.get(r.key) ?? r.key) : t('dashboard.noDepartment'), buckets: mainBuckets(r) }))
    .filter((d) => d.buckets.some((b) => b > 0))
    .sort((a, b) => b.buckets.reduce((s, x) => s + x, 0) - a.buckets.reduce((s, x) => s + x, 0));
  const shown = depts.slice(0, TOP_DEPARTMENTS);
  if (depts.length > TOP_DEPARTMENTS) {
    const rest = depts.slice(TOP_DEPARTMENTS);
    shown.push({ id: '', name: t('dashboard.other'), buckets: AGING_BUCKETS.map((_, i) => rest.reduce((s, d) => s + d.buckets[i], 0)) });
  }

  const valueByType = new Map<ContractType, number>();
  const valueAll = new Map<string, number>();
  for (const v of arrears.contractValues) {
    valueAll.set(v.currency, (valueAll.get(v.currency) ?? 0) + v.amount);
    if (v.currency === MAIN_CURRENCY) valueByType.set(v.type, (valueByType.get(v.type) ?? 0) + v.amount);
  }

  return {
    asOf,
    projectCount: Object.values(phases).reduce((s, n) => s + n, 0),
    phases,
    watch,
    tasks,
    contractValueByType: valueByType,
    contractValueText: moneyText(valueAll),
    overdueText: moneyText(totals(report.total, 'overdue')),
    smeOverdueText: moneyText(smeOverdue),
    interestText: moneyText(totals(report.total, 'interest')),
    buckets: mainBuckets(report.total),
    departments: shown,
    heldApart: arrears.heldApart,
    timings: { ...timings, arrearsRead: arrears.readMs, arrearsCompute: arrears.computeMs },
  };
}
