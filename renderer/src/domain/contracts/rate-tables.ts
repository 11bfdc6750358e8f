// Published reference rates as step functions over dates. The seed tables below are what the app
// ships with; the office edits the live tables (ReferenceRate records), because rates change
// after a release and an isolated government network cannot fetch them.
import { isIsoDate } from '../core/dates';
import { fieldProblem, type Problem } from '../core/problems';
import type { IsoDate } from '../core/types';

/** A rate that applies from `effectiveFrom` until the next entry's date. Annual rate in basis points. */
export interface RateTableEntry {
  effectiveFrom: IsoDate;
  rateBp: number;
}

/** ±50% a year: anything beyond is a typing mistake. */
export const MAX_RATE_BP = 5000;

export type RateProblemCode = 'required' | 'invalid-date' | 'out-of-range' | 'duplicate-date';

/**
 * Problems of a rate an officer enters into a table that already holds `others` (the entry being
 * edited left out): a real date, a whole number of basis points within ±MAX_RATE_BP, one rate a date.
 */
export function rateEntryProblems(r: { effectiveFrom: string; rateBp: number }, others: readonly RateTableEntry[]): Problem<RateProblemCode>[] {
  const problems: Problem<RateProblemCode>[] = [];
  if (!isIsoDate(r.effectiveFrom)) problems.push(fieldProblem('effectiveFrom', r.effectiveFrom ? 'invalid-date' : 'required'));
  if (!Number.isSafeInteger(r.rateBp) || r.rateBp < -MAX_RATE_BP || r.rateBp > MAX_RATE_BP) problems.push(fieldProblem('rateBp', 'out-of-range'));
  if (!problems.length && others.some((x) => x.effectiveFrom === r.effectiveFrom)) problems.push(fieldProblem('effectiveFrom', 'duplicate-date'));
  return problems;
}

/** Entries sorted by date; with duplicates of one date the later one in the input wins. */
export function sortRateTable(entries: readonly RateTableEntry[]): RateTableEntry[] {
  const byDate = new Map<IsoDate, number>();
  for (const e of entries) byDate.set(e.effectiveFrom, e.rateBp);
  return [...byDate].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([effectiveFrom, rateBp]) => ({ effectiveFrom, rateBp }));
}

/**
 * The rate in force on `date` in a sorted table, or null when the date precedes every entry
 * (the caller decides what "unknown" means for its rule).
 */
export function rateInForce(sorted: readonly RateTableEntry[], date: IsoDate): number | null {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].effectiveFrom <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found < 0 ? null : sorted[found].rateBp;
}

/**
 * 1-year Loan Prime Rate (贷款市场报价利率, 1年期) since the LPR reform of 2019-08-20; only the
 * months when it changed. Before the reform the 1-year benchmark lending rate (4.35% since
 * 2015-10-24) stands in, since contracts of that time compared against it.
 */
export const SEED_LPR_1Y: readonly RateTableEntry[] = [
  { effectiveFrom: '2015-10-24', rateBp: 435 },
  { effectiveFrom: '2019-08-20', rateBp: 425 },
  { effectiveFrom: '2019-09-20', rateBp: 420 },
  { effectiveFrom: '2019-11-20', rateBp: 415 },
  { effectiveFrom: '2020-02-20', rateBp: 405 },
  { effectiveFrom: '2020-04-20', rateBp: 385 },
  { effectiveFrom: '2021-12-20', rateBp: 380 },
  { effectiveFrom: '2022-01-20', rateBp: 370 },
  { effectiveFrom: '2022-08-22', rateBp: 365 },
  { effectiveFrom: '2023-06-20', rateBp: 355 },
  { effectiveFrom: '2023-08-21', rateBp: 345 },
  { effectiveFrom: '2024-07-22', rateBp: 335 },
  { effectiveFrom: '2024-10-21', rateBp: 310 },
  { effectiveFrom: '2025-05-20', rateBp: 300 },
];

/** ECB main refinancing operations rate (the EU late-payment reference rate for the euro area). */
export const SEED_ECB_MRO: readonly RateTableEntry[] = [
  { effectiveFrom: '2009-05-13', rateBp: 100 },
  { effectiveFrom: '2011-04-13', rateBp: 125 },
  { effectiveFrom: '2011-07-13', rateBp: 150 },
  { effectiveFrom: '2011-11-09', rateBp: 125 },
  { effectiveFrom: '2011-12-14', rateBp: 100 },
  { effectiveFrom: '2012-07-11', rateBp: 75 },
  { effectiveFrom: '2013-05-08', rateBp: 50 },
  { effectiveFrom: '2013-11-13', rateBp: 25 },
  { effectiveFrom: '2014-06-11', rateBp: 15 },
  { effectiveFrom: '2014-09-10', rateBp: 5 },
  { effectiveFrom: '2016-03-16', rateBp: 0 },
  { effectiveFrom: '2022-07-27', rateBp: 50 },
  { effectiveFrom: '2022-09-14', rateBp: 125 },
  { effectiveFrom: '2022-11-02', rateBp: 200 },
  { effectiveFrom: '2022-12-21', rateBp: 250 },
  { effectiveFrom: '2023-02-08', rateBp: 300 },
  { effectiveFrom: '2023-03-22', rateBp: 350 },
  { effectiveFrom: '2023-05-10', rateBp: 375 },
  { effectiveFrom: '2023-06-21', rateBp: 400 },
  { effectiveFrom: '2023-08-02', rateBp: 425 },
  { effectiveFrom: '2023-09-20', rateBp: 450 },
  { effectiveFrom: '2024-06-12', rateBp: 425 },
  { effectiveFrom: '2024-09-18', rateBp: 365 },
  { effectiveFrom: '2024-10-23', rateBp: 340 },
  { effectiveFrom: '2024-12-18', rateBp: 315 },
  { effectiveFrom: '2025-02-05', rateBp: 290 },
  { effectiveFrom: '2025-03-12', rateBp: 265 },
  { effectiveFrom: '2025-04-23', rateBp: 240 },
  { effectiveFrom: '2025-06-11', rateBp: 215 },
];

/** Bank of England Bank Rate (the UK Late Payment Act reference rate). */
export const SEED_BOE_BASE: readonly RateTableEntry[] = [
  { effectiveFrom: '2009-03-05', rateBp: 50 },
  { effectiveFrom: '2016-08-04', rateBp: 25 },
  { effectiveFrom: '2017-11-02', rateBp: 50 },
  { effectiveFrom: '2018-08-02', rateBp: 75 },
  { effectiveFrom: '2020-03-11', rateBp: 25 },
  { effectiveFrom: '2020-03-19', rateBp: 10 },
  { effectiveFrom: '2021-12-16', rateBp: 25 },
  { effectiveFrom: '2022-02-03', rateBp: 50 },
  { effectiveFrom: '2022-03-17', rateBp: 75 },
  { effectiveFrom: '2022-05-05', rateBp: 100 },
  { effectiveFrom: '2022-06-16', rateBp: 125 },
  { effectiveFrom: '2022-08-04', rateBp: 175 },
  { effectiveFrom: '2022-09-22', rateBp: 225 },
  { effectiveFrom: '2022-11-03', rateBp: 300 },
  { effectiveFrom: '2022-12-15', rateBp: 350 },
  { effectiveFrom: '2023-02-02', rateBp: 400 },
  { effectiveFrom: '2023-03-23', rateBp: 425 },
  { effectiveFrom: '2023-05-11', rateBp: 450 },
  { effectiveFrom: '2023-06-22', rateBp: 500 },
  { effectiveFrom: '2023-08-03', rateBp: 525 },
  { effectiveFrom: '2024-08-01', rateBp: 500 },
  { effectiveFrom: '2024-11-07', rateBp: 475 },
  { effectiveFrom: '2025-02-06', rateBp: 450 },
  { effectiveFrom: '2025-05-08', rateBp: 425 },
  { effectiveFrom: '2025-08-07', rateBp: 400 },
];
