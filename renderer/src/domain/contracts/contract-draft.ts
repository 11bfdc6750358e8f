// Input rules of a contract draft that need no database: what the form checks as the officer types,
// what the repository checks again before writing, and what every importer applies to the records
// it creates. Problems are codes with parameters next to a field; the UI translates them
// (contracts.problems.<code>).
//
// Dates run in order where given: signed ≤ construction start ≤ construction end ≤ operation start
// ≤ operation end. Each date earlier than one before it in that order is a 'date-order' problem on
// the later field, naming the latest earlier field it contradicts ({after, date}), so the message
// sits next to the date to correct.
import { isIsoDate } from '../core/dates';
import { CURRENCIES } from '../core/money';
import { fieldProblem, type Problem, type ProblemParams } from '../core/problems';
import {
  CONTRACT_TYPES,
  INTEREST_POLICY_KINDS,
  PARTY_ROLES,
  PPP_MODELS,
  PPP_PAYMENT_MECHANISMS,
  type Contract,
  type ContractType,
  type RecordMeta,
  type Uuid,
} from '../core/types';

/** The editable fields of a contract. */
export type ContractDraft = Omit<Contract, keyof RecordMeta>;

export const CONTRACT_LIMITS = {
  code: 60,
  title: 200,
  notes: 4000,
  summary: 1000,
  maxTermDays: 3650,
  maxPpmPerDay: 100_000,
  maxParties: 30,
  /** Yearly indexation, −10% … +30%: beyond is a typing mistake. */
  minIndexationBp: -1000,
  maxIndexationBp: 3000,
} as const;

/** PPP and franchise contracts name a model (BOT, TOT …) and a payment mechanism. */
export function hasPppFields(type: ContractType): boolean {
  return type === 'ppp' || type === 'franchise';
}

export type ContractProblemCode =
  | 'required'
  | 'too-long'
  | 'invalid-date'
  | 'date-order'
  | 'invalid-amount'
  | 'out-of-range'
  | 'invalid-choice'
  | 'code-taken'
  | 'unknown-project'
  | 'unknown-org'
  | 'duplicate-party';

/** A problem of one draft field ('parties.2.orgId' for a list item's field). */
export type ContractProblem = Problem<ContractProblemCode> & { field: string };

/** The contract's dates in the order they must run. */
export const CONTRACT_DATE_ORDER = ['signedOn', 'constructionStart', 'constructionEnd', 'operationStart', 'operationEnd'] as const;
export type ContractDateField = (typeof CONTRACT_DATE_ORDER)[number];

/** A blank contract of a project: CNY, 30 days after acceptance, SME statute interest. */
export function emptyContractDraft(projectId: Uuid): ContractDraft {
  return {
    projectId,
    code: '',
    title: '',
    type: 'purchase-of-service',
    pppModel: '',
    pppPaymentMechanism: '',
    parties: [],
    signedOn: '',
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
  };
}

/** A draft with text trimmed and the model and payment mechanism cleared for types that have none (all but PPP and franchise). */
export function normaliseContractDraft(d: ContractDraft): ContractDraft {
  const ppp = hasPppFields(d.type);
  return {
    ...d,
    code: d.code.trim(),
    title: d.title.trim(),
    pppModel: ppp ? d.pppModel : '',
    pppPaymentMechanism: ppp ? d.pppPaymentMechanism : '',
    parties: d.parties.map((p) => ({ orgId: p.orgId, role: p.role, isSme: !!p.isSme, signedOn: p.signedOn ?? '' })),
    contractRatePpmPerDay: d.interestPolicy === 'contract-rate' ? d.contractRatePpmPerDay : 0,
    indexationBp: d.indexationBp ?? null,
    riskAllocation: d.riskAllocation.trim(),
    benefitSharing: d.benefitSharing.trim(),
  };
}

/**
 * Dates out of order, one problem per date that falls before an earlier-ordered date. Empty and
 * malformed dates are left out (a malformed one is an 'invalid-date' problem of its own).
 */
export function contractDateOrderProblems(d: Pick<Contract, ContractDateField>): ContractProblem[] {
  const out: ContractProblem[] = [];
  let latest: { field: ContractDateField; date: string } | null = null;
  for (const field of CONTRACT_DATE_ORDER) {
    const date = d[field];
    if (!isIsoDate(date)) continue;
    if (latest && date < latest.date) out.push(fieldProblem(field, 'date-order', { after: latest.field, date: latest.date }));
    else latest = { field, date };
  }
  return out;
}

/** Input rules that need no database (the form runs them as the officer types). */
export function contractDraftProblems(d: ContractDraft): ContractProblem[] {
  const out: ContractProblem[] = [];
  const add = (field: string, code: ContractProblemCode, params?: ProblemParams) => out.push(fieldProblem(field, code, params));
  if (!d.projectId) add('projectId', 'required');
  if (!d.code.trim()) add('code', 'required');
  else if (d.code.trim().length > CONTRACT_LIMITS.code) add('code', 'too-long', { max: CONTRACT_LIMITS.code });
  if (!d.title.trim()) add('title', 'required');
  else if (d.title.trim().length > CONTRACT_LIMITS.title) add('title', 'too-long', { max: CONTRACT_LIMITS.title });
  if (!(CONTRACT_TYPES as readonly string[]).includes(d.type)) add('type', 'invalid-choice');
  if (hasPppFields(d.type)) {
    if (d.pppModel && !(PPP_MODELS as readonly string[]).includes(d.pppModel)) add('pppModel', 'invalid-choice');
    if (d.pppPaymentMechanism && !(PPP_PAYMENT_MECHANISMS as readonly string[]).includes(d.pppPaymentMechanism)) add('pppPaymentMechanism', 'invalid-choice');
  }
  for (const f of CONTRACT_DATE_ORDER) {
    if (d[f] !== '' && !isIsoDate(d[f])) add(f, 'invalid-date');
  }
  out.push(...contractDateOrderProblems(d));
  if (!Number.isSafeInteger(d.value.amount) || d.value.amount < 0) add('value', 'invalid-amount');
  if (!(CURRENCIES as readonly string[]).includes(d.value.currency)) add('value', 'invalid-choice');
  if (!Number.isSafeInteger(d.paymentTermDays) || d.paymentTermDays < 0 || d.paymentTermDays > CONTRACT_LIMITS.maxTermDays) {
    add('paymentTermDays', 'out-of-range', { min: 0, max: CONTRACT_LIMITS.maxTermDays });
  }
  if (d.paymentTermBasis !== 'acceptance' && d.paymentTermBasis !== 'invoice') add('paymentTermBasis', 'invalid-choice');
  if (!Number.isSafeInteger(d.performanceLinkedBp) || d.performanceLinkedBp < 0 || d.performanceLinkedBp > 10_000) {
    add('performanceLinkedBp', 'out-of-range', { min: 0, max: 100 });
  }
  if (!(INTEREST_POLICY_KINDS as readonly string[]).includes(d.interestPolicy)) add('interestPolicy', 'invalid-choice');
  if (
    !Number.isSafeInteger(d.contractRatePpmPerDay) ||
    d.contractRatePpmPerDay < 0 ||
    d.contractRatePpmPerDay > CONTRACT_LIMITS.maxPpmPerDay
  ) {
    add('contractRatePpmPerDay', 'out-of-range', { min: 0, max: CONTRACT_LIMITS.maxPpmPerDay });
  }
  const index = d.indexationBp ?? null;
  if (index !== null && (!Number.isSafeInteger(index) || index < CONTRACT_LIMITS.minIndexationBp || index > CONTRACT_LIMITS.maxIndexationBp)) {
    add('indexationBp', 'out-of-range', { min: CONTRACT_LIMITS.minIndexationBp / 100, max: CONTRACT_LIMITS.maxIndexationBp / 100 });
  }
  if (d.riskAllocation.length > CONTRACT_LIMITS.notes) add('riskAllocation', 'too-long', { max: CONTRACT_LIMITS.notes });
  if (d.benefitSharing.length > CONTRACT_LIMITS.notes) add('benefitSharing', 'too-long', { max: CONTRACT_LIMITS.notes });
  if (d.parties.length > CONTRACT_LIMITS.maxParties) add('parties', 'out-of-range', { min: 0, max: CONTRACT_LIMITS.maxParties });
  const seen = new Set<string>();
  d.parties.forEach((p, i) => {
    if (!p.orgId) add(`parties.${i}.orgId`, 'required');
    if (!(PARTY_ROLES as readonly string[]).includes(p.role)) add(`parties.${i}.role`, 'invalid-choice');
    if (p.signedOn && !isIsoDate(p.signedOn)) add(`parties.${i}.signedOn`, 'invalid-date');
    const key = `${p.orgId}/${p.role}`;
    if (p.orgId && seen.has(key)) add(`parties.${i}.orgId`, 'duplicate-party');
    seen.add(key);
  });
  return out;
}
