// The office's budget figures and fiscal rule entries as stored records, their input rules, and the
// tables the outlook compares against: appropriations (预算安排) by paying department and year, the
// general public budget expenditure (一般公共预算支出) of the office's level of government by year,
// and the funding gap = what the outlook says is owed − the appropriation.
import { isIsoDate } from '../core/dates';
import { fieldProblem, type Problem } from '../core/problems';
import type { IsoDate, Money, RecordMeta, Uuid } from '../core/types';
import {
  DEFAULT_FISCAL_POLICY,
  sortByEffectiveDate,
  type FiscalPolicy,
  type IndexationEntry,
  type RedLineEntry,
} from './fiscal-policy';

export const BUDGET_KINDS = ['appropriation', 'general-expenditure'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/** One budget figure: an appropriation of a department for a year, or the level's general public budget expenditure for a year. */
export interface BudgetLine extends RecordMeta {
  kind: BudgetKind;
  /** Fiscal year (the calendar year in China). */
  year: number;
  /** The paying department for an appropriation; '' for the general public budget expenditure. */
  departmentId: Uuid | '';
  amount: Money;
  note: string;
}

export const FISCAL_RULE_KINDS = ['ppp-red-line', 'default-indexation'] as const;
export type FiscalRuleKind = (typeof FISCAL_RULE_KINDS)[number];

/**
 * An office's own entry of a dated fiscal rule: a red line (breach above `rateBp`, warn from
 * `warnBp`) or a default yearly indexation (`rateBp`; `warnBp` unused, 0).
 */
export interface FiscalRule extends RecordMeta {
  rule: FiscalRuleKind;
  effectiveFrom: IsoDate;
  rateBp: number;
  warnBp: number;
  reference: string;
}

export type BudgetInput = Pick<BudgetLine, 'kind' | 'year' | 'departmentId' | 'amount' | 'note'>;
export type FiscalRuleInput = Pick<FiscalRule, 'rule' | 'effectiveFrom' | 'rateBp' | 'warnBp' | 'reference'>;

export const BUDGET_LIMITS = {
  minYear: 2000,
  maxYear: 2100,
  note: 500,
  reference: 200,
  /** A red line or an indexation beyond ±100% is a typing mistake. */
  maxRuleBp: 10_000,
  minIndexationBp: -1000,
} as const;

export type BudgetProblemCode =
  | 'required'
  | 'out-of-range'
  | 'invalid-amount'
  | 'invalid-choice'
  | 'invalid-date'
  | 'too-long'
  | 'duplicate'
  | 'duplicate-date'
  | 'warn-above-limit';

export type BudgetProblem = Problem<BudgetProblemCode>;

/** Input rules of a budget figure that need no database. */
export function budgetInputProblems(b: BudgetInput): BudgetProblem[] {
  const out: BudgetProblem[] = [];
  if (!(BUDGET_KINDS as readonly string[]).includes(b.kind)) out.push(fieldProblem('kind', 'invalid-choice'));
  if (!Number.isInteger(b.year) || b.year < BUDGET_LIMITS.minYear || b.year > BUDGET_LIMITS.maxYear) {
    out.push(fieldProblem('year', 'out-of-range', { min: BUDGET_LIMITS.minYear, max: BUDGET_LIMITS.maxYear }));
  }
  if (b.kind === 'appropriation' && !b.departmentId) out.push(fieldProblem('departmentId', 'required'));
  if (!Number.isSafeInteger(b.amount.amount) || b.amount.amount < 0) out.push(fieldProblem('amount', 'invalid-amount'));
  if (b.note.length > BUDGET_LIMITS.note) out.push(fieldProblem('note', 'too-long', { max: BUDGET_LIMITS.note }));
  return out;
}

/** A budget figure with its text trimmed and the department cleared for the general expenditure. */
export function normaliseBudgetInput(b: BudgetInput): BudgetInput {
  return { kind: b.kind, year: b.year, departmentId: b.kind === 'general-expenditure' ? '' : b.departmentId, amount: { ...b.amount }, note: b.note.trim() };
}

/** Figures are one per kind, department and year: this names the slot. */
export function budgetSlot(b: Pick<BudgetLine, 'kind' | 'departmentId' | 'year'>): string {
  return `${b.kind}|${b.departmentId}|${b.year}`;
}

export function fiscalRuleProblems(r: FiscalRuleInput): BudgetProblem[] {
  const out: BudgetProblem[] = [];
  if (!(FISCAL_RULE_KINDS as readonly string[]).includes(r.rule)) out.push(fieldProblem('rule', 'invalid-choice'));
  if (!isIsoDate(r.effectiveFrom)) out.push(fieldProblem('effectiveFrom', r.effectiveFrom ? 'invalid-date' : 'required'));
  const min = r.rule === 'default-indexation' ? BUDGET_LIMITS.minIndexationBp : 1;
  if (!Number.isSafeInteger(r.rateBp) || r.rateBp < min || r.rateBp > BUDGET_LIMITS.maxRuleBp) {
    out.push(fieldProblem('rateBp', 'out-of-range', { min: min / 100, max: BUDGET_LIMITS.maxRuleBp / 100 }));
  }
  if (r.rule === 'ppp-red-line') {
    if (!Number.isSafeInteger(r.warnBp) || r.warnBp < 0 || r.warnBp > BUDGET_LIMITS.maxRuleBp) {
      out.push(fieldProblem('warnBp', 'out-of-range', { min: 0, max: BUDGET_LIMITS.maxRuleBp / 100 }));
    } else if (r.warnBp > r.rateBp) out.push(fieldProblem('warnBp', 'warn-above-limit'));
  }
  if (r.reference.length > BUDGET_LIMITS.reference) out.push(fieldProblem('reference', 'too-long', { max: BUDGET_LIMITS.reference }));
  return out;
}

/**
 * The policy the outlook uses: a rule with at least one live office entry uses exactly those
 * entries; one with none keeps the shipped table (so a fresh database still checks).
 */
export function fiscalPolicyFromRules(rules: readonly FiscalRule[], base: FiscalPolicy = DEFAULT_FISCAL_POLICY): FiscalPolicy {
  const red: RedLineEntry[] = [];
  const index: IndexationEntry[] = [];
  for (const r of rules) {
    if (r.deleted) continue;
    if (r.rule === 'ppp-red-line') red.push({ effectiveFrom: r.effectiveFrom, limitBp: r.rateBp, warnBp: r.warnBp, reference: r.reference });
    else if (r.rule === 'default-indexation') index.push({ effectiveFrom: r.effectiveFrom, rateBp: r.rateBp, reference: r.reference });
  }
  return {
    ...base,
    redLine: red.length ? sortByEffectiveDate(red) : base.redLine,
    defaultIndexation: index.length ? sortByEffectiveDate(index) : base.defaultIndexation,
  };
}

/** Budget figures in one currency, ready to compare: year → amount, department → year → amount. */
export interface BudgetTables {
  general: Map<number, number>;
  appropriations: Map<string, Map<number, number>>;
  /** Live figures in other currencies, left out (no exchange rates are kept). */
  otherCurrency: number;
}

export function budgetTables(lines: readonly BudgetLine[], currency: string): BudgetTables {
  const out: BudgetTables = { general: new Map(), appropriations: new Map(), otherCurrency: 0 };
  for (const b of lines) {
    if (b.deleted) continue;
    if (b.amount.currency !== currency) {
      out.otherCurrency++;
      continue;
    }
    if (b.kind === 'general-expenditure') out.general.set(b.year, (out.general.get(b.year) ?? 0) + b.amount.amount);
    else {
      let years = out.appropriations.get(b.departmentId);
      if (!years) out.appropriations.set(b.departmentId, (years = new Map()));
      years.set(b.year, (years.get(b.year) ?? 0) + b.amount.amount);
    }
  }
  return out;
}

/** A department's appropriation for a year; null when none is entered (not the same as 0). */
export function appropriationOf(t: BudgetTables, departmentId: string, year: number): number | null {
  return t.appropriations.get(departmentId)?.get(year) ?? null;
}

/** Funding gap = owed − appropriated (negative: appropriated beyond what is owed). No appropriation entered counts as 0. */
export function fundingGap(owed: number, appropriation: number | null): number {
  return owed - (appropriation ?? 0);
}
