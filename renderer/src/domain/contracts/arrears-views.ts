// What the arrears screens add on top of arrears.ts: roll-ups merged along another dimension
// (contract type), and the status colour of one obligation in a payment schedule.
import { rollUpRows, type ArrearsRollup, type ObligationArrears } from './arrears';
import { addDays } from '../core/dates';
import type { IsoDate } from '../core/types';

/** Adds `src` into `target` (per currency; bucket arrays element-wise; fixed compensation per currency). */
export function mergeRollupInto(target: ArrearsRollup, src: ArrearsRollup): void {
  target.count += src.count;
  target.overdueCount += src.overdueCount;
  if (src.maxDaysOverdue > target.maxDaysOverdue) target.maxDaysOverdue = src.maxDaysOverdue;
  if (src.isSme) target.isSme = true;
  for (const c of src.currencies) {
    const t = target.currencies.find((x) => x.currency === c.currency);
    if (!t) {
      target.currencies.push({ ...c, bucketAmounts: [...c.bucketAmounts], bucketCounts: [...c.bucketCounts] });
      continue;
    }
    t.count += c.count;
    t.amount += c.amount;
    t.dueAmount += c.dueAmount;
    t.paid += c.paid;
    t.overpaid += c.overpaid;
    t.outstanding += c.outstanding;
    t.disputed += c.disputed;
    t.overdue += c.overdue;
    t.interest += c.interest;
    t.overdueCount += c.overdueCount;
    if (c.maxDaysOverdue > t.maxDaysOverdue) t.maxDaysOverdue = c.maxDaysOverdue;
    c.bucketAmounts.forEach((v, i) => (t.bucketAmounts[i] += v));
    c.bucketCounts.forEach((v, i) => (t.bucketCounts[i] += v));
  }
  for (const m of src.fixedCompensation) {
    const t = target.fixedCompensation.find((x) => x.currency === m.currency);
    if (t) t.amount += m.amount;
    else target.fixedCompensation.push({ ...m });
  }
}

/** Roll-ups regrouped by a key of theirs (e.g. contract → contract type); unknown keys go under ''. */
export function regroupRollups(rollups: ReadonlyMap<string, ArrearsRollup>, keyOf: (key: string) => string): Map<string, ArrearsRollup> {
  const out = new Map<string, ArrearsRollup>();
  for (const [k, r] of rollups) {
    const key = keyOf(k);
    let t = out.get(key);
    if (!t) {
      t = rollUpRows(key, []);
      out.set(key, t);
    }
    mergeRollupInto(t, r);
  }
  return out;
}

export const OBLIGATION_STATUSES = ['paid', 'overdue', 'disputed', 'partial', 'due', 'upcoming'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** An obligation "falls due" in the schedule this many days ahead of its due date. */
export const DUE_SOON_DAYS = 30;

/**
 * One status per obligation, the most pressing first: nothing left to pay → paid; an overdue
 * undisputed part → overdue; what is left is all in dispute → disputed; something paid → partial;
 * due within DUE_SOON_DAYS (or today) → due; else upcoming.
 */
export function obligationStatus(row: ObligationArrears, asOf: IsoDate): ObligationStatus {
  if (row.outstanding <= 0) return 'paid';
  if (row.overdue > 0) return 'overdue';
  if (row.disputed > 0 && row.disputed >= row.outstanding) return 'disputed';
  if (row.paid > 0) return 'partial';
  if (row.dueDate <= addDays(asOf, DUE_SOON_DAYS)) return 'due';
  return 'upcoming';
}
