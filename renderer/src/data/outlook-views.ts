// Read models of the fiscal outlook screens: the names the outlook prints beside its figures, the
// budgets grid, the policy tables and the O&M cover under the plan → build gate. Each screen reads
// one of these (live, through data/live, except the cover, which may rebuild stale ledgers first),
// so it has one read to wait for and one error to show.
import type { Organisation, Project, Uuid } from '../domain/core/types';
import type { BudgetLine, FiscalRule, FiscalRuleKind } from '../domain/fiscal/budgets';
import type { OmCoverage } from '../domain/fiscal/outlook-checks';
import { listBudgetLines, listFiscalRules } from './budgets';
import { contractsByIds } from './contract-views';
import type { WorkbenchDb } from './db';
import { listOrganisations } from './organisations';
import { projectOmCoverage } from './outlook';

export interface OutlookNamesView {
  orgNames: Map<Uuid, string>;
  /** The projects asked for, by id (a deleted one still names the figures that remain under it). */
  projects: Map<Uuid, Project>;
  /** The codes of the live contracts asked for, by id. */
  contractCodes: Map<Uuid, string>;
}

/** The names the outlook prints: organisations, the projects of the rows shown, the contracts its notes list. */
export async function loadOutlookNamesView(db: WorkbenchDb, projectIds: readonly Uuid[], contractIds: readonly Uuid[]): Promise<OutlookNamesView> {
  const [orgs, projects, contracts] = await Promise.all([listOrganisations(db), db.projects.bulkGet([...projectIds]), contractsByIds(db, contractIds)]);
  return {
    orgNames: new Map(orgs.map((o) => [o.id, o.name])),
    projects: new Map(projects.filter((p): p is Project => !!p).map((p) => [p.id, p])),
    contractCodes: new Map([...contracts.values()].map((c) => [c.id, c.code])),
  };
}

export interface BudgetsView {
  /** Live budget figures, by kind, year and department. */
  lines: BudgetLine[];
  /** Live organisations by name (government ones are the departments an appropriation names). */
  organisations: Organisation[];
}

export async function loadBudgetsView(db: WorkbenchDb): Promise<BudgetsView> {
  const [lines, organisations] = await Promise.all([listBudgetLines(db), listOrganisations(db)]);
  return { lines, organisations };
}

export type FiscalRulesView = Record<FiscalRuleKind, FiscalRule[]>;

/** The office's live entries of each rule by date (empty where the shipped table applies). */
export async function loadFiscalRulesView(db: WorkbenchDb): Promise<FiscalRulesView> {
  const [redLine, indexation] = await Promise.all([listFiscalRules(db, 'ppp-red-line'), listFiscalRules(db, 'default-indexation')]);
  return { 'ppp-red-line': redLine, 'default-indexation': indexation };
}

export interface OmCoverageView {
  coverage: OmCoverage;
  /** The paying department's name ('' when it names none the directory has). */
  departmentName: string;
}

/** Not for a live query: reading the outlook rebuilds stale ledgers first. */
export async function loadOmCoverageView(db: WorkbenchDb, projectId: Uuid, asOf: string): Promise<OmCoverageView> {
  const [coverage, orgs] = await Promise.all([projectOmCoverage(db, projectId, asOf), listOrganisations(db)]);
  return { coverage, departmentName: orgs.find((o) => o.id === coverage.departmentId)?.name ?? '' };
}
