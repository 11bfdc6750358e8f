// From a review's total score to its grade, its payment coefficient and the deduction it puts
// on payment obligations; and when a project's next review is due (the 重建轻运 watch list).
import { addDays, addMonths, compareDates, daysBetween, toDayNumber } from '../core/dates';
import { problem, type Problem } from '../core/problems';
import { applyBp } from '../core/money';
import {
  FULL_MARKS,
  REVIEW_GRADES,
  type Centipoints,
  type CoefficientBand,
  type GradeBand,
  type ReviewGrade,
} from './review-types';
import type { IsoDate, PaymentObligation, ReviewCycle, Uuid } from '../core/types';

// ---------------------------------------------------------------- bands

/** ≥90 优, 80–89.99 良, 60–79.99 中, <60 差 (inclusive centipoint ranges, ascending). */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'poor', min: 0, max: 5999 },
  { grade: 'fair', min: 6000, max: 7999 },
  { grade: 'good', min: 8000, max: 8999 },
  { grade: 'excellent', min: 9000, max: 10_000 },
];

/** ≥90 → 100 %, 80–89.99 → 95 %, 60–79.99 → 85 %, <60 → 70 %. */
export const DEFAULT_COEFFICIENT_BANDS: readonly CoefficientBand[] = [
  { min: 0, max: 5999, coefficientBp: 7000 },
  { min: 6000, max: 7999, coefficientBp: 8500 },
  { min: 8000, max: 8999, coefficientBp: 9500 },
  { min: 9000, max: 10_000, coefficientBp: 10_000 },
];

/**
 * Bands are inclusive integer ranges of centipoints listed in ascending order. Because totals are
 * whole centipoints, "no gap, no overlap" means each band starts exactly one above the previous
 * band's max; together they must cover 0..10000 (0.00 to 100.00 points).
 */
function validateRanges(kind: 'grade' | 'coefficient', bands: readonly { min: number; max: number }[]): Problem[] {
  if (!Array.isArray(bands) || bands.length === 0) return [problem('bands.empty', { kind })];
  const out: Problem[] = [];
  const valid = bands.map((b, index) => {
    const ok = Number.isInteger(b.min) && Number.isInteger(b.max) && b.min >= 0 && b.max <= FULL_MARKS && b.min <= b.max;
    if (!ok) out.push(problem('bands.value-invalid', { kind, index }));
    return ok;
  });
  if (valid.includes(false)) return out;
  if (bands[0].min !== 0) out.push(problem('bands.start', { kind, min: bands[0].min }));
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1];
    const cur = bands[i];
    if (cur.min <= prev.min) out.push(problem('bands.order', { kind, index: i }));
    else if (cur.min <= prev.max) out.push(problem('bands.overlap', { kind, index: i }));
    else if (cur.min > prev.max + 1) out.push(problem('bands.gap', { kind, index: i, from: prev.max + 1, to: cur.min - 1 }));
  }
  const last = bands[bands.length - 1];
  if (last.max !== FULL_MARKS) out.push(problem('bands.end', { kind, max: last.max }));
  return out;
}

/** Ranges as above; each grade at most once, and a higher band never has a worse grade (REVIEW_GRADES order is best first). */
export function validateGradeBands(bands: readonly GradeBand[]): Problem[] {
  const out = validateRanges('grade', bands);
  if (!Array.isArray(bands)) return out;
  const seen = new Set<string>();
  const rank = (g: string): number => (REVIEW_GRADES as readonly string[]).indexOf(g);
  bands.forEach((b, index) => {
    if (rank(b.grade) < 0) out.push(problem('bands.grade-invalid', { index }));
    else if (seen.has(b.grade)) out.push(problem('bands.grade-duplicate', { grade: b.grade }));
    else if (index > 0 && rank(b.grade) > rank(bands[index - 1].grade)) out.push(problem('bands.grade-order', { index }));
    seen.add(b.grade);
  });
  return out;
}

/** Ranges as above; coefficients 0..10000 bp and never lower for a higher band. */
export function validateCoefficientBands(bands: readonly CoefficientBand[]): Problem[] {
  const out = validateRanges('coefficient', bands);
  if (!Array.isArray(bands)) return out;
  bands.forEach((b, index) => {
    const ok = Number.isInteger(b.coefficientBp) && b.coefficientBp >= 0 && b.coefficientBp <= 10_000;
    if (!ok) out.push(problem('bands.coefficient-invalid', { index }));
    else if (index > 0 && b.coefficientBp < bands[index - 1].coefficientBp) out.push(problem('bands.coefficient-order', { index }));
  });
  return out;
}

/** The grade whose band contains `total` (centipoints); null when no band does (invalid bands). */
export function gradeFor(total: Centipoints, bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS): ReviewGrade | null {
  return bands.find((b) => total >= b.min && total <= b.max)?.grade ?? null;
}

/** The payment coefficient (bp) whose band contains `total`; null when no band does. */
export function coefficientFor(total: Centipoints, bands: readonly CoefficientBand[] = DEFAULT_COEFFICIENT_BANDS): number | null {
  return bands.find((b) => total >= b.min && total <= b.max)?.coefficientBp ?? null;
}

// ---------------------------------------------------------------- payment adjustment

export interface ReviewPeriod {
  projectId: Uuid;
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/**
 * An obligation belongs to a review period when it is the same project's, still live, has a
 * performance-linked part, and its trigger date (the period end, acceptance or invoice date the
 * payment term runs from) falls within the period, both ends inclusive.
 */
export function obligationMatchesPeriod(
  o: Pick<PaymentObligation, 'projectId' | 'deleted' | 'performanceLinkedAmount' | 'triggerDate'>,
  period: ReviewPeriod,
): boolean {
  return (
    o.deleted === 0 &&
    o.projectId === period.projectId &&
    o.performanceLinkedAmount > 0 &&
    compareDates(o.triggerDate, period.periodStart) >= 0 &&
    compareDates(o.triggerDate, period.periodEnd) <= 0
  );
}

export interface DeductionLine {
  obligationId: Uuid;
  contractId: Uuid;
  currency: string;
  performanceLinkedAmount: number;
  coefficientBp: number;
  /** Paid part of the linked amount: applyBp(linked, coefficient), rounded half up to the fen. */
  payableLinkedAmount: number;
  /** linked − payable: exact, so payable + deduction always equals the linked amount. */
  deduction: number;
}

/** The deduction lines a finalised review puts on the obligations of its period (0-deductions omitted). */
export function performanceDeductions(
  period: ReviewPeriod,
  coefficientBp: number,
  obligations: readonly PaymentObligation[],
): DeductionLine[] {
  if (!Number.isInteger(coefficientBp) || coefficientBp < 0 || coefficientBp > 10_000) {
    throw new RangeError(`coefficient out of range: ${coefficientBp}`);
  }
  const out: DeductionLine[] = [];
  for (const o of obligations) {
    if (!obligationMatchesPeriod(o, period)) continue;
    const payable = applyBp(o.performanceLinkedAmount, coefficientBp);
    const deduction = o.performanceLinkedAmount - payable;
    if (deduction === 0) continue;
    out.push({
      obligationId: o.id,
      contractId: o.contractId,
      currency: o.amount.currency,
      performanceLinkedAmount: o.performanceLinkedAmount,
      coefficientBp,
      payableLinkedAmount: payable,
      deduction,
    });
  }
  return out;
}

// ---------------------------------------------------------------- review cycle

/**
 * Review cycle rule, documented here because the watch list depends on it:
 * - Periods are anchored on the operate-phase start date S: period k runs from
 *   addMonths(S, k·m) to addMonths(S, (k+1)·m) − 1 day, m = 3 / 6 / 12 months (PPP contracts
 *   count 运营年度 from the start of operation; month ends clamp as in dates.addMonths).
 * - A finalised review covers every period that ends on or before its own period end; the next
 *   review is for the first period ending after the latest finalised review's period end.
 * - That review becomes due the day after its period ends (dueFrom) and must be finalised within
 *   `graceDays` (default 30) of the period end (deadline = periodEnd + graceDays). The deadline
 *   day itself is still 'due'; from the next day it is 'overdue'.
 */
export const DEFAULT_REVIEW_GRACE_DAYS = 30;

export const REVIEW_CYCLE_MONTHS: Record<ReviewCycle, number> = { quarterly: 3, 'half-yearly': 6, yearly: 12 };

export interface CyclePeriod {
  index: number;
  start: IsoDate;
  end: IsoDate;
}

export function cyclePeriod(operateStart: IsoDate, cycle: ReviewCycle, index: number): CyclePeriod {
  const m = REVIEW_CYCLE_MONTHS[cycle];
  return {
    index,
    start: addMonths(operateStart, index * m),
    end: addDays(addMonths(operateStart, (index + 1) * m), -1),
  };
}

/** The period containing `date` (period 0 for dates before the start). */
export function cyclePeriodContaining(operateStart: IsoDate, cycle: ReviewCycle, date: IsoDate): CyclePeriod {
  let k = Math.max(0, roughIndex(operateStart, cycle, date));
  while (k > 0 && compareDates(cyclePeriod(operateStart, cycle, k).start, date) > 0) k--;
  while (compareDates(cyclePeriod(operateStart, cycle, k).end, date) < 0) k++;
  return cyclePeriod(operateStart, cycle, k);
}

/** Whole cycles between the start and `date`, possibly one too many: callers step to the exact one. */
function roughIndex(operateStart: IsoDate, cycle: ReviewCycle, date: IsoDate): number {
  const months = (Number(date.slice(0, 4)) - Number(operateStart.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(operateStart.slice(5, 7));
  return Math.floor(months / REVIEW_CYCLE_MONTHS[cycle]);
}

interface DueBase {
  period: CyclePeriod;
  dueFrom: IsoDate;
  deadline: IsoDate;
  /** Unreviewed periods whose deadline has passed as of the date (0 unless overdue). */
  missedPeriods: number;
}

export type ReviewDueStatus =
  | (DueBase & { status: 'not-due'; daysUntilDue: number })
  | (DueBase & { status: 'due'; daysLeft: number })
  | (DueBase & { status: 'overdue'; daysOverdue: number });

export interface ReviewDueInput {
  cycle: ReviewCycle;
  operateStart: IsoDate;
  /** Period ends of the project's finalised reviews, any order. */
  finalisedPeriodEnds: readonly IsoDate[];
  asOf: IsoDate;
  graceDays?: number;
}

export function reviewDueStatus(input: ReviewDueInput): ReviewDueStatus {
  const grace = input.graceDays ?? DEFAULT_REVIEW_GRACE_DAYS;
  const { cycle, operateStart, asOf } = input;
  const latest = input.finalisedPeriodEnds.reduce<IsoDate | null>((m, d) => (m === null || d > m ? d : m), null);
  let period = cyclePeriod(operateStart, cycle, 0);
  if (latest !== null && compareDates(latest, period.end) >= 0) {
    period = cyclePeriodContaining(operateStart, cycle, latest);
    if (compareDates(period.end, latest) <= 0) period = cyclePeriod(operateStart, cycle, period.index + 1);
  }
  const dueFrom = addDays(period.end, 1);
  const deadline = addDays(period.end, grace);
  const base = { period, dueFrom, deadline };
  if (compareDates(asOf, dueFrom) < 0) return { ...base, missedPeriods: 0, status: 'not-due', daysUntilDue: daysBetween(asOf, dueFrom) };
  if (compareDates(asOf, deadline) <= 0) return { ...base, missedPeriods: 0, status: 'due', daysLeft: daysBetween(asOf, deadline) };
  let missed = 1;
  const asOfDay = toDayNumber(asOf);
  while (toDayNumber(cyclePeriod(operateStart, cycle, period.index + missed).end) + grace < asOfDay) missed++;
  return { ...base, missedPeriods: missed, status: 'overdue', daysOverdue: daysBetween(deadline, asOf) };
}
