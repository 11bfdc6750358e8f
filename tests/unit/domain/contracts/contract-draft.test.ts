// Contract draft rules: worked examples of the date order (signed ≤ construction ≤ operation where
// given) and of the field rules every form and importer applies.
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_LIMITS,
  contractDateOrderProblems,
  contractDraftProblems,
  emptyContractDraft,
  normaliseContractDraft,
  type ContractDraft,
} from '../../../../renderer/src/domain/contracts/contract-draft';

const dates = { signedOn: '', constructionStart: '', constructionEnd: '', operationStart: '', operationEnd: '' };

describe('contractDateOrderProblems', () => {
  it.each([
    // nothing given, one date, all in order, equal days
    [{}, []],
    [{ operationEnd: '2030-01-01' }, []],
    [{ signedOn: '2021-03-01', constructionStart: '2021-03-15', constructionEnd: '2022-06-30', operationStart: '2022-07-01', operationEnd: '2034-06-30' }, []],
    [{ signedOn: '2022-07-01', constructionStart: '2022-07-01', constructionEnd: '2022-07-01', operationStart: '2022-07-01', operationEnd: '2022-07-01' }, []],
    // gaps are skipped: signed … operation start … operation end
    [{ signedOn: '2024-01-01', operationStart: '2024-02-01', operationEnd: '2025-01-31' }, []],
    // a reversed pair: the later field carries the problem and names the earlier one
    [{ operationStart: '2025-07-01', operationEnd: '2025-06-30' }, [['operationEnd', 'operationStart', '2025-07-01']]],
    // construction start after operation end (the pairs on their own are in order)
    [
      { constructionStart: '2030-01-01', constructionEnd: '2031-12-31', operationStart: '2020-01-01', operationEnd: '2025-12-31' },
      [['operationStart', 'constructionEnd', '2031-12-31'], ['operationEnd', 'constructionEnd', '2031-12-31']],
    ],
    // signed after everything else: each date names the signing date
    [
      { signedOn: '2026-01-01', constructionStart: '2024-01-01', operationEnd: '2025-01-01' },
      [['constructionStart', 'signedOn', '2026-01-01'], ['operationEnd', 'signedOn', '2026-01-01']],
    ],
    // construction end after operation start: phases may not overlap
    [{ constructionEnd: '2024-06-30', operationStart: '2024-06-01' }, [['operationStart', 'constructionEnd', '2024-06-30']]],
    // a malformed date is not compared (it is an invalid-date problem of its own)
    [{ signedOn: '2024-02-30', constructionStart: '2024-01-01' }, []],
  ] as [Partial<typeof dates>, [string, string, string][]][])('%j → %j', (over, expected) => {
    expect(contractDateOrderProblems({ ...dates, ...over }).map((p) => [p.field, p.params?.after, p.params?.date])).toEqual(expected);
  });

  it('every problem is a date-order code', () => {
    expect(contractDateOrderProblems({ ...dates, signedOn: '2026-01-01', operationEnd: '2025-01-01' })).toEqual([
      { field: 'operationEnd', code: 'date-order', params: { after: 'signedOn', date: '2026-01-01' } },
    ]);
  });
});

describe('contractDraftProblems', () => {
  const ok: ContractDraft = {
    ...emptyContractDraft('p1'),
    code: 'HT-01',
    title: '城市大脑运营服务',
    parties: [{ orgId: 'gov', role: 'government', isSme: false }],
    signedOn: '2025-01-01',
    operationStart: '2025-01-01',
    operationEnd: '2025-12-31',
  };
  const codes = (over: Partial<ContractDraft>) => contractDraftProblems({ ...ok, ...over }).map((p) => `${p.field}:${p.code}`);

  it.each([
    [{}, []],
    [{ code: ' ' }, ['code:required']],
    [{ code: 'x'.repeat(CONTRACT_LIMITS.code + 1) }, ['code:too-long']],
    [{ title: 'x'.repeat(CONTRACT_LIMITS.title + 1) }, ['title:too-long']],
    [{ type: 'barter' as never }, ['type:invalid-choice']],
    [{ signedOn: '2025-13-01' }, ['signedOn:invalid-date']],
    [{ signedOn: '2025-02-01' }, ['operationStart:date-order']],
    [{ value: { amount: 1.5, currency: 'CNY' } }, ['value:invalid-amount']],
    [{ value: { amount: 100, currency: 'XYZ' } }, ['value:invalid-choice']],
    [{ paymentTermDays: CONTRACT_LIMITS.maxTermDays + 1 }, ['paymentTermDays:out-of-range']],
    [{ performanceLinkedBp: 10_001 }, ['performanceLinkedBp:out-of-range']],
    [{ interestPolicy: 'whatever' as never }, ['interestPolicy:invalid-choice']],
    [{ contractRatePpmPerDay: -1 }, ['contractRatePpmPerDay:out-of-range']],
    [{ parties: [{ orgId: '', role: 'operator', isSme: false }] }, ['parties.0.orgId:required']],
    [
      { parties: [{ orgId: 'a', role: 'operator', isSme: true }, { orgId: 'a', role: 'operator', isSme: true }] },
      ['parties.1.orgId:duplicate-party'],
    ],
  ] as [Partial<ContractDraft>, string[]][])('%j → %j', (over, expected) => {
    expect(codes(over)).toEqual(expected);
  });

  it('normalising trims text and clears what the type or policy does not use', () => {
    const d = normaliseContractDraft({ ...ok, code: ' HT-01 ', pppModel: 'BOT', interestPolicy: 'cn-sme', contractRatePpmPerDay: 300 });
    expect([d.code, d.pppModel, d.contractRatePpmPerDay]).toEqual(['HT-01', '', 0]);
  });
});

describe('franchise fields and indexation', () => {
  const draft = (over: Partial<ContractDraft>): ContractDraft => ({ ...emptyContractDraft('p1'), code: 'C-1', title: '合同', ...over });
  it('a franchise keeps its model and payment mechanism; other non-PPP types lose them', () => {
    const f = normaliseContractDraft(draft({ type: 'franchise', pppModel: 'TOT', pppPaymentMechanism: 'user-pays' }));
    expect([f.pppModel, f.pppPaymentMechanism]).toEqual(['TOT', 'user-pays']);
    const l = normaliseContractDraft(draft({ type: 'lease', pppModel: 'TOT', pppPaymentMechanism: 'user-pays' }));
    expect([l.pppModel, l.pppPaymentMechanism]).toEqual(['', '']);
  });

  it.each([
    [null, []],
    [0, []],
    [-1000, []],
    [3000, []],
    [-1001, ['indexationBp:out-of-range']],
    [3001, ['indexationBp:out-of-range']],
    [1.5, ['indexationBp:out-of-range']],
  ])('indexation %j bp → %j', (indexationBp, expected) => {
    expect(contractDraftProblems(draft({ indexationBp })).map((p) => `${p.field}:${p.code}`)).toEqual(expected);
    expect(CONTRACT_LIMITS.maxIndexationBp).toBe(3000);
  });
});
