// The ledger packing round-trips exactly, whatever the ids, signs and sizes of the numbers.
import { describe, expect, it } from 'vitest';
import { buildLedger, decodeLedger, decodeLedgerHeader, encodeLedger, LedgerFormatError } from '../../../../renderer/src/domain/contracts/contract-ledger';

const contract = {
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  type: 'ppp' as const,
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
  dueDate,
  amount: { amount, currency: 'CNY' },
  disputedAmount: 0,
  ...extra,
});

describe('contract ledger packing', () => {
  it('round-trips obligations, payments, groups, SME parties and warnings', () => {
    const ledger = buildLedger({
      contract,
      warnings: [{ code: 'sme-rate-below-lpr', severity: 'serious' }],
      obligations: [
        o('o2', '2031-07-30', 4_503_599_627_370_495, { payeeId: 'other', amount: { amount: 4_503_599_627_370_495, currency: 'EUR' } }),
        o('o1', '1969-12-31', 0, { disputedAmount: 7 }),
        o('o3', '2024-02-29', 1_000_000_00, { deleted: 1 }),
      ],
      payments: [
        { obligationId: 'o2', paidOn: '2031-07-29', amount: { amount: -1 } },
        { obligationId: 'o1', paidOn: '2030-01-01', amount: { amount: 2_147_483_648 } },
        { obligationId: 'o3', paidOn: '2024-03-01', amount: { amount: 5 } },
        { obligationId: 'o1', paidOn: '1970-01-01', amount: { amount: 1 }, deleted: 1 },
      ],
      deductions: new Map([['o2', 5]]),
    });
    // Live obligations by due date; the tombstoned one and payments to it or tombstoned are gone.
    // 2031-07-30 is UTC day 22,490; 1969-12-31 is day −1.
    expect(ledger.oDueDay).toEqual([-1, 22_490]);
    expect(ledger.oAmount).toEqual([0, 4_503_599_627_370_490]);
    expect(ledger.groups.map((g) => [g.payeeId, g.currency])).toEqual([['a1a2a3a4-0000-4000-8000-00000000000a', 'CNY'], ['other', 'EUR']]);
    expect(ledger.pObligation).toEqual([0, 1]);
    // The government party's SME flag does not count.
    expect(ledger.smeOrgIds).toEqual(['a1a2a3a4-0000-4000-8000-00000000000a']);
    const packed = encodeLedger(ledger);
    expect([...packed].every((ch) => ch.charCodeAt(0) < 256)).toBe(true);
    expect(decodeLedger(contract.id, packed)).toEqual(ledger);
    expect(decodeLedgerHeader(contract.id, packed)).toEqual({ contractId: contract.id, type: 'ppp', interestPolicy: 'contract-rate', warnings: ledger.warnings });
  });

  it('packs a typical yearly O&M contract in a few bytes per record', () => {
    const obligations = Array.from({ length: 12 }, (_, i) => o(`o${i}`, `${2023 + i}-07-30`, 1_000_000_00));
    const payments = obligations.map((x) => ({ obligationId: x.id, paidOn: x.dueDate, amount: { amount: 1_000_000_00 } }));
    const packed = encodeLedger(buildLedger({ contract, warnings: [], obligations, payments }));
    // 24 records and the header (two UUIDs of 16 bytes, the project id as text) well under 300 bytes.
    expect(packed.length).toBeLessThan(300);
  });

  it('refuses a ledger it cannot read rather than computing from garbage', () => {
    expect(() => decodeLedger('c', '\u0009')).toThrow(LedgerFormatError);
  });
});
