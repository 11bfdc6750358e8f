import { describe, expect, it } from 'vitest';
import { activeDeductionTotals, isActiveDeduction, paidAmount, payableAmount, payableObligations, settles } from '../../../../renderer/src/domain/contracts/payable';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const line = (obligationId: string, amount: number, status: 'active' | 'reversed' = 'active', deleted: 0 | 1 = 0) => ({ obligationId, amount: cny(amount), status, deleted });

describe('payable amount = amount less active performance deductions', () => {
  it.each<[string, ReturnType<typeof line>[], [string, number][]]>([
    ['no lines', [], []],
    ['one active line', [line('o1', 30_000_00)], [['o1', 30_000_00]]],
    ['two reviews cut the same obligation', [line('o1', 30_000_00), line('o1', 12_500_00)], [['o1', 42_500_00]]],
    ['a reversed line is history only', [line('o1', 30_000_00, 'reversed'), line('o1', 5_000_00)], [['o1', 5_000_00]]],
    ['a tombstoned line counts for nothing', [line('o1', 30_000_00, 'active', 1)], []],
    ['per obligation', [line('o1', 1_00), line('o2', 2_00)], [['o1', 1_00], ['o2', 2_00]]],
  ])('%s', (_, lines, totals) => {
    expect([...activeDeductionTotals(lines)]).toEqual(totals);
  });

  it.each<[string, number, [string, number][], number]>([
    ['nothing cut', 1_000_000_00, [], 1_000_000_00],
    ['a 15 % coefficient cut of the 40 % performance-linked part', 1_000_000_00, [['o1', 60_000_00]], 940_000_00],
    ['another obligation cut', 1_000_000_00, [['o2', 60_000_00]], 1_000_000_00],
  ])('%s', (_, amount, cuts, payable) => {
    expect(payableAmount({ id: 'o1', amount: cny(amount) }, new Map(cuts))).toBe(payable);
  });

  it('rewrites only the obligations that were cut, keeping the others as they are', () => {
    const o1 = { id: 'o1', amount: cny(100_00), dueDate: '2026-01-01' };
    const o2 = { id: 'o2', amount: cny(200_00), dueDate: '2026-02-01' };
    const [p1, p2] = payableObligations([o1, o2], new Map([['o1', 40_00]]));
    expect(p1).toEqual({ id: 'o1', amount: cny(60_00), dueDate: '2026-01-01' });
    expect(o1.amount.amount).toBe(100_00);
    expect(p2).toBe(o2);
  });

  it.each([
    [{ status: 'active' as const }, true],
    [{ status: 'active' as const, deleted: 1 as const }, false],
    [{ status: 'reversed' as const }, false],
  ])('isActiveDeduction(%j) → %s', (d, active) => {
    expect(isActiveDeduction(d)).toBe(active);
  });
});

describe('paid on an obligation = its live payments in its own currency', () => {
  const o = { id: 'o1', amount: cny(100_000_00) };
  const pay = (amount: number, currency = 'CNY', obligationId = 'o1', deleted: 0 | 1 = 0) => ({ obligationId, amount: { amount, currency }, deleted });
  it.each<[string, ReturnType<typeof pay>[], number]>([
    ['nothing paid', [], 0],
    ['two instalments', [pay(30_000_00), pay(20_000_00)], 50_000_00],
    ['a payment in USD settles nothing (no exchange rates are kept)', [pay(30_000_00), pay(5_000_00, 'USD')], 30_000_00],
    ['a deleted payment counts for nothing', [pay(30_000_00), pay(20_000_00, 'CNY', 'o1', 1)], 30_000_00],
    ['another obligation’s payment', [pay(30_000_00, 'CNY', 'o2')], 0],
    ['overpaid: the sum, not capped', [pay(120_000_00)], 120_000_00],
  ])('%s', (_, payments, paid) => {
    expect(paidAmount(o, payments)).toBe(paid);
  });

  it.each([
    [{ amount: cny(1) }, true],
    [{ amount: { amount: 1, currency: 'EUR' } }, false],
    [{ amount: cny(1), deleted: 1 as const }, false],
  ])('settles(%j) → %s', (p, counts) => {
    expect(settles(o, p)).toBe(counts);
  });
});
