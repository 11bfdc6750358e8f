// The fiscal rules the outlook checks, as dated data: what ships with the app (the national
// documents with their dates) and what an office may set for itself (a stricter warning level, its
// own indexation assumption), each entry in force from its date until the next one.
//
// - PPP fiscal affordability (财金〔2015〕21号 of 2015-04-07, restated by 财金〔2019〕10号 of
//   2019-03-07): each year, the expenditure responsibilities of all PPP projects at one level of
//   government at most 10% of that level's general public budget expenditure. Offices commonly warn
//   earlier; 7% is the usual warning level. A year's check uses the entry in force on 1 January.
//   At the limit is within it: only a ratio above the limit is a breach; a ratio at or above the
//   warning level warns.
// - Default indexation: the yearly adjustment projected for recurring fees of contracts that state
//   none. Each yearly step of a projection uses the entry in force on the day the step applies.
//   The app ships 0% (no adjustment until the office says otherwise).
// - Which contract types count as PPP expenditure responsibilities: 'ppp' by default. A BOT
//   contract here is one kept outside the PPP framework (a PPP-model BOT is type 'ppp', model BOT),
//   and a franchise (特许经营) is user-pays by design, so neither counts unless the office says so.
// - Recurring fees, the ones projected to the operation end: availability payments, O&M fees,
//   service fees and lease fees (all paid period by period while the asset operates).
// - O&M funding coverage (the plan → build gate): the first three operating years.
import type { ContractType, IsoDate, ObligationKind } from '../core/types';

export interface RedLineEntry {
  effectiveFrom: IsoDate;
  /** Breach above this share of the general public budget expenditure, in basis points (1000 = 10%). */
  limitBp: number;
  /** Warn at or above this share (700 = 7%). */
  warnBp: number;
  /** The document or office decision the entry comes from. */
  reference: string;
}

export interface IndexationEntry {
  effectiveFrom: IsoDate;
  /** Yearly adjustment in basis points (200 = 2% a year; may be negative). */
  rateBp: number;
  reference: string;
}

export const SHIPPED_RED_LINE: readonly RedLineEntry[] = [
  { effectiveFrom: '2015-04-07', limitBp: 1000, warnBp: 700, reference: '财金〔2015〕21号' },
  { effectiveFrom: '2019-03-07', limitBp: 1000, warnBp: 700, reference: '财金〔2019〕10号' },
];

export const SHIPPED_DEFAULT_INDEXATION: readonly IndexationEntry[] = [{ effectiveFrom: '1990-01-01', rateBp: 0, reference: '' }];

export const RECURRING_KINDS: readonly ObligationKind[] = ['availability', 'om-fee', 'service-fee', 'lease-fee'];

export interface FiscalPolicy {
  /** Sorted by date. */
  redLine: readonly RedLineEntry[];
  /** Sorted by date. */
  defaultIndexation: readonly IndexationEntry[];
  pppTypes: readonly ContractType[];
  recurringKinds: readonly ObligationKind[];
  /** Operating years the plan → build gate looks at for O&M funding. */
  coverageYears: number;
}

export const DEFAULT_FISCAL_POLICY: FiscalPolicy = {
  redLine: SHIPPED_RED_LINE,
  defaultIndexation: SHIPPED_DEFAULT_INDEXATION,
  pppTypes: ['ppp'],
  recurringKinds: RECURRING_KINDS,
  coverageYears: 3,
};

/** The entry in force on `date` in a date-sorted table; null before the first entry. */
export function entryInForce<T extends { effectiveFrom: IsoDate }>(sorted: readonly T[], date: IsoDate): T | null {
  let found: T | null = null;
  for (const e of sorted) {
    if (e.effectiveFrom <= date) found = e;
    else break;
  }
  return found;
}

/** Entries by date; of two with the same date the later one in the input wins. */
export function sortByEffectiveDate<T extends { effectiveFrom: IsoDate }>(entries: readonly T[]): T[] {
  const byDate = new Map<IsoDate, T>();
  for (const e of entries) byDate.set(e.effectiveFrom, e);
  return [...byDate.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
}

/** The red line that applies to a fiscal year: the entry in force on its 1 January. */
export function redLineForYear(policy: Pick<FiscalPolicy, 'redLine'>, year: number): RedLineEntry | null {
  return entryInForce(policy.redLine, `${String(year).padStart(4, '0')}-01-01`);
}

/** The office's default yearly indexation in force on `date` (0 before the first entry). */
export function defaultIndexationOn(policy: Pick<FiscalPolicy, 'defaultIndexation'>, date: IsoDate): number {
  return entryInForce(policy.defaultIndexation, date)?.rateBp ?? 0;
}

export type RedLineStatus = 'ok' | 'warning' | 'breach' | 'no-budget' | 'no-rule';

export interface RedLineCheck {
  status: RedLineStatus;
  /** PPP expenditure over general public budget expenditure in basis points, rounded half up; null without a budget. */
  ratioBp: number | null;
  entry: RedLineEntry | null;
}

/**
 * One year's affordability check. `ppp` and `budget` are minor units of one currency; the
 * comparison is exact (ppp × 10 000 against level × budget in integers), the ratio only shown.
 */
export function redLineCheck(ppp: number, budget: number | null, entry: RedLineEntry | null): RedLineCheck {
  if (budget === null || budget <= 0) return { status: 'no-budget', ratioBp: null, entry };
  const p = BigInt(Math.max(0, ppp)) * 10_000n;
  const b = BigInt(budget);
  const ratioBp = Number((p * 2n + b) / (b * 2n));
  if (!entry) return { status: 'no-rule', ratioBp, entry };
  const status: RedLineStatus = p > BigInt(entry.limitBp) * b ? 'breach' : p >= BigInt(entry.warnBp) * b ? 'warning' : 'ok';
  return { status, ratioBp, entry };
}
