// Late-payment interest as data. A contract names a policy kind; compileInterestPlan turns the kind
// plus the office's editable tables into a plan (a step function of daily rates), and
// accrueInterest runs the plan over one obligation's payment history.
//
// Conventions (the tests work examples of each):
// - Simple interest, never compounded, on the overdue base = amount − disputed − paid so far
//   (never below 0). Disputed amounts never bear interest.
// - Interest runs from the day after the due date (dueDate + 1) to asOf, both included, so the
//   number of interest days equals aging.ts's days overdue.
// - A payment made on day D stops interest on the paid part from D: day D does NOT accrue on it.
//   A payment on the due date or before leaves no interest on its part.
// - Daily rates (contract-rate, cn-sme) are in ppm per day: interest = base × ppm × days / 10^6.
//   No year basis, so leap years change nothing.
// - Annual rates (eu, uk) are in basis points, day count actual/365 fixed: interest =
//   base × bp × days / (10 000 × 365). A leap year's 366 days accrue 366/365 of the annual rate.
// - Exact integers: the numerator Σ base × rate × days is accumulated exactly (in doubles while it
//   stays a safe integer, in BigInt beyond) and rounded ONCE per obligation, half up to the minor
//   unit (0.5 fen → 1 fen): roundInterest, which is divRoundHalfUp's rule (and calls it past 2^53).
// - 'eu' (Directive 2011/7/EU art. 2(6)–(7)): reference rate + 8 points; the reference rate for each
//   half-year is the one in force on 1 January / 1 July, and it is re-fixed every half-year while
//   the debt stays unpaid. EUR 40 fixed compensation per late obligation, reported apart from
//   interest (not added to it).
// - 'uk' (Late Payment of Commercial Debts (Interest) Act 1998, Rate of Interest Order 2002):
//   Bank of England base rate + 8 points; the base rate in force on 31 December (for interest that
//   starts to run 1 January–30 June) or 30 June (for 1 July–31 December) is fixed for the whole delay.
//   Fixed sum per late obligation by the size of the debt (s. 5A): under £1,000 → £40; £1,000 to
//   £9,999.99 → £70; £10,000 or more → £100; reported apart from interest like the EU's.
// - Fixed sums are banded by the obligation's payable amount in the bands' currency. A debt in
//   another currency is not converted (no exchange rates are kept): the lowest band applies.
// - A date before the first entry of a rate table takes the earliest entry's rate; an empty table
//   means a reference rate of 0 (margin only).
import { civilDayNumber } from '../core/dates';
import { divRoundHalfUp } from '../core/money';
import { SEED_BOE_BASE, SEED_ECB_MRO, sortRateTable, type RateTableEntry } from './rate-tables';
import type { InterestPolicyKind, IsoDate, Money, ReferenceRate } from '../core/types';

/** A fixed sum owed once per late obligation: the last band whose `from` ≤ the debt applies. */
export interface FixedCompensation {
  currency: string;
  /** Ascending by `from`, in minor units of `currency`; the first starts at 0. */
  bands: readonly { from: number; amount: number }[];
}

/** Directive 2011/7/EU art. 6: EUR 40. */
export const EU_FIXED_COMPENSATION: FixedCompensation = { currency: 'EUR', bands: [{ from: 0, amount: 4000 }] };
/** Late Payment of Commercial Debts (Interest) Act 1998 s. 5A: £40 / £70 / £100. */
export const UK_FIXED_COMPENSATION: FixedCompensation = {
  currency: 'GBP',
  bands: [
    { from: 0, amount: 4000 },
    { from: 100_000, amount: 7000 },
    { from: 1_000_000, amount: 10_000 },
  ],
};

/** The fixed sum for a debt; null without a scheme. */
export function compensationFor(scheme: FixedCompensation | null, debt: Money): Money | null {
  if (!scheme || scheme.bands.length === 0) return null;
  let amount = scheme.bands[0].amount;
  if (debt.currency === scheme.currency) for (const b of scheme.bands) if (debt.amount >= b.from) amount = b.amount;
  return { amount, currency: scheme.currency };
}

/** The office's editable inputs to the statutory policies. */
export interface InterestPolicyTables {
  /** 'cn-sme': 保障中小企业款项支付条例 default rate when the contract sets none, ppm per day (万分之五 = 500). */
  cnSmePpmPerDay: number;
  eu: { referenceRates: readonly RateTableEntry[]; marginBp: number; fixedCompensation: FixedCompensation };
  uk: { baseRates: readonly RateTableEntry[]; marginBp: number; fixedCompensation: FixedCompensation };
}

export const DEFAULT_INTEREST_TABLES: InterestPolicyTables = {
  cnSmePpmPerDay: 500,
  eu: { referenceRates: SEED_ECB_MRO, marginBp: 800, fixedCompensation: EU_FIXED_COMPENSATION },
  uk: { baseRates: SEED_BOE_BASE, marginBp: 800, fixedCompensation: UK_FIXED_COMPENSATION },
};

/**
 * Tables from stored ReferenceRate records. A policy with at least one live record uses exactly
 * those records; a policy with none keeps `base`'s table (so a fresh database still computes).
 */
export function interestTablesFromReferenceRates(
  records: readonly Pick<ReferenceRate, 'policy' | 'effectiveFrom' | 'rateBp' | 'deleted'>[],
  base: InterestPolicyTables = DEFAULT_INTEREST_TABLES,
): InterestPolicyTables {
  const eu: RateTableEntry[] = [];
  const uk: RateTableEntry[] = [];
  for (const r of records) {
    if (r.deleted) continue;
    if (r.policy === 'eu') eu.push({ effectiveFrom: r.effectiveFrom, rateBp: r.rateBp });
    else if (r.policy === 'uk') uk.push({ effectiveFrom: r.effectiveFrom, rateBp: r.rateBp });
  }
  return {
    cnSmePpmPerDay: base.cnSmePpmPerDay,
    eu: { ...base.eu, referenceRates: eu.length ? sortRateTable(eu) : base.eu.referenceRates },
    uk: { ...base.uk, baseRates: uk.length ? sortRateTable(uk) : base.uk.baseRates },
  };
}

/**
 * A compiled policy: the daily rate is `stepRate[i] / denominator` (per unit of base) from UTC day
 * `stepFrom[i]` on (stepFrom[0] is −Infinity). No steps = no interest.
 */
export interface InterestPlan {
  policy: InterestPolicyKind;
  denominator: number;
  stepFrom: readonly number[];
  stepRate: readonly number[];
  /** UK: the rate found at the first interest day holds for the whole delay. */
  fixedAtStart: boolean;
  /** EU, UK: fixed sum owed once per late obligation, reported apart from interest. */
  fixedCompensation: FixedCompensation | null;
}

const PPM_DENOMINATOR = 1_000_000;
/** bp per year → per day on actual/365: 10 000 × 365. */
const ANNUAL_BP_DENOMINATOR = 3_650_000;

export const NO_INTEREST_PLAN: InterestPlan = {
  policy: 'none',
  denominator: 1,
  stepFrom: [],
  stepRate: [],
  fixedAtStart: false,
  fixedCompensation: null,
};

export function dailyPpmPlan(policy: InterestPolicyKind, ppmPerDay: number): InterestPlan {
  if (!Number.isSafeInteger(ppmPerDay) || ppmPerDay <= 0) return { ...NO_INTEREST_PLAN, policy };
  return { ...NO_INTEREST_PLAN, policy, denominator: PPM_DENOMINATOR, stepFrom: [-Infinity], stepRate: [ppmPerDay] };
}

/**
 * Half-yearly annual-rate steps (from each 1 Jan and 1 Jul): reference in force on the fixing
 * day (half-year start + fixingOffsetDays) plus the margin, consecutive equal rates merged.
 */
export function halfYearRateSteps(
  table: readonly RateTableEntry[],
  marginBp: number,
  fixingOffsetDays: 0 | -1,
): { stepFrom: number[]; stepRate: number[] } {
  const sorted = sortRateTable(table);
  if (sorted.length === 0) return { stepFrom: [-Infinity], stepRate: [marginBp] };
  const firstYear = Number(sorted[0].effectiveFrom.slice(0, 4));
  const lastYear = Number(sorted[sorted.length - 1].effectiveFrom.slice(0, 4)) + 1;
  const stepFrom: number[] = [-Infinity];
  const stepRate: number[] = [sorted[0].rateBp + marginBp];
  let j = 0;
  for (let y = firstYear; y <= lastYear; y++) {
    for (const month of [1, 7]) {
      const start = civilDayNumber(y, month, 1);
      const fixing = start + fixingOffsetDays;
      while (j + 1 < sorted.length && isoDayNumber(sorted[j + 1].effectiveFrom) <= fixing) j++;
      const rate = sorted[j].rateBp + marginBp;
      if (rate !== stepRate[stepRate.length - 1]) {
        stepFrom.push(start);
        stepRate.push(rate);
      }
    }
  }
  return { stepFrom, stepRate };
}

/** The plan for a contract's chosen policy. Build once per roll-up, not per obligation. */
export function compileInterestPlan(
  contract: { interestPolicy: InterestPolicyKind; contractRatePpmPerDay: number },
  tables: InterestPolicyTables,
): InterestPlan {
  switch (contract.interestPolicy) {
    case 'contract-rate':
      return dailyPpmPlan('contract-rate', contract.contractRatePpmPerDay);
    case 'cn-sme':
      return dailyPpmPlan('cn-sme', tables.cnSmePpmPerDay);
    case 'eu':
      return {
        policy: 'eu',
        denominator: ANNUAL_BP_DENOMINATOR,
        ...halfYearRateSteps(tables.eu.referenceRates, tables.eu.marginBp, 0),
        fixedAtStart: false,
        fixedCompensation: tables.eu.fixedCompensation,
      };
    case 'uk':
      return {
        policy: 'uk',
        denominator: ANNUAL_BP_DENOMINATOR,
        ...halfYearRateSteps(tables.uk.baseRates, tables.uk.marginBp, -1),
        fixedAtStart: true,
        fixedCompensation: tables.uk.fixedCompensation,
      };
    case 'none':
      return NO_INTEREST_PLAN;
  }
}

/** The rate numerator of the step in force on `day` (the annual bp or daily ppm figure). */
export function planRateOn(plan: InterestPlan, day: number): number {
  const i = stepIndex(plan.stepFrom, day);
  return i < 0 ? 0 : plan.stepRate[i];
}

export interface InterestPayment {
  paidOn: IsoDate;
  amount: number;
}

export interface InterestInput {
  dueDate: IsoDate;
  asOf: IsoDate;
  amount: number;
  /** For the fixed sum's band; when absent the amount is taken to be in the bands' currency. */
  currency?: string;
  disputedAmount: number;
  /** Any order; payments after asOf are ignored. */
  payments: readonly InterestPayment[];
}

export interface InterestResult {
  /** Accrued interest in the obligation's minor units, rounded once, half up. */
  interest: number;
  /** The plan's fixed compensation when any base was overdue for at least one day, else null. */
  fixedCompensation: Money | null;
}

/** Interest accrued on one obligation up to and including `asOf`. */
export function accrueInterest(plan: InterestPlan, input: InterestInput): InterestResult {
  const asOfDay = isoDayNumber(input.asOf);
  const dated = input.payments
    .filter((p) => p.paidOn <= input.asOf)
    .map((p) => ({ day: isoDayNumber(p.paidOn), amount: p.amount }))
    .sort((a, b) => a.day - b.day);
  const numerator = accrueNumerator(
    plan,
    isoDayNumber(input.dueDate),
    asOfDay,
    input.amount - Math.max(0, input.disputedAmount),
    dated.map((p) => p.day),
    dated.map((p) => p.amount),
  );
  if (numerator === 0 || numerator === 0n) return { interest: 0, fixedCompensation: null };
  const currency = input.currency ?? plan.fixedCompensation?.currency ?? '';
  return {
    interest: roundInterest(numerator, plan.denominator),
    fixedCompensation: compensationFor(plan.fixedCompensation, { amount: input.amount, currency }),
  };
}

/**
 * numerator / denominator rounded half up, exactly. A numerator that is a safe double is divided
 * in doubles with the remainder corrected to the exact integer result (the same answer as
 * divRoundHalfUp, without allocating BigInts on the roll-up's hot path); anything larger goes
 * through divRoundHalfUp.
 */
export function roundInterest(numerator: number | bigint, denominator: number): number {
  if (typeof numerator === 'number' && numerator >= 0 && numerator <= Number.MAX_SAFE_INTEGER - denominator) {
    let q = Math.floor(numerator / denominator);
    let r = numerator - q * denominator;
    // The double quotient can be one off next to an integer; the remainder tells which way.
    if (r < 0) {
      q -= 1;
      r += denominator;
    } else if (r >= denominator) {
      q += 1;
      r -= denominator;
    }
    return 2 * r >= denominator ? q + 1 : q;
  }
  return Number(divRoundHalfUp(BigInt(numerator), BigInt(denominator)));
}

/**
 * Σ base(d) × rate(d) over interest days d = dueDay+1 … asOfDay, exact. The first `payCount`
 * entries of `payDays` must be sorted ascending and hold only payments on or before asOfDay,
 * aligned with `payAmounts`.
 * `undisputed` = amount − disputed, less anything already netted out of the payment lists; it may
 * be negative (a later reversal can still open a base). Returns a number while exact, a bigint
 * beyond 2^53.
 */
export function accrueNumerator(
  plan: InterestPlan,
  dueDay: number,
  asOfDay: number,
  undisputed: number,
  payDays: readonly number[],
  payAmounts: readonly number[],
  payCount: number = payDays.length,
): number | bigint {
  const first = dueDay + 1;
  if (asOfDay < first || plan.stepRate.length === 0) return 0;
  const from = plan.stepFrom;
  const rates = plan.stepRate;
  const fixedRate = plan.fixedAtStart ? rates[stepIndex(from, first)] : -1;
  let step = stepIndex(from, first);
  let accN = 0;
  let accB: bigint | null = null;
  let paid = 0;
  let cursor = first;
  let k = 0;
  const n = payCount;
  // Payments up to and including the first interest day leave no interest on their part.
  while (k < n && payDays[k] <= first) paid += payAmounts[k++];
  while (cursor <= asOfDay) {
    const base = undisputed - paid;
    const end = k < n ? Math.min(payDays[k] - 1, asOfDay) : asOfDay;
    // A settled base can open again when a payment is reversed (a negative payment), so a
    // zero segment is skipped rather than ending the walk.
    if (base > 0) {
      // rate × days over [cursor, end] across rate steps
      let rateDays = 0;
      if (fixedRate >= 0) {
        rateDays = fixedRate * (end - cursor + 1);
      } else {
        while (step + 1 < from.length && from[step + 1] <= cursor) step++;
        let d = cursor;
        while (d <= end) {
          const stepEnd = step + 1 < from.length ? Math.min(from[step + 1] - 1, end) : end;
          rateDays += rates[step] * (stepEnd - d + 1);
          d = stepEnd + 1;
          if (d <= end) step++;
        }
      }
      const term = base * rateDays;
      if (accB === null && Number.isSafeInteger(term) && Number.isSafeInteger(accN + term)) {
        accN += term;
      } else {
        accB = (accB ?? BigInt(accN)) + BigInt(base) * BigInt(rateDays);
      }
    }
    cursor = end + 1;
    // All payments of the day the next segment starts on take effect from that day.
    while (k < n && payDays[k] <= cursor) paid += payAmounts[k++];
  }
  return accB ?? accN;
}

/**
 * Σ base × rate(d) over days d = fromDay+1 … toDay of a debt due on `dueDay` whose unpaid base stays
 * `base` throughout (a projection: no payment until toDay). The rate steps as accrueNumerator's do,
 * except that a plan fixed at the start (UK) keeps the rate of the debt's first interest day
 * (dueDay + 1), however late fromDay is. Exact; a number while safe, a bigint beyond.
 */
export function accrueFurther(plan: InterestPlan, dueDay: number, fromDay: number, toDay: number, base: number): number | bigint {
  if (toDay <= fromDay || base <= 0 || plan.stepRate.length === 0) return 0;
  if (!plan.fixedAtStart) return accrueNumerator(plan, fromDay, toDay, base, [], []);
  const rate = planRateOn(plan, dueDay + 1);
  const term = base * rate * (toDay - fromDay);
  return Number.isSafeInteger(term) ? term : BigInt(base) * BigInt(rate) * BigInt(toDay - fromDay);
}

function stepIndex(stepFrom: readonly number[], day: number): number {
  let lo = 0;
  let hi = stepFrom.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (stepFrom[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * UTC day number of a stored `YYYY-MM-DD` string without regex or Date: the roll-up parses a
 * million of these. Same result as dates.toDayNumber for valid dates; no validation (stored
 * dates were validated on write).
 */
export function isoDayNumber(iso: string): number {
  const y = iso.charCodeAt(0) * 1000 + iso.charCodeAt(1) * 100 + iso.charCodeAt(2) * 10 + iso.charCodeAt(3) - 53328;
  const m = iso.charCodeAt(5) * 10 + iso.charCodeAt(6) - 528;
  const d = iso.charCodeAt(8) * 10 + iso.charCodeAt(9) - 528;
  return civilDayNumber(y, m, d);
}
