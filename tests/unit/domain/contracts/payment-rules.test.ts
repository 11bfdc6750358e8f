// Payment and obligation input rules: worked examples of what a form, an importer and the screen of
// stored rows refuse, the currency rule first (no exchange rates: a payment settles only an
// obligation in its own currency).
import { describe, expect, it } from 'vitest';
import {
  isAmount,
  MAX_AMOUNT,
  obligationDraftProblems,
  PAYMENT_LIMITS,
  paymentDraftProblems,
  type PaymentDraft,
} from '../../../../renderer/src/domain/contracts/payment-rules';
import { screenRows } from '../../../../renderer/src/domain/contracts/ledger-rows';
import type { ObligationDraft } from '../../../../renderer/src/domain/contracts/schedule';

const yuan = { amount: { amount: 1_000_000_00, currency: 'CNY' } };
const ok: PaymentDraft = { paidOn: '2025-03-01', amount: 400_000_00, voucherNo: '记-1', note: '' };
const codes = (p: Partial<PaymentDraft>, obligation: { amount: { amount: number; currency: string } } | undefined = yuan) =>
  paymentDraftProblems({ ...ok, ...p }, obligation).map((x) => `${x.field}:${x.code}`);

describe('paymentDraftProblems', () => {
  it.each([
    [{}, []],
    // the currency paid in: the obligation's is fine, another is refused, absent means the obligation's
    [{ currency: 'CNY' }, []],
    [{ currency: 'USD' }, ['currency:currency-mismatch']],
    [{ currency: 'EUR' }, ['currency:currency-mismatch']],
    [{ paidOn: '' }, ['paidOn:required']],
    [{ paidOn: '2025-02-29' }, ['paidOn:invalid-date']],
    [{ amount: 0 }, ['amount:invalid-amount']],
    [{ amount: -1 }, ['amount:invalid-amount']],
    [{ amount: 0.5 }, ['amount:invalid-amount']],
    [{ amount: MAX_AMOUNT }, []],
    [{ amount: MAX_AMOUNT + 1 }, ['amount:invalid-amount']],
    [{ voucherNo: 'x'.repeat(PAYMENT_LIMITS.voucherNo + 1) }, ['voucherNo:too-long']],
    // surrounding spaces are trimmed before the length counts
    [{ voucherNo: ` ${'x'.repeat(PAYMENT_LIMITS.voucherNo)} ` }, []],
    [{ note: 'x'.repeat(PAYMENT_LIMITS.note + 1) }, ['note:too-long']],
  ] as [Partial<PaymentDraft>, string[]][])('%j → %j', (p, expected) => {
    expect(codes(p)).toEqual(expected);
  });

  it('names both currencies in the mismatch', () => {
    expect(paymentDraftProblems({ ...ok, currency: 'USD' }, yuan)).toEqual([
      { field: 'currency', code: 'currency-mismatch', params: { currency: 'USD', expected: 'CNY' } },
    ]);
  });

  it('an obligation that is not there', () => {
    expect(paymentDraftProblems({ ...ok, currency: 'USD' }, undefined).map((x) => `${x.field}:${x.code}`)).toEqual(['obligationId:not-found']);
  });
});

describe('obligationDraftProblems', () => {
  const draft: ObligationDraft = {
    contractId: 'c',
    projectId: 'p',
    payeeId: '',
    payerDepartmentId: '',
    kind: 'om-fee',
    description: '运维费',
    triggerDate: '2025-06-30',
    dueDate: '2025-07-30',
    amount: { amount: 1_000_00, currency: 'CNY' },
    performanceLinkedAmount: 0,
    disputedAmount: 0,
  };
  it.each([
    [{}, []],
    [{ dueDate: '2025-06-29' }, ['dueDate:date-order']],
    [{ amount: { amount: MAX_AMOUNT + 1, currency: 'CNY' } }, ['amount:invalid-amount']],
    [{ amount: { amount: 100, currency: 'yuan' } }, ['amount:invalid-amount']],
    [{ disputedAmount: 1_000_01 }, ['disputedAmount:over-amount']],
    [{ kind: 'gift' as never }, ['kind:required']],
  ] as [Partial<ObligationDraft>, string[]][])('%j → %j', (over, expected) => {
    expect(obligationDraftProblems({ ...draft, ...over }).map((x) => `${x.field}:${x.code}`)).toEqual(expected);
  });

  it('says which date the due date must follow', () => {
    expect(obligationDraftProblems({ ...draft, dueDate: '2025-06-29' })).toEqual([
      { field: 'dueDate', code: 'date-order', params: { after: 'triggerDate', date: '2025-06-30' } },
    ]);
  });
});

describe('isAmount', () => {
  it.each([
    [0, false, true],
    [0, true, false],
    [1, true, true],
    [MAX_AMOUNT, false, true],
    [MAX_AMOUNT + 1, false, false],
    [-1, false, false],
    [1.5, false, false],
    [Number.NaN, false, false],
    ['100', false, false],
  ] as [unknown, boolean, boolean][])('%s (positive %s) → %s', (n, positive, expected) => {
    expect(isAmount(n, positive)).toBe(expected);
  });
});

describe('screenRows: what the arrears may count', () => {
  const o = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    projectId: 'p',
    payeeId: 'org',
    payerDepartmentId: 'dept',
    dueDate: '2025-07-30',
    amount: { amount: 1_000_00, currency: 'CNY' },
    disputedAmount: 0,
    ...extra,
  });
  const pay = (obligationId: string, amount: number, currency = 'CNY', extra: Record<string, unknown> = {}) => ({ id: `${obligationId}-${currency}-${amount}`, obligationId, paidOn: '2025-08-01', amount: { amount, currency }, ...extra });

  it.each([
    // [obligation fields, payment, kept obligations, kept payments, problems]
    [{}, pay('o', 100), 1, 1, []],
    [{}, pay('o', 100, 'USD'), 1, 0, ['payment.currency:currency-mismatch']],
    [{}, pay('o', -100), 1, 1, []],
    [{}, pay('o', 100, 'CNY', { paidOn: '2025/08/01' }), 1, 0, ['payment.paidOn:invalid-date']],
    [{}, pay('o', 100, 'cny'), 1, 0, ['payment.amount:invalid-currency']],
    [{}, pay('o', 2 ** 53), 1, 0, ['payment.amount:invalid-amount']],
    [{ amount: { amount: 2 ** 60, currency: 'CNY' } }, pay('o', 100), 0, 0, ['obligation.amount:invalid-amount']],
    [{ amount: { amount: -5, currency: 'CNY' } }, pay('o', 100), 0, 0, ['obligation.amount:invalid-amount']],
    [{ dueDate: '' }, pay('o', 100), 0, 0, ['obligation.dueDate:invalid-date']],
    [{ payeeId: 7 }, pay('o', 100), 0, 0, ['obligation.payeeId:invalid-field']],
    [{ disputedAmount: 1.25 }, pay('o', 100), 0, 0, ['obligation.disputedAmount:invalid-amount']],
    [{ deleted: 1 }, pay('o', 100), 0, 0, []],
    [{}, pay('o', 100, 'CNY', { deleted: 1 }), 1, 0, []],
  ] as [Record<string, unknown>, ReturnType<typeof pay>, number, number, string[]][])('%j, %j', (over, payment, nObligations, nPayments, problems) => {
    const r = screenRows('c', [o('o', over)], [payment]);
    expect([r.obligations.length, r.payments.length, r.problems.map((p) => `${p.entity}.${p.field}:${p.code}`), r.heldApart]).toEqual([
      nObligations,
      nPayments,
      problems,
      problems.length,
    ]);
  });

  it('a deduction that leaves no whole payable amount holds the obligation apart', () => {
    const r = screenRows('c', [o('o')], [], new Map([['o', Number.NaN]]));
    expect(r.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['deductions:invalid-amount']);
  });
});
