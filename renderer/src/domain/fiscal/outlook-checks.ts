// What the outlook is checked against: the PPP red line per year, the funding gap per department
// and year, and whether a project's O&M in its first operating years is covered by its paying
// department's appropriations (the plan → build gate's O&M funding source).
import { isoOfDay } from '../contracts/contract-ledger';
import { OBLIGATION_KINDS } from '../core/types';
import { appropriationOf, fundingGap, type BudgetTables } from './budgets';
import { redLineCheck, redLineForYear, type FiscalPolicy, type RedLineCheck } from './fiscal-policy';
import { figure, OUTLOOK_MEASURES, walkOutlook, type OutlookBase, type OutlookOptions, type OutlookResult } from './outlook';

const INTEREST = OUTLOOK_MEASURES.indexOf('interest');

export interface RedLineYear extends RedLineCheck {
  year: number;
  /** PPP expenditure responsibilities of the year (minor units). */
  ppp: number;
  /** General public budget expenditure entered for the year; null when none. */
  budget: number | null;
}

export function redLineYears(result: OutlookResult, budgets: BudgetTables, policy: FiscalPolicy): RedLineYear[] {
  const H = result.years.length;
  return result.years.map((year, y) => {
    const ppp = figure(result.ppp, H, y, 'owed');
    const budget = budgets.general.get(year) ?? null;
    return { year, ppp, budget, ...redLineCheck(ppp, budget, redLineForYear(policy, year)) };
  });
}

export interface GapYear {
  year: number;
  owed: number;
  appropriation: number | null;
  gap: number;
}

export interface GapRow {
  departmentId: string;
  years: GapYear[];
  owed: number;
  appropriation: number;
  gap: number;
}

/**
 * Funding gap by paying department and year over the horizon: every department that owes
 * something or has an appropriation in it, the largest total gap first (then by id).
 */
export function fundingGaps(result: OutlookResult, budgets: BudgetTables): GapRow[] {
  const H = result.years.length;
  const ids = new Set<string>(result.departments.keys);
  for (const [dept, years] of budgets.appropriations) if (result.years.some((y) => years.has(y))) ids.add(dept);
  const rows: GapRow[] = [];
  for (const id of ids) {
    const r = result.departments.keys.indexOf(id);
    const years = result.years.map((year, y) => {
      const owed = r < 0 ? 0 : figure(result.departments.values, H, y, 'owed', r);
      const appropriation = appropriationOf(budgets, id, year);
      return { year, owed, appropriation, gap: fundingGap(owed, appropriation) };
    });
    if (years.every((x) => x.owed === 0 && x.appropriation === null)) continue;
    rows.push({
      departmentId: id,
      years,
      owed: years.reduce((s, x) => s + x.owed, 0),
      appropriation: years.reduce((s, x) => s + (x.appropriation ?? 0), 0),
      gap: years.reduce((s, x) => s + x.gap, 0),
    });
  }
  return rows.sort((a, b) => b.gap - a.gap || (a.departmentId < b.departmentId ? -1 : 1));
}

export type CoverageStatus = 'covered' | 'gap' | 'no-appropriation' | 'no-om' | 'not-operating';

export interface CoverageYear {
  year: number;
  /** The project's O&M (recurring fees, scheduled and projected, and their arrears) paid in the year. */
  om: number;
  /** Everything the paying department owes that year, this project included. */
  departmentOwed: number;
  appropriation: number | null;
}

export interface OmCoverage {
  status: CoverageStatus;
  /** The department paying most of the project's O&M ('' when it pays none). */
  departmentId: string;
  /** First year the project's contracts operate; null when none records an operation start. */
  firstOperatingYear: number | null;
  years: CoverageYear[];
}

/**
 * Whether a project's O&M is covered in its first `policy.coverageYears` operating years (from the
 * year its first contract starts operating, or this year when that is past): covered when, in each
 * of those years, the paying department's appropriation is at least everything it owes. A year
 * with no appropriation entered is not covered.
 */
export function omCoverage(base: OutlookBase, opts: OutlookOptions, result: OutlookResult, budgets: BudgetTables, projectId: string): OmCoverage {
  const set = base.set;
  const mine: number[] = [];
  let firstDay: number | null = null;
  for (let c = 0; c < set.count; c++) {
    if (set.projectIds[c] !== projectId) continue;
    mine.push(c);
    const start = set.operationStartDays[c];
    if (start !== null && (firstDay === null || start < firstDay)) firstDay = start;
  }
  const none = (status: CoverageStatus, firstOperatingYear: number | null = null): OmCoverage => ({ status, departmentId: '', firstOperatingYear, years: [] });
  if (firstDay === null) return none('not-operating');
  const firstOperatingYear = Number(isoOfDay(firstDay).slice(0, 4));
  const from = Math.max(firstOperatingYear, result.years[0]);
  const picked = result.years.map((year, y) => ({ year, y })).filter((x) => x.year >= from && x.year < from + opts.policy.coverageYears);
  const recurring = new Set(opts.policy.recurringKinds.map((k) => k as string));
  const om = new Map<number, number>();
  const byDept = new Map<string, number>();
  walkOutlook(
    base,
    opts,
    {
      line(c, flat, y, measure, amount, _linked, obligation) {
        if (measure === INTEREST) return;
        if (obligation >= 0 && !recurring.has(OBLIGATION_KINDS[set.oKind[obligation]])) return;
        if (!picked.some((p) => p.y === y)) return;
        om.set(y, (om.get(y) ?? 0) + amount);
        const dept = set.groups[c][flat - base.groupStart[c]].deptId;
        byDept.set(dept, (byDept.get(dept) ?? 0) + amount);
      },
      beyond() {},
    },
    mine,
  );
  if (!byDept.size) return none('no-om', firstOperatingYear);
  const departmentId = [...byDept].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const row = result.departments.keys.indexOf(departmentId);
  const H = result.years.length;
  const years = picked.map(({ year, y }) => ({
    year,
    om: om.get(y) ?? 0,
    departmentOwed: row < 0 ? 0 : figure(result.departments.values, H, y, 'owed', row),
    appropriation: appropriationOf(budgets, departmentId, year),
  }));
  const status: CoverageStatus = years.every((x) => x.appropriation !== null && x.appropriation >= x.departmentOwed)
    ? 'covered'
    : years.some((x) => x.appropriation === null)
      ? 'no-appropriation'
      : 'gap';
  return { status, departmentId, firstOperatingYear, years };
}
