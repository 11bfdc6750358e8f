// What is owed on an obligation: its amount less the ACTIVE performance deductions against it. A
// finalised review that cuts a fee reduces what is owed, not only what is paid, so every figure
// measured against an obligation (payments, arrears, interest, ledgers, reports) starts from here.
// Reversed lines are history only; tombstoned lines count for nothing.
import type { Money, Uuid } from '../core/types';
import type { PerformanceDeduction } from '../reviews/review-types';

type DeductionLine = Pick<PerformanceDeduction, 'obligationId' | 'status' | 'amount'> & { deleted?: 0 | 1 };

/** A deduction line that still cuts its obligation. */
export function isActiveDeduction(d: Pick<DeductionLine, 'status'> & { deleted?: 0 | 1 }): boolean {
  return !d.deleted && d.status === 'active';
}

/** Active deductions per obligation id (minor units, the obligation's currency). */
export function activeDeductionTotals(lines: Iterable<DeductionLine>): Map<Uuid, number> {
  const out = new Map<Uuid, number>();
  for (const d of lines) if (isActiveDeduction(d)) out.set(d.obligationId, (out.get(d.obligationId) ?? 0) + d.amount.amount);
  return out;
}

/** The payable amount of one obligation given the active deductions per obligation. */
export function payableAmount(o: { id: Uuid; amount: Money }, deductions: ReadonlyMap<Uuid, number> | undefined): number {
  return o.amount.amount - (deductions?.get(o.id) ?? 0);
}

/** Obligations with their amount replaced by the payable amount (the others unchanged, same objects). */
export function payableObligations<O extends { id: Uuid; amount: Money }>(obligations: readonly O[], deductions: ReadonlyMap<Uuid, number>): O[] {
  return obligations.map((o) => {
    const cut = deductions.get(o.id) ?? 0;
    return cut ? { ...o, amount: { amount: o.amount.amount - cut, currency: o.amount.currency } } : o;
  });
}

/**
 * Whether a payment counts toward an obligation: a live payment in the obligation's own currency.
 * No exchange rates are kept, so a payment in another currency never settles anything.
 */
export function settles(o: { amount: Money }, p: { amount: Money; deleted?: 0 | 1 }): boolean {
  return !p.deleted && p.amount.currency === o.amount.currency;
}

/** Paid on an obligation so far: its payments that count toward it (minor units, its currency). */
export function paidAmount(o: { id: Uuid; amount: Money }, payments: Iterable<{ obligationId: Uuid; amount: Money; deleted?: 0 | 1 }>): number {
  let paid = 0;
  for (const p of payments) if (p.obligationId === o.id && settles(o, p)) paid += p.amount.amount;
  return paid;
}
