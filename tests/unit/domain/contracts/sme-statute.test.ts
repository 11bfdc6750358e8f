// What the SME statute would have accrued on a contract that records no late interest: worked by hand.
import { describe, expect, it } from 'vitest';
import { groupPaymentsByObligation, type ArrearsContract, type ArrearsObligation } from '../../../../renderer/src/domain/contracts/arrears';
import { DEFAULT_INTEREST_TABLES } from '../../../../renderer/src/domain/contracts/interest';
import { smeStatuteInterest } from '../../../../renderer/src/domain/contracts/sme-statute';

const contract: ArrearsContract = {
  id: 'c1',
  interestPolicy: 'none',
  contractRatePpmPerDay: 0,
  parties: [
    { orgId: 'gov', role: 'government', isSme: false },
    { orgId: 'sme', role: 'operator', isSme: true },
  ],
};
const o = (id: string, dueDate: string, amount: number, currency = 'CNY'): ArrearsObligation => ({
  id,
  contractId: 'c1',
  projectId: 'p',
  payeeId: 'sme',
  payerDepartmentId: 'gov',
  dueDate,
  amount: { amount, currency },
  disputedAmount: 0,
});

describe('smeStatuteInterest', () => {
  it.each([
    // 1 000 000.00 due 2024-07-30, unpaid on 2024-08-09: 10 days × 0.05% = 100 000 000 × 500 × 10 / 10^6 = 500 000 fen.
    ['unpaid', [o('a', '2024-07-30', 1_000_000_00)], [], '2024-08-09', [{ amount: 5_000_00, currency: 'CNY' }]],
    // 400 000.00 paid on 2024-08-04: 07-31…08-03 (4 days) on 1 000 000.00, 08-04…08-09 (6 days) on 600 000.00
    //   = (100 000 000 × 4 + 60 000 000 × 6) × 500 / 10^6 = 380 000 fen.
    [
      'partly paid late',
      [o('a', '2024-07-30', 1_000_000_00)],
      [{ obligationId: 'a', paidOn: '2024-08-04', amount: { amount: 400_000_00, currency: 'CNY' } }],
      '2024-08-09',
      [{ amount: 3_800_00, currency: 'CNY' }],
    ],
    // Paid on time: nothing would accrue.
    ['paid on time', [o('a', '2024-07-30', 1_000_00)], [{ obligationId: 'a', paidOn: '2024-07-30', amount: { amount: 1_000_00, currency: 'CNY' } }], '2024-08-09', []],
    // Not yet due.
    ['not due', [o('a', '2024-09-30', 1_000_00)], [], '2024-08-09', []],
    // Per currency: 100.00 EUR 10 days late = 10 000 × 500 × 10 / 10^6 = 50 cents.
    ['two currencies', [o('a', '2024-07-30', 1_000_000_00), o('b', '2024-07-30', 100_00, 'EUR')], [], '2024-08-09', [{ amount: 5_000_00, currency: 'CNY' }, { amount: 50, currency: 'EUR' }]],
  ])('%s', (_name, obligations, payments, asOf, expected) => {
    expect(smeStatuteInterest(contract, obligations, groupPaymentsByObligation(payments), DEFAULT_INTEREST_TABLES, asOf)).toEqual(expected);
  });
});
