// The fiscal outlook with worked figures: a contract projected past the horizon with indexation, a
// quarterly lease with a pro-rated last period, arrears carried in with their interest (the arrears
// view's own figures), the late-payment and indexation scenarios, and the lines behind a figure.
import { describe, expect, it } from 'vitest';
import { computeArrears, groupPaymentsByObligation } from '../../../../renderer/src/domain/contracts/arrears';
import { buildLedger, encodeLedger, ledgerObligations, LedgerSet } from '../../../../renderer/src/domain/contracts/contract-ledger';
import { DEFAULT_INTEREST_TABLES } from '../../../../renderer/src/domain/contracts/interest';
import { generateMilestoneObligations, generatePeriodicObligations, type ObligationDraft, type PeriodicSpec } from '../../../../renderer/src/domain/contracts/schedule';
import { addDays } from '../../../../renderer/src/domain/core/dates';
import type { Contract, Payment, PaymentObligation } from '../../../../renderer/src/domain/core/types';
import { DEFAULT_FISCAL_POLICY, type FiscalPolicy } from '../../../../renderer/src/domain/fiscal/fiscal-policy';
import {
  computeOutlook,
  figure,
  NO_SCENARIO,
  outlookLines,
  prepareOutlook,
  rowTotal,
  type OutlookOptions,
  type OutlookScenario,
} from '../../../../renderer/src/domain/fiscal/outlook';

const AS_OF = '2026-11-24';
const YUAN = 100;

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const meta = () => ({ createdAt: '', updatedAt: '', updatedBy: '', rev: 1, deleted: 0 as const });

function contract(over: Partial<Contract>): Contract {
  return {
    ...meta(),
    id: uuid(),
    projectId: 'proj-1',
    code: 'C',
    title: '合同',
    type: 'purchase-of-service',
    pppModel: '',
    pppPaymentMechanism: '',
    parties: [
      { orgId: 'dept-1', role: 'government', isSme: false },
      { orgId: 'co-1', role: 'operator', isSme: true },
    ],
    signedOn: '2021-06-01',
    constructionStart: '',
    constructionEnd: '',
    operationStart: '',
    operationEnd: '',
    value: { amount: 0, currency: 'CNY' },
    paymentTermDays: 30,
    paymentTermBasis: 'acceptance',
    performanceLinkedBp: 0,
    interestPolicy: 'cn-sme',
    contractRatePpmPerDay: 0,
    indexationBp: null,
    riskAllocation: '',
    benefitSharing: '',
    ...over,
  };
}

const PARTIES = { payeeId: 'co-1', payerDepartmentId: 'dept-1' };
const stored = (d: ObligationDraft): PaymentObligation => ({ ...meta(), ...d, id: uuid() });

interface Fixture {
  contract: Contract;
  obligations: PaymentObligation[];
  payments: Payment[];
}

function periodic(c: Contract, spec: PeriodicSpec): PaymentObligation[] {
  return generatePeriodicObligations(c, PARTIES, spec).map(stored);
}

function paid(o: PaymentObligation, on: string, amount = o.amount.amount): Payment {
  return { ...meta(), id: uuid(), obligationId: o.id, contractId: o.contractId, paidOn: on, amount: { amount, currency: o.amount.currency }, voucherNo: '', note: '' };
}

function ledgerSet(fixtures: Fixture[]): LedgerSet {
  const set = new LedgerSet();
  for (const f of fixtures) {
    set.add(f.contract.id, encodeLedger(buildLedger({ contract: f.contract, warnings: [], obligations: f.obligations, payments: f.payments })));
  }
  return set;
}

const options = (over: Partial<OutlookOptions> = {}, scenario: Partial<OutlookScenario> = {}): OutlookOptions => ({
  horizonYears: 10,
  currency: 'CNY',
  policy: DEFAULT_FISCAL_POLICY,
  scenario: { ...NO_SCENARIO, ...scenario },
  ...over,
});

function outlook(fixtures: Fixture[], opts = options()) {
  const base = prepareOutlook(ledgerSet(fixtures), AS_OF, DEFAULT_INTEREST_TABLES, opts.policy.recurringKinds);
  return { base, result: computeOutlook(base, opts) };
}

/** A yearly O&M contract scheduled 2021-07-01 … 2026-06-30, all paid on time, operating until 2045. */
function longOm(over: Partial<Contract> = {}): Fixture {
  const c = contract({ operationStart: '2021-07-01', operationEnd: '2045-06-30', performanceLinkedBp: 3000, ...over });
  const obligations = periodic(c, { frequency: 'yearly', start: '2021-07-01', end: '2026-06-30', amountPerPeriod: 1_000_000 * YUAN, kind: 'om-fee' });
  return { contract: c, obligations, payments: obligations.map((o) => paid(o, o.dueDate)) };
}

describe('projection of recurring fees', () => {
  it('continues a yearly O&M fee past the horizon at the contract’s 3% indexation, one step a year, rounded half up', () => {
    const { result } = outlook([longOm({ indexationBp: 300 })]);
    expect(result.years).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
    const projected = result.years.map((_, y) => figure(result.total, 10, y, 'projected'));
    // 2026: the 2025-26 fee was the last scheduled one (paid). Then 1,000,000.00 × 1.03ⁿ, each year
    // from the one before: 1,125,504.81 × 1.03 = 1,159,274.0743 → 1,159,274.07; the 2035-36 fee
    // (due 2036-07-30) is past the horizon and the contract runs on to 2045: not counted.
    expect(projected).toEqual([0, 103_000_000, 106_090_000, 109_272_700, 112_550_881, 115_927_407, 119_405_229, 122_987_386, 126_677_008, 130_477_318]);
    expect(rowTotal(result.total, 10, 'projected')).toBe(1_046_387_929);
    // 30% of each projected fee is linked to performance, as the model fee was.
    expect(result.years.map((_, y) => figure(result.total, 10, y, 'linked'))).toEqual([
      0, 30_900_000, 31_827_000, 32_781_810, 33_765_264, 34_778_222, 35_821_569, 36_896_216, 38_003_102, 39_143_195,
    ]);
    expect(figure(result.total, 10, 1, 'scheduled')).toBe(0);
    expect(result.beyondHorizon).toBe(0);
  });

  it('uses the office default when the contract states none, the scenario’s rate over both', () => {
    const policy: FiscalPolicy = { ...DEFAULT_FISCAL_POLICY, defaultIndexation: [{ effectiveFrom: '2020-01-01', rateBp: 200, reference: '' }] };
    const office = outlook([longOm()], options({ policy })).result;
    expect(figure(office.total, 10, 1, 'projected')).toBe(102_000_000);
    expect(figure(office.total, 10, 2, 'projected')).toBe(104_040_000);
    const own = outlook([longOm({ indexationBp: 300 })], options({ policy })).result;
    expect(figure(own.total, 10, 1, 'projected')).toBe(103_000_000);
    const scenario = outlook([longOm({ indexationBp: 300 })], options({ policy }, { indexationBp: 0 })).result;
    expect(scenario.years.map((_, y) => figure(scenario.total, 10, y, 'projected'))).toEqual([0, ...Array(9).fill(100_000_000)]);
  });

  it('a default that changes applies from the day each yearly step falls on', () => {
    const policy: FiscalPolicy = {
      ...DEFAULT_FISCAL_POLICY,
      defaultIndexation: [
        { effectiveFrom: '2020-01-01', rateBp: 200, reference: '' },
        { effectiveFrom: '2028-01-01', rateBp: 500, reference: '' },
      ],
    };
    const r = outlook([longOm()], options({ policy })).result;
    // Steps on 2027-07-01 (2%) and 2028-07-01 (5%): 1,020,000.00 then 1,071,000.00.
    expect([figure(r.total, 10, 1, 'projected'), figure(r.total, 10, 2, 'projected')]).toEqual([102_000_000, 107_100_000]);
  });

  it('continues a quarterly lease fee and pro-rates the short last period by days', () => {
    const c = contract({ type: 'lease', operationStart: '2024-07-01', operationEnd: '2028-02-15', paymentTermBasis: 'invoice' });
    const obligations = periodic(c, { frequency: 'quarterly', start: '2024-07-01', end: '2026-12-31', amountPerPeriod: 2_500_000 * YUAN, kind: 'lease-fee' });
    const policy: FiscalPolicy = { ...DEFAULT_FISCAL_POLICY, defaultIndexation: [{ effectiveFrom: '2020-01-01', rateBp: 200, reference: '' }] };
    const r = outlook([{ contract: c, obligations, payments: obligations.filter((o) => o.dueDate < AS_OF).map((o) => paid(o, o.dueDate)) }], options({ policy })).result;
    // 2026: the last scheduled quarter (to 2026-12-31, due 2027-01-30) falls in 2027 as scheduled.
    expect(figure(r.total, 10, 0, 'owed')).toBe(0);
    expect(figure(r.total, 10, 1, 'scheduled')).toBe(250_000_000);
    // Quarters to 2027-03-31, -06-30, -09-30 at 2,500,000.00 (no full year yet); the quarter to
    // 2027-12-31 (due 2028-01-30) indexed once: 2,550,000.00; then 2028-01-01 … 02-15 of the
    // 2028-01-01 … 03-31 quarter: 2,550,000.00 × 46 / 91 = 1,289,010.989 → 1,289,010.99.
    expect(figure(r.total, 10, 1, 'projected')).toBe(750_000_000);
    expect(figure(r.total, 10, 2, 'projected')).toBe(255_000_000 + 128_901_099);
    expect(figure(r.total, 10, 3, 'projected')).toBe(0);
  });

  it('lists what it cannot project: no operation end, or an operation with no fee scheduled', () => {
    const open = longOm({ operationEnd: '' });
    const none = contract({ operationStart: '2025-01-01', operationEnd: '2030-12-31' });
    const { base, result } = outlook([open, { contract: none, obligations: [], payments: [] }]);
    expect(base.noOperationEnd.map((c) => base.set.contractIds[c])).toEqual([open.contract.id]);
    expect(base.noFeeSchedule.map((c) => base.set.contractIds[c])).toEqual([none.id]);
    expect(rowTotal(result.total, 10, 'owed')).toBe(0);
  });

  it('leaves other currencies out and names the contracts', () => {
    const eur = longOm({ value: { amount: 0, currency: 'EUR' } });
    const { base, result } = outlook([eur]);
    expect(rowTotal(result.total, 10, 'owed')).toBe(0);
    expect(result.otherCurrency.map((c) => base.set.contractIds[c])).toEqual([eur.contract.id]);
  });
});

/** Fees of 10,000.00 due 2026-10-31 (unpaid), 2026-12-20 and 2027-03-31, statute interest (500 ppm a day). */
function threeFees(): Fixture {
  const c = contract({ interestPolicy: 'cn-sme', performanceLinkedBp: 2000 });
  const obligations = generateMilestoneObligations(c, PARTIES, [
    { triggerDate: '2026-10-01', description: 'A', amount: 20_000 * YUAN, kind: 'service-fee' },
    { triggerDate: '2026-11-20', description: 'B', amount: 10_000 * YUAN, kind: 'milestone' },
    { triggerDate: '2027-03-01', description: 'C', amount: 10_000 * YUAN, kind: 'milestone' },
  ]).map(stored);
  return { contract: c, obligations, payments: [paid(obligations[2], '2026-11-01', 4_000 * YUAN)] };
}

describe('arrears, scheduled amounts and the late-payment scenario', () => {
  it('carries today’s arrears and interest into the first year: the arrears view’s own figures', () => {
    const f = threeFees();
    const { result } = outlook([f]);
    const report = computeArrears(f.obligations, groupPaymentsByObligation(f.payments), new Map([[f.contract.id, f.contract]]), DEFAULT_INTEREST_TABLES, AS_OF);
    // A: 20,000.00 due 2026-10-31, 24 days overdue at 0.05% a day = 240.00.
    expect(report.total.currencies[0].overdue).toBe(2_000_000);
    expect(report.total.currencies[0].interest).toBe(24_000);
    expect(figure(result.total, 10, 0, 'arrears')).toBe(2_000_000);
    expect(figure(result.total, 10, 0, 'interest')).toBe(24_000);
    // B (due 2026-12-20) in 2026; C less its 4,000.00 paid in advance in 2027.
    expect(figure(result.total, 10, 0, 'scheduled')).toBe(1_000_000);
    expect(figure(result.total, 10, 1, 'scheduled')).toBe(600_000);
    // Linked: 20% of each, at most what is open: 4,000 + 2,000 in 2026; 2,000 of C's 6,000 open.
    expect(figure(result.total, 10, 0, 'linked')).toBe(600_000);
    expect(figure(result.total, 10, 1, 'linked')).toBe(200_000);
    expect(figure(result.total, 10, 0, 'owed')).toBe(2_000_000 + 24_000 + 1_000_000);
  });

  it('30 days late: B slips into 2027 as an arrear with 30 days of interest; A bears 30 more days', () => {
    const { result } = outlook([threeFees()], options({}, { lateDays: 30 }));
    // A: paid 2026-12-24, still 2026; 240.00 to date + 20,000.00 × 0.05% × 30 = 300.00.
    expect(figure(result.total, 10, 0, 'arrears')).toBe(2_000_000);
    expect(figure(result.total, 10, 0, 'interest')).toBe(24_000 + 30_000);
    expect(figure(result.total, 10, 0, 'scheduled')).toBe(0);
    // B: due 2026-12-20, paid 2027-01-19: carried into 2027 with 10,000.00 × 0.05% × 30 = 150.00;
    // C: due 2027-03-31, paid 2027-04-30: 6,000.00 × 0.05% × 30 = 90.00.
    expect(figure(result.total, 10, 1, 'arrears')).toBe(1_000_000);
    expect(figure(result.total, 10, 1, 'scheduled')).toBe(600_000);
    expect(figure(result.total, 10, 1, 'interest')).toBe(15_000 + 9_000);
  });

  it('40 days late: today’s arrears are paid in 2027 too', () => {
    const { result } = outlook([threeFees()], options({}, { lateDays: 40 }));
    expect(figure(result.total, 10, 0, 'owed')).toBe(0);
    expect(figure(result.total, 10, 1, 'arrears')).toBe(2_000_000 + 1_000_000);
    expect(figure(result.total, 10, 1, 'interest')).toBe(24_000 + 40_000 + 20_000 + 12_000);
  });

  it('a contract with no late-interest policy adds no interest', () => {
    const f = threeFees();
    f.contract.interestPolicy = 'none';
    const { result } = outlook([f], options({}, { lateDays: 30 }));
    expect(rowTotal(result.total, 10, 'interest')).toBe(0);
  });

  it('scheduled amounts after the horizon are summed apart', () => {
    const { result } = outlook([threeFees()], options({ horizonYears: 1 }));
    expect(result.years).toEqual([2026]);
    expect(result.beyondHorizon).toBe(600_000);
  });
});

describe('open amounts and interest to date, per obligation', () => {
  /** Half-yearly EU-rate fees, some paid late in parts, one partly in dispute. */
  function lateParts(): Fixture {
    const c = contract({ interestPolicy: 'eu', operationStart: '2023-01-01', operationEnd: '2030-12-31' });
    const obligations = periodic(c, { frequency: 'half-yearly', start: '2023-01-01', end: '2026-12-31', amountPerPeriod: 50_000 * YUAN, kind: 'availability' });
    obligations[1].disputedAmount = 5_000 * YUAN;
    const payments = [
      paid(obligations[0], addDays(obligations[0].dueDate, 40), 20_000 * YUAN),
      paid(obligations[0], addDays(obligations[0].dueDate, 10), 30_000 * YUAN),
      paid(obligations[1], addDays(obligations[1].dueDate, -3), 10_000 * YUAN),
      paid(obligations[2], addDays(obligations[2].dueDate, 400)),
      paid(obligations[3], '2026-12-01'),
    ];
    return { contract: c, obligations, payments };
  }

  it('are the arrears view’s own row figures, worked from the raw rows', () => {
    const fixtures = [longOm({ indexationBp: 300 }), threeFees(), lateParts(), longOm({ interestPolicy: 'contract-rate', contractRatePpmPerDay: 300 })];
    fixtures[3].payments = fixtures[3].obligations.map((o, i) => paid(o, addDays(o.dueDate, 30 * i)));
    const { base } = outlook(fixtures);
    let checked = 0;
    fixtures.forEach((f, c) => {
      const report = computeArrears(f.obligations, groupPaymentsByObligation(f.payments), new Map([[f.contract.id, f.contract]]), DEFAULT_INTEREST_TABLES, AS_OF);
      const rows = new Map(report.rows.map((r) => [r.obligationId, r]));
      ledgerObligations(f.contract.id, f.obligations).forEach((o, k) => {
        const r = rows.get(o.id);
        const i = base.set.oStart[c] + k;
        expect([base.open[i], base.interest[i]], o.description).toEqual([(r?.outstanding ?? NaN) - (r?.disputed ?? NaN), r?.interest]);
        checked++;
      });
    });
    expect(checked).toBe(base.set.obligations);
    // Interest is owed to date on the late-paid fees, and the open amounts differ from the payable ones.
    expect(base.interest.some((x) => x > 0)).toBe(true);
    expect(base.open.some((x, i) => x > 0 && x < base.set.oAmount[i])).toBe(true);
  });
});

describe('by department, project and contract kind; PPP share', () => {
  it('rolls up by each dimension and counts only PPP-type contracts in the PPP figure', () => {
    const ppp = longOm({ type: 'ppp', pppModel: 'BOT', pppPaymentMechanism: 'government-pays', projectId: 'proj-2', indexationBp: 0 });
    const pos = threeFees();
    const { result } = outlook([ppp, pos]);
    expect(result.kinds.keys.sort()).toEqual(['ppp|government-pays', 'purchase-of-service|']);
    const k = result.kinds.keys.indexOf('ppp|government-pays');
    expect(figure(result.kinds.values, 10, 1, 'owed', k)).toBe(100_000_000);
    expect(figure(result.ppp, 10, 1, 'owed')).toBe(100_000_000);
    expect(figure(result.ppp, 10, 0, 'owed')).toBe(0);
    const p = result.projects.keys.indexOf('proj-1');
    expect(figure(result.projects.values, 10, 0, 'owed', p)).toBe(3_024_000);
    const d = result.departments.keys.indexOf('dept-1');
    expect(figure(result.departments.values, 10, 1, 'owed', d)).toBe(100_000_000 + 600_000);
  });
});

describe('the lines behind a figure', () => {
  it('add up to the figure, whichever dimension and measure', () => {
    const fixtures = [longOm({ indexationBp: 300 }), threeFees()];
    const opts = options({}, { lateDays: 30 });
    const { base, result } = outlook(fixtures, opts);
    for (const measure of ['scheduled', 'projected', 'arrears', 'interest', 'linked', 'owed'] as const) {
      for (let y = 0; y < 10; y++) {
        const lines = outlookLines(base, opts, { dimension: 'department', key: 'dept-1', year: y, measure });
        const sum = lines.reduce((s, l) => s + (measure === 'linked' ? l.linked : l.amount), 0);
        expect(sum).toBe(figure(result.departments.values, 10, y, measure, result.departments.keys.indexOf('dept-1')));
      }
    }
    const projected = outlookLines(base, opts, { dimension: 'total', key: '', year: 1, measure: 'projected' });
    expect(projected).toEqual([
      expect.objectContaining({ measure: 'projected', obligation: -1, periodEnd: '2027-06-30', dueDate: '2027-07-30', payDate: '2027-08-29', amount: 103_000_000, linked: 30_900_000 }),
    ]);
    const arrears = outlookLines(base, opts, { dimension: 'project', key: 'proj-1', year: 1, measure: 'arrears' });
    expect(arrears.map((l) => [l.dueDate, l.payDate, l.amount])).toEqual([['2026-12-20', '2027-01-19', 1_000_000]]);
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
  });
});
