// Which stored rows of a contract the arrears may count. A row that breaks the rules it was entered
// under (an amount out of range or not in whole minor units, a malformed date or currency, an id
// that is not text) or a payment in another currency than its obligation is HELD APART: left out of
// every figure and reported as a problem naming the contract and the row, so one bad row never
// stops the rest of the portfolio from being computed. The workbench keeps no exchange rates: a
// payment settles only an obligation in its own currency.
//
// The same screen runs wherever stored rows are counted: the per-contract ledgers (the portfolio
// roll-up, the dashboard) and the raw-row views of one contract or one counterparty.
import { isIsoDate } from '../core/dates';
import type { Problem, ProblemParams } from '../core/problems';
import { CONTRACT_TYPES, INTEREST_POLICY_KINDS, type ContractType, type InterestPolicyKind, type Money, type Uuid } from '../core/types';
import { CONTRACT_LIMITS } from './contract-draft';
import { isAmount, isCurrencyCode, MAX_AMOUNT } from './payment-rules';

export const ROW_PROBLEM_CODES = ['invalid-amount', 'invalid-date', 'invalid-currency', 'invalid-field', 'currency-mismatch', 'ledger-failed'] as const;
export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

/** A row held apart: a problem (domain/core/problems) that also names its contract and row. */
export interface RowProblem extends Problem<RowProblemCode> {
  contractId: Uuid;
  entity: 'contract' | 'obligation' | 'payment';
  /** The row's id ('' when it has none usable). */
  id: string;
  field: string;
  /** What names the row (dueDate, description, paidOn, voucherNo, amount, currency) and the bad value. */
  params: ProblemParams;
}

/** Problems kept per contract; past this only their number is kept (a hostile import cannot bloat a ledger). */
export const MAX_ROW_PROBLEMS = 20;

export interface ScreenObligation {
  id: Uuid;
  projectId: Uuid;
  payeeId: Uuid | '';
  payerDepartmentId: Uuid | '';
  dueDate: string;
  amount: Money;
  disputedAmount: number;
  description?: string;
  deleted?: 0 | 1;
}
export interface ScreenPayment {
  id?: Uuid;
  obligationId: Uuid;
  paidOn: string;
  amount: Money;
  voucherNo?: string;
  deleted?: 0 | 1;
}

export interface ScreenedRows<O, P> {
  /** Live obligations whose every field the arrears read is well formed. */
  obligations: O[];
  /** Live, well-formed payments of those obligations, in their currency. */
  payments: P[];
  /** At most MAX_ROW_PROBLEMS of the rows held apart. */
  problems: RowProblem[];
  /** How many rows were held apart. */
  heldApart: number;
}

/** A stored value as short text for a message (the value itself may be what is wrong). */
function shown(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 60);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === undefined || v === null ? '' : typeof v;
}

function obligationNames(o: ScreenObligation): Record<string, string | number> {
  return { dueDate: shown(o.dueDate), description: shown(o.description ?? '') };
}

function paymentNames(p: ScreenPayment): Record<string, string | number> {
  const amount = p.amount && typeof p.amount === 'object' ? p.amount : ({} as Partial<Money>);
  return { paidOn: shown(p.paidOn), voucherNo: shown(p.voucherNo ?? ''), amount: shown(amount.amount), currency: shown(amount.currency) };
}

/** The first thing wrong with a stored obligation, as [field, code, value]; null when it may be counted. */
function obligationFault(o: ScreenObligation, deduction: number): [string, RowProblemCode, unknown] | null {
  for (const f of ['projectId', 'payeeId', 'payerDepartmentId'] as const) if (typeof o[f] !== 'string') return [f, 'invalid-field', o[f]];
  if (!isIsoDate(o.dueDate)) return ['dueDate', 'invalid-date', o.dueDate];
  if (!o.amount || typeof o.amount !== 'object') return ['amount', 'invalid-amount', o.amount];
  if (!isCurrencyCode(o.amount.currency)) return ['amount', 'invalid-currency', o.amount.currency];
  if (!isAmount(o.amount.amount)) return ['amount', 'invalid-amount', o.amount.amount];
  if (!isAmount(o.disputedAmount)) return ['disputedAmount', 'invalid-amount', o.disputedAmount];
  const payable = o.amount.amount - deduction;
  if (!Number.isSafeInteger(payable) || Math.abs(payable) > MAX_AMOUNT) return ['deductions', 'invalid-amount', deduction];
  return null;
}

function paymentFault(p: ScreenPayment, currency: string): [string, RowProblemCode, unknown] | null {
  if (!isIsoDate(p.paidOn)) return ['paidOn', 'invalid-date', p.paidOn];
  if (!p.amount || typeof p.amount !== 'object') return ['amount', 'invalid-amount', p.amount];
  if (!isCurrencyCode(p.amount.currency)) return ['amount', 'invalid-currency', p.amount.currency];
  // Stored payments may be reversals (negative): what the arrears need is a whole, bounded amount.
  const a = p.amount.amount;
  if (!Number.isSafeInteger(a) || Math.abs(a) > MAX_AMOUNT) return ['amount', 'invalid-amount', a];
  if (p.amount.currency !== currency) return ['currency', 'currency-mismatch', p.amount.currency];
  return null;
}

/**
 * Splits a contract's stored rows into those the arrears may count and those held apart.
 * Tombstones are dropped; payments of obligations that are gone or held apart are left out (the
 * obligation's own problem names them). `deductions`: active performance deductions per obligation.
 */
export function screenRows<O extends ScreenObligation, P extends ScreenPayment>(
  contractId: Uuid,
  obligations: readonly O[],
  payments: readonly P[],
  deductions?: ReadonlyMap<Uuid, number>,
): ScreenedRows<O, P> {
  const out: ScreenedRows<O, P> = { obligations: [], payments: [], problems: [], heldApart: 0 };
  const hold = (entity: RowProblem['entity'], id: unknown, names: Record<string, string | number>, [field, code, value]: [string, RowProblemCode, unknown], extra: Record<string, string | number> = {}) => {
    out.heldApart++;
    if (out.problems.length < MAX_ROW_PROBLEMS) {
      out.problems.push({ contractId, entity, id: typeof id === 'string' ? id.slice(0, 64) : '', field, code, params: { ...names, value: shown(value), ...extra } });
    }
  };
  const currencyOf = new Map<Uuid, string>();
  for (const o of obligations) {
    if (o.deleted) continue;
    const fault = obligationFault(o, deductions?.get(o.id) ?? 0);
    if (fault) {
      hold('obligation', o.id, obligationNames(o), fault);
      continue;
    }
    out.obligations.push(o);
    currencyOf.set(o.id, o.amount.currency);
  }
  for (const p of payments) {
    if (p.deleted) continue;
    const currency = currencyOf.get(p.obligationId);
    if (currency === undefined) continue;
    const fault = paymentFault(p, currency);
    if (fault) hold('payment', p.id, paymentNames(p), fault, fault[1] === 'currency-mismatch' ? { expected: currency } : {});
    else out.payments.push(p);
  }
  return out;
}

/** What a ledger reads of its contract. */
export interface ScreenContract {
  id: Uuid;
  type: ContractType;
  interestPolicy: InterestPolicyKind;
  contractRatePpmPerDay: number;
  value: Money;
  parties: readonly { orgId: Uuid; role: string; isSme: boolean }[];
}

/**
 * The contract as a ledger may hold it: a malformed type, policy, rate, value or party list is
 * replaced by a neutral value (traditional, no interest, 0) and reported, so the contract's rows are
 * still computed.
 */
export function screenContract<C extends ScreenContract>(c: C): { contract: C; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const fix: Partial<ScreenContract> = {};
  const hold = (field: string, code: RowProblemCode, value: unknown) =>
    problems.push({ contractId: c.id, entity: 'contract', id: c.id, field, code, params: { value: shown(value) } });
  if (!(CONTRACT_TYPES as readonly string[]).includes(c.type)) {
    hold('type', 'invalid-field', c.type);
    fix.type = 'traditional';
  }
  if (!(INTEREST_POLICY_KINDS as readonly string[]).includes(c.interestPolicy)) {
    hold('interestPolicy', 'invalid-field', c.interestPolicy);
    fix.interestPolicy = 'none';
  }
  const ppm = c.contractRatePpmPerDay;
  if (!Number.isSafeInteger(ppm) || ppm < 0 || ppm > CONTRACT_LIMITS.maxPpmPerDay) {
    hold('contractRatePpmPerDay', 'invalid-field', ppm);
    fix.contractRatePpmPerDay = 0;
    if (c.interestPolicy === 'contract-rate') fix.interestPolicy = 'none';
  }
  const value = c.value && typeof c.value === 'object' ? c.value : undefined;
  if (!value || !isCurrencyCode(value.currency)) {
    hold('value', 'invalid-currency', value?.currency);
    fix.value = { amount: 0, currency: 'CNY' };
  } else if (!isAmount(value.amount)) {
    hold('value', 'invalid-amount', value.amount);
    fix.value = { amount: 0, currency: value.currency };
  }
  const parties = Array.isArray(c.parties) ? c.parties : [];
  const goodParties = parties.filter((p) => p && typeof p === 'object' && typeof p.orgId === 'string' && typeof p.role === 'string');
  if (goodParties.length !== parties.length || !Array.isArray(c.parties)) {
    hold('parties', 'invalid-field', Array.isArray(c.parties) ? parties.length : c.parties);
    fix.parties = goodParties;
  }
  return { contract: problems.length ? { ...c, ...fix } : c, problems };
}
