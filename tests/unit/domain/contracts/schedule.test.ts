import { describe, expect, it } from 'vitest';
import {
  allocateProportionally,
  compareObligations,
  defaultPayeeId,
  dueDateFor,
  generateMilestoneObligations,
  generatePeriodicObligations,
  schedulePeriods,
  ScheduleInputError,
  type ScheduleContract,
} from '../../../../renderer/src/domain/contracts/schedule';

const contract = (over: Partial<ScheduleContract> = {}): ScheduleContract => ({
  id: 'contract-1',
  projectId: 'project-1',
  value: { amount: 1_000_000_001, currency: 'CNY' },
  paymentTermDays: 30,
  performanceLinkedBp: 0,
  ...over,
});
const parties = { payeeId: 'org-operator', payerDepartmentId: 'dept-bigdata' };

const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof ScheduleInputError ? e.code : 'other';
  }
  return undefined;
};

describe('dueDateFor = trigger + payment-term days', () => {
  it.each([
    ['2025-01-31', 30, '2025-03-02'], // Jan 31 + 28 = Feb 28 (2025), + 2 = Mar 2
    ['2024-01-31', 30, '2024-03-01'], // Jan 31 + 29 = Feb 29 (2024), + 1 = Mar 1
    ['2024-02-28', 1, '2024-02-29'], // onto the leap day
    ['2024-02-29', 60, '2024-04-29'], // Feb 29 + 31 = Mar 31, + 29 = Apr 29
    ['2025-06-30', 60, '2025-08-29'], // Jun 30 + 31 = Jul 31, + 29 = Aug 29
    ['2024-12-15', 30, '2025-01-14'], // across the year end
    ['2023-12-31', 0, '2023-12-31'], // payable on the trigger date
  ])('%s + %i days = %s', (trigger, days, due) => {
    expect(dueDateFor(trigger, days)).toBe(due);
  });

  it.each([
    ['2023-02-29', 30, 'invalid-date'],
    ['2024-01-01', -1, 'invalid-term'],
    ['2024-01-01', 1.5, 'invalid-term'],
  ])('%s + %s → %s', (trigger, days, code) => {
    expect(errorCode(() => dueDateFor(trigger, days))).toBe(code);
  });
});

describe('allocateProportionally: exact, largest remainder, ties to the earlier part', () => {
  it.each([
    // 100 / 3 = 33 r 1 each; one unit left → the first part
    [100, [1, 1, 1], [34, 33, 33]],
    // 10 × 1/3 = 3.33, 10 × 2/3 = 6.67 → floors 3 + 6 = 9; the unit goes to the larger remainder (.67)
    [10, [1, 2], [3, 7]],
    // 546 000.00 split 365 : 181 → 365 000.00 and 181 000.00 exactly
    [54_600_000, [365, 181], [36_500_000, 18_100_000]],
    [0, [1, 2], [0, 0]],
    // all weights zero → split evenly
    [5, [0, 0], [3, 2]],
    // negative totals mirror positive ones (a credit note)
    [-100, [1, 1, 1], [-34, -33, -33]],
    [7, [], []],
  ])('%i by %j → %j', (total, weights, parts) => {
    expect(allocateProportionally(total, weights)).toEqual(parts);
  });

  it('always sums to the total', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    for (let i = 0; i < 200; i++) {
      const total = rnd(1_000_000_000);
      const weights = Array.from({ length: 1 + rnd(12) }, () => rnd(10_000));
      const parts = allocateProportionally(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

describe('schedulePeriods: anchored on the start date, last period ends on `end`', () => {
  it('ten operating years', () => {
    const p = schedulePeriods('yearly', '2020-01-01', '2029-12-31');
    expect(p).toHaveLength(10);
    expect(p[0]).toEqual({ start: '2020-01-01', end: '2020-12-31', days: 366, fullDays: 366 });
    expect(p[9]).toEqual({ start: '2029-01-01', end: '2029-12-31', days: 365, fullDays: 365 });
  });

  it('monthly from the 31st does not drift: each start is computed from the anchor', () => {
    // starts: 01-31, 02-29 (clamped), 03-31, 04-30 (clamped); each ends the day before the next
    expect(schedulePeriods('monthly', '2024-01-31', '2024-05-30')).toEqual([
      { start: '2024-01-31', end: '2024-02-28', days: 29, fullDays: 29 },
      { start: '2024-02-29', end: '2024-03-30', days: 31, fullDays: 31 },
      { start: '2024-03-31', end: '2024-04-29', days: 30, fullDays: 30 },
      { start: '2024-04-30', end: '2024-05-30', days: 31, fullDays: 31 },
    ]);
  });

  it.each([
    ['quarterly', '2025-01-01', '2025-12-31', ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']],
    ['half-yearly', '2025-07-01', '2026-06-30', ['2025-12-31', '2026-06-30']],
    // a short last period (stub)
    ['yearly', '2024-01-01', '2025-06-30', ['2024-12-31', '2025-06-30']],
  ] as const)('%s %s…%s ends on %j', (freq, start, end, ends) => {
    expect(schedulePeriods(freq, start, end).map((p) => p.end)).toEqual(ends);
  });

  it('reports the stub against the full period it cuts short', () => {
    // 2025-01-01…2025-06-30 = 31+28+31+30+31+30 = 181 days of a 365-day year
    expect(schedulePeriods('yearly', '2024-01-01', '2025-06-30')[1]).toEqual({
      start: '2025-01-01',
      end: '2025-06-30',
      days: 181,
      fullDays: 365,
    });
  });

  it.each([
    ['2025-01-01', '2024-12-31', 'end-before-start'],
    ['2025-02-30', '2025-12-31', 'invalid-date'],
  ])('%s…%s → %s', (start, end, code) => {
    expect(errorCode(() => schedulePeriods('yearly', start, end))).toBe(code);
  });

  it('refuses absurd period counts', () => {
    expect(errorCode(() => schedulePeriods('monthly', '1900-01-01', '2025-12-31'))).toBe('too-many-periods');
  });
});

describe('generatePeriodicObligations', () => {
  it('a 10-year yearly O&M schedule sums to the total to the fen', () => {
    // 10 000 000.03 CNY over 10 years: 1 000 000 003 / 10 = 100 000 000 r 3 → the first three years get +1 fen
    const rows = generatePeriodicObligations(contract({ performanceLinkedBp: 3000 }), parties, {
      frequency: 'yearly',
      start: '2020-01-01',
      end: '2029-12-31',
      total: 1_000_000_003,
      description: 'O&M',
    });
    expect(rows.map((r) => r.amount.amount)).toEqual([
      100_000_001, 100_000_001, 100_000_001, 100_000_000, 100_000_000, 100_000_000, 100_000_000, 100_000_000, 100_000_000, 100_000_000,
    ]);
    expect(rows.reduce((a, r) => a + r.amount.amount, 0)).toBe(1_000_000_003);
    expect(rows[0]).toEqual({
      contractId: 'contract-1',
      projectId: 'project-1',
      payeeId: 'org-operator',
      payerDepartmentId: 'dept-bigdata',
      kind: 'om-fee',
      description: 'O&M 2020-01-01/2020-12-31',
      triggerDate: '2020-12-31', // period end
      dueDate: '2021-01-30', // + 30 days
      amount: { amount: 100_000_001, currency: 'CNY' },
      performanceLinkedAmount: 30_000_000, // 100 000 001 × 30% = 30 000 000.3 → 30 000 000
      disputedAmount: 0,
    });
    // 2024 is a leap year: the fee is per period, not per day
    expect(rows[4].amount.amount).toBe(rows[5].amount.amount);
    expect(rows[9].dueDate).toBe('2030-01-30');
  });

  it.each([
    // 365 000.00 a year; stub 2025-01-01…06-30 = 181/365 → 365 000.00 × 181 / 365 = 181 000.00
    [{ amountPerPeriod: 36_500_000 }, [36_500_000, 18_100_000]],
    // the same as a total of 546 000.00 split 365 : 181
    [{ total: 54_600_000 }, [36_500_000, 18_100_000]],
    // not pro-rated: the stub is a full period
    [{ amountPerPeriod: 36_500_000, prorateLastPeriod: false }, [36_500_000, 36_500_000]],
    [{ total: 54_600_000, prorateLastPeriod: false }, [27_300_000, 27_300_000]],
  ])('stub period with %j → %j', (money, amounts) => {
    const rows = generatePeriodicObligations(contract(), parties, { frequency: 'yearly', start: '2024-01-01', end: '2025-06-30', ...money });
    expect(rows.map((r) => r.amount.amount)).toEqual(amounts);
    expect(rows.map((r) => r.triggerDate)).toEqual(['2024-12-31', '2025-06-30']);
  });

  it('rounds a pro-rated stub half up', () => {
    // quarterly from 2025-01-01 ending 02-14: stub of 45 days of a 90-day quarter (Jan 31 + Feb 28 + Mar 31)
    // 3.33 CNY × 45 / 90 = 166.5 fen → 167
    const rows = generatePeriodicObligations(contract(), parties, {
      frequency: 'quarterly',
      start: '2025-01-01',
      end: '2025-02-14',
      amountPerPeriod: 333,
    });
    expect(rows.map((r) => [r.triggerDate, r.dueDate, r.amount.amount])).toEqual([['2025-02-14', '2025-03-16', 167]]);
  });

  it.each([
    [{ total: 100, amountPerPeriod: 10 }, 'amount-xor-share'],
    [{}, 'amount-xor-share'],
    [{ total: -1 }, 'invalid-amount'],
    [{ amountPerPeriod: 0.5 }, 'invalid-amount'],
  ])('%j → %s', (money, code) => {
    expect(
      errorCode(() => generatePeriodicObligations(contract(), parties, { frequency: 'yearly', start: '2024-01-01', end: '2025-06-30', ...money })),
    ).toBe(code);
  });
});

describe('generateMilestoneObligations', () => {
  it('shares of the contract value sum to the value exactly', () => {
    // 10 000 000.01 CNY at 30% / 60% / 10%:
    //   300 000 000.3 → 300 000 000 (r .3), 600 000 000.6 → 600 000 000 (r .6), 100 000 000.1 → 100 000 000 (r .1)
    //   floors sum to 1 000 000 000; the last fen goes to the largest remainder (60%)
    const rows = generateMilestoneObligations(contract({ performanceLinkedBp: 3000 }), parties, [
      { triggerDate: '2024-03-31', description: 'design accepted', shareBp: 3000 },
      { triggerDate: '2024-12-31', description: 'completion accepted', shareBp: 6000 },
      { triggerDate: '2025-12-31', description: 'warranty', shareBp: 1000 },
    ]);
    expect(rows.map((r) => [r.triggerDate, r.dueDate, r.amount.amount, r.performanceLinkedAmount])).toEqual([
      ['2024-03-31', '2024-04-30', 300_000_000, 90_000_000],
      ['2024-12-31', '2025-01-30', 600_000_001, 180_000_000], // 180 000 000.3 → 180 000 000
      ['2025-12-31', '2026-01-30', 100_000_000, 30_000_000],
    ]);
    expect(rows.every((r) => r.kind === 'milestone' && r.disputedAmount === 0)).toBe(true);
  });

  it('mixes fixed amounts, shares and a per-milestone payment term', () => {
    const rows = generateMilestoneObligations(contract({ performanceLinkedBp: 3000 }), parties, [
      // 50% of 10 000 000.01 = 5 000 000.005 → applyBp rounds half up to 500 000 001
      { triggerDate: '2024-06-30', description: 'half', shareBp: 5000 },
      // 5 fen × 30% = 1.5 → 2
      { triggerDate: '2024-02-29', description: 'fixed', amount: 5, paymentTermDays: 15, kind: 'availability' },
    ]);
    expect(rows.map((r) => [r.kind, r.dueDate, r.amount.amount, r.performanceLinkedAmount])).toEqual([
      ['milestone', '2024-07-30', 500_000_001, 150_000_000],
      ['availability', '2024-03-15', 5, 2],
    ]);
  });

  it.each([
    [[{ triggerDate: '2024-01-01', description: 'x', amount: 1, shareBp: 1 }], 'amount-xor-share'],
    [[{ triggerDate: '2024-01-01', description: 'x' }], 'amount-xor-share'],
    [[{ triggerDate: '2024-01-01', description: 'x', shareBp: 0 }], 'invalid-share'],
    [[{ triggerDate: '2024-01-01', description: 'x', amount: -3 }], 'invalid-amount'],
    [
      [
        { triggerDate: '2024-01-01', description: 'a', shareBp: 6000 },
        { triggerDate: '2024-02-01', description: 'b', shareBp: 4001 },
      ],
      'shares-over-100pct',
    ],
    [[{ triggerDate: '2024-02-30', description: 'x', amount: 1 }], 'invalid-date'],
  ])('%j → %s', (milestones, code) => {
    expect(errorCode(() => generateMilestoneObligations(contract(), parties, milestones))).toBe(code);
  });
});

describe('defaultPayeeId', () => {
  it.each([
    [
      [
        { orgId: 'gov', role: 'government' },
        { orgId: 'sub', role: 'subcontractor' },
        { orgId: 'op', role: 'operator' },
      ],
      'op',
    ],
    [
      [
        { orgId: 'gov', role: 'government' },
        { orgId: 'spv', role: 'spv' },
      ],
      'spv',
    ],
    [[{ orgId: 'gov', role: 'government' }], ''],
  ] as const)('%j → %j', (list, expected) => {
    expect(defaultPayeeId({ parties: list.map((p) => ({ ...p, isSme: false })) })).toBe(expected);
  });
});

describe('compareObligations: one schedule order everywhere', () => {
  const o = (id: string, dueDate: string, triggerDate?: string) => ({ id, dueDate, triggerDate });
  it.each<[string, ReturnType<typeof o>[], string[]]>([
    ['by due date', [o('b', '2026-03-31'), o('a', '2026-01-31')], ['a', 'b']],
    ['same due date: the earlier trigger first', [o('a', '2026-03-31', '2026-03-01'), o('b', '2026-03-31', '2026-01-01')], ['b', 'a']],
    ['same dates: by id, so every machine agrees', [o('c', '2026-03-31', '2026-03-01'), o('a', '2026-03-31', '2026-03-01')], ['a', 'c']],
    ['rows without a trigger date sort as the earliest of their day', [o('a', '2026-03-31', '2026-03-01'), o('b', '2026-03-31')], ['b', 'a']],
  ])('%s', (_, list, ids) => {
    expect([...list].sort(compareObligations).map((x) => x.id)).toEqual(ids);
  });
});
