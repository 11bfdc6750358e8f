import { describe, expect, it } from 'vitest';
import {
  contractTerm,
  contractWarnings,
  DEFAULT_CONTRACT_RULE_TABLES,
  hasSmeCounterparty,
  smeInterestUnagreed,
  smeRulesApply,
  type ContractWarningCode,
  type RuleContract,
  warningBadgeCount,
  type ContractWarningSeverity,
} from '../../../../renderer/src/domain/contracts/contract-rules';
import type { ContractParty } from '../../../../renderer/src/domain/core/types';

const GOV: ContractParty = { orgId: 'gov', role: 'government', isSme: false };
const BIG: ContractParty = { orgId: 'big', role: 'operator', isSme: false };
const SME: ContractParty = { orgId: 'sme', role: 'operator', isSme: true };

/** A contract that raises nothing: traditional procurement, no SME, statute-free. */
const base: RuleContract = {
  type: 'traditional',
  pppModel: '',
  pppPaymentMechanism: '',
  parties: [GOV, BIG],
  signedOn: '2025-07-01',
  constructionStart: '',
  constructionEnd: '',
  operationStart: '2025-07-01',
  operationEnd: '2026-06-30',
  paymentTermDays: 30,
  performanceLinkedBp: 0,
  interestPolicy: 'cn-sme',
  contractRatePpmPerDay: 0,
};
const allCodes = (over: Partial<RuleContract>): ContractWarningCode[] => contractWarnings({ ...base, ...over }).map((w) => w.code);
/** Codes of the rule under test: many examples move one date away from the base's signing day. */
const codes = (over: Partial<RuleContract>): ContractWarningCode[] => allCodes(over).filter((c) => c !== 'dates-out-of-order');

describe('contractTerm', () => {
  it.each([
    [{}, { start: '2025-07-01', end: '2026-06-30' }],
    // construction start comes first; operation end closes it
    [{ constructionStart: '2024-01-01', constructionEnd: '2024-12-31' }, { start: '2024-01-01', end: '2026-06-30' }],
    // no operation: construction period alone
    [{ operationStart: '', operationEnd: '', constructionStart: '2024-01-01', constructionEnd: '2024-12-31' }, { start: '2024-01-01', end: '2024-12-31' }],
    // only the signing date and an end
    [{ operationStart: '' }, { start: '2025-07-01', end: '2026-06-30' }],
    [{ operationEnd: '' }, null],
    [{ operationStart: '', signedOn: '' }, null],
    // reversed: an error to correct, but still the span the dates cover
    [{ operationEnd: '2025-01-01' }, { start: '2025-01-01', end: '2025-07-01' }],
    // construction after operation: earliest start to latest end
    [
      { constructionStart: '2030-01-01', constructionEnd: '2031-12-31', operationStart: '2020-01-01', operationEnd: '2025-12-31' },
      { start: '2020-01-01', end: '2031-12-31' },
    ],
  ] as const)('%j → %j', (over, expected) => {
    expect(contractTerm({ ...base, ...over })).toEqual(expected);
  });
});

describe('purchase of service: over 1 year warns, over 3 years is serious', () => {
  it.each([
    // exactly one year, both days included
    ['2025-12-31', []],
    // one day over a year: end ≥ start + 1 year
    ['2026-01-01', ['pos-term-over-1y']],
    // exactly three years
    ['2027-12-31', ['pos-term-over-1y']],
    // over three years: only the stronger warning
    ['2028-01-01', ['pos-term-over-3y']],
  ])('2025-01-01 … %s → %j', (operationEnd, expected) => {
    expect(codes({ type: 'purchase-of-service', performanceLinkedBp: 1000, operationStart: '2025-01-01', operationEnd })).toEqual(expected);
  });

  it('carries severity and params', () => {
    expect(
      contractWarnings({ ...base, type: 'purchase-of-service', performanceLinkedBp: 1000, signedOn: '2025-01-01', operationStart: '2025-01-01', operationEnd: '2030-12-31' }),
    ).toEqual([{ code: 'pos-term-over-3y', severity: 'serious', params: { start: '2025-01-01', end: '2030-12-31', years: 3 } }]);
  });
});

describe('PPP term', () => {
  const ppp = { type: 'ppp' as const, signedOn: '2019-12-01', pppPaymentMechanism: 'government-pays' as const, performanceLinkedBp: 5000 };
  it.each([
    // 2020-01-01 … 2029-12-31 is exactly ten years
    ['BOT', '2029-12-31', []],
    ['BOT', '2029-12-30', ['ppp-term-under-10y']],
    ['', '2025-12-31', ['ppp-term-under-10y']],
    // O&M contracts: up to 8 years instead of at least 10
    ['OM', '2027-12-31', []],
    ['OM', '2028-01-01', ['ppp-om-term-over-8y']],
    // management contracts: up to 3 years
    ['MC', '2022-12-31', []],
    ['MC', '2023-01-01', ['ppp-mc-term-over-3y']],
  ] as const)('%s 2020-01-01 … %s → %j', (pppModel, operationEnd, expected) => {
    expect(codes({ ...ppp, pppModel, operationStart: '2020-01-01', operationEnd })).toEqual(expected);
  });

  it('still checks the term when the dates are out of order, and says they are', () => {
    // Construction start (2030) after operation end (2025), signed after both: the span 2020 … 2031
    // is 12 years, which an O&M contract may not exceed; a BOT's 2024 … 2026 is under 10 years.
    const om = { ...ppp, pppModel: 'OM' as const, signedOn: '2032-01-01', constructionStart: '2030-01-01', constructionEnd: '2031-12-31', operationStart: '2020-01-01', operationEnd: '2025-12-31' };
    // (Signed after 国办函〔2023〕115号 and paid by the government: that warning too.)
    expect(allCodes(om)).toEqual(['dates-out-of-order', 'ppp-om-term-over-8y', 'ppp-new-mechanism-government-pays']);
    const bot = { ...ppp, pppModel: 'BOT' as const, signedOn: '2025-01-01', constructionStart: '2026-12-31', operationStart: '', operationEnd: '2024-01-01' };
    expect(contractWarnings({ ...base, ...bot })).toEqual([
      { code: 'dates-out-of-order', severity: 'serious', params: { field: 'operationEnd', value: '2024-01-01', after: 'constructionStart', date: '2026-12-31' } },
      { code: 'ppp-term-under-10y', severity: 'warning', params: { start: '2024-01-01', end: '2026-12-31', years: 10 } },
      { code: 'ppp-new-mechanism-government-pays', severity: 'serious', params: { signedOn: '2025-01-01', from: '2023-11-03', mechanism: 'government-pays' } },
    ]);
  });

  it('says nothing about a term it cannot compute', () => {
    expect(codes({ ...ppp, pppModel: 'BOT', operationEnd: '' })).toEqual([]);
  });
});

describe('government payments linked to performance', () => {
  // Signed before the PPP new mechanism, so only the performance rules speak.
  const longPpp = { type: 'ppp' as const, signedOn: '2019-12-01', operationStart: '2020-01-01', operationEnd: '2039-12-31' };
  it.each([
    [{ ...longPpp, pppModel: 'BOT', pppPaymentMechanism: 'government-pays', performanceLinkedBp: 0 }, ['payments-not-performance-linked']],
    [{ ...longPpp, pppModel: 'BOT', pppPaymentMechanism: 'viability-gap', performanceLinkedBp: 0 }, ['payments-not-performance-linked']],
    // construction PPP below 30%
    [{ ...longPpp, pppModel: 'BOT', pppPaymentMechanism: 'government-pays', performanceLinkedBp: 2999 }, ['ppp-performance-share-below-30pct']],
    [{ ...longPpp, pppModel: 'BOT', pppPaymentMechanism: 'government-pays', performanceLinkedBp: 3000 }, []],
    [{ ...longPpp, pppModel: 'ROT', pppPaymentMechanism: 'government-pays', performanceLinkedBp: 1000 }, ['ppp-performance-share-below-30pct']],
    // no model recorded but a construction period: treated as construction
    [{ ...longPpp, pppModel: '', constructionStart: '2020-01-01', performanceLinkedBp: 1000 }, ['ppp-performance-share-below-30pct']],
    // TOT takes over an existing asset: no construction share rule, but some link is still expected
    [{ ...longPpp, pppModel: 'TOT', pppPaymentMechanism: 'government-pays', performanceLinkedBp: 1000 }, []],
    // users pay: no government payment to link
    [{ ...longPpp, pppModel: 'BOT', pppPaymentMechanism: 'user-pays', performanceLinkedBp: 0 }, []],
    [{ type: 'purchase-of-service', performanceLinkedBp: 0 }, ['payments-not-performance-linked']],
    [{ type: 'traditional', performanceLinkedBp: 0 }, []],
  ] as const)('%j → %j', (over, expected) => {
    expect(codes(over)).toEqual(expected);
  });
});

describe('SME protection (orders 728/802)', () => {
  it.each([
    [{ paymentTermDays: 60 }, []],
    [{ paymentTermDays: 61 }, ['sme-payment-term-over-60d']],
    // signed before the regulation took effect (2020-09-01)
    [{ paymentTermDays: 90, signedOn: '2020-08-31' }, []],
    [{ paymentTermDays: 90, signedOn: '2020-09-01' }, ['sme-payment-term-over-60d']],
    // signing date not recorded: assume the rules apply
    [{ paymentTermDays: 90, signedOn: '' }, ['sme-payment-term-over-60d']],
    // an SME flag on the government side is not an SME counterparty
    [{ paymentTermDays: 90, parties: [{ ...GOV, isSme: true }, BIG] }, []],
  ] as [Partial<RuleContract>, ContractWarningCode[]][])('%j → %j', (over, expected) => {
    expect(codes({ parties: [GOV, SME], ...over })).toEqual(expected);
  });

  it.each([
    // signed 2025-07-01: 1-year LPR 3.00% (since 2025-05-20) = 30 000 ppm a year.
    //   82 ppm/day × 365 = 29 930 < 30 000 → below; 83 × 365 = 30 295 ≥ 30 000 → fine. Minimum = ⌈30 000 / 365⌉ = 83
    ['2025-07-01', 82, { ppmPerDay: 82, lprBp: 300, minPpmPerDay: 83, signedOn: '2025-07-01' }],
    ['2025-07-01', 83, null],
    // signed 2024-08-01: LPR 3.35% (since 2024-07-22) = 33 500 ppm a year; 91 × 365 = 33 215 < 33 500; ⌈33 500 / 365⌉ = 92
    ['2024-08-01', 91, { ppmPerDay: 91, lprBp: 335, minPpmPerDay: 92, signedOn: '2024-08-01' }],
    ['2024-08-01', 92, null],
    // the statute's 500 ppm/day is far above any LPR
    ['2024-08-01', 500, null],
  ])('agreed rate signed %s at %i ppm/day → %j', (signedOn, ppm, params) => {
    const warnings = contractWarnings({ ...base, parties: [GOV, SME], signedOn, interestPolicy: 'contract-rate', contractRatePpmPerDay: ppm });
    expect(warnings).toEqual(params ? [{ code: 'sme-rate-below-lpr', severity: 'serious', params }] : []);
  });

  it.each([
    [{ interestPolicy: 'none' }, ['sme-statute-interest-applies']],
    [{ interestPolicy: 'contract-rate', contractRatePpmPerDay: 0 }, ['sme-statute-interest-applies']],
    [{ interestPolicy: 'cn-sme' }, []],
    // not an SME: nothing to say
    [{ interestPolicy: 'none', parties: [GOV, BIG] }, []],
  ] as [Partial<RuleContract>, ContractWarningCode[]][])('late-interest clause %j → %j', (over, expected) => {
    expect(codes({ parties: [GOV, SME], ...over })).toEqual(expected);
  });

  it('"no interest" on an SME contract is serious and names the statutory rate', () => {
    for (const over of [{ interestPolicy: 'none' as const }, { interestPolicy: 'contract-rate' as const, contractRatePpmPerDay: 0 }]) {
      expect(contractWarnings({ ...base, parties: [GOV, SME], ...over })).toEqual([
        { code: 'sme-statute-interest-applies', severity: 'serious', params: { ppmPerDay: 500 } },
      ]);
      expect(smeInterestUnagreed({ ...base, parties: [GOV, SME], ...over })).toBe(true);
    }
    // Signed before the regulation, or no SME: nothing to say.
    expect(smeInterestUnagreed({ ...base, parties: [GOV, SME], interestPolicy: 'none', signedOn: '2020-08-31' })).toBe(false);
    expect(smeInterestUnagreed({ ...base, parties: [GOV, BIG], interestPolicy: 'none' })).toBe(false);
    expect(smeInterestUnagreed({ ...base, parties: [GOV, SME], interestPolicy: 'cn-sme' })).toBe(false);
  });

  it('helpers', () => {
    expect(hasSmeCounterparty({ parties: [GOV, SME] })).toBe(true);
    expect(hasSmeCounterparty({ parties: [GOV, BIG] })).toBe(false);
    expect(smeRulesApply({ ...base, parties: [GOV, SME], signedOn: '2019-01-01' })).toBe(false);
  });

  it('thresholds are data', () => {
    const strict = { ...DEFAULT_CONTRACT_RULE_TABLES, smeMaxPaymentTermDays: 45 };
    expect(contractWarnings({ ...base, parties: [GOV, SME], paymentTermDays: 50 }, strict)).toEqual([
      { code: 'sme-payment-term-over-60d', severity: 'serious', params: { days: 50, maxDays: 45 } },
    ]);
  });
});

describe('several rules at once', () => {
  it('a short government-paid PPP signed under the new mechanism, with no performance link, 90-day terms to an SME and no interest clause', () => {
    expect(
      codes({
        type: 'ppp',
        pppModel: 'BOT',
        pppPaymentMechanism: 'government-pays',
        parties: [GOV, SME],
        signedOn: '2023-11-03',
        constructionStart: '2025-01-01',
        operationEnd: '2029-12-31',
        paymentTermDays: 90,
        performanceLinkedBp: 0,
        interestPolicy: 'none',
      }),
    ).toEqual(['ppp-term-under-10y', 'ppp-new-mechanism-government-pays', 'payments-not-performance-linked', 'sme-payment-term-over-60d', 'sme-statute-interest-applies']);
  });
});

describe('PPP new mechanism (国办函〔2023〕115号): government-paid PPP or franchise signed from 2023-11-03 is serious', () => {
  const ppp: Partial<RuleContract> = { type: 'ppp', pppModel: 'BOT', performanceLinkedBp: 3000, operationStart: '2024-01-01', operationEnd: '2039-12-31' };
  it.each([
    // the day before the mechanism: the contract runs on under its terms
    ['ppp', 'government-pays', '2023-11-02', []],
    // the day it took effect and after
    ['ppp', 'government-pays', '2023-11-03', ['ppp-new-mechanism-government-pays']],
    ['ppp', 'viability-gap', '2023-11-03', ['ppp-new-mechanism-government-pays']],
    ['ppp', 'viability-gap', '2025-02-01', ['ppp-new-mechanism-government-pays']],
    // user-pays is what the mechanism asks for
    ['ppp', 'user-pays', '2025-02-01', []],
    // no mechanism or no signing date recorded: not judged
    ['ppp', '', '2025-02-01', []],
    ['ppp', 'government-pays', '', []],
    // a franchise paid by the government falls under the same rule
    ['franchise', 'viability-gap', '2024-06-01', ['ppp-new-mechanism-government-pays']],
    ['franchise', 'government-pays', '2023-11-02', []],
    ['franchise', 'user-pays', '2024-06-01', []],
  ] as const)('%s %s signed %s → %j', (type, mechanism, signedOn, expected) => {
    const got = codes({ ...ppp, type, pppPaymentMechanism: mechanism, signedOn, constructionStart: signedOn ? '' : '2023-12-01' });
    expect(got.filter((c) => c === 'ppp-new-mechanism-government-pays')).toEqual(expected);
  });

  it('says when it was signed, the mechanism and the date the rule applies from; severity serious', () => {
    const w = contractWarnings({ ...base, ...ppp, pppPaymentMechanism: 'viability-gap', signedOn: '2024-03-05' }).find((x) => x.code === 'ppp-new-mechanism-government-pays');
    expect(w).toEqual({ code: 'ppp-new-mechanism-government-pays', severity: 'serious', params: { signedOn: '2024-03-05', from: '2023-11-03', mechanism: 'viability-gap' } });
  });
});

describe('franchise term: at most 40 years under the 2024 measures, 30 under the 2015 ones', () => {
  const franchise = (signedOn: string, start: string, end: string): Partial<RuleContract> => ({
    type: 'franchise',
    pppModel: 'BOT',
    pppPaymentMechanism: 'user-pays',
    signedOn,
    constructionStart: start,
    operationStart: '',
    operationEnd: end,
  });
  it.each([
    // 40 years exactly, both days included: within
    ['2024-06-01', '2024-06-01', '2064-05-31', []],
    // 41 years: over the maximum
    ['2024-06-01', '2024-06-01', '2065-05-31', [40]],
    // one day over 40 years
    ['2024-06-01', '2024-06-01', '2064-06-01', [40]],
    // signed under the 2015 measures: 30 years is the limit, 31 is over
    ['2020-03-01', '2020-03-01', '2050-02-28', []],
    ['2020-03-01', '2020-03-01', '2051-02-28', [30]],
    // signed the day the 2024 revision took effect: 40
    ['2024-05-01', '2024-05-01', '2060-04-30', []],
    // no signing date: the rule in force when the term starts
    ['', '2025-01-01', '2065-12-31', [40]],
    // before any franchise measures: no limit to check
    ['2012-01-01', '2012-01-01', '2060-12-31', []],
  ] as const)('signed %s, %s to %s → over %j', (signedOn, start, end, expected) => {
    const ws = contractWarnings({ ...base, ...franchise(signedOn, start, end) }).filter((w) => w.code === 'franchise-term-over-max');
    expect(ws.map((w) => w.params.years)).toEqual(expected);
    for (const w of ws) expect(w.severity).toBe('serious');
  });

  it('a user-pays franchise raises no payment warnings', () => {
    expect(codes(franchise('2024-06-01', '2024-06-01', '2054-05-31'))).toEqual([]);
  });

  it('a government-paid franchise is held to the performance link like a PPP', () => {
    expect(codes({ ...franchise('2023-01-01', '2023-01-01', '2043-12-31'), pppPaymentMechanism: 'viability-gap', performanceLinkedBp: 0 })).toEqual(['payments-not-performance-linked']);
  });
});

describe('warningBadgeCount: the same number on the contracts tab and in the portfolio list', () => {
  it.each<[string, ContractWarningSeverity[], number]>([
    ['no warnings: no badge', [], 0],
    ['only the statute note: no badge', ['info'], 0],
    ['a serious one', ['serious'], 1],
    ['warnings and serious ones count, notes do not', ['serious', 'warning', 'info', 'warning'], 3],
  ])('%s', (_, severities, count) => {
    expect(warningBadgeCount(severities.map((severity) => ({ severity })))).toBe(count);
  });
});
