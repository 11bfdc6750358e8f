// The PPP fiscal affordability red line (财金〔2015〕21号 / 财金〔2019〕10号) with worked figures, and
// which dated entry applies.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FISCAL_POLICY,
  defaultIndexationOn,
  entryInForce,
  redLineCheck,
  redLineForYear,
  sortByEffectiveDate,
  type RedLineEntry,
} from '../../../../renderer/src/domain/fiscal/fiscal-policy';

const TEN: RedLineEntry = { effectiveFrom: '2019-03-07', limitBp: 1000, warnBp: 700, reference: '财金〔2019〕10号' };
/** A general public budget expenditure of 30亿元 (3,000,000,000.00 yuan) in fen. */
const BUDGET = 300_000_000_000;

describe('red line: PPP expenditure at most 10% of the general public budget expenditure', () => {
  it.each([
    // exactly 10% (3亿 of 30亿) is within the limit, but past the 7% warning level
    ['at 10%', 30_000_000_000, 'warning', 1000],
    // one fen above 10% breaches it (the ratio still shows 10.00%)
    ['one fen above 10%', 30_000_000_001, 'breach', 1000],
    ['above 10%', 36_000_000_000, 'breach', 1200],
    ['one fen below 10%', 29_999_999_999, 'warning', 1000],
    // the warning level: 7% warns, just under it is fine
    ['at 7%', 21_000_000_000, 'warning', 700],
    ['below 7%', 20_999_999_999, 'ok', 700],
    ['below', 6_000_000_000, 'ok', 200],
    ['no PPP spending', 0, 'ok', 0],
  ] as const)('%s: %i fen → %s, ratio %i bp', (_label, ppp, status, ratioBp) => {
    expect(redLineCheck(ppp, BUDGET, TEN)).toEqual({ status, ratioBp, entry: TEN });
  });

  it('is exact beyond 2^53: 10% of a 1,000万亿 budget', () => {
    const huge = 100_000_000_000_000_000; // fen: 1e15 yuan, past the safe integer range once × 10 000
    expect(redLineCheck(huge / 10, huge, TEN).status).toBe('warning');
  });

  it('cannot judge a year without a budget entered, or before any rule', () => {
    expect(redLineCheck(1, null, TEN)).toEqual({ status: 'no-budget', ratioBp: null, entry: TEN });
    expect(redLineCheck(1, 0, TEN).status).toBe('no-budget');
    expect(redLineCheck(30_000_000_000, BUDGET, null)).toEqual({ status: 'no-rule', ratioBp: 1000, entry: null });
  });

  it('an office level is data: a 5% line with a 4% warning', () => {
    const strict: RedLineEntry = { effectiveFrom: '2025-01-01', limitBp: 500, warnBp: 400, reference: '市财政局' };
    expect(redLineCheck(15_000_000_000, BUDGET, strict).status).toBe('warning');
    expect(redLineCheck(16_000_000_000, BUDGET, strict).status).toBe('breach');
    expect(redLineCheck(12_000_000_000, BUDGET, strict).status).toBe('warning');
  });
});

describe('dated entries', () => {
  it('a year takes the entry in force on its 1 January', () => {
    expect(redLineForYear(DEFAULT_FISCAL_POLICY, 2014)).toBeNull();
    expect(redLineForYear(DEFAULT_FISCAL_POLICY, 2016)?.reference).toBe('财金〔2015〕21号');
    // 财金〔2019〕10号 of 2019-03-07 applies from 2020 (2019 began under 21号; same levels)
    expect(redLineForYear(DEFAULT_FISCAL_POLICY, 2019)?.reference).toBe('财金〔2015〕21号');
    expect(redLineForYear(DEFAULT_FISCAL_POLICY, 2030)).toEqual(TEN);
  });

  it('the default indexation in force on a day; 0 before the first entry', () => {
    const policy = { defaultIndexation: sortByEffectiveDate([{ effectiveFrom: '2028-01-01', rateBp: 500, reference: '' }, { effectiveFrom: '2024-01-01', rateBp: 200, reference: '' }]) };
    expect(defaultIndexationOn(policy, '2023-12-31')).toBe(0);
    expect(defaultIndexationOn(policy, '2024-01-01')).toBe(200);
    expect(defaultIndexationOn(policy, '2028-01-01')).toBe(500);
    expect(entryInForce(policy.defaultIndexation, '2027-12-31')?.rateBp).toBe(200);
  });

  it('of two entries on one date the later wins', () => {
    expect(sortByEffectiveDate([{ effectiveFrom: '2024-01-01', rateBp: 1 }, { effectiveFrom: '2024-01-01', rateBp: 2 }])).toEqual([{ effectiveFrom: '2024-01-01', rateBp: 2 }]);
  });
});
