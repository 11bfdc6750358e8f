// Contract warnings from the rules in DOMAIN.md, as codes with parameters; the UI translates them
// (contracts.warning.<code>) on the contract and in the portfolio list. Warnings never block a save.
//
// Conventions:
// - Contract term = the earliest of constructionStart / operationStart (signedOn when neither is
//   recorded) to the latest of operationEnd / constructionEnd, both days included. Term rules are
//   skipped only when a start or an end is missing: dates out of order (a serious warning of its
//   own, and refused by the form) still give the span they cover. "Over N years" = end ≥ start + N years (one day past N full years); "under N years"
//   = end + 1 day < start + N years.
// - Purchase of service (财政部令第102号): over 1 year is a warning, over 3 years serious (only the
//   stronger one is reported).
// - PPP (财金〔2019〕10号): term under 10 years; except O&M and management-contract models
//   (财金〔2014〕113号), which are capped at 8 and 3 years instead.
// - Government payments not linked to performance: PPP other than user-pays, and purchase of
//   service, with performanceLinkedBp = 0. PPP with construction (BOT/BOO/ROT, or no model but a
//   construction period) and 0 < share < 30%: a separate warning.
// - SME rules (保障中小企业款项支付条例, order 728 in force 2020-09-01, revised by order 802 from
//   2025-06-01; both keep these three points) apply when a non-government party declared itself an
//   SME and the contract was signed on or after 2020-09-01 (or the signing date is not recorded):
//   payment term over 60 days; an agreed daily rate whose actual/365 annual equivalent
//   (ppm × 365) is below the 1-year LPR at signing (bp × 100 ppm a year); no agreed rate (policy
//   'none', or contract-rate at 0) is serious: the arrears then accrue nothing where the statute
//   gives 0.05%/day (the contract screen adds what it would have accrued as of the day shown).
// - PPP new mechanism (国办函〔2023〕115号 of 2023-11-03): a PPP or franchise contract signed on or
//   after that day with government payment or viability-gap funding adds future fiscal expenditure
//   liabilities the mechanism forbids: serious. Contracts signed before it run on under their terms,
//   and a contract whose signing date or mechanism is not recorded is not judged.
// - Franchise term (《基础设施和公用事业特许经营管理办法》): at most 30 years under the 2015 measures
//   (in force 2015-06-01), at most 40 years under the 2024 revision (in force 2024-05-01); the rule in
//   force on the signing date applies (on the term's start when the signing date is not recorded).
//   Over the maximum is serious. A franchise paid by the government (government pays or viability
//   gap) is held to the performance-link rules like a PPP.
import { addDays, addYears, isIsoDate } from '../core/dates';
import { contractDateOrderProblems } from './contract-draft';
import { SEED_LPR_1Y, rateInForce, sortRateTable, type RateTableEntry } from './rate-tables';
import type { Contract, IsoDate, ReferenceRate } from '../core/types';

export const CONTRACT_WARNING_CODES = [
  'pos-term-over-1y',
  'pos-term-over-3y',
  'ppp-term-under-10y',
  'ppp-om-term-over-8y',
  'ppp-mc-term-over-3y',
  'payments-not-performance-linked',
  'ppp-performance-share-below-30pct',
  'sme-payment-term-over-60d',
  'sme-rate-below-lpr',
  'sme-statute-interest-applies',
  'dates-out-of-order',
  'ppp-new-mechanism-government-pays',
  'franchise-term-over-max',
] as const;
export type ContractWarningCode = (typeof CONTRACT_WARNING_CODES)[number];

/** 'info' explains what applies, 'warning' needs a look, 'serious' conflicts with a rule. */
export type ContractWarningSeverity = 'info' | 'warning' | 'serious';

export interface ContractWarning {
  code: ContractWarningCode;
  severity: ContractWarningSeverity;
  params: Record<string, string | number>;
}

/** A franchise term limit from `effectiveFrom` (by signing date). */
export interface FranchiseTermRule {
  effectiveFrom: IsoDate;
  maxYears: number;
  reference: string;
}

export const FRANCHISE_TERM_RULES: readonly FranchiseTermRule[] = [
  { effectiveFrom: '2015-06-01', maxYears: 30, reference: '《基础设施和公用事业特许经营管理办法》（2015年第25号令）' },
  { effectiveFrom: '2024-05-01', maxYears: 40, reference: '《基础设施和公用事业特许经营管理办法》（2024年第17号令）' },
];

export const PPP_NEW_MECHANISM = { effectiveFrom: '2023-11-03', reference: '国办函〔2023〕115号' } as const;

/** The rule thresholds as data, so an office can follow a local variant. */
export interface ContractRuleTables {
  /** 1-year LPR history (annual bp). */
  lpr1y: readonly RateTableEntry[];
  smeRulesFrom: IsoDate;
  smeMaxPaymentTermDays: number;
  smeStatutePpmPerDay: number;
  purchaseOfServiceWarnYears: number;
  purchaseOfServiceMaxYears: number;
  pppMinYears: number;
  pppOmMaxYears: number;
  pppMcMaxYears: number;
  pppConstructionMinPerformanceBp: number;
  /** PPP and franchise contracts signed from this day may not be paid by the government (国办函〔2023〕115号). */
  pppNewMechanismFrom: IsoDate;
  /** Sorted by date. */
  franchiseTerms: readonly FranchiseTermRule[];
}

export const DEFAULT_CONTRACT_RULE_TABLES: ContractRuleTables = {
  lpr1y: SEED_LPR_1Y,
  smeRulesFrom: '2020-09-01',
  smeMaxPaymentTermDays: 60,
  smeStatutePpmPerDay: 500,
  purchaseOfServiceWarnYears: 1,
  purchaseOfServiceMaxYears: 3,
  pppMinYears: 10,
  pppOmMaxYears: 8,
  pppMcMaxYears: 3,
  pppConstructionMinPerformanceBp: 3000,
  pppNewMechanismFrom: PPP_NEW_MECHANISM.effectiveFrom,
  franchiseTerms: FRANCHISE_TERM_RULES,
};

export type RuleContract = Pick<
  Contract,
  | 'type'
  | 'pppModel'
  | 'pppPaymentMechanism'
  | 'parties'
  | 'signedOn'
  | 'constructionStart'
  | 'constructionEnd'
  | 'operationStart'
  | 'operationEnd'
  | 'paymentTermDays'
  | 'performanceLinkedBp'
  | 'interestPolicy'
  | 'contractRatePpmPerDay'
>;

/** The contract's whole term, or null when its start or end is not recorded. */
export function contractTerm(c: RuleContract): { start: IsoDate; end: IsoDate } | null {
  const periodStarts = [c.constructionStart, c.operationStart].filter((d) => isIsoDate(d));
  const starts = periodStarts.length ? periodStarts : [c.signedOn].filter((d) => isIsoDate(d));
  const ends = [c.operationEnd, c.constructionEnd].filter((d) => isIsoDate(d));
  if (!starts.length || !ends.length) return null;
  const start = starts.reduce((a, b) => (b < a ? b : a));
  const end = ends.reduce((a, b) => (b > a ? b : a));
  // Reversed dates are an error to correct, not a reason to stop checking the term they span.
  return end >= start ? { start, end } : { start: end, end: start };
}

/** A non-government party declared itself an SME. */
export function hasSmeCounterparty(c: Pick<Contract, 'parties'>): boolean {
  return c.parties.some((p) => p.isSme && p.role !== 'government');
}

/** The SME payment rules cover this contract (SME counterparty, signed after they took effect). */
export function smeRulesApply(c: RuleContract, tables: ContractRuleTables = DEFAULT_CONTRACT_RULE_TABLES): boolean {
  return hasSmeCounterparty(c) && (c.signedOn === '' || c.signedOn >= tables.smeRulesFrom);
}

const longerThan = (t: { start: IsoDate; end: IsoDate }, years: number) => t.end >= addYears(t.start, years);
const shorterThan = (t: { start: IsoDate; end: IsoDate }, years: number) => addDays(t.end, 1) < addYears(t.start, years);

/** The office's stored 1-year LPR rows over the shipped table (which applies until the first row). */
export function contractRuleTablesFromReferenceRates(
  records: readonly Pick<ReferenceRate, 'policy' | 'effectiveFrom' | 'rateBp' | 'deleted'>[],
  base: ContractRuleTables = DEFAULT_CONTRACT_RULE_TABLES,
): ContractRuleTables {
  const lpr = records.filter((r) => r.policy === 'lpr' && !r.deleted).map((r) => ({ effectiveFrom: r.effectiveFrom, rateBp: r.rateBp }));
  return lpr.length ? { ...base, lpr1y: sortRateTable(lpr) } : base;
}

/**
 * An SME contract under the Chinese statute that agrees no late-interest rate ('none', or a
 * contract rate of 0): its arrears accrue nothing where the statute gives 0.05% a day.
 */
export function smeInterestUnagreed(c: RuleContract, tables: ContractRuleTables = DEFAULT_CONTRACT_RULE_TABLES): boolean {
  return smeRulesApply(c, tables) && (c.interestPolicy === 'none' || (c.interestPolicy === 'contract-rate' && c.contractRatePpmPerDay <= 0));
}

/** Whether the LPR table can change this contract's warnings (an agreed rate under the SME rules). */
export function warningsDependOnLpr(c: RuleContract, tables: ContractRuleTables = DEFAULT_CONTRACT_RULE_TABLES): boolean {
  return smeRulesApply(c, tables) && c.interestPolicy === 'contract-rate' && c.contractRatePpmPerDay > 0;
}

export function contractWarnings(c: RuleContract, tables: ContractRuleTables = DEFAULT_CONTRACT_RULE_TABLES): ContractWarning[] {
  const out: ContractWarning[] = [];
  const push = (code: ContractWarningCode, severity: ContractWarningSeverity, params: Record<string, string | number> = {}) =>
    out.push({ code, severity, params });
  const term = contractTerm(c);

  const disorder = contractDateOrderProblems(c)[0];
  if (disorder) {
    const field = disorder.field as keyof RuleContract;
    push('dates-out-of-order', 'serious', { field: disorder.field, value: String(c[field]), ...disorder.params });
  }

  if (c.type === 'purchase-of-service' && term) {
    if (longerThan(term, tables.purchaseOfServiceMaxYears)) {
      push('pos-term-over-3y', 'serious', { ...term, years: tables.purchaseOfServiceMaxYears });
    } else if (longerThan(term, tables.purchaseOfServiceWarnYears)) {
      push('pos-term-over-1y', 'warning', { ...term, years: tables.purchaseOfServiceWarnYears });
    }
  }

  if (c.type === 'ppp' && term) {
    if (c.pppModel === 'OM') {
      if (longerThan(term, tables.pppOmMaxYears)) push('ppp-om-term-over-8y', 'warning', { ...term, years: tables.pppOmMaxYears });
    } else if (c.pppModel === 'MC') {
      if (longerThan(term, tables.pppMcMaxYears)) push('ppp-mc-term-over-3y', 'warning', { ...term, years: tables.pppMcMaxYears });
    } else if (shorterThan(term, tables.pppMinYears)) {
      push('ppp-term-under-10y', 'warning', { ...term, years: tables.pppMinYears });
    }
  }

  const paidByGovernment = c.pppPaymentMechanism === 'government-pays' || c.pppPaymentMechanism === 'viability-gap';
  if ((c.type === 'ppp' || c.type === 'franchise') && paidByGovernment && isIsoDate(c.signedOn) && c.signedOn >= tables.pppNewMechanismFrom) {
    push('ppp-new-mechanism-government-pays', 'serious', { signedOn: c.signedOn, from: tables.pppNewMechanismFrom, mechanism: c.pppPaymentMechanism });
  }

  if (c.type === 'franchise' && term) {
    let rule: FranchiseTermRule | null = null;
    const on = isIsoDate(c.signedOn) ? c.signedOn : term.start;
    for (const r of tables.franchiseTerms) if (r.effectiveFrom <= on) rule = r;
    if (rule && longerThan(term, rule.maxYears)) push('franchise-term-over-max', 'serious', { ...term, years: rule.maxYears, reference: rule.reference });
  }

  const governmentPays =
    (c.type === 'ppp' && c.pppPaymentMechanism !== 'user-pays') || c.type === 'purchase-of-service' || (c.type === 'franchise' && paidByGovernment);
  if (governmentPays) {
    const bp = c.performanceLinkedBp;
    const withConstruction =
      c.type === 'ppp' &&
      (c.pppModel === 'BOT' || c.pppModel === 'BOO' || c.pppModel === 'ROT' || (c.pppModel === '' && !!(c.constructionStart || c.constructionEnd)));
    if (bp <= 0) {
      push('payments-not-performance-linked', 'warning', { bp });
    } else if (withConstruction && bp < tables.pppConstructionMinPerformanceBp) {
      push('ppp-performance-share-below-30pct', 'warning', { bp, minBp: tables.pppConstructionMinPerformanceBp });
    }
  }

  if (smeRulesApply(c, tables)) {
    if (c.paymentTermDays > tables.smeMaxPaymentTermDays) {
      push('sme-payment-term-over-60d', 'serious', { days: c.paymentTermDays, maxDays: tables.smeMaxPaymentTermDays });
    }
    const ppm = c.contractRatePpmPerDay;
    if (smeInterestUnagreed(c, tables)) {
      push('sme-statute-interest-applies', 'serious', { ppmPerDay: tables.smeStatutePpmPerDay });
    } else if (c.interestPolicy === 'contract-rate' && isIsoDate(c.signedOn)) {
      const lprBp = rateInForce(tables.lpr1y, c.signedOn);
      // ppm/day × 365 = ppm a year; bp × 100 = ppm a year.
      if (lprBp !== null && ppm * 365 < lprBp * 100) {
        push('sme-rate-below-lpr', 'serious', {
          ppmPerDay: ppm,
          lprBp,
          minPpmPerDay: Math.ceil((lprBp * 100) / 365),
          signedOn: c.signedOn,
        });
      }
    }
  }
  return out;
}

/**
 * The number on a contract's warning badge, the same in every list: the warnings that need a look
 * ('warning' and 'serious'). 'info' notes only say what applies (e.g. the statutory SME rate) and
 * are read on the contract itself.
 */
export function warningBadgeCount(warnings: readonly Pick<ContractWarning, 'severity'>[]): number {
  return warnings.filter((w) => w.severity !== 'info').length;
}
