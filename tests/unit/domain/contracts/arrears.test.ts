import { describe, expect, it } from 'vitest';
import {
  computeArrears,
  currencyTotals,
  groupPaymentsByObligation,
  obligationArrears,
  rollUpRows,
  settleOnDays,
  smeFirst,
  type ArrearsContract,
  type ArrearsObligation,
  type ObligationArrears,
} from '../../../../renderer/src/domain/contracts/arrears';
import { AGING_BUCKETS, type AgingBucket } from '../../../../renderer/src/domain/contracts/aging';
import { addDays, toDayNumber } from '../../../../renderer/src/domain/core/dates';
import {
  accrueInterest,
  compileInterestPlan,
  DEFAULT_INTEREST_TABLES,
  planRateOn,
  type InterestPlan,
  type InterestPolicyTables,
} from '../../../../renderer/src/domain/contracts/interest';
import { divRoundHalfUp } from '../../../../renderer/src/domain/core/money';
import type { ContractParty, InterestPolicyKind } from '../../../../renderer/src/domain/core/types';

const TABLES: InterestPolicyTables = {
  ...DEFAULT_INTEREST_TABLES,
  // EU at a flat 10% a year (2% + 8 points)
  eu: { ...DEFAULT_INTEREST_TABLES.eu, referenceRates: [{ effectiveFrom: '2000-01-01', rateBp: 200 }] },
};
const AS_OF = '2025-03-31';

const party = (orgId: string, isSme: boolean): ContractParty => ({ orgId, role: 'operator', isSme });
const contract = (id: string, interestPolicy: InterestPolicyKind, parties: ContractParty[], ppm = 0): ArrearsContract => ({
  id,
  interestPolicy,
  contractRatePpmPerDay: ppm,
  parties: [{ orgId: 'gov', role: 'government', isSme: false }, ...parties],
});
const contracts = new Map(
  [
    contract('C1', 'cn-sme', [party('P1', true)]),
    contract('C2', 'contract-rate', [party('P2', false)], 300),
    contract('C3', 'eu', [party('P3', false)]),
    contract('C4', 'none', [party('P1', false)]),
  ].map((c) => [c.id, c]),
);

let n = 0;
const obligation = (
  contractId: string,
  projectId: string,
  payeeId: string,
  dept: string,
  dueDate: string,
  amount: number,
  extra: Partial<ArrearsObligation> = {},
): ArrearsObligation => ({
  id: `O${++n}`,
  contractId,
  projectId,
  payeeId,
  payerDepartmentId: dept,
  dueDate,
  amount: { amount, currency: 'CNY' },
  disputedAmount: 0,
  ...extra,
});

// The portfolio, as of 2025-03-31 (worked row by row below)
const O1 = obligation('C1', 'PR1', 'P1', 'D1', '2025-01-31', 10_000_000);
const O2 = obligation('C1', 'PR1', 'P1', 'D1', '2025-03-31', 5_000_000);
const O3 = obligation('C1', 'PR1', 'P1', 'D1', '2025-04-30', 2_000_000);
const O4 = obligation('C2', 'PR1', 'P2', 'D2', '2024-03-31', 8_000_000, { disputedAmount: 1_000_000 });
const O5 = obligation('C2', 'PR1', 'P2', 'D2', '2025-01-01', 1_000_000);
const O6 = obligation('C3', 'PR2', 'P3', 'D1', '2023-01-31', 3_650_000, { amount: { amount: 3_650_000, currency: 'EUR' } });
const O7 = obligation('C4', 'PR1', 'P1', 'D2', '2025-03-20', 500_000);
const O8 = obligation('C1', 'PR1', 'P1', 'D1', '2020-01-01', 99_999_999, { deleted: 1 });
const OBLIGATIONS = [O1, O2, O3, O4, O5, O6, O7, O8];
const PAYMENTS = groupPaymentsByObligation([
  { obligationId: O1.id, paidOn: '2025-02-10', amount: { amount: 4_000_000, currency: 'CNY' } },
  { obligationId: O1.id, paidOn: '2025-03-02', amount: { amount: 3_000_000, currency: 'CNY' } },
  { obligationId: O1.id, paidOn: '2025-04-15', amount: { amount: 3_000_000, currency: 'CNY' } }, // after asOf
  { obligationId: O4.id, paidOn: '2024-05-01', amount: { amount: 8_000_000, currency: 'CNY' }, deleted: 1 as const },
  { obligationId: O5.id, paidOn: '2025-01-11', amount: { amount: 1_200_000, currency: 'CNY' } },
]);

const report = computeArrears(OBLIGATIONS, PAYMENTS, contracts, TABLES, AS_OF);
const row = (id: string) => report.rows.find((r) => r.obligationId === id) as ObligationArrears;
const pick = (r: ObligationArrears) => ({
  paid: r.paid,
  overpaid: r.overpaid,
  outstanding: r.outstanding,
  disputed: r.disputed,
  overdue: r.overdue,
  daysOverdue: r.daysOverdue,
  bucket: r.bucket,
  interest: r.interest,
});

describe('per obligation, as of 2025-03-31', () => {
  it.each([
    // O1 cn-sme 100 000.00 due 01-31; paid 40 000.00 on 02-10 and 30 000.00 on 03-02; 30 000.00 on 04-15 is after asOf.
    //   59 days (28 Feb + 31 Mar) → d31_90. Interest (see interest.test): 9 d × 10M + 20 d × 6M + 30 d × 3M at 500 ppm = 150 000
    [O1.id, { paid: 7_000_000, overpaid: 0, outstanding: 3_000_000, disputed: 0, overdue: 3_000_000, daysOverdue: 59, bucket: 'd31_90', interest: 150_000 }],
    // O2 due on asOf itself: payable, not overdue
    [O2.id, { paid: 0, overpaid: 0, outstanding: 5_000_000, disputed: 0, overdue: 0, daysOverdue: 0, bucket: null, interest: 0 }],
    // O3 due next month
    [O3.id, { paid: 0, overpaid: 0, outstanding: 2_000_000, disputed: 0, overdue: 0, daysOverdue: 0, bucket: null, interest: 0 }],
    // O4 contract rate 0.03%/day, 80 000.00 with 10 000.00 disputed, due 2024-03-31 → 365 days (no 29 Feb in between);
    //   the deleted payment does not count. 7 000 000 × 300 × 365 / 10^6 = 766 500
    [O4.id, { paid: 0, overpaid: 0, outstanding: 8_000_000, disputed: 1_000_000, overdue: 7_000_000, daysOverdue: 365, bucket: 'd181_365', interest: 766_500 }],
    // O5 overpaid 12 000.00 on 01-11 for 10 000.00 due 01-01: late 01-02…01-10 = 9 days × 1 000 000 × 300 / 10^6 = 2 700
    [O5.id, { paid: 1_200_000, overpaid: 200_000, outstanding: 0, disputed: 0, overdue: 0, daysOverdue: 0, bucket: null, interest: 2_700 }],
    // O6 EUR 36 500.00 due 2023-01-31 → 365 + 366 + 59 = 790 days → y2p; 10% a year:
    //   3 650 000 × 1000 × 790 / 3 650 000 = 790 000 cents
    [O6.id, { paid: 0, overpaid: 0, outstanding: 3_650_000, disputed: 0, overdue: 3_650_000, daysOverdue: 790, bucket: 'y2p', interest: 790_000 }],
    // O7 policy none: 11 days overdue, no interest
    [O7.id, { paid: 0, overpaid: 0, outstanding: 500_000, disputed: 0, overdue: 500_000, daysOverdue: 11, bucket: 'd0_30', interest: 0 }],
  ])('%s', (id, expected) => {
    expect(pick(row(id))).toEqual(expected);
  });

  it('flags SME payees per contract, isDue and fixed compensation', () => {
    expect(row(O1.id).payeeIsSme).toBe(true);
    expect(row(O7.id).payeeIsSme).toBe(false); // P1 is not flagged SME on C4
    expect([row(O2.id).isDue, row(O3.id).isDue]).toEqual([true, false]);
    expect(row(O6.id).fixedCompensation).toEqual({ amount: 4000, currency: 'EUR' });
    expect(row(O1.id).fixedCompensation).toBeNull();
    expect(row(O6.id).currency).toBe('EUR');
  });

  it('bands the UK fixed sum by the payable amount in pounds; a debt in yuan takes the lowest band', () => {
    const uk = contract('UK1', 'uk', [party('PU', false)]);
    const gbp = (amount: number) => ({ amount: { amount, currency: 'GBP' } });
    // All due 2025-01-31 and unpaid on 2025-03-31: late, so each owes its fixed sum once.
    const small = obligation('UK1', 'PR3', 'PU', 'D3', '2025-01-31', 99_999, gbp(99_999)); // £999.99 → £40
    const mid = obligation('UK1', 'PR3', 'PU', 'D3', '2025-01-31', 100_000, gbp(100_000)); // £1,000.00 → £70
    const big = obligation('UK1', 'PR3', 'PU', 'D3', '2025-01-31', 1_000_000, gbp(1_000_000)); // £10,000.00 → £100
    const yuan = obligation('UK1', 'PR3', 'PU', 'D3', '2025-01-31', 50_000_000); // ¥500,000.00: no rate to convert → £40
    const r = computeArrears([small, mid, big, yuan], new Map(), new Map([[uk.id, uk]]), TABLES, AS_OF);
    const sums = [small, mid, big, yuan].map((o) => r.rows.find((x) => x.obligationId === o.id)?.fixedCompensation);
    expect(sums).toEqual([4000, 7000, 10_000, 4000].map((amount) => ({ amount, currency: 'GBP' })));
    // 40 + 70 + 100 + 40 = £250 in all, apart from the interest.
    expect(r.total.fixedCompensation).toEqual([{ amount: 25_000, currency: 'GBP' }]);
  });

  it('counts only payments in the obligation\'s currency: a USD or EUR payment reduces no CNY arrears or interest', () => {
    // O1 as above, plus 30 000.00 in USD and in EUR paid on 02-01 (before any yuan): neither is
    // converted or counted, so the row is exactly O1's.
    const foreign = groupPaymentsByObligation([
      ...(PAYMENTS.get(O1.id) ?? []),
      { obligationId: O1.id, paidOn: '2025-02-01', amount: { amount: 3_000_000, currency: 'USD' } },
      { obligationId: O1.id, paidOn: '2025-02-01', amount: { amount: 3_000_000, currency: 'EUR' } },
    ]);
    const r = computeArrears([O1], foreign, contracts, TABLES, AS_OF);
    expect(pick(r.rows[0])).toEqual(pick(row(O1.id)));
  });

  it('skips tombstoned obligations', () => {
    expect(report.rows.map((r) => r.obligationId)).not.toContain(O8.id);
    expect(report.rows).toHaveLength(7);
  });

  it('the stand-alone function gives the same row', () => {
    const plan = compileInterestPlan(contracts.get('C1') as ArrearsContract, TABLES);
    expect(obligationArrears(O1, PAYMENTS.get(O1.id), contracts.get('C1'), plan, AS_OF)).toEqual(row(O1.id));
  });

  it.each(OBLIGATIONS.filter((o) => !o.deleted).map((o) => [o.id, o] as const))('%s: the day-number form (a ledger’s) gives the same figures', (_id, o) => {
    // A ledger holds live payments in the obligation's currency only.
    const paid = (PAYMENTS.get(o.id) ?? []).filter((p) => !p.deleted && p.amount.currency === o.amount.currency);
    const plan = compileInterestPlan(contracts.get(o.contractId) as ArrearsContract, TABLES);
    const s = settleOnDays(o.amount.amount, o.disputedAmount, toDayNumber(o.dueDate), toDayNumber(AS_OF), paid.map((p) => toDayNumber(p.paidOn)), paid.map((p) => p.amount.amount), 0, paid.length, plan);
    const r = row(o.id);
    expect([s.outstanding, s.disputed, s.overdue, s.interest]).toEqual([r.outstanding, r.disputed, r.overdue, r.interest]);
  });
});

const buckets = (partial: Partial<Record<AgingBucket, number>>) => AGING_BUCKETS.map((b) => partial[b] ?? 0);

describe('roll-ups', () => {
  it('portfolio total per currency', () => {
    // CNY rows O1 O2 O3 O4 O5 O7:
    //   amount      10M + 5M + 2M + 8M + 1M + 0.5M   = 26 500 000; due by asOf (all but O3) = 24 500 000
    //   paid        7M + 1.2M = 8 200 000; overpaid 200 000
    //   outstanding 3M + 5M + 2M + 8M + 0 + 0.5M      = 18 500 000; disputed 1 000 000
    //   overdue     3M (O1) + 7M (O4) + 0.5M (O7)     = 10 500 000
    //   interest    150 000 + 766 500 + 2 700         = 919 200
    expect(currencyTotals(report.total, 'CNY')).toEqual({
      currency: 'CNY',
      count: 6,
      amount: 26_500_000,
      dueAmount: 24_500_000,
      paid: 8_200_000,
      overpaid: 200_000,
      outstanding: 18_500_000,
      disputed: 1_000_000,
      overdue: 10_500_000,
      interest: 919_200,
      overdueCount: 3,
      maxDaysOverdue: 365,
      bucketAmounts: buckets({ d0_30: 500_000, d31_90: 3_000_000, d181_365: 7_000_000 }),
      bucketCounts: buckets({ d0_30: 1, d31_90: 1, d181_365: 1 }),
    });
    expect(currencyTotals(report.total, 'EUR')).toMatchObject({ overdue: 3_650_000, interest: 790_000, bucketAmounts: buckets({ y2p: 3_650_000 }) });
    expect(report.total.currencies.map((c) => c.currency)).toEqual(['CNY', 'EUR']); // never added together
    expect(report.total).toMatchObject({ count: 7, overdueCount: 4, maxDaysOverdue: 790, isSme: true });
    expect(report.total.fixedCompensation).toEqual([{ amount: 4000, currency: 'EUR' }]);
    expect(report.missingContracts).toBe(0);
  });

  it('per contract, project, payee and department', () => {
    const overdue = (m: Map<string, { currencies: { currency: string; overdue: number }[] }>) =>
      Object.fromEntries([...m].map(([k, r]) => [k, Object.fromEntries(r.currencies.map((c) => [c.currency, c.overdue]))]));
    expect(overdue(report.byContract)).toEqual({ C1: { CNY: 3_000_000 }, C2: { CNY: 7_000_000 }, C3: { EUR: 3_650_000 }, C4: { CNY: 500_000 } });
    expect(overdue(report.byProject)).toEqual({ PR1: { CNY: 10_500_000 }, PR2: { EUR: 3_650_000 } });
    expect(overdue(report.byPayee)).toEqual({ P1: { CNY: 3_500_000 }, P2: { CNY: 7_000_000 }, P3: { EUR: 3_650_000 } });
    expect(overdue(report.byDepartment)).toEqual({ D1: { CNY: 3_000_000, EUR: 3_650_000 }, D2: { CNY: 7_500_000 } });
    expect(report.byContract.get('C2')).toMatchObject({ count: 2, overdueCount: 1, maxDaysOverdue: 365 });
    expect(currencyTotals(report.byContract.get('C2')!, 'CNY').interest).toBe(769_200); // 766 500 + 2 700
  });

  it('puts SMEs first, then the largest overdue amount', () => {
    // P1 is an SME on C1 (3.5M overdue) → first despite P2's 7M; P3 has no CNY arrears
    expect(smeFirst(report.byPayee.values()).map((r) => r.key)).toEqual(['P1', 'P2', 'P3']);
    // by EUR instead: P1 still first (SME), then P3 (3.65M EUR), then P2
    expect(smeFirst(report.byPayee.values(), 'EUR').map((r) => r.key)).toEqual(['P1', 'P3', 'P2']);
  });

  it("rows: 'overdue' keeps overdue rows only, 'none' keeps none; roll-ups are the same", () => {
    const overdueOnly = computeArrears(OBLIGATIONS, PAYMENTS, contracts, TABLES, AS_OF, { rows: 'overdue' });
    expect(overdueOnly.rows.map((r) => r.obligationId)).toEqual([O1.id, O4.id, O6.id, O7.id]);
    expect(overdueOnly.rows[0]).toEqual(row(O1.id));
    const none = computeArrears(OBLIGATIONS, PAYMENTS, contracts, TABLES, AS_OF, { rows: 'none' });
    expect(none.rows).toEqual([]);
    expect(none.total).toEqual(report.total);
    expect(none.byPayee).toEqual(report.byPayee);
  });

  it('rollUpRows over a statement equals the payee roll-up', () => {
    const p1 = rollUpRows('P1', report.rows.filter((r) => r.payeeId === 'P1'));
    expect(p1).toEqual(report.byPayee.get('P1'));
  });

  it('moving the as-of date moves days, buckets and interest', () => {
    // O1 as of 2025-02-09: 9 days, nothing paid yet → d0_30, 10M × 500 × 9 / 10^6 = 45 000
    const early = computeArrears([O1], PAYMENTS, contracts, TABLES, '2025-02-09');
    expect(pick(early.rows[0])).toEqual({
      paid: 0,
      overpaid: 0,
      outstanding: 10_000_000,
      disputed: 0,
      overdue: 10_000_000,
      daysOverdue: 9,
      bucket: 'd0_30',
      interest: 45_000,
    });
    // as of 2025-04-15 the last payment settles it: interest stops at 04-14 → 150 000 + 14 d × 3M × 500 / 10^6 = 171 000
    const settled = computeArrears([O1], PAYMENTS, contracts, TABLES, '2025-04-15');
    expect(pick(settled.rows[0])).toEqual({
      paid: 10_000_000,
      overpaid: 0,
      outstanding: 0,
      disputed: 0,
      overdue: 0,
      daysOverdue: 0,
      bucket: null,
      interest: 171_000,
    });
  });

  it('an obligation whose contract is missing is counted and bears no interest', () => {
    const orphan = obligation('CX', 'PR9', 'P9', 'D9', '2024-01-01', 100);
    const r = computeArrears([orphan], new Map(), contracts, TABLES, AS_OF);
    expect(r.missingContracts).toBe(1);
    expect(r.rows[0]).toMatchObject({ overdue: 100, interest: 0, interestPolicy: 'none' });
  });

  it('payees, projects or departments that change within one contract go to their own roll-ups', () => {
    const a = obligation('C1', 'PR1', 'P1', 'D1', '2025-01-31', 100);
    const b = obligation('C1', 'PR2', 'P7', 'D3', '2025-01-31', 200);
    const c = obligation('C1', 'PR1', 'P1', 'D1', '2025-01-31', 400);
    const r = computeArrears([a, b, c], new Map(), contracts, TABLES, AS_OF, { rows: 'none' });
    const overdueOf = (m: Map<string, { currencies: { overdue: number }[] }>, k: string) => m.get(k)?.currencies[0].overdue;
    expect([overdueOf(r.byProject, 'PR1'), overdueOf(r.byProject, 'PR2')]).toEqual([500, 200]);
    expect([overdueOf(r.byPayee, 'P1'), overdueOf(r.byPayee, 'P7')]).toEqual([500, 200]);
    expect([overdueOf(r.byDepartment, 'D1'), overdueOf(r.byDepartment, 'D3')]).toEqual([500, 200]);
    expect(r.byPayee.get('P7')?.isSme).toBe(false);
  });

  it('a contract paying many payees keeps each apart (past the linear-scan limit)', () => {
    // 20 payees × 3 obligations of 100 fen each, interleaved, due 2025-01-31 → 300 fen overdue per payee
    const list = Array.from({ length: 60 }, (_, i) => obligation('C4', 'PR1', `Q${i % 20}`, 'D1', '2025-01-31', 100));
    const r = computeArrears(list, new Map(), contracts, TABLES, AS_OF, { rows: 'none' });
    expect(r.byPayee.size).toBe(20);
    expect([...r.byPayee.values()].every((p) => p.count === 3 && p.currencies[0].overdue === 300)).toBe(true);
    expect(r.byContract.get('C4')?.currencies[0].overdue).toBe(6_000);
  });
});

/** Reference: walk every interest day, base and rate looked up afresh, one BigInt sum. */
function bruteForceInterest(plan: InterestPlan, o: ArrearsObligation, payments: { paidOn: string; amount: number }[], asOf: string): number {
  const due = toDayNumber(o.dueDate);
  const first = due + 1;
  const end = toDayNumber(asOf);
  if (plan.stepRate.length === 0 || end < first) return 0;
  let sum = 0n;
  for (let d = first; d <= end; d++) {
    const paidByD = payments.filter((p) => toDayNumber(p.paidOn) <= d && p.paidOn <= asOf).reduce((a, p) => a + p.amount, 0);
    const base = Math.max(0, o.amount.amount - o.disputedAmount - paidByD);
    const rate = plan.fixedAtStart ? planRateOn(plan, first) : planRateOn(plan, d);
    sum += BigInt(base) * BigInt(rate);
  }
  return Number(divRoundHalfUp(sum, BigInt(plan.denominator)));
}

describe('cross-check against a day-by-day reference on random data', () => {
  it.each(['cn-sme', 'contract-rate', 'eu', 'uk'] as const)('%s', (policy) => {
    const c = contract('R', policy, [party('PR', true)], 137);
    const plan = compileInterestPlan(c, DEFAULT_INTEREST_TABLES);
    let seed = 12_345;
    const rnd = (k: number) => (seed = (seed * 48_271) % 2_147_483_647) % k;
    for (let i = 0; i < 150; i++) {
      const due = addDays('2019-06-01', rnd(2000));
      const amount = 1 + rnd(50_000_000);
      const o = obligation('R', 'X', 'PR', 'D', due, amount, { disputedAmount: rnd(4) === 0 ? rnd(amount) : 0 });
      const payments = Array.from({ length: rnd(5) }, () => ({
        paidOn: addDays(due, rnd(900) - 100),
        // now and then a reversal (negative payment) reopens a settled base
        amount: (rnd(6) === 0 ? -1 : 1) * (rnd(Math.ceil(amount / 2)) + 1),
      }));
      const asOf = addDays(due, rnd(1200) - 50);
      const expected = bruteForceInterest(plan, o, payments, asOf);
      const viaRow = obligationArrears(
        o,
        payments.map((p) => ({ paidOn: p.paidOn, amount: { amount: p.amount, currency: 'CNY' } })),
        c,
        plan,
        asOf,
      );
      expect(viaRow.interest).toBe(expected);
      // The day-number form the outlook reads ledgers with, payments in any order.
      const days = settleOnDays(amount, o.disputedAmount, toDayNumber(due), toDayNumber(asOf), payments.map((p) => toDayNumber(p.paidOn)), payments.map((p) => p.amount), 0, payments.length, plan);
      expect([days.outstanding, days.disputed, days.overdue, days.interest]).toEqual([viaRow.outstanding, viaRow.disputed, viaRow.overdue, expected]);
      expect(accrueInterest(plan, { dueDate: due, asOf, amount, disputedAmount: o.disputedAmount, payments }).interest).toBe(expected);
    }
  });
});

describe('the roll-up is linear', () => {
  it(
    '50 000 obligations and 50 000 payments on one contract and payee (worst case for key sharing) finish in seconds',
    () => {
      const dues = Array.from({ length: 1000 }, (_, i) => addDays('2022-01-01', i));
      const paidOn = Array.from({ length: 1300 }, (_, i) => addDays('2022-01-01', i));
      const many: ArrearsObligation[] = [];
      const pays: { obligationId: string; paidOn: string; amount: { amount: number; currency: string } }[] = [];
      for (let i = 0; i < 50_000; i++) {
        const o = obligation('C1', 'PR1', 'P1', 'D1', dues[i % 1000], 1_000_000);
        many.push(o);
        pays.push({ obligationId: o.id, paidOn: paidOn[(i % 1000) + (i % 9) * 30], amount: { amount: 400_000, currency: 'CNY' } });
      }
      const t0 = performance.now();
      const r = computeArrears(many, groupPaymentsByObligation(pays), contracts, TABLES, AS_OF, { rows: 'none' });
      const ms = performance.now() - t0;
      expect(r.total.count).toBe(50_000);
      // Linear work takes well under a second here even on a loaded machine; quadratic work
      // (2.5 × 10^9 steps) would not finish in this budget.
      expect(ms).toBeLessThan(15_000);
    },
    60_000,
  );
});
