// Input rules of obligations and payments that need no database: the payment form, the obligation
// form and schedule, every importer, and the screen of stored rows (ledger-rows.ts) apply these.
// A payment settles only an obligation in its own currency: the workbench keeps no exchange rates,
// so a payment in another currency is refused where it is entered or imported.
import { isIsoDate } from '../core/dates';
import { fieldProblem, type Problem } from '../core/problems';
import { OBLIGATION_KINDS, type Money } from '../core/types';
import type { ObligationDraft } from './schedule';

export const PAYMENT_LIMITS = { description: 200, voucherNo: 60, note: 500, maxObligationsPerSave: 1200 } as const;

/**
 * Largest amount an obligation or payment may carry, in minor units: 2^50 fen is over eleven
 * trillion yuan, and keeps every sum and difference the arrears and ledgers form a safe integer.
 */
export const MAX_AMOUNT = 2 ** 50;

export type PaymentProblemCode =
  | 'required'
  | 'too-long'
  | 'invalid-date'
  | 'invalid-amount'
  | 'date-order'
  | 'not-found'
  | 'over-amount'
  | 'too-many'
  | 'currency-mismatch';

export type PaymentProblem = Problem<PaymentProblemCode>;



/** A whole number of minor units in 0 … MAX_AMOUNT (1 … when `positive`). */
export function isAmount(n: unknown, positive = false): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= (positive ? 1 : 0) && n <= MAX_AMOUNT;
}

export function isCurrencyCode(c: unknown): c is string {
  return typeof c === 'string' && /^[A-Z]{3}$/.test(c);
}

export function obligationDraftProblems(o: ObligationDraft): PaymentProblem[] {
  const out: PaymentProblem[] = [];
  if (!(OBLIGATION_KINDS as readonly string[]).includes(o.kind)) out.push(fieldProblem('kind', 'required'));
  if (o.description.length > PAYMENT_LIMITS.description) out.push(fieldProblem('description', 'too-long', { max: PAYMENT_LIMITS.description }));
  if (!isIsoDate(o.triggerDate)) out.push(fieldProblem('triggerDate', o.triggerDate ? 'invalid-date' : 'required'));
  if (!isIsoDate(o.dueDate)) out.push(fieldProblem('dueDate', o.dueDate ? 'invalid-date' : 'required'));
  else if (isIsoDate(o.triggerDate) && o.dueDate < o.triggerDate) out.push(fieldProblem('dueDate', 'date-order', { after: 'triggerDate', date: o.triggerDate }));
  if (!isAmount(o.amount.amount) || !isCurrencyCode(o.amount.currency)) out.push(fieldProblem('amount', 'invalid-amount'));
  const within = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= o.amount.amount;
  if (!within(o.performanceLinkedAmount)) out.push(fieldProblem('performanceLinkedAmount', 'over-amount'));
  if (!within(o.disputedAmount)) out.push(fieldProblem('disputedAmount', 'over-amount'));
  return out;
}

export interface PaymentDraft {
  paidOn: string;
  /** Minor units. */
  amount: number;
  /** The currency paid in; absent = the obligation's. */
  currency?: string;
  voucherNo: string;
  note: string;
}

/** Problems of a payment against `obligation` (undefined: not found). Text is compared trimmed. */
export function paymentDraftProblems(p: PaymentDraft, obligation: { amount: Money } | undefined): PaymentProblem[] {
  const out: PaymentProblem[] = [];
  if (!obligation) out.push(fieldProblem('obligationId', 'not-found'));
  if (!isIsoDate(p.paidOn)) out.push(fieldProblem('paidOn', p.paidOn ? 'invalid-date' : 'required'));
  if (!isAmount(p.amount, true)) out.push(fieldProblem('amount', 'invalid-amount'));
  if (p.currency !== undefined && obligation && p.currency !== obligation.amount.currency) {
    out.push(fieldProblem('currency', 'currency-mismatch', { currency: p.currency, expected: obligation.amount.currency }));
  }
  if (p.voucherNo.trim().length > PAYMENT_LIMITS.voucherNo) out.push(fieldProblem('voucherNo', 'too-long', { max: PAYMENT_LIMITS.voucherNo }));
  if (p.note.trim().length > PAYMENT_LIMITS.note) out.push(fieldProblem('note', 'too-long', { max: PAYMENT_LIMITS.note }));
  return out;
}
