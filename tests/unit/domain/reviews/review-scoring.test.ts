import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COEFFICIENT_BANDS,
  DEFAULT_GRADE_BANDS,
  coefficientFor,
  cyclePeriod,
  cyclePeriodContaining,
  gradeFor,
  obligationMatchesPeriod,
  performanceDeductions,
  reviewDueStatus,
  validateCoefficientBands,
  validateGradeBands,
  type ReviewDueInput,
} from '../../../../renderer/src/domain/reviews/review-scoring';
import type { CoefficientBand, GradeBand } from '../../../../renderer/src/domain/reviews/review-types';
import type { PaymentObligation } from '../../../../renderer/src/domain/core/types';

describe('grade and coefficient for a total (centipoints), default bands', () => {
  it.each([
    [0, 'poor', 7000],
    [5999, 'poor', 7000], // 59.99
    [6000, 'fair', 8500], // 60.00
    [7999, 'fair', 8500], // 79.99
    [8000, 'good', 9500], // 80.00
    [8999, 'good', 9500], // 89.99
    [9000, 'excellent', 10_000], // 90.00
    [10_000, 'excellent', 10_000], // 100.00
  ])('%i → %s, %i bp', (total, grade, coefficient) => {
    expect(gradeFor(total)).toBe(grade);
    expect(coefficientFor(total)).toBe(coefficient);
  });

  it.each([-1, 10_001])('%i lies outside every band → null', (total) => {
    expect(gradeFor(total)).toBeNull();
    expect(coefficientFor(total)).toBeNull();
  });

  it('uses configured bands', () => {
    const grades: GradeBand[] = [
      { grade: 'poor', min: 0, max: 6999 },
      { grade: 'good', min: 7000, max: 9499 },
      { grade: 'excellent', min: 9500, max: 10_000 },
    ];
    const coefficients: CoefficientBand[] = [
      { min: 0, max: 6999, coefficientBp: 0 },
      { min: 7000, max: 10_000, coefficientBp: 10_000 },
    ];
    expect(validateGradeBands(grades)).toEqual([]);
    expect(validateCoefficientBands(coefficients)).toEqual([]);
    expect([gradeFor(6999, grades), gradeFor(7000, grades), gradeFor(9499, grades), gradeFor(9500, grades)]).toEqual(['poor', 'good', 'good', 'excellent']);
    expect([coefficientFor(6999, coefficients), coefficientFor(7000, coefficients)]).toEqual([0, 10_000]);
  });
});

describe('validateGradeBands', () => {
  const g = (...b: [GradeBand['grade'], number, number][]): GradeBand[] => b.map(([grade, min, max]) => ({ grade, min, max }));
  it.each<[string, GradeBand[], { code: string; params: object }[]]>([
    ['defaults', [...DEFAULT_GRADE_BANDS], []],
    ['empty', [], [{ code: 'bands.empty', params: { kind: 'grade' } }]],
    ['gap 60.00', g(['poor', 0, 5999], ['excellent', 6001, 10_000]), [{ code: 'bands.gap', params: { kind: 'grade', index: 1, from: 6000, to: 6000 } }]],
    ['overlap at 60.00', g(['poor', 0, 6000], ['excellent', 6000, 10_000]), [{ code: 'bands.overlap', params: { kind: 'grade', index: 1 } }]],
    ['does not start at 0', g(['poor', 100, 5999], ['excellent', 6000, 10_000]), [{ code: 'bands.start', params: { kind: 'grade', min: 100 } }]],
    ['does not reach 100', g(['poor', 0, 5999], ['excellent', 6000, 9999]), [{ code: 'bands.end', params: { kind: 'grade', max: 9999 } }]],
    ['not sorted', g(['excellent', 6000, 10_000], ['poor', 0, 5999]), [
      { code: 'bands.start', params: { kind: 'grade', min: 6000 } },
      { code: 'bands.order', params: { kind: 'grade', index: 1 } },
      { code: 'bands.end', params: { kind: 'grade', max: 5999 } },
      { code: 'bands.grade-order', params: { index: 1 } },
    ]],
    ['min above max', g(['poor', 0, 5999], ['excellent', 10_000, 6000]), [{ code: 'bands.value-invalid', params: { kind: 'grade', index: 1 } }]],
    ['fractional bound', g(['poor', 0, 5999.5], ['excellent', 6000, 10_000]), [{ code: 'bands.value-invalid', params: { kind: 'grade', index: 0 } }]],
    ['above 100', g(['poor', 0, 5999], ['excellent', 6000, 10_001]), [{ code: 'bands.value-invalid', params: { kind: 'grade', index: 1 } }]],
    ['grade twice', g(['poor', 0, 5999], ['poor', 6000, 10_000]), [{ code: 'bands.grade-duplicate', params: { grade: 'poor' } }]],
    ['better band has worse grade', g(['good', 0, 5999], ['poor', 6000, 10_000]), [{ code: 'bands.grade-order', params: { index: 1 } }]],
    ['unknown grade', [{ grade: 'great' as never, min: 0, max: 10_000 }], [{ code: 'bands.grade-invalid', params: { index: 0 } }]],
  ])('%s', (_name, bands, expected) => {
    expect(validateGradeBands(bands)).toEqual(expected);
  });
});

describe('validateCoefficientBands', () => {
  const c = (...b: [number, number, number][]): CoefficientBand[] => b.map(([min, max, coefficientBp]) => ({ min, max, coefficientBp }));
  it.each<[string, CoefficientBand[], string[]]>([
    ['defaults', [...DEFAULT_COEFFICIENT_BANDS], []],
    ['single band', c([0, 10_000, 10_000]), []],
    ['coefficient above 100 %', c([0, 10_000, 10_001]), ['bands.coefficient-invalid']],
    ['negative coefficient', c([0, 10_000, -1]), ['bands.coefficient-invalid']],
    ['higher band pays less', c([0, 5999, 9000], [6000, 10_000, 8000]), ['bands.coefficient-order']],
    ['gap', c([0, 5999, 7000], [6100, 10_000, 10_000]), ['bands.gap']],
  ])('%s', (_name, bands, codes) => {
    expect(validateCoefficientBands(bands).map((i) => i.code)).toEqual(codes);
  });
});

function obligation(over: Partial<PaymentObligation>): PaymentObligation {
  return {
    id: 'o', createdAt: '', updatedAt: '', updatedBy: '', rev: 1, deleted: 0,
    contractId: 'c1', projectId: 'p1', payeeId: '', payerDepartmentId: '', kind: 'om-fee', description: '',
    triggerDate: '2025-03-31', dueDate: '2025-04-30', amount: { amount: 500_000_00, currency: 'CNY' },
    performanceLinkedAmount: 150_000_00, disputedAmount: 0,
    ...over,
  };
}

describe('payment adjustment', () => {
  const period = { projectId: 'p1', periodStart: '2025-01-01', periodEnd: '2025-03-31' };

  it.each<[string, Partial<PaymentObligation>, boolean]>([
    ['trigger on period end', { triggerDate: '2025-03-31' }, true],
    ['trigger on period start', { triggerDate: '2025-01-01' }, true],
    ['trigger the day before the period', { triggerDate: '2024-12-31' }, false],
    ['trigger the day after the period', { triggerDate: '2025-04-01' }, false],
    ['another project', { projectId: 'p2' }, false],
    ['deleted obligation', { deleted: 1 }, false],
    ['no performance-linked part', { performanceLinkedAmount: 0 }, false],
  ])('matches period: %s → %s', (_name, over, expected) => {
    expect(obligationMatchesPeriod(obligation(over), period)).toBe(expected);
  });

  it.each([
    // linked (fen), coefficient bp, payable = applyBp half up, deduction = linked − payable
    [150_000_00, 9500, 142_500_00, 7500_00], // ¥150,000 × 95 % → ¥7,500 deducted
    [100_000_000, 8500, 85_000_000, 15_000_000],
    [333, 8500, 283, 50], // 283.05 → 283
    [3, 8500, 3, 0], // 2.55 → 3: nothing deducted, no line
    [1, 9500, 1, 0],
    [199, 7000, 139, 60], // 139.3 → 139
    [150_000_00, 0, 0, 150_000_00],
    [150_000_00, 10_000, 150_000_00, 0],
  ])('linked %i at %i bp → payable %i, deduction %i', (linked, coefficientBp, payable, deduction) => {
    const lines = performanceDeductions(period, coefficientBp, [obligation({ performanceLinkedAmount: linked })]);
    if (deduction === 0) expect(lines).toEqual([]);
    else {
      expect(lines).toEqual([
        { obligationId: 'o', contractId: 'c1', currency: 'CNY', performanceLinkedAmount: linked, coefficientBp, payableLinkedAmount: payable, deduction },
      ]);
      expect(lines[0].payableLinkedAmount + lines[0].deduction).toBe(linked);
    }
  });

  it('only touches the obligations of the review period, each in its own currency', () => {
    const lines = performanceDeductions(period, 9500, [
      obligation({ id: 'q1-cny' }),
      obligation({ id: 'q1-eur', contractId: 'c2', amount: { amount: 1000_00, currency: 'EUR' }, performanceLinkedAmount: 400_00 }),
      obligation({ id: 'q2', triggerDate: '2025-06-30' }),
      obligation({ id: 'other', projectId: 'p9' }),
    ]);
    expect(lines.map((l) => [l.obligationId, l.currency, l.deduction])).toEqual([
      ['q1-cny', 'CNY', 7500_00],
      ['q1-eur', 'EUR', 20_00],
    ]);
  });

  it.each([-1, 10_001, 95.5])('refuses coefficient %s', (bp) => {
    expect(() => performanceDeductions(period, bp, [])).toThrow(RangeError);
  });
});

describe('review cycle periods (anchored on the operate start)', () => {
  it.each([
    ['2025-01-01', 'quarterly', 0, '2025-01-01', '2025-03-31'],
    ['2025-01-01', 'quarterly', 3, '2025-10-01', '2025-12-31'],
    ['2025-01-01', 'half-yearly', 1, '2025-07-01', '2025-12-31'],
    ['2024-07-01', 'yearly', 0, '2024-07-01', '2025-06-30'],
    ['2024-02-29', 'yearly', 0, '2024-02-29', '2025-02-27'], // 2025-02-28 clamped, minus a day
    ['2025-01-31', 'quarterly', 0, '2025-01-31', '2025-04-29'], // 04-30 (clamped) − 1
    ['2025-01-31', 'quarterly', 1, '2025-04-30', '2025-07-30'],
    ['2025-01-31', 'quarterly', 2, '2025-07-31', '2025-10-30'],
    ['2024-08-31', 'half-yearly', 0, '2024-08-31', '2025-02-27'],
    ['2024-08-31', 'half-yearly', 1, '2025-02-28', '2025-08-30'],
  ] as const)('start %s %s #%i = %s..%s', (start, cycle, index, from, to) => {
    expect(cyclePeriod(start, cycle, index)).toEqual({ index, start: from, end: to });
  });

  it.each([
    ['2025-04-29', 0],
    ['2025-04-30', 1],
    ['2025-10-31', 3],
    ['2024-12-01', 0], // before the start
    ['2027-01-31', 8],
  ])('date %s lies in period %i (start 2025-01-31, quarterly)', (date, index) => {
    const p = cyclePeriodContaining('2025-01-31', 'quarterly', date);
    expect(p.index).toBe(index);
    if (date >= '2025-01-31') expect(date >= p.start && date <= p.end).toBe(true);
  });
});

describe('reviewDueStatus (grace 30 days unless said)', () => {
  const base: Omit<ReviewDueInput, 'asOf' | 'finalisedPeriodEnds'> = { cycle: 'quarterly', operateStart: '2025-01-01' };
  it.each<[string, Partial<ReviewDueInput> & { asOf: string; finalisedPeriodEnds: string[] }, object]>([
    // Q1 2025-01-01..03-31: due from 04-01, deadline 03-31 + 30 = 04-30.
    ['mid Q1, nothing reviewed', { asOf: '2025-02-15', finalisedPeriodEnds: [] }, { status: 'not-due', daysUntilDue: 45, dueFrom: '2025-04-01', deadline: '2025-04-30' }], // 13 + 31 + 1
    ['last day of Q1', { asOf: '2025-03-31', finalisedPeriodEnds: [] }, { status: 'not-due', daysUntilDue: 1 }],
    ['day after Q1 ends', { asOf: '2025-04-01', finalisedPeriodEnds: [] }, { status: 'due', daysLeft: 29 }],
    ['deadline day is still due', { asOf: '2025-04-30', finalisedPeriodEnds: [] }, { status: 'due', daysLeft: 0 }],
    ['day after the deadline', { asOf: '2025-05-01', finalisedPeriodEnds: [] }, { status: 'overdue', daysOverdue: 1, missedPeriods: 1 }],
    ['Q1 reviewed: next is Q2', { asOf: '2025-05-01', finalisedPeriodEnds: ['2025-03-31'] },
      { status: 'not-due', daysUntilDue: 61, period: { index: 1, start: '2025-04-01', end: '2025-06-30' }, deadline: '2025-07-30' }], // 31 + 30
    ['Q1 reviewed, Q2 missed', { asOf: '2025-08-15', finalisedPeriodEnds: ['2025-03-31'] }, { status: 'overdue', daysOverdue: 16, missedPeriods: 1 }], // 07-30 → 08-15
    ['never reviewed for a year', { asOf: '2026-01-01', finalisedPeriodEnds: [] },
      { status: 'overdue', daysOverdue: 246, missedPeriods: 3, period: { index: 0 } }], // 04-30 → 2026-01-01; Q1–Q3 past deadline, Q4 deadline 2026-01-30 not yet
    ['reviews in any order: latest counts', { asOf: '2025-07-15', finalisedPeriodEnds: ['2025-06-30', '2025-03-31'] },
      { status: 'not-due', daysUntilDue: 78, period: { index: 2, start: '2025-07-01', end: '2025-09-30' } }], // 17 + 31 + 30
    ['review ending mid-Q2 does not cover Q2', { asOf: '2025-07-10', finalisedPeriodEnds: ['2025-05-15'] }, { status: 'due', daysLeft: 20, period: { index: 1 } }],
    ['before operation starts', { asOf: '2024-06-01', finalisedPeriodEnds: [] }, { status: 'not-due', daysUntilDue: 304, period: { index: 0 } }],
    ['grace 0: overdue the day after the period', { asOf: '2025-04-01', finalisedPeriodEnds: [], graceDays: 0 }, { status: 'overdue', daysOverdue: 1, deadline: '2025-03-31' }],
    ['grace 60', { asOf: '2025-05-30', finalisedPeriodEnds: [], graceDays: 60 }, { status: 'due', daysLeft: 0, deadline: '2025-05-30' }],
    ['yearly, day after deadline', { cycle: 'yearly', operateStart: '2024-07-01', asOf: '2025-07-31', finalisedPeriodEnds: [] },
      { status: 'overdue', daysOverdue: 1, period: { index: 0, start: '2024-07-01', end: '2025-06-30' } }],
    ['half-yearly, reviewed to date', { cycle: 'half-yearly', asOf: '2025-08-01', finalisedPeriodEnds: ['2025-06-30'] },
      { status: 'not-due', period: { index: 1, start: '2025-07-01', end: '2025-12-31' } }],
  ])('%s', (_name, input, expected) => {
    expect(reviewDueStatus({ ...base, ...input })).toMatchObject(expected);
  });
});
