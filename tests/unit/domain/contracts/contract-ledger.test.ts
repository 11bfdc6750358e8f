// The ledger packing round-trips exactly, whatever the ids and sizes of the numbers; rows the screen
// holds apart are packed as problems, never as amounts.
import { describe, expect, it } from 'vitest';
import { buildLedger, decodeLedger, decodeLedgerHeader, encodeLedger, failedLedger, LedgerFormatError, LedgerSet } from '../../../../renderer/src/domain/contracts/contract-ledger';
import { MAX_AMOUNT } from '../../../../renderer/src/domain/contracts/payment-rules';

const contract = {
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  projectId: 'p-项目-1',
  type: 'ppp' as const,
  pppPaymentMechanism: 'viability-gap' as const,
  signedOn: '1969-12-30',
  operationStart: '2024-01-01',
  operationEnd: '',
  indexationBp: -150,
  interestPolicy: 'contract-rate' as const,
  contractRatePpmPerDay: 300,
  value: { amount: 9_007_199_254_740_99, currency: 'EUR' },
  parties: [
    { orgId: 'a1a2a3a4-0000-4000-8000-00000000000a', role: 'operator', isSme: true },
    { orgId: 'dept-1', role: 'government', isSme: true },
  ],
};

const o = (id: string, dueDate: string, amount: number, extra: Record<string, unknown> = {}) => ({
  id,
  contractId: contract.id,
  projectId: 'p-项目-1',
  payeeId: 'a1a2a3a4-0000-4000-8000-00000000000a',
  payerDepartmentId: '',
  kind: 'om-fee' as const,
  triggerDate: dueDate,
  dueDate,
  amount: { amount, currency: 'CNY' },
  performanceLinkedAmount: 0,
  disputedAmount: 0,
  ...extra,
});

describe('contract ledger packing', () => {
  it('round-trips obligations, payments, groups, SME parties and warnings', () => {
    const ledger = buildLedger({
      contract,
      warnings: [{ code: 'sme-rate-below-lpr', severity: 'serious' }],
      obligations: [
        o('o2', '2031-07-30', MAX_AMOUNT, { payeeId: 'other', amount: { amount: MAX_AMOUNT, currency: 'EUR' } }),
        o('o1', '1969-12-31', 0, { disputedAmount: 7, kind: 'milestone', triggerDate: '1969-11-30', performanceLinkedAmount: 3 }),
        o('o3', '2024-02-29', 1_000_000_00, { deleted: 1 }),
      ],
      payments: [
        { obligationId: 'o2', paidOn: '2031-07-29', amount: { amount: 1, currency: 'EUR' } },
        { obligationId: 'o1', paidOn: '2030-01-01', amount: { amount: 2_147_483_648, currency: 'CNY' } },
        { obligationId: 'o3', paidOn: '2024-03-01', amount: { amount: 5, currency: 'CNY' } },
        { obligationId: 'o1', paidOn: '1970-01-01', amount: { amount: 1, currency: 'CNY' }, deleted: 1 },
      ],
      deductions: new Map([['o2', 5]]),
    });
    // Live obligations by due date; the tombstoned one and payments to it or tombstoned are gone.
    // 2031-07-30 is UTC day 22,490; 1969-12-31 is day −1.
    expect(ledger.oDueDay).toEqual([-1, 22_490]);
    expect(ledger.oAmount).toEqual([0, MAX_AMOUNT - 5]);
    expect([ledger.heldApart, ledger.problems]).toEqual([0, []]);
    expect(ledger.groups.map((g) => [g.payeeId, g.currency])).toEqual([['a1a2a3a4-0000-4000-8000-00000000000a', 'CNY'], ['other', 'EUR']]);
    expect(ledger.pObligation).toEqual([0, 1]);
    // What the fiscal outlook reads: kinds, trigger leads, linked amounts, deductions, dates.
    expect(ledger.oKind).toEqual(['milestone', 'om-fee']);
    expect(ledger.oTriggerLead).toEqual([31, 0]);
    expect(ledger.oLinked).toEqual([3, 0]);
    expect(ledger.oDeducted).toEqual([0, 5]);
    expect([ledger.signedDay, ledger.operationStartDay, ledger.operationEndDay, ledger.indexationBp]).toEqual([-2, 19_723, null, -150]);
    expect([ledger.pppPaymentMechanism, ledger.projectId]).toEqual(['viability-gap', 'p-项目-1']);
    // The government party's SME flag does not count.
    expect(ledger.smeOrgIds).toEqual(['a1a2a3a4-0000-4000-8000-00000000000a']);
    const packed = encodeLedger(ledger);
    expect([...packed].every((ch) => ch.charCodeAt(0) < 256)).toBe(true);
    expect(decodeLedger(contract.id, packed)).toEqual(ledger);
    expect(decodeLedgerHeader(contract.id, packed)).toEqual({ contractId: contract.id, type: 'ppp', interestPolicy: 'contract-rate', warnings: ledger.warnings });
  });

  it('packs a typical yearly O&M contract in a few bytes per record', () => {
    const obligations = Array.from({ length: 12 }, (_, i) => o(`o${i}`, `${2023 + i}-07-30`, 1_000_000_00));
    const payments = obligations.map((x) => ({ obligationId: x.id, paidOn: x.dueDate, amount: { amount: 1_000_000_00, currency: 'CNY' } }));
    const packed = encodeLedger(buildLedger({ contract, warnings: [], obligations, payments }));
    // 24 records and the header (two UUIDs of 16 bytes, the project id as text) well under 320 bytes.
    expect(packed.length).toBeLessThan(320);
  });

  it('holds apart malformed rows and payments in another currency, naming them, and packs the rest', () => {
    const ledger = buildLedger({
      contract,
      warnings: [],
      obligations: [
        o('ok', '2024-06-30', 1_000_000_00, { description: '运维费' }),
        o('huge', '2024-07-30', MAX_AMOUNT + 1, { description: '越界' }),
        o('fraction', '2024-08-30', 10.5),
        o('nodate', '2024-02-30', 100),
        o('nocurrency', '2024-09-30', 100, { amount: { amount: 100, currency: 'yuan' } }),
        o('disputed', '2024-10-30', 100, { disputedAmount: -1 }),
      ],
      payments: [
        { id: 'p-ok', obligationId: 'ok', paidOn: '2024-07-01', amount: { amount: 400_000_00, currency: 'CNY' }, voucherNo: '记-1' },
        { id: 'p-usd', obligationId: 'ok', paidOn: '2024-07-02', amount: { amount: 50_000_00, currency: 'USD' }, voucherNo: '记-2' },
        { id: 'p-frac', obligationId: 'ok', paidOn: '2024-07-03', amount: { amount: 0.5, currency: 'CNY' } },
        // A reversal (negative) is a well-formed stored payment.
        { id: 'p-rev', obligationId: 'ok', paidOn: '2024-07-04', amount: { amount: -100_000_00, currency: 'CNY' } },
        { id: 'p-date', obligationId: 'ok', paidOn: '', amount: { amount: 1, currency: 'CNY' } },
        // A payment of a held-apart obligation goes with it (the obligation's problem names it).
        { id: 'p-huge', obligationId: 'huge', paidOn: '2024-08-01', amount: { amount: 1, currency: 'CNY' } },
      ],
    });
    expect(ledger.oAmount).toEqual([1_000_000_00]);
    expect([ledger.pAmount, ledger.heldApart]).toEqual([[400_000_00, -100_000_00], 8]);
    expect(ledger.problems.map((p) => [p.entity, p.id, p.field, p.code, p.params.value])).toEqual([
      ['obligation', 'huge', 'amount', 'invalid-amount', String(MAX_AMOUNT + 1)],
      ['obligation', 'fraction', 'amount', 'invalid-amount', '10.5'],
      ['obligation', 'nodate', 'dueDate', 'invalid-date', '2024-02-30'],
      ['obligation', 'nocurrency', 'amount', 'invalid-currency', 'yuan'],
      ['obligation', 'disputed', 'disputedAmount', 'invalid-amount', '-1'],
      ['payment', 'p-usd', 'currency', 'currency-mismatch', 'USD'],
      ['payment', 'p-frac', 'amount', 'invalid-amount', '0.5'],
      ['payment', 'p-date', 'paidOn', 'invalid-date', ''],
    ]);
    expect(ledger.problems[5].params).toEqual({ paidOn: '2024-07-02', voucherNo: '记-2', amount: '5000000', currency: 'USD', value: 'USD', expected: 'CNY' });
    expect(ledger.problems[0].params).toMatchObject({ dueDate: '2024-07-30', description: '越界' });
    expect(decodeLedger(contract.id, encodeLedger(ledger))).toEqual(ledger);
  });

  it('a malformed contract keeps its rows computable with neutral values, and says so', () => {
    const ledger = buildLedger({
      contract: { ...contract, type: 'barter' as never, interestPolicy: 'contract-rate', contractRatePpmPerDay: -3, value: { amount: 1e300, currency: 'EUR' } },
      warnings: [],
      obligations: [o('ok', '2024-06-30', 100)],
      payments: [],
    });
    expect([ledger.type, ledger.interestPolicy, ledger.contractRatePpmPerDay, ledger.value, ledger.oAmount]).toEqual(['traditional', 'none', 0, { amount: 0, currency: 'EUR' }, [100]]);
    expect(ledger.problems.map((p) => `${p.entity}.${p.field}:${p.code}`)).toEqual(['contract.type:invalid-field', 'contract.contractRatePpmPerDay:invalid-field', 'contract.value:invalid-amount']);
    expect(decodeLedger(contract.id, encodeLedger(ledger))).toEqual(ledger);
    const failed = failedLedger(contract.id, 'boom');
    expect([failed.heldApart, failed.problems[0].code, failed.oAmount]).toEqual([1, 'ledger-failed', []]);
    expect(decodeLedger(contract.id, encodeLedger(failed))).toEqual(failed);
  });

  it('keeps at most 20 problems per contract and counts the rest', () => {
    const obligations = Array.from({ length: 30 }, (_, i) => o(`bad${i}`, 'not a date', 1));
    const ledger = buildLedger({ contract, warnings: [], obligations, payments: [] });
    expect([ledger.heldApart, ledger.problems.length]).toEqual([30, 20]);
  });

  it('refuses a ledger it cannot read rather than computing from garbage', () => {
    expect(() => decodeLedger('c', '\u0009')).toThrow(LedgerFormatError);
  });

  it('refuses a ledger cut short, wherever it is cut', () => {
    const packed = encodeLedger(
      buildLedger({
        contract,
        warnings: [],
        obligations: [o('o1', '2024-01-31', 2_000_000_000_00, { disputedAmount: 5 }), o('o2', '2024-07-31', 3)],
        payments: [{ obligationId: 'o1', paidOn: '2024-03-01', amount: { amount: 1_000_000_000_00, currency: 'CNY' } }],
      }),
    );
    for (let end = 0; end < packed.length; end++) expect(() => decodeLedger(contract.id, packed.slice(0, end)), `cut at ${end}`).toThrow(LedgerFormatError);
    expect(decodeLedger(contract.id, packed).oAmount).toEqual([2_000_000_000_00, 3]);
  });

  it('contracts with the same one SME party, and with no warnings or problems, share lists that cannot be changed', () => {
    const set = new LedgerSet();
    for (const id of ['c1', 'c2']) set.add(id, encodeLedger(buildLedger({ contract: { ...contract, id }, warnings: [], obligations: [], payments: [] })));
    expect(set.contracts[0].parties).toEqual([{ orgId: 'a1a2a3a4-0000-4000-8000-00000000000a', role: 'operator', isSme: true }]);
    expect(set.contracts[1].parties).toBe(set.contracts[0].parties);
    for (const list of [set.contracts[0].parties, set.warnings[0], set.problems[1]]) {
      expect(Object.isFrozen(list)).toBe(true);
      expect(() => (list as unknown[]).push(1)).toThrow(TypeError);
    }
  });

  it('tells apart ids that share their first bytes', () => {
    // Ids are looked up by their first eight bytes; these two differ only in the last.
    const payees = ['01234567-89ab-4def-8000-000000000001', '01234567-89ab-4def-8000-000000000002'];
    for (const payeeId of [...payees, ...payees]) {
      const packed = encodeLedger(buildLedger({ contract, warnings: [], obligations: [o('o1', '2024-01-31', 100, { payeeId })], payments: [] }));
      expect(decodeLedger(contract.id, packed).groups[0].payeeId).toBe(payeeId);
    }
  });
});
