// What the SME statute (保障中小企业款项支付条例: 0.05% a day where the contract agreed no rate)
// would have accrued on a contract that records no late interest, so the warning on such a contract
// can say what "no interest" is costing the SME, in money, as of a day.
import { computeArrears, type ArrearsContract, type ArrearsObligation, type ArrearsPayment } from './arrears';
import type { InterestPolicyTables } from './interest';
import type { IsoDate, Money, Uuid } from '../core/types';

/**
 * Late interest under the 'cn-sme' policy on these obligations (payable amounts, counted payments)
 * as of `asOf`, one entry per currency with interest; [] when none would accrue.
 */
export function smeStatuteInterest(
  contract: ArrearsContract,
  obligations: Iterable<ArrearsObligation>,
  payments: ReadonlyMap<Uuid, readonly ArrearsPayment[]>,
  tables: InterestPolicyTables,
  asOf: IsoDate,
): Money[] {
  const statute: ArrearsContract = { ...contract, interestPolicy: 'cn-sme', contractRatePpmPerDay: 0 };
  const r = computeArrears(obligations, payments, new Map([[contract.id, statute]]), tables, asOf, { rows: 'none' });
  return r.total.currencies.filter((c) => c.interest > 0).map((c) => ({ amount: c.interest, currency: c.currency }));
}
