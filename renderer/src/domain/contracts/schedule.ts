// Payment obligations generated from a contract: one-off milestones and periodic fees. The output
// is plain data (a PaymentObligation without its RecordMeta) for the data layer to insert.
//
// Conventions:
// - due date = trigger date + payment-term days, calendar days in UTC (month ends and 29 February
//   need no special case).
// - Periodic schedules are anchored on their start date: period k runs from start + k×(months)
//   (day clamped to the month's end, computed from the start each time so 31 January does not
//   drift to the 28th) to the day before the next one; the last period ends on `end` (inclusive).
//   The trigger of each period is its last day.
// - A short last period (a stub) IS pro-rated by default: its weight is its days over the days a
//   full period starting on the same day would have had. Full periods weigh the same whatever
//   their day count (a yearly fee is the same in a leap year). `prorateLastPeriod: false` gives the
//   stub a full share.
// - Splitting a total never loses a fen: each part gets floor(total × weight / Σweights) and the
//   remaining minor units go one each to the largest remainders, ties to the earlier part
//   (largest-remainder method). Shares of a contract value in milestones are split the same way.
// - performanceLinkedAmount = applyBp(amount, contract.performanceLinkedBp), half up per obligation.
import { addDays, addMonths, daysBetween, isIsoDate } from '../core/dates';
import { applyBp, divRoundHalfUp } from '../core/money';
import type { Contract, IsoDate, ObligationKind, PaymentObligation, RecordMeta, Uuid } from '../core/types';
import { problem, ProblemsError, type ProblemParams } from '../core/problems';

/** An obligation ready to insert: the data layer adds id, timestamps, rev and the tombstone flag. */
export type ObligationDraft = Omit<PaymentObligation, keyof RecordMeta>;

/** The contract fields a schedule reads. */
export type ScheduleContract = Pick<Contract, 'id' | 'projectId' | 'value' | 'paymentTermDays' | 'performanceLinkedBp'>;

/** Who is owed and who pays, denormalised onto every obligation for roll-ups. */
export interface ScheduleParties {
  payeeId: Uuid | '';
  payerDepartmentId: Uuid | '';
}

export type ScheduleProblemCode =
  | 'invalid-date'
  | 'invalid-term'
  | 'end-before-start'
  | 'amount-xor-share'
  | 'invalid-amount'
  | 'invalid-share'
  | 'shares-over-100pct'
  | 'too-many-periods';

/** Invalid schedule input: one problem, `schedule.<code>` among the contracts' problems. */
export class ScheduleInputError extends ProblemsError {
  constructor(
    readonly code: ScheduleProblemCode,
    readonly params: ProblemParams = {},
  ) {
    super('contracts', [problem(`schedule.${code}`, params)]);
    this.name = 'ScheduleInputError';
  }
}

/**
 * The order a contract's obligations are read and replayed in, everywhere: by due date, then trigger
 * date, then id, so two machines list the same schedule the same way.
 */
export function compareObligations(a: { dueDate: IsoDate; triggerDate?: IsoDate; id: Uuid }, b: { dueDate: IsoDate; triggerDate?: IsoDate; id: Uuid }): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  const ta = a.triggerDate ?? '';
  const tb = b.triggerDate ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Trigger date + payment-term days. */
export function dueDateFor(triggerDate: IsoDate, paymentTermDays: number): IsoDate {
  if (!isIsoDate(triggerDate)) throw new ScheduleInputError('invalid-date', { date: String(triggerDate) });
  if (!Number.isSafeInteger(paymentTermDays) || paymentTermDays < 0) {
    throw new ScheduleInputError('invalid-term', { days: paymentTermDays });
  }
  return addDays(triggerDate, paymentTermDays);
}

/**
 * Splits `total` minor units in proportion to non-negative integer `weights`; the parts sum to
 * `total` exactly (largest remainder, ties to the lower index). All-zero weights split evenly.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new ScheduleInputError('invalid-amount', { amount: total });
  if (weights.length === 0) return [];
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new ScheduleInputError('invalid-share');
  const ws = weights.every((w) => w === 0) ? weights.map(() => 1n) : weights.map((w) => BigInt(w));
  const sumW = ws.reduce((a, b) => a + b, 0n);
  const neg = total < 0;
  const t = BigInt(Math.abs(total));
  const parts = ws.map((w) => (t * w) / sumW);
  const remainders = ws.map((w, i) => ({ i, r: (t * w) % sumW }));
  let left = Number(t - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let j = 0; left > 0; j++, left--) parts[remainders[j].i] += 1n;
  return parts.map((p) => (neg ? -Number(p) : Number(p)));
}

export interface MilestoneSpec {
  /** Acceptance / invoice date the payment term runs from. */
  triggerDate: IsoDate;
  description: string;
  kind?: ObligationKind;
  /** Exactly one of `amount` (minor units) or `shareBp` (of the contract value) is given. */
  amount?: number;
  shareBp?: number;
  /** Overrides the contract's payment term for this milestone. */
  paymentTermDays?: number;
}

/**
 * One obligation per milestone, in input order. Share-based milestones together receive
 * applyBp(contract value, Σ shares) split by share, so shares summing to 10 000 bp yield exactly
 * the contract value.
 */
export function generateMilestoneObligations(
  contract: ScheduleContract,
  parties: ScheduleParties,
  milestones: readonly MilestoneSpec[],
): ObligationDraft[] {
  let shareSum = 0;
  for (const m of milestones) {
    if ((m.amount === undefined) === (m.shareBp === undefined)) throw new ScheduleInputError('amount-xor-share');
    if (m.amount !== undefined && (!Number.isSafeInteger(m.amount) || m.amount < 0)) {
      throw new ScheduleInputError('invalid-amount', { amount: m.amount });
    }
    if (m.shareBp !== undefined) {
      if (!Number.isSafeInteger(m.shareBp) || m.shareBp <= 0 || m.shareBp > 10_000) {
        throw new ScheduleInputError('invalid-share', { bp: m.shareBp });
      }
      shareSum += m.shareBp;
    }
  }
  if (shareSum > 10_000) throw new ScheduleInputError('shares-over-100pct', { bp: shareSum });
  const shareIdx = milestones.flatMap((m, i) => (m.shareBp !== undefined ? [i] : []));
  const shareAmounts = allocateProportionally(
    applyBp(contract.value.amount, shareSum),
    shareIdx.map((i) => milestones[i].shareBp as number),
  );
  const amounts = milestones.map((m) => m.amount ?? 0);
  shareIdx.forEach((i, j) => (amounts[i] = shareAmounts[j]));
  return milestones.map((m, i) =>
    draft(contract, parties, {
      kind: m.kind ?? 'milestone',
      description: m.description,
      triggerDate: m.triggerDate,
      dueDate: dueDateFor(m.triggerDate, m.paymentTermDays ?? contract.paymentTermDays),
      amount: amounts[i],
    }),
  );
}

export const SCHEDULE_FREQUENCIES = ['yearly', 'half-yearly', 'quarterly', 'monthly'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];
export const MONTHS_PER_PERIOD: Record<ScheduleFrequency, number> = { yearly: 12, 'half-yearly': 6, quarterly: 3, monthly: 1 };

/** More periods than a 100-year monthly schedule is a typing mistake, not a contract. */
const MAX_PERIODS = 1200;

export interface SchedulePeriod {
  start: IsoDate;
  /** Inclusive last day: the obligation's trigger date. */
  end: IsoDate;
  days: number;
  /** Days of a full period starting on `start` (equals `days` except in a short last period). */
  fullDays: number;
}

/** The periods covering start…end (both inclusive), anchored on `start`. */
export function schedulePeriods(frequency: ScheduleFrequency, start: IsoDate, end: IsoDate): SchedulePeriod[] {
  if (!isIsoDate(start)) throw new ScheduleInputError('invalid-date', { date: String(start) });
  if (!isIsoDate(end)) throw new ScheduleInputError('invalid-date', { date: String(end) });
  if (end < start) throw new ScheduleInputError('end-before-start', { start, end });
  const months = MONTHS_PER_PERIOD[frequency];
  const out: SchedulePeriod[] = [];
  for (let k = 0; ; k++) {
    const pStart = addMonths(start, k * months);
    if (pStart > end) break;
    if (k >= MAX_PERIODS) throw new ScheduleInputError('too-many-periods', { max: MAX_PERIODS });
    const fullEnd = addDays(addMonths(start, (k + 1) * months), -1);
    const pEnd = fullEnd < end ? fullEnd : end;
    out.push({ start: pStart, end: pEnd, days: daysBetween(pStart, pEnd) + 1, fullDays: daysBetween(pStart, fullEnd) + 1 });
  }
  return out;
}

export interface PeriodicSpec {
  frequency: ScheduleFrequency;
  /** First day of the first period (usually the contract's operationStart). */
  start: IsoDate;
  /** Last day of the last period, inclusive (usually operationEnd). */
  end: IsoDate;
  /** Exactly one: the whole schedule's total, or the fee of one full period (minor units). */
  total?: number;
  amountPerPeriod?: number;
  /** Default true: a short last period is paid for its days only. */
  prorateLastPeriod?: boolean;
  kind?: ObligationKind;
  /** Prefix of each obligation's description; the period follows as an ISO interval `start/end`. */
  description?: string;
}

/**
 * One obligation per period, triggered on the period's last day. With `total` the parts sum to
 * it exactly; with `amountPerPeriod` each full period gets it and a pro-rated stub gets
 * amountPerPeriod × days / fullDays rounded half up.
 */
export function generatePeriodicObligations(
  contract: ScheduleContract,
  parties: ScheduleParties,
  spec: PeriodicSpec,
): ObligationDraft[] {
  if ((spec.total === undefined) === (spec.amountPerPeriod === undefined)) throw new ScheduleInputError('amount-xor-share');
  const given = spec.total ?? (spec.amountPerPeriod as number);
  if (!Number.isSafeInteger(given) || given < 0) throw new ScheduleInputError('invalid-amount', { amount: given });
  const periods = schedulePeriods(spec.frequency, spec.start, spec.end);
  const prorate = spec.prorateLastPeriod ?? true;
  const last = periods[periods.length - 1];
  const stub = prorate && last.days < last.fullDays;
  let amounts: number[];
  if (spec.total !== undefined) {
    // Integer weights on a common denominator: a full period = the stub's fullDays, the stub = its days.
    amounts = allocateProportionally(
      spec.total,
      periods.map((_, i) => (stub ? (i === periods.length - 1 ? last.days : last.fullDays) : 1)),
    );
  } else {
    const per = spec.amountPerPeriod as number;
    amounts = periods.map((p, i) =>
      stub && i === periods.length - 1 ? Number(divRoundHalfUp(BigInt(per) * BigInt(p.days), BigInt(p.fullDays))) : per,
    );
  }
  const prefix = spec.description ? `${spec.description} ` : '';
  return periods.map((p, i) =>
    draft(contract, parties, {
      kind: spec.kind ?? 'om-fee',
      description: `${prefix}${p.start}/${p.end}`,
      triggerDate: p.end,
      dueDate: dueDateFor(p.end, contract.paymentTermDays),
      amount: amounts[i],
    }),
  );
}

/**
 * The party a contract's payments go to: the first operator, else SPV, general integrator,
 * lessor, subcontractor; '' when the contract lists only government parties.
 */
export function defaultPayeeId(contract: Pick<Contract, 'parties'>): Uuid | '' {
  for (const role of ['operator', 'spv', 'general-integrator', 'lessor', 'subcontractor'] as const) {
    const p = contract.parties.find((x) => x.role === role);
    if (p) return p.orgId;
  }
  return '';
}

function draft(
  contract: ScheduleContract,
  parties: ScheduleParties,
  row: Pick<ObligationDraft, 'kind' | 'description' | 'triggerDate' | 'dueDate'> & { amount: number },
): ObligationDraft {
  return {
    contractId: contract.id,
    projectId: contract.projectId,
    payeeId: parties.payeeId,
    payerDepartmentId: parties.payerDepartmentId,
    kind: row.kind,
    description: row.description,
    triggerDate: row.triggerDate,
    dueDate: row.dueDate,
    amount: { amount: row.amount, currency: contract.value.currency },
    performanceLinkedAmount: applyBp(row.amount, contract.performanceLinkedBp),
    disputedAmount: 0,
  };
}
