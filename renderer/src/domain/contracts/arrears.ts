// Arrears as of a date: per obligation, and rolled up per contract, project, payee (counterparty)
// and payer department in one linear pass. The caller groups payments by obligation once
// (groupPaymentsByObligation) and passes contracts by id; nothing here searches a list.
//
// Per obligation, as of `asOf` (payments dated after asOf do not exist yet):
//   paid        = Σ payments in the obligation's currency with paidOn ≤ asOf (may exceed the amount:
//                 overpaid shows the excess); a payment in another currency is never counted
//   outstanding = max(0, amount − paid)
//   disputed    = min(disputedAmount, outstanding): payments settle the undisputed part first
//   overdue     = outstanding − disputed once the due date has passed (dueDate < asOf), else 0
//   daysOverdue = asOf − dueDate while overdue > 0, else 0; bucket from aging.ts
//   interest    = interest.ts over the whole history to asOf, including parts already paid late
// Amounts are never added across currencies: every total is per currency.
import { AGING_BUCKETS, agingBucketIndex, emptyBucketTotals, type AgingBucket } from './aging';
import { settles } from './payable';
import {
  accrueNumerator,
  compensationFor,
  compileInterestPlan,
  isoDayNumber,
  NO_INTEREST_PLAN,
  roundInterest,
  type InterestPlan,
  type InterestPolicyTables,
} from './interest';
import type { Contract, InterestPolicyKind, IsoDate, Money, Payment, PaymentObligation, Uuid } from '../core/types';

/**
 * Late payments of the obligation being computed, in date order. Reused across obligations (the
 * computation is synchronous) so the roll-up allocates nothing per obligation.
 */
const lateDays: number[] = [];
const lateAmounts: number[] = [];

export type ArrearsObligation = Pick<
  PaymentObligation,
  'id' | 'contractId' | 'projectId' | 'payeeId' | 'payerDepartmentId' | 'dueDate' | 'amount' | 'disputedAmount'
> & { deleted?: 0 | 1 };
export type ArrearsPayment = Pick<Payment, 'paidOn' | 'amount'> & { deleted?: 0 | 1 };
export type ArrearsContract = Pick<Contract, 'id' | 'interestPolicy' | 'contractRatePpmPerDay' | 'parties'>;

export interface ObligationArrears {
  obligationId: Uuid;
  contractId: Uuid;
  projectId: Uuid;
  payeeId: Uuid | '';
  payerDepartmentId: Uuid | '';
  /** The payee is flagged SME on this obligation's contract. */
  payeeIsSme: boolean;
  currency: string;
  dueDate: IsoDate;
  amount: number;
  /** dueDate ≤ asOf: the amount is payable. */
  isDue: boolean;
  paid: number;
  overpaid: number;
  outstanding: number;
  disputed: number;
  overdue: number;
  daysOverdue: number;
  bucket: AgingBucket | null;
  interestPolicy: InterestPolicyKind;
  interest: number;
  fixedCompensation: Money | null;
}

/** Totals of one currency in a roll-up. Bucket arrays are aligned with AGING_BUCKETS. */
export interface CurrencyArrears {
  currency: string;
  count: number;
  amount: number;
  /** Amounts of obligations due on or before asOf. */
  dueAmount: number;
  paid: number;
  overpaid: number;
  outstanding: number;
  disputed: number;
  overdue: number;
  interest: number;
  overdueCount: number;
  maxDaysOverdue: number;
  /** Overdue amount per aging bucket. */
  bucketAmounts: number[];
  /** Overdue obligations per aging bucket. */
  bucketCounts: number[];
}

export interface ArrearsRollup {
  key: string;
  /** For payee roll-ups: the payee is an SME on at least one of its contracts. */
  isSme: boolean;
  count: number;
  overdueCount: number;
  maxDaysOverdue: number;
  /** One entry per currency, in order of first appearance (an array: usually one entry, no hashing). */
  currencies: CurrencyArrears[];
  /** Fixed compensation (EU) owed, one entry per its currency, apart from interest. */
  fixedCompensation: Money[];
}

export type ArrearsRowsOption = 'all' | 'overdue' | 'none';

export interface ArrearsOptions {
  /** Which per-obligation rows to keep in the report; roll-ups always cover every obligation. Default 'all'. */
  rows?: ArrearsRowsOption;
}

export interface ArrearsReport {
  asOf: IsoDate;
  rows: ObligationArrears[];
  total: ArrearsRollup;
  byContract: Map<Uuid, ArrearsRollup>;
  byProject: Map<Uuid, ArrearsRollup>;
  /** Key '' collects obligations with no payee recorded. */
  byPayee: Map<string, ArrearsRollup>;
  byDepartment: Map<string, ArrearsRollup>;
  /** Obligations whose contract was not supplied: computed with no interest. */
  missingContracts: number;
}

/** Payments grouped by obligation id in one pass, tombstones dropped. */
export function groupPaymentsByObligation<P extends { obligationId: Uuid; deleted?: 0 | 1 }>(
  payments: Iterable<P>,
): Map<Uuid, P[]> {
  const out = new Map<Uuid, P[]>();
  for (const p of payments) {
    if (p.deleted) continue;
    const list = out.get(p.obligationId);
    if (list) list.push(p);
    else out.set(p.obligationId, [p]);
  }
  return out;
}

/**
 * Compiles interest plans once per policy (once per rate for contract-rate) instead of once per
 * obligation: the EU/UK plans walk their rate tables.
 */
export class InterestPlanCache {
  private readonly plans = new Map<string, InterestPlan>();
  constructor(private readonly tables: InterestPolicyTables) {}

  planFor(contract: ArrearsContract | undefined): InterestPlan {
    if (!contract) return NO_INTEREST_PLAN;
    const key = contract.interestPolicy === 'contract-rate' ? `contract-rate:${contract.contractRatePpmPerDay}` : contract.interestPolicy;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compileInterestPlan(contract, this.tables);
      this.plans.set(key, plan);
    }
    return plan;
  }
}

/**
 * One obligation's arrears as of `asOf`. `asOfDay` is isoDayNumber(asOf), passed in so a roll-up
 * parses it once.
 */
export function obligationArrears(
  o: ArrearsObligation,
  payments: readonly ArrearsPayment[] | undefined,
  contract: ArrearsContract | undefined,
  plan: InterestPlan,
  asOf: IsoDate,
  asOfDay: number = isoDayNumber(asOf),
): ObligationArrears {
  return fillObligationArrears(blankRow(), o, payments, contract, payeeIsSmeOn(contract, o.payeeId), plan, asOf, asOfDay);
}

/** The payee is flagged SME among the contract's parties. */
function payeeIsSmeOn(contract: ArrearsContract | undefined, payeeId: string): boolean {
  if (!contract || !payeeId) return false;
  for (const party of contract.parties) if (party.orgId === payeeId && party.isSme) return true;
  return false;
}

function blankRow(): ObligationArrears {
  return {
    obligationId: '',
    contractId: '',
    projectId: '',
    payeeId: '',
    payerDepartmentId: '',
    payeeIsSme: false,
    currency: '',
    dueDate: '',
    amount: 0,
    isDue: false,
    paid: 0,
    overpaid: 0,
    outstanding: 0,
    disputed: 0,
    overdue: 0,
    daysOverdue: 0,
    bucket: null,
    interestPolicy: 'none',
    interest: 0,
    fixedCompensation: null,
  };
}

/** Writes into `row` so a roll-up that keeps no rows allocates nothing per obligation. */
function fillObligationArrears(
  row: ObligationArrears,
  o: ArrearsObligation,
  payments: readonly ArrearsPayment[] | undefined,
  contract: ArrearsContract | undefined,
  payeeIsSme: boolean,
  plan: InterestPlan,
  asOf: IsoDate,
  asOfDay: number,
): ObligationArrears {
  const amount = o.amount.amount;
  const due = o.dueDate;
  const pastDue = due < asOf;
  let paid = 0;
  let paidOnTime = 0;
  let lateCount = 0;
  if (payments) {
    for (const p of payments) {
      if (p.paidOn > asOf || !settles(o, p)) continue;
      const a = p.amount.amount;
      paid += a;
      if (p.paidOn <= due) paidOnTime += a;
      else lateCount = addLate(lateCount, isoDayNumber(p.paidOn), a);
    }
  }
  // The due day is only read once the obligation is past due (days overdue, interest).
  const s = settle(amount, o.disputedAmount, pastDue, pastDue ? isoDayNumber(due) : 0, asOfDay, paid, paidOnTime, lateCount, plan);
  const { outstanding, disputed, overdue } = s;
  const daysOverdue = overdue > 0 ? asOfDay - s.dueDay : 0;
  const bucketIdx = agingBucketIndex(daysOverdue);
  const interest = s.interest;
  const fixedCompensation = s.accrued ? compensationFor(plan.fixedCompensation, { amount, currency: o.amount.currency }) : null;

  row.obligationId = o.id;
  row.contractId = o.contractId;
  row.projectId = o.projectId;
  row.payeeId = o.payeeId;
  row.payerDepartmentId = o.payerDepartmentId;
  row.payeeIsSme = payeeIsSme;
  row.currency = o.amount.currency;
  row.dueDate = due;
  row.amount = amount;
  row.isDue = due <= asOf;
  row.paid = paid;
  row.overpaid = paid > amount ? paid - amount : 0;
  row.outstanding = outstanding;
  row.disputed = disputed;
  row.overdue = overdue;
  row.daysOverdue = daysOverdue;
  row.bucket = bucketIdx < 0 ? null : AGING_BUCKETS[bucketIdx];
  row.interestPolicy = contract ? contract.interestPolicy : 'none';
  row.interest = interest;
  row.fixedCompensation = fixedCompensation;
  return row;
}

/** Files a late payment among the obligation's late payments, in date order; returns their new count. */
function addLate(count: number, day: number, amount: number): number {
  // Lists are short (and a ledger's come sorted), so insertion keeps it linear in practice.
  let i = count;
  while (i > 0 && lateDays[i - 1] > day) {
    lateDays[i] = lateDays[i - 1];
    lateAmounts[i] = lateAmounts[i - 1];
    i--;
  }
  lateDays[i] = day;
  lateAmounts[i] = amount;
  return count + 1;
}

/** What one obligation comes to as of the date, once its payments are counted (see the header). */
export interface SettledObligation {
  outstanding: number;
  disputed: number;
  overdue: number;
  /** Its UTC due day (0 when it is not past due: then nothing reads it). */
  dueDay: number;
  interest: number;
  /** Interest accrued on some base (the fixed compensation is owed then, even if it rounds to 0). */
  accrued: boolean;
}

/** One object, overwritten by every settle: the computation is synchronous and its callers copy the figures. */
const settled: SettledObligation = { outstanding: 0, disputed: 0, overdue: 0, dueDay: 0, interest: 0, accrued: false };

/**
 * The figures of one obligation from its payments as counted (paid up to the as-of date,
 * `paidOnTime` of it by the due date, the late ones in lateDays / lateAmounts).
 */
function settle(
  amount: number,
  disputedAmount: number,
  pastDue: boolean,
  dueDay: number,
  asOfDay: number,
  paid: number,
  paidOnTime: number,
  lateCount: number,
  plan: InterestPlan,
): SettledObligation {
  const inDispute = disputedAmount > 0 ? disputedAmount : 0;
  const outstanding = amount > paid ? amount - paid : 0;
  const disputed = inDispute < outstanding ? inDispute : outstanding;
  const overdue = pastDue ? outstanding - disputed : 0;
  let interest = 0;
  let accrued = false;
  if (pastDue && plan.stepRate.length > 0 && (overdue > 0 || lateCount > 0)) {
    const numerator = accrueNumerator(plan, dueDay, asOfDay, amount - inDispute - paidOnTime, lateDays, lateAmounts, lateCount);
    if (numerator !== 0 && numerator !== 0n) {
      interest = roundInterest(numerator, plan.denominator);
      accrued = true;
    }
  }
  settled.outstanding = outstanding;
  settled.disputed = disputed;
  settled.overdue = overdue;
  settled.dueDay = dueDay;
  settled.interest = interest;
  settled.accrued = accrued;
  return settled;
}

/**
 * One obligation's figures as of `asOfDay` from UTC day numbers, as a contract ledger holds them
 * (contract-ledger.ts): the same rules as obligationArrears without a date string or an object per
 * obligation or payment. Its payments are payDays / payAmounts [from, to), all in its currency (a
 * ledger holds no other). The result is overwritten by the next call: read it at once.
 */
export function settleOnDays(
  amount: number,
  disputedAmount: number,
  dueDay: number,
  asOfDay: number,
  payDays: ArrayLike<number>,
  payAmounts: ArrayLike<number>,
  from: number,
  to: number,
  plan: InterestPlan,
): Readonly<SettledObligation> {
  let paid = 0;
  let paidOnTime = 0;
  let lateCount = 0;
  for (let j = from; j < to; j++) {
    const day = payDays[j];
    if (day > asOfDay) continue;
    const a = payAmounts[j];
    paid += a;
    if (day <= dueDay) paidOnTime += a;
    else lateCount = addLate(lateCount, day, a);
  }
  const pastDue = dueDay < asOfDay;
  return settle(amount, disputedAmount, pastDue, pastDue ? dueDay : 0, asOfDay, paid, paidOnTime, lateCount, plan);
}

/**
 * Obligations that share contract, project, payee, department and currency. The pass adds each
 * obligation to its group only (one object touched instead of five roll-ups); the roll-ups are
 * merged from the groups afterwards, O(groups).
 */
interface Group {
  currency: string;
  projectId: Uuid;
  payeeId: string;
  deptId: string;
  payeeIsSme: boolean;
  totals: CurrencyArrears;
  fixedCompensation: Money[];
}

interface ContractSlot {
  contract: ArrearsContract | undefined;
  plan: InterestPlan;
  groups: Group[];
  last: Group | null;
  /** Built once a contract has many groups, so finding one never turns quadratic. */
  index: Map<string, Group> | null;
}

/** Groups per contract searched linearly before an index is built. */
const GROUP_SCAN_LIMIT = 8;

/**
 * Arrears of every live obligation as of `asOf`, with roll-ups per contract, project, payee and
 * payer department and a portfolio total. One pass, O(obligations + payments).
 */
export function computeArrears(
  obligations: Iterable<ArrearsObligation>,
  paymentsByObligation: ReadonlyMap<Uuid, readonly ArrearsPayment[]>,
  contractsById: ReadonlyMap<Uuid, ArrearsContract>,
  tables: InterestPolicyTables,
  asOf: IsoDate,
  options: ArrearsOptions = {},
): ArrearsReport {
  const keep = options.rows ?? 'all';
  const asOfDay = isoDayNumber(asOf);
  const plans = new InterestPlanCache(tables);
  const report: ArrearsReport = {
    asOf,
    rows: [],
    total: emptyRollup(''),
    byContract: new Map(),
    byProject: new Map(),
    byPayee: new Map(),
    byDepartment: new Map(),
    missingContracts: 0,
  };
  const slots = new Map<Uuid, ContractSlot>();
  const scratch = blankRow();
  for (const o of obligations) {
    if (o.deleted) continue;
    let slot = slots.get(o.contractId);
    if (!slot) {
      const contract = contractsById.get(o.contractId);
      slot = { contract, plan: plans.planFor(contract), groups: [], last: null, index: null };
      slots.set(o.contractId, slot);
    }
    if (!slot.contract) report.missingContracts++;
    let g = slot.last;
    if (
      g === null ||
      g.projectId !== o.projectId ||
      g.payeeId !== o.payeeId ||
      g.deptId !== o.payerDepartmentId ||
      g.currency !== o.amount.currency
    ) {
      g = groupFor(slot, o);
      slot.last = g;
    }
    const row = fillObligationArrears(
      keep === 'all' ? blankRow() : scratch,
      o,
      paymentsByObligation.get(o.id),
      slot.contract,
      g.payeeIsSme,
      slot.plan,
      asOf,
      asOfDay,
    );
    if (keep === 'all') report.rows.push(row);
    else if (keep === 'overdue' && row.overdue > 0) report.rows.push({ ...row });
    addToCurrency(g.totals, row);
    if (row.fixedCompensation) addMoneyTo(g.fixedCompensation, row.fixedCompensation);
  }
  for (const [contractId, slot] of slots) {
    for (const g of slot.groups) {
      mergeGroup(report.total, g);
      mergeGroup(rollupIn(report.byContract, contractId), g);
      mergeGroup(rollupIn(report.byProject, g.projectId), g);
      mergeGroup(rollupIn(report.byPayee, g.payeeId), g);
      mergeGroup(rollupIn(report.byDepartment, g.deptId), g);
    }
  }
  return report;
}

function groupKey(projectId: string, payeeId: string, deptId: string, currency: string): string {
  return `${projectId}\u0000${payeeId}\u0000${deptId}\u0000${currency}`;
}

function groupFor(slot: ContractSlot, o: ArrearsObligation): Group {
  const key = slot.index ? groupKey(o.projectId, o.payeeId, o.payerDepartmentId, o.amount.currency) : '';
  if (slot.index) {
    const found = slot.index.get(key);
    if (found) return found;
  } else {
    for (const g of slot.groups) {
      if (g.projectId === o.projectId && g.payeeId === o.payeeId && g.deptId === o.payerDepartmentId && g.currency === o.amount.currency) {
        return g;
      }
    }
  }
  const g: Group = {
    currency: o.amount.currency,
    projectId: o.projectId,
    payeeId: o.payeeId,
    deptId: o.payerDepartmentId,
    payeeIsSme: payeeIsSmeOn(slot.contract, o.payeeId),
    totals: emptyCurrency(o.amount.currency),
    fixedCompensation: [],
  };
  slot.groups.push(g);
  if (slot.index) {
    slot.index.set(key, g);
  } else if (slot.groups.length > GROUP_SCAN_LIMIT) {
    slot.index = new Map(slot.groups.map((x) => [groupKey(x.projectId, x.payeeId, x.deptId, x.currency), x]));
  }
  return g;
}

/** Roll-up of any set of rows (e.g. a statement of arrears for one counterparty). */
export function rollUpRows(key: string, rows: Iterable<ObligationArrears>): ArrearsRollup {
  const r = emptyRollup(key);
  for (const row of rows) {
    let c = findCurrency(r, row.currency);
    if (!c) {
      c = emptyCurrency(row.currency);
      r.currencies.push(c);
    }
    addToCurrency(c, row);
    r.count++;
    if (row.overdue > 0) r.overdueCount++;
    if (row.daysOverdue > r.maxDaysOverdue) r.maxDaysOverdue = row.daysOverdue;
    if (row.payeeIsSme) r.isSme = true;
    if (row.fixedCompensation) addMoneyTo(r.fixedCompensation, row.fixedCompensation);
  }
  return r;
}

/** The roll-up's totals in one currency, zeros when it has none. */
export function currencyTotals(rollup: ArrearsRollup, currency: string): CurrencyArrears {
  return findCurrency(rollup, currency) ?? emptyCurrency(currency);
}

/**
 * Who is owed, SMEs first (they have statutory payment protection), then by overdue amount in
 * `currency`, then by the oldest debt, then by key so equal rows keep a stable order.
 */
export function smeFirst(rollups: Iterable<ArrearsRollup>, currency: string = 'CNY'): ArrearsRollup[] {
  const overdueOf = (r: ArrearsRollup) => findCurrency(r, currency)?.overdue ?? 0;
  return [...rollups].sort(
    (a, b) =>
      Number(b.isSme) - Number(a.isSme) ||
      overdueOf(b) - overdueOf(a) ||
      b.maxDaysOverdue - a.maxDaysOverdue ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

function emptyRollup(key: string): ArrearsRollup {
  return { key, isSme: false, count: 0, overdueCount: 0, maxDaysOverdue: 0, currencies: [], fixedCompensation: [] };
}

function emptyCurrency(currency: string): CurrencyArrears {
  return {
    currency,
    count: 0,
    amount: 0,
    dueAmount: 0,
    paid: 0,
    overpaid: 0,
    outstanding: 0,
    disputed: 0,
    overdue: 0,
    interest: 0,
    overdueCount: 0,
    maxDaysOverdue: 0,
    bucketAmounts: emptyBucketTotals(),
    bucketCounts: emptyBucketTotals(),
  };
}

function findCurrency(r: ArrearsRollup, currency: string): CurrencyArrears | undefined {
  const list = r.currencies;
  for (let i = 0; i < list.length; i++) if (list[i].currency === currency) return list[i];
  return undefined;
}

function rollupIn(map: Map<string, ArrearsRollup>, key: string): ArrearsRollup {
  let r = map.get(key);
  if (!r) {
    r = emptyRollup(key);
    map.set(key, r);
  }
  return r;
}

function addMoneyTo(list: Money[], m: Money): void {
  const sum = list.find((x) => x.currency === m.currency);
  if (sum) sum.amount += m.amount;
  else list.push({ amount: m.amount, currency: m.currency });
}

function addToCurrency(c: CurrencyArrears, row: ObligationArrears): void {
  c.count++;
  c.amount += row.amount;
  if (row.isDue) c.dueAmount += row.amount;
  c.paid += row.paid;
  c.overpaid += row.overpaid;
  c.outstanding += row.outstanding;
  c.disputed += row.disputed;
  c.interest += row.interest;
  if (row.overdue > 0) {
    const b = agingBucketIndex(row.daysOverdue);
    c.overdueCount++;
    c.overdue += row.overdue;
    c.bucketAmounts[b] += row.overdue;
    c.bucketCounts[b]++;
    if (row.daysOverdue > c.maxDaysOverdue) c.maxDaysOverdue = row.daysOverdue;
  }
}

function mergeGroup(r: ArrearsRollup, g: Group): void {
  const t = g.totals;
  let c = findCurrency(r, t.currency);
  if (!c) {
    c = emptyCurrency(t.currency);
    r.currencies.push(c);
  }
  c.count += t.count;
  c.amount += t.amount;
  c.dueAmount += t.dueAmount;
  c.paid += t.paid;
  c.overpaid += t.overpaid;
  c.outstanding += t.outstanding;
  c.disputed += t.disputed;
  c.interest += t.interest;
  c.overdueCount += t.overdueCount;
  c.overdue += t.overdue;
  for (let b = 0; b < t.bucketAmounts.length; b++) {
    c.bucketAmounts[b] += t.bucketAmounts[b];
    c.bucketCounts[b] += t.bucketCounts[b];
  }
  if (t.maxDaysOverdue > c.maxDaysOverdue) c.maxDaysOverdue = t.maxDaysOverdue;
  r.count += t.count;
  r.overdueCount += t.overdueCount;
  if (t.maxDaysOverdue > r.maxDaysOverdue) r.maxDaysOverdue = t.maxDaysOverdue;
  if (g.payeeIsSme) r.isSme = true;
  for (const m of g.fixedCompensation) addMoneyTo(r.fixedCompensation, m);
}
