// Deterministic synthetic contracts, yearly O&M schedules and payments for benchmarks (tens of
// thousands of contracts), stored in chunks, their ledger pages written once at the end. Like synthetic.ts, bulk test data
// skips the change log.
import { buildLedger, encodeLedger } from '../../domain/contracts/contract-ledger';
import { contractWarnings } from '../../domain/contracts/contract-rules';
import { addDays, addMonths, addYears } from '../../domain/core/dates';
import { makeRng, type Rng } from '../../domain/core/random';
import { CONTRACT_TYPES, type Contract, type InterestPolicyKind, type Organisation, type Payment, type PaymentObligation, type Project } from '../../domain/core/types';
import { LEDGER_TX_TABLES, putLedgerEntries } from '../ledger';
import { buildRecord, type NewRecord, type Writer } from '../repo';

export interface SyntheticContractsResult {
  /** Packed ledgers of the contracts stored, when the caller writes the pages (`writeLedgers: false`). */
  ledgers: Map<string, string>;
  contracts: number;
  obligations: number;
  payments: number;
  /** Characters (= bytes) of packed ledger data stored. */
  ledgerBytes: number;
}

const POLICIES: InterestPolicyKind[] = ['cn-sme', 'cn-sme', 'cn-sme', 'cn-sme', 'cn-sme', 'cn-sme', 'contract-rate', 'contract-rate', 'none', 'eu', 'uk'];

export interface SyntheticContractsOptions {
  seed: number;
  /** Contracts number `from` … `to` − 1 (a large portfolio is stored in several calls). */
  from: number;
  to: number;
  projects: readonly Pick<Project, 'id' | 'departmentId'>[];
  companies: readonly Pick<Organisation, 'id' | 'isSme'>[];
  chunk?: number;
  /** Default true; false leaves the packed ledgers in the result for the caller to write at the end. */
  writeLedgers?: boolean;
  /** O&M fees a year: 1 (default) or 2 (half-yearly, half the fee: twice the obligations and payments). */
  feesPerYear?: 1 | 2;
}

/** One synthetic contract with its O&M obligations and their payments (draws from `rng`). */
function syntheticContract(
  w: Pick<Writer, 'by' | 'now'>,
  rng: Rng,
  i: number,
  at: string,
  opts: Pick<SyntheticContractsOptions, 'projects' | 'companies' | 'feesPerYear'>,
): SyntheticContract {
  const perYear = opts.feesPerYear ?? 1;
  const project = opts.projects[i % opts.projects.length];
  const payee = rng.pick(opts.companies);
  const policy = rng.pick(POLICIES);
  const opStart = addDays('2014-01-01', rng.int(0, 3650));
  const years = 12 + (i % 2);
  const unscheduledYears = i % 4 === 0 ? 8 : 0;
  const fee = rng.int(20, 2000) * 10_000_00;
  const draft: NewRecord<Contract> = {
    id: rng.uuid(),
    projectId: project.id,
    code: `SYC-${String(i + 1).padStart(6, '0')}`,
    title: `运维服务合同 ${i + 1}`,
    type: rng.pick(CONTRACT_TYPES),
    pppModel: '',
    pppPaymentMechanism: '',
    parties: [
      { orgId: project.departmentId, role: 'government', isSme: false },
      { orgId: payee.id, role: 'operator', isSme: payee.isSme },
    ],
    signedOn: addDays(opStart, -rng.int(30, 400)),
    constructionStart: '',
    constructionEnd: '',
    operationStart: opStart,
    operationEnd: addDays(addYears(opStart, years + unscheduledYears), -1),
    value: { amount: fee * years, currency: 'CNY' },
    paymentTermDays: rng.pick([30, 30, 60, 90]),
    paymentTermBasis: 'acceptance',
    performanceLinkedBp: rng.pick([0, 3000, 5000]),
    interestPolicy: policy,
    contractRatePpmPerDay: policy === 'contract-rate' ? rng.pick([150, 300, 500]) : 0,
    indexationBp: i % 5 === 0 ? 300 : null,
    riskAllocation: '',
    benefitSharing: '',
  };
  if (draft.type === 'ppp' || draft.type === 'franchise') {
    draft.pppModel = 'BOT';
    draft.pppPaymentMechanism = draft.type === 'ppp' ? 'government-pays' : 'user-pays';
  }
  const contract = buildRecord<Contract>(w, draft, at);
  const mine: PaymentObligation[] = [];
  const paid: Payment[] = [];
  for (let k = 0; k < years * perYear; k++) {
    const trigger = addDays(addMonths(opStart, ((k + 1) * 12) / perYear), -1);
    const o = buildRecord<PaymentObligation>(
      w,
      {
        id: rng.uuid(),
        contractId: contract.id,
        projectId: project.id,
        payeeId: payee.id,
        payerDepartmentId: project.departmentId,
        kind: 'om-fee',
        description: perYear === 1 ? `运维费 第 ${k + 1} 年` : `运维费 第 ${k + 1} 期`,
        triggerDate: trigger,
        dueDate: addDays(trigger, contract.paymentTermDays),
        amount: { amount: fee / perYear, currency: 'CNY' },
        performanceLinkedAmount: 0,
        disputedAmount: k % 17 === 5 ? fee / perYear / 5 : 0,
      },
      at,
    );
    mine.push(o);
    // One payment per obligation on average: none (k ≡ 3), two (k ≡ 7: part, then the rest), else one.
    const r = k % 10;
    const pay = (paidOn: string, amount: number) =>
      paid.push(buildRecord<Payment>(w, { id: rng.uuid(), obligationId: o.id, contractId: contract.id, paidOn, amount: { amount, currency: 'CNY' }, voucherNo: `PZ-${i}-${k}`, note: '' }, at));
    if (r === 3) continue;
    if (r === 7) {
      pay(addDays(o.dueDate, rng.int(-10, 60)), Math.floor(o.amount.amount / 2));
      pay(addDays(o.dueDate, rng.int(60, 900)), o.amount.amount - Math.floor(o.amount.amount / 2));
    } else {
      pay(addDays(o.dueDate, rng.chance(0.5) ? rng.int(-20, 0) : rng.int(1, 900)), o.amount.amount);
    }
  }
  return { contract, obligations: mine, payments: paid };
}

export interface SyntheticContract {
  contract: Contract;
  obligations: PaymentObligation[];
  payments: Payment[];
}

/**
 * The contracts numbered `from` … `to` − 1 in chunks, without storing them. Each chunk of contracts
 * draws from its own seeded stream, so a range made in several calls is the same as one call (and
 * the same as storeSyntheticContracts stores): the sync bench pushes exactly these rows.
 */
export function* syntheticContractChunks(
  w: Pick<Writer, 'by' | 'now'>,
  opts: Omit<SyntheticContractsOptions, 'writeLedgers'>,
): Generator<SyntheticContract[]> {
  const chunk = opts.chunk ?? 500;
  const at = (w.now ? w.now() : new Date()).toISOString();
  for (let start = opts.from; start < opts.to; start += chunk) {
    const rng = makeRng(opts.seed * 1009 + start);
    const out: SyntheticContract[] = [];
    for (let i = start; i < Math.min(opts.to, start + chunk); i++) out.push(syntheticContract(w, rng, i, at, opts));
    yield out;
  }
}

/**
 * Contracts spread over the projects, each with 12 or 13 yearly O&M obligations (12.5 on average)
 * and as many payments: on time, late by up to 2½ years, partial then settled, or none. So 20,000
 * contracts make 250,000 obligations and 250,000 payments (half-yearly fees: 500,000 and 500,000).
 * Every fourth contract operates 8 years past its last scheduled fee (what the fiscal outlook
 * projects), every fifth states a 3% yearly indexation.
 */
export async function storeSyntheticContracts(w: Writer, opts: SyntheticContractsOptions, onProgress?: (done: number, total: number) => void): Promise<SyntheticContractsResult> {
  const ledgers = new Map<string, string>();
  const result: SyntheticContractsResult = { ledgers, contracts: 0, obligations: 0, payments: 0, ledgerBytes: 0 };
  for (const made of syntheticContractChunks(w, opts)) {
    const contracts: Contract[] = [];
    const obligations: PaymentObligation[] = [];
    const payments: Payment[] = [];
    for (const { contract, obligations: mine, payments: paid } of made) {
      contracts.push(contract);
      obligations.push(...mine);
      payments.push(...paid);
      const d = encodeLedger(buildLedger({ contract, warnings: contractWarnings(contract), obligations: mine, payments: paid }));
      ledgers.set(contract.id, d);
      result.ledgerBytes += d.length;
    }
    // Naming the ledger tables says this writer keeps the ledgers itself: its pages are written at the end.
    await w.db.transaction('rw', [...LEDGER_TX_TABLES], async () => {
      await w.db.contracts.bulkAdd(contracts);
      await w.db.obligations.bulkAdd(obligations);
      await w.db.payments.bulkAdd(payments);
    });
    result.contracts += contracts.length;
    result.obligations += obligations.length;
    result.payments += payments.length;
    onProgress?.(result.contracts, opts.to - opts.from);
  }
  if (opts.writeLedgers ?? true) await putLedgerEntries(w.db, ledgers);
  return result;
}
