// The office's budget figures and its own fiscal rule entries: versioned records written through
// the repository with the change log (so exchange files and the office-server sync can carry them),
// one figure per kind, department and year.
import {
  budgetInputProblems,
  budgetSlot,
  fiscalPolicyFromRules,
  fiscalRuleProblems,
  normaliseBudgetInput,
  type BudgetInput,
  type BudgetLine,
  type BudgetProblem,
  type BudgetProblemCode,
  type FiscalRule,
  type FiscalRuleInput,
  type FiscalRuleKind,
} from '../domain/fiscal/budgets';
import { SHIPPED_DEFAULT_INDEXATION, SHIPPED_RED_LINE, type FiscalPolicy } from '../domain/fiscal/fiscal-policy';
import type { Uuid } from '../domain/core/types';
import type { WorkbenchDb } from './db';
import { fieldProblem, ProblemsError } from '../domain/core/problems';
import { deleteRecord, insertMany, insertRecord, updateRecord, type Writer } from './repo';

/** A budget figure or fiscal rule entry refused; nothing was written. Messages: fiscal.problems.<code>. */
export class BudgetInputError extends ProblemsError<BudgetProblemCode> {
  constructor(problems: BudgetProblem[]) {
    super('fiscal', problems);
    this.name = 'BudgetInputError';
  }
}

const BUDGET_TABLES = ['budgets', 'changeLog'];

/** Every live budget figure, by year, kind and department. */
export async function listBudgetLines(db: WorkbenchDb): Promise<BudgetLine[]> {
  const rows = (await db.budgets.toArray()).filter((b) => !b.deleted);
  return rows.sort((a, b) => a.year - b.year || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.departmentId < b.departmentId ? -1 : 1));
}

async function liveInSlot(db: WorkbenchDb, b: BudgetInput): Promise<BudgetLine | undefined> {
  const same = await db.budgets.where('[kind+year]').equals([b.kind, b.year]).toArray();
  return same.find((x) => !x.deleted && x.departmentId === b.departmentId);
}

/** Enters a figure, or corrects the one `id` names; a second figure for the same kind, department and year is refused. */
export function saveBudgetLine(w: Writer, input: BudgetInput, id?: Uuid): Promise<BudgetLine> {
  return w.db.transaction('rw', BUDGET_TABLES, async () => {
    const b = normaliseBudgetInput(input);
    const problems = budgetInputProblems(b);
    if (!problems.length) {
      const taken = await liveInSlot(w.db, b);
      if (taken && taken.id !== id) problems.push(fieldProblem('year', 'duplicate', { year: b.year }));
    }
    if (problems.length) throw new BudgetInputError(problems);
    return id ? updateRecord<BudgetLine>(w, 'budgets', id, b) : insertRecord<BudgetLine>(w, 'budgets', b);
  });
}

export function deleteBudgetLine(w: Writer, id: Uuid): Promise<void> {
  return deleteRecord<BudgetLine>(w, 'budgets', id);
}

/**
 * Writes checked figures (an import) in the caller's transaction over BUDGET_TABLES: a figure whose
 * slot holds one already replaces its amount and note (the change log keeps the old ones); the
 * others are added. Returns how many were added and how many replaced.
 */
export async function upsertBudgetLines(w: Writer, inputs: readonly BudgetInput[]): Promise<{ added: number; replaced: number }> {
  const live = new Map((await w.db.budgets.toArray()).filter((b) => !b.deleted).map((b) => [budgetSlot(b), b]));
  const fresh: BudgetInput[] = [];
  let replaced = 0;
  for (const input of inputs) {
    const b = normaliseBudgetInput(input);
    const problems = budgetInputProblems(b);
    if (problems.length) throw new BudgetInputError(problems);
    const existing = live.get(budgetSlot(b));
    if (existing) {
      await updateRecord<BudgetLine>(w, 'budgets', existing.id, { amount: b.amount, note: b.note });
      replaced++;
    } else fresh.push(b);
  }
  if (fresh.length) await insertMany<BudgetLine>(w, 'budgets', fresh);
  return { added: fresh.length, replaced };
}

// ---- fiscal rules ----

const RULE_TABLES = ['fiscalRules', 'changeLog'];

/** The office's live entries of a rule by date; empty when it has none (the shipped table applies). */
export async function listFiscalRules(db: WorkbenchDb, rule: FiscalRuleKind): Promise<FiscalRule[]> {
  const rows = await db.fiscalRules.where('[rule+effectiveFrom]').between([rule, ''], [rule, '\uffff']).toArray();
  return rows.filter((r) => !r.deleted);
}

/** The policy every outlook uses: the office's entries over the shipped tables. */
export async function fiscalPolicy(db: WorkbenchDb): Promise<FiscalPolicy> {
  return fiscalPolicyFromRules(await db.fiscalRules.toArray());
}

async function checkRule(db: WorkbenchDb, r: FiscalRuleInput, exceptId?: Uuid): Promise<FiscalRuleInput> {
  const clean = { ...r, reference: r.reference.trim(), warnBp: r.rule === 'ppp-red-line' ? r.warnBp : 0 };
  const problems = fiscalRuleProblems(clean);
  if (!problems.length && (await listFiscalRules(db, r.rule)).some((x) => x.effectiveFrom === r.effectiveFrom && x.id !== exceptId)) {
    problems.push(fieldProblem('effectiveFrom', 'duplicate-date'));
  }
  if (problems.length) throw new BudgetInputError(problems);
  return clean;
}

export function saveFiscalRule(w: Writer, input: FiscalRuleInput, id?: Uuid): Promise<FiscalRule> {
  return w.db.transaction('rw', RULE_TABLES, async () => {
    const r = await checkRule(w.db, input, id);
    return id ? updateRecord<FiscalRule>(w, 'fiscalRules', id, r) : insertRecord<FiscalRule>(w, 'fiscalRules', r);
  });
}

export function deleteFiscalRule(w: Writer, id: Uuid): Promise<void> {
  return deleteRecord<FiscalRule>(w, 'fiscalRules', id);
}

/** Copies the shipped table of a rule into office entries to edit from; nothing when the office has entries already. */
export function seedFiscalRules(w: Writer, rule: FiscalRuleKind): Promise<number> {
  return w.db.transaction('rw', RULE_TABLES, async () => {
    if ((await listFiscalRules(w.db, rule)).length) return 0;
    const rows: FiscalRuleInput[] =
      rule === 'ppp-red-line'
        ? SHIPPED_RED_LINE.map((e) => ({ rule, effectiveFrom: e.effectiveFrom, rateBp: e.limitBp, warnBp: e.warnBp, reference: e.reference }))
        : SHIPPED_DEFAULT_INDEXATION.map((e) => ({ rule, effectiveFrom: e.effectiveFrom, rateBp: e.rateBp, warnBp: 0, reference: e.reference }));
    await insertMany<FiscalRule>(w, 'fiscalRules', rows);
    return rows.length;
  });
}
