// The fiscal outlook read model: the contract ledgers (one read of a few pages), the interest and
// fiscal policy tables and the budget figures, turned into the outlook by the domain
// (domain/fiscal). The screen keeps the ledgers and the prepared base in memory, so a scenario or
// horizon change only recomputes; exports, the project report and the gate read through here too.
import { ledgerObligations, LedgerSet, encodeLedger } from '../domain/contracts/contract-ledger';
import { activeDeductionTotals } from '../domain/contracts/payable';
import type { InterestPolicyTables } from '../domain/contracts/interest';
import { budgetTables, type BudgetLine, type BudgetTables } from '../domain/fiscal/budgets';
import type { FiscalPolicy } from '../domain/fiscal/fiscal-policy';
import { fundingGaps, omCoverage, redLineYears, type GapRow, type OmCoverage, type RedLineYear } from '../domain/fiscal/outlook-checks';
import {
  computeOutlook,
  DEFAULT_HORIZON_YEARS,
  NO_SCENARIO,
  prepareOutlook,
  type OutlookBase,
  type OutlookLine,
  type OutlookOptions,
  type OutlookResult,
  type OutlookScenario,
} from '../domain/fiscal/outlook';
import { DEFAULT_CURRENCY } from '../domain/core/money';
import type { Contract, IsoDate, ObligationKind, PaymentObligation, Project, Uuid } from '../domain/core/types';
import { decodeSnapshot, type LedgerSnapshot } from './arrears';
import { listBudgetLines, fiscalPolicy } from './budgets';
import type { WorkbenchDb } from './db';
import { ledgerFromRows, readLedgerRows, refreshLedgersInBatches } from './ledger';
import { contractRuleTables, interestTables } from './reference-rates';

/** Everything the outlook is computed from. */
export interface OutlookInputs {
  snapshot: LedgerSnapshot;
  tables: InterestPolicyTables;
  policy: FiscalPolicy;
  budgetLines: readonly BudgetLine[];
}

export interface OutlookRequest {
  asOf: IsoDate;
  horizonYears?: number;
  scenario?: OutlookScenario;
  currency?: string;
}

/** What a screen or an export shows. */
export interface OutlookView {
  base: OutlookBase;
  options: OutlookOptions;
  result: OutlookResult;
  budgets: BudgetTables;
  redLine: RedLineYear[];
  gaps: GapRow[];
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** What the outlook is computed from besides the ledgers: the interest and fiscal policy tables and the budget figures. */
export async function loadOutlookTables(db: WorkbenchDb): Promise<Omit<OutlookInputs, 'snapshot'>> {
  const [tables, policy, budgetLines] = await Promise.all([interestTables(db), fiscalPolicy(db), listBudgetLines(db)]);
  return { tables, policy, budgetLines };
}

/** Reads ledgers (rebuilding stale ones first), rate and fiscal tables and budgets. Not inside a live query (it may write). */
export async function loadOutlookInputs(db: WorkbenchDb): Promise<OutlookInputs> {
  const others = loadOutlookTables(db);
  let t0 = now();
  let snapshot = decodeSnapshot(await readLedgerRows(db), Math.round(now() - t0));
  if (snapshot.staleIds.length) {
    await refreshLedgersInBatches(db, snapshot.staleIds);
    t0 = now();
    snapshot = decodeSnapshot(await readLedgerRows(db), Math.round(now() - t0));
  }
  return { snapshot, ...(await others) };
}

export function outlookOptions(inputs: Pick<OutlookInputs, 'policy'>, req: OutlookRequest): OutlookOptions {
  return {
    horizonYears: req.horizonYears ?? DEFAULT_HORIZON_YEARS,
    currency: req.currency ?? DEFAULT_CURRENCY,
    policy: inputs.policy,
    scenario: req.scenario ?? NO_SCENARIO,
  };
}

/** The prepared base for the inputs' ledgers as of a date (reuse it while neither changes). */
export function outlookBase(inputs: Pick<OutlookInputs, 'snapshot' | 'tables' | 'policy'>, asOf: IsoDate): OutlookBase {
  return prepareOutlook(inputs.snapshot.set, asOf, inputs.tables, inputs.policy.recurringKinds);
}

/** The outlook with its checks, from a prepared base. */
export function outlookView(base: OutlookBase, inputs: Pick<OutlookInputs, 'policy' | 'budgetLines'>, req: OutlookRequest): OutlookView {
  const options = outlookOptions(inputs, req);
  const result = computeOutlook(base, options);
  const budgets = budgetTables(inputs.budgetLines, options.currency);
  return { base, options, result, budgets, redLine: redLineYears(result, budgets, inputs.policy), gaps: fundingGaps(result, budgets) };
}

/** The outlook as of a date, end to end (exports). */
export async function outlookReport(db: WorkbenchDb, req: OutlookRequest): Promise<OutlookView> {
  const inputs = await loadOutlookInputs(db);
  return outlookView(outlookBase(inputs, req.asOf), inputs, req);
}

/** Whether a project's O&M is covered by appropriations in its first operating years (the plan → build gate). */
export async function projectOmCoverage(db: WorkbenchDb, projectId: Uuid, asOf: IsoDate): Promise<OmCoverage> {
  const inputs = await loadOutlookInputs(db);
  const base = outlookBase(inputs, asOf);
  const view = outlookView(base, inputs, { asOf });
  return omCoverage(base, view.options, view.result, view.budgets, projectId);
}

/**
 * One project's outlook from its own contracts' raw rows (the review report): the ledgers are
 * built from the rows as the stored ones are, so the figures are the portfolio outlook's.
 */
export async function projectOutlook(db: WorkbenchDb, projectId: Uuid, req: OutlookRequest): Promise<OutlookView> {
  const [tables, policy, budgetLines, rules] = await Promise.all([interestTables(db), fiscalPolicy(db), listBudgetLines(db), contractRuleTables(db)]);
  const ids = (await db.contracts.where('projectId').equals(projectId).toArray()).filter((c) => !c.deleted).map((c) => c.id);
  const set = new LedgerSet();
  for (const id of ids) {
    const ledger = await ledgerFromRows(db, id, rules);
    if (ledger) set.add(id, encodeLedger(ledger));
  }
  const snapshot: LedgerSnapshot = { set, staleIds: [], readMs: 0, decodeMs: 0 };
  const base = outlookBase({ snapshot, tables, policy }, req.asOf);
  return outlookView(base, { policy, budgetLines }, req);
}

/** A line behind a figure with what a person needs to find it: contract, project, obligation. */
export interface OutlookLineDetail extends OutlookLine {
  contractId: Uuid;
  contractCode: string;
  contractTitle: string;
  projectCode: string;
  projectName: string;
  /** The scheduled obligation ('' for a projected fee). */
  obligationId: Uuid | '';
  description: string;
  kind: ObligationKind | '';
}

/**
 * Names the lines: contracts and projects by id, and each scheduled obligation by its place in its
 * contract's ledger (the rows the ledger holds, in its order).
 */
export async function describeOutlookLines(db: WorkbenchDb, base: OutlookBase, lines: readonly OutlookLine[]): Promise<OutlookLineDetail[]> {
  const set = base.set;
  const contractIds = [...new Set(lines.map((l) => set.contractIds[l.contract]))];
  const contracts = new Map((await db.contracts.bulkGet(contractIds)).filter((c): c is Contract => !!c).map((c) => [c.id, c]));
  const projects = new Map(
    (await db.projects.bulkGet([...new Set(lines.map((l) => l.projectId).filter(Boolean))])).filter((p): p is Project => !!p).map((p) => [p.id, p]),
  );
  const withObligations = [...new Set(lines.filter((l) => l.obligation >= 0).map((l) => set.contractIds[l.contract]))];
  const byContract = new Map<Uuid, PaymentObligation[]>();
  if (withObligations.length) {
    const [rows, deductionRows] = await Promise.all([
      db.obligations.where('contractId').anyOf(withObligations).toArray(),
      db.deductions.where('contractId').anyOf(withObligations).toArray(),
    ]);
    const deductions = activeDeductionTotals(deductionRows);
    for (const o of rows) {
      const list = byContract.get(o.contractId);
      if (list) list.push(o);
      else byContract.set(o.contractId, [o]);
    }
    // The ledger's own screen and order, so index k names the row the ledger holds at k.
    for (const [id, list] of byContract) byContract.set(id, ledgerObligations(id, list, deductions));
  }
  return lines.map((l) => {
    const contractId = set.contractIds[l.contract];
    const c = contracts.get(contractId);
    const p = projects.get(l.projectId);
    const o = l.obligation >= 0 ? byContract.get(contractId)?.[l.obligation - set.oStart[l.contract]] : undefined;
    const series = l.series >= 0 ? base.series[l.series] : undefined;
    return {
      ...l,
      contractId,
      contractCode: c?.code ?? '',
      contractTitle: c?.title ?? '',
      projectCode: p?.code ?? '',
      projectName: p?.name ?? '',
      obligationId: o?.id ?? '',
      description: o?.description ?? '',
      kind: o?.kind ?? series?.kind ?? '',
    };
  });
}
