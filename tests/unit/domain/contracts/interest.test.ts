import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../../../renderer/src/domain/core/dates';
import {
  accrueFurther,
  accrueInterest,
  compensationFor,
  compileInterestPlan,
  DEFAULT_INTEREST_TABLES,
  halfYearRateSteps,
  interestTablesFromReferenceRates,
  isoDayNumber,
  planRateOn,
  roundInterest,
  UK_FIXED_COMPENSATION,
  type InterestPayment,
  type InterestPolicyTables,
} from '../../../../renderer/src/domain/contracts/interest';
import { divRoundHalfUp } from '../../../../renderer/src/domain/core/money';
import { rateInForce, sortRateTable } from '../../../../renderer/src/domain/contracts/rate-tables';
import type { InterestPolicyKind } from '../../../../renderer/src/domain/core/types';

const plan = (interestPolicy: InterestPolicyKind, tables: InterestPolicyTables = DEFAULT_INTEREST_TABLES, ppm = 0) =>
  compileInterestPlan({ interestPolicy, contractRatePpmPerDay: ppm }, tables);

/** EU at a flat 10% a year (reference 2% + 8 points) so day-count examples stay readable. */
const FLAT_EU: InterestPolicyTables = {
  ...DEFAULT_INTEREST_TABLES,
  eu: { ...DEFAULT_INTEREST_TABLES.eu, referenceRates: [{ effectiveFrom: '2000-01-01', rateBp: 200 }] },
};

const pay = (paidOn: string, amount: number): InterestPayment => ({ paidOn, amount });

describe("'cn-sme': 0.05% a day (500 ppm) from the day after the due date", () => {
  const sme = plan('cn-sme');
  it.each([
    // 100 000.00 CNY, due 2025-01-31, 45 days late (28 in Feb + 17 in Mar):
    // 10 000 000 fen × 500 × 45 / 1 000 000 = 225 000 fen (2 250.00 CNY)
    ['2025-03-17', 225_000],
    // on the due date: 0 days
    ['2025-01-31', 0],
    // before it
    ['2025-01-15', 0],
    // one day: 10 000 000 × 500 × 1 / 1 000 000 = 5 000
    ['2025-02-01', 5_000],
  ])('100 000.00 CNY due 2025-01-31, as of %s → %i fen', (asOf, expected) => {
    expect(accrueInterest(sme, { dueDate: '2025-01-31', asOf, amount: 10_000_000, disputedAmount: 0, payments: [] })).toEqual({
      interest: expected,
      fixedCompensation: null,
    });
  });

  it.each([
    // paid in full on the due date: on time
    ['2025-01-31', 0],
    // paid on the first overdue day: day D does not accrue on the paid part → 0 days
    ['2025-02-01', 0],
    // paid on 02-02: only 02-01 accrues: 10 000 000 × 500 × 1 / 10^6 = 5 000
    ['2025-02-02', 5_000],
  ])('paid in full on %s → %i fen', (paidOn, expected) => {
    const r = accrueInterest(sme, {
      dueDate: '2025-01-31',
      asOf: '2025-03-31',
      amount: 10_000_000,
      disputedAmount: 0,
      payments: [pay(paidOn, 10_000_000)],
    });
    expect(r.interest).toBe(expected);
  });
});

describe('several partial payments reduce the base from their dates', () => {
  // 100 000.00 CNY due 2025-01-31, cn-sme, as of 2025-03-31:
  //   02-01 … 02-09  base 10 000 000 ×  9 days × 500 = 45 000 000 000
  //   02-10 … 03-01  base  6 000 000 × 20 days × 500 = 60 000 000 000   (4 000 000 paid 02-10)
  //   03-02 … 03-31  base  3 000 000 × 30 days × 500 = 45 000 000 000   (3 000 000 paid 03-02)
  //   Σ = 150 000 000 000 / 1 000 000 = 150 000 fen (1 500.00 CNY)
  const base = { dueDate: '2025-01-31', asOf: '2025-03-31', amount: 10_000_000, disputedAmount: 0 };
  const sme = plan('cn-sme');
  it.each([
    ['in date order', [pay('2025-02-10', 4_000_000), pay('2025-03-02', 3_000_000)], 150_000],
    ['in any order', [pay('2025-03-02', 3_000_000), pay('2025-02-10', 4_000_000)], 150_000],
    // a payment dated after asOf does not exist yet
    ['with a payment after asOf', [pay('2025-02-10', 4_000_000), pay('2025-03-02', 3_000_000), pay('2025-04-15', 3_000_000)], 150_000],
    // two payments on the same day act together: 02-01…02-09 at 10M (45e9) + 02-10…03-31 (50 days) at 3M (75e9) = 120 000
    ['on the same day', [pay('2025-02-10', 4_000_000), pay('2025-02-10', 3_000_000)], 120_000],
    // overpaid on 02-10: 9 days at 10M = 45e9 → 45 000; the excess never makes the base negative
    ['overpaid', [pay('2025-02-10', 12_000_000)], 45_000],
    // paid in full 02-10, then 40 000.00 reversed on 03-22 (a negative payment): 02-01…02-09 at 10M = 45e9,
    // nothing 02-10…03-21, 03-22…03-31 (10 days) at 4M × 500 = 20e9 → 65 000
    ['with a reversed payment', [pay('2025-02-10', 10_000_000), pay('2025-03-22', -4_000_000)], 65_000],
  ])('%s', (_, payments, expected) => {
    expect(accrueInterest(sme, { ...base, payments }).interest).toBe(expected);
  });
});

describe('disputed amounts bear no interest', () => {
  const sme = plan('cn-sme');
  it.each([
    // 10 000 000 − 2 000 000 disputed = 8 000 000 × 500 × 45 / 10^6 = 180 000
    [2_000_000, 180_000],
    [10_000_000, 0],
    [12_000_000, 0],
  ])('disputed %i → %i fen', (disputedAmount, expected) => {
    expect(
      accrueInterest(sme, { dueDate: '2025-01-31', asOf: '2025-03-17', amount: 10_000_000, disputedAmount, payments: [] }).interest,
    ).toBe(expected);
  });
});

describe('rounding: once per obligation, half up to the fen', () => {
  const sme = plan('cn-sme');
  it.each([
    // 10.00 CNY × 500 × 1 / 10^6 = 0.5 fen → 1
    [1_000, 1],
    // 9.99 CNY: 999 × 500 / 10^6 = 0.4995 → 0
    [999, 0],
    // 30.00 CNY: 1.5 → 2
    [3_000, 2],
    // 30.01 CNY: 3001 × 500 / 10^6 = 1.5005 → 2
    [3_001, 2],
  ])('%i fen one day late → %i fen', (amount, expected) => {
    expect(accrueInterest(sme, { dueDate: '2025-01-31', asOf: '2025-02-01', amount, disputedAmount: 0, payments: [] }).interest).toBe(
      expected,
    );
  });

  it.each([
    // 30.00 CNY due 01-31, 20.00 paid 02-02 (02-02 accrues on the unpaid 10.00 only):
    //   as of 02-02: 02-01 3000 × 500 = 1 500 000; 02-02 1000 × 500 = 500 000
    //   Σ 2 000 000 / 10^6 = 2 fen. Rounding each segment (1.5 → 2, 0.5 → 1) would give 3.
    ['2025-02-02', 2],
    //   as of 02-03: 1 500 000 + 1000 × 500 × 2 = 2 500 000 → 2.5 fen → 3
    ['2025-02-03', 3],
  ])('rounds the sum, not each segment: as of %s → %i fen', (asOf, expected) => {
    const input = { dueDate: '2025-01-31', asOf, amount: 3_000, disputedAmount: 0, payments: [pay('2025-02-02', 2_000)] };
    expect(accrueInterest(sme, input).interest).toBe(expected);
  });

  it('beyond 2^53 the numerator stays exact', () => {
    // 9 007 199 254 740 991 fen × 500 × 1 = 4 503 599 627 370 495 500 → / 10^6 = 4 503 599 627 370.4955 → …370
    // × 2 days = 9 007 199 254 740 991 000 / 10^6 = 9 007 199 254 740.991 → …741
    const input = { dueDate: '2025-01-31', amount: Number.MAX_SAFE_INTEGER, disputedAmount: 0, payments: [] };
    expect(accrueInterest(sme, { ...input, asOf: '2025-02-01' }).interest).toBe(4_503_599_627_370);
    expect(accrueInterest(sme, { ...input, asOf: '2025-02-02' }).interest).toBe(9_007_199_254_741);
  });
});

describe('roundInterest: the double path gives divRoundHalfUp\'s answer', () => {
  it.each([
    [500_000, 1_000_000, 1], // exactly half → up
    [499_999, 1_000_000, 0],
    [1_825_000, 3_650_000, 1], // half of the annual denominator
    [1_824_999, 3_650_000, 0],
    [0, 1_000_000, 0],
    // next to 2^53, where a double quotient can be one off
    // 9 007 199 253 740 991 / 10^6 = 9 007 199 253.740991 → …254
    [Number.MAX_SAFE_INTEGER - 1_000_000, 1_000_000, 9_007_199_254],
    [Number.MAX_SAFE_INTEGER, 1_000_000, 9_007_199_255], // …740 991 / 10^6 = …254.740991 → 255 (BigInt path)
    [10n ** 22n + 500_000n, 1_000_000, 10_000_000_000_000_001], // a bigint numerator
  ])('%s / %i → %i', (numerator, denominator, expected) => {
    expect(roundInterest(numerator, denominator)).toBe(expected);
  });

  it('agrees with divRoundHalfUp on random numerators up to 2^53', () => {
    let seed = 99;
    const rnd = () => (seed = (seed * 48_271) % 2_147_483_647);
    for (let i = 0; i < 5000; i++) {
      // up to (2^31 − 2) × 2^22 + 2^22 − 1 < 2^53, exact in a double
      const n = rnd() * 4_194_304 + (rnd() % 4_194_304);
      for (const d of [1_000_000, 3_650_000]) {
        expect(roundInterest(n, d)).toBe(Number(divRoundHalfUp(BigInt(n), BigInt(d))));
      }
    }
  });
});

describe("'contract-rate': the contract's ppm per day", () => {
  it.each([
    // 50 000.00 × 0.03%/day × 10 days: 5 000 000 × 300 × 10 / 10^6 = 15 000
    [300, 15_000],
    // 0.1%/day: 5 000 000 × 1000 × 10 / 10^6 = 50 000
    [1_000, 50_000],
    // no rate recorded → no interest (contract-rules warns that the SME statute applies)
    [0, 0],
  ])('%i ppm → %i', (ppm, expected) => {
    const p = plan('contract-rate', DEFAULT_INTEREST_TABLES, ppm);
    expect(accrueInterest(p, { dueDate: '2025-05-31', asOf: '2025-06-10', amount: 5_000_000, disputedAmount: 0, payments: [] }).interest).toBe(
      expected,
    );
  });
});

describe('leap years', () => {
  it('daily rates count 29 February as one more day, nothing else', () => {
    const sme = plan('cn-sme');
    const at = (dueDate: string, asOf: string) =>
      accrueInterest(sme, { dueDate, asOf, amount: 10_000_000, disputedAmount: 0, payments: [] }).interest;
    // 02-29 and 03-01: 2 days × 5 000
    expect(at('2024-02-28', '2024-03-01')).toBe(10_000);
    // 03-01 only
    expect(at('2023-02-28', '2023-03-01')).toBe(5_000);
  });

  it.each([
    // actual/365: a leap year's 366 days accrue 366/365 of the annual rate.
    // 36 500.00 EUR at 10%: 3 650 000 × 1000 bp × 366 / (10 000 × 365) = 366 000 cents
    ['2023-12-31', '2024-12-31', 366_000],
    // 365 days: exactly 10% = 365 000
    ['2022-12-31', '2023-12-31', 365_000],
  ])('EU 10%%, due %s, as of %s → %i', (dueDate, asOf, expected) => {
    expect(accrueInterest(plan('eu', FLAT_EU), { dueDate, asOf, amount: 3_650_000, disputedAmount: 0, payments: [] }).interest).toBe(
      expected,
    );
  });
});

describe("'eu': reference rate fixed on 1 Jan / 1 Jul of each half-year + 8 points", () => {
  const tables: InterestPolicyTables = {
    ...DEFAULT_INTEREST_TABLES,
    eu: {
      ...DEFAULT_INTEREST_TABLES.eu,
      referenceRates: [
        { effectiveFrom: '2023-01-01', rateBp: 200 },
        { effectiveFrom: '2023-03-15', rateBp: 350 }, // mid-H1: applies from H2 (in force on 07-01)
        { effectiveFrom: '2023-09-20', rateBp: 450 }, // mid-H2: applies from H1 2024
      ],
    },
  };
  const eu = plan('eu', tables);

  it('re-fixes the rate each half-year while the debt is unpaid', () => {
    // 73 000.00 EUR due 2023-06-20, as of 2024-01-10 (204 days):
    //   06-21…06-30   10 days at 2.00 + 8 = 1000 bp →  10 000
    //   07-01…12-31  184 days at 3.50 + 8 = 1150 bp → 211 600
    //   01-01…01-10   10 days at 4.50 + 8 = 1250 bp →  12 500
    //   7 300 000 × 234 100 / 3 650 000 = 2 × 234 100 = 468 200 cents (4 682.00 EUR)
    const r = accrueInterest(eu, { dueDate: '2023-06-20', asOf: '2024-01-10', amount: 7_300_000, disputedAmount: 0, payments: [] });
    expect(r.interest).toBe(468_200);
    // EUR 40 owed once for the late obligation, reported apart from the interest
    expect(r.fixedCompensation).toEqual({ amount: 4000, currency: 'EUR' });
  });

  it('owes no compensation when nothing was ever overdue', () => {
    const r = accrueInterest(eu, {
      dueDate: '2023-06-20',
      asOf: '2024-01-10',
      amount: 7_300_000,
      disputedAmount: 0,
      payments: [pay('2023-06-20', 7_300_000)],
    });
    expect(r).toEqual({ interest: 0, fixedCompensation: null });
  });

  it('reads the seed ECB table by half-year', () => {
    const seed = plan('eu');
    // H1 2025: MRO in force on 2025-01-01 = 3.15% (since 2024-12-18) + 8 = 1115 bp
    expect(planRateOn(seed, toDayNumber('2025-03-01'))).toBe(1115);
    // H2 2025: in force on 2025-07-01 = 2.15% (since 2025-06-11) → 1015 bp
    expect(planRateOn(seed, toDayNumber('2025-09-01'))).toBe(1015);
  });
});

describe("'uk': base rate on the 31 Dec / 30 Jun before the half-year interest starts in, fixed for the delay", () => {
  const tables: InterestPolicyTables = {
    ...DEFAULT_INTEREST_TABLES,
    uk: {
      ...DEFAULT_INTEREST_TABLES.uk,
      baseRates: [
        { effectiveFrom: '2022-12-15', rateBp: 350 },
        { effectiveFrom: '2023-02-02', rateBp: 400 },
        { effectiveFrom: '2023-06-22', rateBp: 500 },
        { effectiveFrom: '2023-08-03', rateBp: 525 },
      ],
    },
  };
  const uk = plan('uk', tables);
  it.each([
    // due 2023-06-29: interest starts 06-30 (H1) → base on 2022-12-31 = 3.50 + 8 = 1150 bp for the whole delay.
    // 7 300.00 GBP to 2023-12-31 (185 days): 730 000 × 1150 × 185 / 3 650 000 = 0.2 × 212 750 = 42 550 pence
    ['2023-06-29', 42_550],
    // due 2023-06-30: interest starts 07-01 (H2) → base on 2023-06-30 = 5.00 + 8 = 1300 bp.
    // 184 days: 730 000 × 1300 × 184 / 3 650 000 = 0.2 × 239 200 = 47 840 pence
    ['2023-06-30', 47_840],
  ])('due %s → %i pence as of 2023-12-31', (dueDate, expected) => {
    const r = accrueInterest(uk, { dueDate, asOf: '2023-12-31', amount: 730_000, currency: 'GBP', disputedAmount: 0, payments: [] });
    // A debt of £7,300.00 is in the £1,000–£9,999.99 band: £70 fixed sum, apart from the interest.
    expect(r).toEqual({ interest: expected, fixedCompensation: { amount: 7000, currency: 'GBP' } });
  });

  it.each([
    // s. 5A bands by the size of the debt, in pence: < 100 000 → 4 000; < 1 000 000 → 7 000; else 10 000.
    [1, 'GBP', 4000],
    [99_999, 'GBP', 4000],
    [100_000, 'GBP', 7000],
    [999_999, 'GBP', 7000],
    [1_000_000, 'GBP', 10_000],
    [250_000_000, 'GBP', 10_000],
    // Not in pounds: no exchange rate is kept, so the lowest band.
    [250_000_000, 'CNY', 4000],
  ])('a debt of %i in %s owes a fixed %i pence', (amount, currency, expected) => {
    expect(compensationFor(UK_FIXED_COMPENSATION, { amount, currency })).toEqual({ amount: expected, currency: 'GBP' });
  });

  it('owes no fixed sum when the debt was paid on time', () => {
    const r = accrueInterest(uk, { dueDate: '2023-06-30', asOf: '2023-12-31', amount: 730_000, currency: 'GBP', disputedAmount: 0, payments: [pay('2023-06-30', 730_000)] });
    expect(r).toEqual({ interest: 0, fixedCompensation: null });
  });

  it('a projected delay keeps the rate of the debt’s first interest day (accrueFurther)', () => {
    // Due 2023-06-29 (1150 bp fixed), still unpaid: 184 more days from 2023-12-31 to 2024-07-02 on
    // 7 300.00 GBP, whatever the base rate did since: 730 000 × 1150 × 184 / 3 650 000 = 42 320 pence.
    const due = isoDayNumber('2023-06-29');
    const n = accrueFurther(uk, due, isoDayNumber('2023-12-31'), isoDayNumber('2024-07-02'), 730_000);
    expect(roundInterest(n, uk.denominator)).toBe(42_320);
    // Together with the interest to 2023-12-31 it is the interest to 2024-07-02 of the unpaid debt.
    const whole = accrueInterest(uk, { dueDate: '2023-06-29', asOf: '2024-07-02', amount: 730_000, currency: 'GBP', disputedAmount: 0, payments: [] });
    expect(whole.interest).toBe(42_550 + 42_320);
  });

  it('reads the seed BoE table', () => {
    // interest starting in H2 2025 uses Bank Rate on 2025-06-30 = 4.25% (since 2025-05-08) → 1225 bp
    expect(planRateOn(plan('uk'), toDayNumber('2025-09-01'))).toBe(1225);
  });
});

describe('accrueFurther: interest a projected delay adds on an unpaid base', () => {
  it.each([
    // 0.05% a day on 10 000.00 for 30 days = 150.00
    ['cn-sme', '2026-12-20', '2026-12-20', '2027-01-19', 1_000_000, 15_000],
    // nothing when the delay is nil or the base settled
    ['cn-sme', '2026-12-20', '2026-12-20', '2026-12-20', 1_000_000, 0],
    ['cn-sme', '2026-12-20', '2026-12-20', '2027-01-19', 0, 0],
    ['none', '2026-12-20', '2026-12-20', '2027-01-19', 1_000_000, 0],
  ] as const)('%s due %s, from %s to %s on %i → %i', (policy, due, from, to, base, expected) => {
    const p = plan(policy);
    expect(roundInterest(accrueFurther(p, isoDayNumber(due), isoDayNumber(from), isoDayNumber(to), base), p.denominator)).toBe(expected);
  });

  it('EU rates step by half-year over the delay, like accrued interest', () => {
    const eu = plan('eu', FLAT_EU);
    // 10% a year on 3 650.00 EUR: 1.00 a day × 10 days = 10.00
    expect(roundInterest(accrueFurther(eu, isoDayNumber('2024-01-01'), isoDayNumber('2024-03-01'), isoDayNumber('2024-03-11'), 365_000), eu.denominator)).toBe(1_000);
  });
});

describe("'none'", () => {
  it('accrues nothing', () => {
    expect(
      accrueInterest(plan('none'), { dueDate: '2020-01-31', asOf: '2025-01-31', amount: 10_000_000, disputedAmount: 0, payments: [] }),
    ).toEqual({ interest: 0, fixedCompensation: null });
  });
});

describe('rate tables', () => {
  it('stored ReferenceRate records replace the seed per policy; tombstones are ignored', () => {
    const tables = interestTablesFromReferenceRates([
      { policy: 'eu', effectiveFrom: '2024-06-12', rateBp: 425, deleted: 0 },
      { policy: 'eu', effectiveFrom: '2023-09-20', rateBp: 450, deleted: 0 },
      { policy: 'eu', effectiveFrom: '2025-01-01', rateBp: 999, deleted: 1 },
    ]);
    expect(tables.eu.referenceRates).toEqual([
      { effectiveFrom: '2023-09-20', rateBp: 450 },
      { effectiveFrom: '2024-06-12', rateBp: 425 },
    ]);
    expect(tables.uk.baseRates).toBe(DEFAULT_INTEREST_TABLES.uk.baseRates);
    expect(compensationFor(tables.eu.fixedCompensation, { amount: 7_300_000, currency: 'EUR' })).toEqual({ amount: 4000, currency: 'EUR' });
  });

  it('rateInForce: the last entry on or before the date, null before the first', () => {
    const t = sortRateTable([
      { effectiveFrom: '2024-01-01', rateBp: 300 },
      { effectiveFrom: '2023-01-01', rateBp: 200 },
    ]);
    expect(rateInForce(t, '2022-12-31')).toBeNull();
    expect(rateInForce(t, '2023-01-01')).toBe(200);
    expect(rateInForce(t, '2023-12-31')).toBe(200);
    expect(rateInForce(t, '2030-01-01')).toBe(300);
  });

  it('halfYearRateSteps: before the first entry the earliest rate applies; an empty table is margin only', () => {
    const steps = halfYearRateSteps([{ effectiveFrom: '2023-03-15', rateBp: 350 }], 800, 0);
    // H1 2023 fixes on 01-01, before the only entry → that entry's 350 is used: one constant step
    expect(steps).toEqual({ stepFrom: [-Infinity], stepRate: [1150] });
    expect(halfYearRateSteps([], 800, 0)).toEqual({ stepFrom: [-Infinity], stepRate: [800] });
  });

  it('isoDayNumber agrees with dates.toDayNumber on every day 1899-12-01 … 2101-01-31', () => {
    for (let d = toDayNumber('1899-12-01'); d <= toDayNumber('2101-01-31'); d++) {
      const iso = fromDayNumber(d);
      if (isoDayNumber(iso) !== d) expect(isoDayNumber(iso)).toBe(d);
    }
  });
});
