// Read models of the portfolio contract screens: each screen reads one of these, so the tombstone
// filter and the joins (contract → project) are written once, here.
import { contractWarnings, type ContractWarning } from '../domain/contracts/contract-rules';
import type { Contract, ContractAmendment, ContractType, IsoDate, Project, ReferenceRate, Uuid } from '../domain/core/types';
import { contractSchedule, contractsWithWarnings, counterpartyStatement, type ScheduleView, type Statement } from './arrears';
import { contractIndex, type ContractIndex } from './contract-index';
import { amendmentsOfContract, contractsOfProject, getContract, type ContractPage } from './contracts';
import type { WorkbenchDb } from './db';
import { readLedgerRows } from './ledger';
import { listOrganisations } from './organisations';
import { getProject } from './projects';
import { contractRuleTables, listReferenceRates, type RatePolicy } from './reference-rates';

/** The live contracts among `ids` (tombstones left out), by id. */
export async function contractsByIds(db: WorkbenchDb, ids: readonly Uuid[]): Promise<Map<Uuid, Contract>> {
  const contracts = new Map<Uuid, Contract>();
  for (const c of await db.contracts.bulkGet([...ids])) if (c && !c.deleted) contracts.set(c.id, c);
  return contracts;
}

/** Live contracts among `ids` and the live projects they belong to; deleted ones are simply absent. */
export async function contractsAndProjects(db: WorkbenchDb, ids: readonly Uuid[]): Promise<{ contracts: Map<Uuid, Contract>; projects: Map<Uuid, Project> }> {
  const contracts = await contractsByIds(db, ids);
  const projects = new Map<Uuid, Project>();
  for (const p of await db.projects.bulkGet([...new Set([...contracts.values()].map((c) => c.projectId))])) if (p && !p.deleted) projects.set(p.id, p);
  return { contracts, projects };
}

export interface ArrearsNamesView {
  /** The project the view is narrowed to (?project=), when it is. */
  project: Project | undefined;
  orgNames: Map<Uuid, string>;
  /** The live contracts among those asked for, and their projects. */
  contracts: Map<Uuid, Contract>;
  projects: Map<Uuid, Project>;
}

/** The names the arrears view prints beside its figures: the project filter, organisations, the contracts it lists. */
export async function loadArrearsNamesView(db: WorkbenchDb, projectId: Uuid | '', contractIds: readonly Uuid[]): Promise<ArrearsNamesView> {
  const [project, orgs, listed] = await Promise.all([projectId ? getProject(db, projectId) : undefined, listOrganisations(db), contractsAndProjects(db, contractIds)]);
  return { project, orgNames: new Map(orgs.map((o) => [o.id, o.name])), ...listed };
}

export interface PortfolioContractsQuery {
  type: ContractType | '';
  search: string;
  limit: number;
  /** Only contracts whose ledger carries warnings. */
  withWarnings: boolean;
}

export interface PortfolioContractsView extends ContractPage {
  projects: Map<Uuid, Project>;
  /** Each listed contract's warnings under the office's thresholds. */
  warnings: Map<Uuid, ContractWarning[]>;
  /** Ledgers not rebuilt yet (left out of the warning flags until they are). */
  stale: Uuid[];
}

/**
 * The portfolio contract list: one page of contracts with their projects. The filters and the search
 * are answered by the in-memory contract index (contract-index.ts), so only the contracts shown are
 * read in full; `index` must have finished its first read.
 */
export async function loadPortfolioContractsView(db: WorkbenchDb, q: PortfolioContractsQuery, index: ContractIndex = contractIndex(db)): Promise<PortfolioContractsView> {
  const rows = q.withWarnings ? await readLedgerRows(db) : null;
  const ids = rows ? contractsWithWarnings(rows).map((h) => h.contractId) : undefined;
  const matches = index.query({ type: q.type, search: q.search, ids });
  const [{ contracts, projects }, rules] = await Promise.all([contractsAndProjects(db, matches.slice(0, q.limit).map((r) => r.id)), contractRuleTables(db)]);
  const shown = [...contracts.values()];
  const warnings = new Map(shown.map((c) => [c.id, contractWarnings(c, rules)]));
  return { rows: shown, total: matches.length, projects, warnings, stale: rows?.staleIds ?? [] };
}

export interface ProjectContractsView {
  /** The project's live contracts by code, each with its warnings. */
  contracts: { contract: Contract; warnings: ContractWarning[] }[];
}

/** A project's contracts tab. */
export async function loadProjectContractsView(db: WorkbenchDb, projectId: Uuid): Promise<ProjectContractsView> {
  const [contracts, rules] = await Promise.all([contractsOfProject(db, projectId), contractRuleTables(db)]);
  return { contracts: contracts.map((contract) => ({ contract, warnings: contractWarnings(contract, rules) })) };
}

export interface ContractDetailView {
  /** Undefined when the contract does not exist or was deleted. */
  contract: Contract | undefined;
  warnings: ContractWarning[];
  orgNames: Map<Uuid, string>;
  amendments: ContractAmendment[];
  schedule: ScheduleView;
}

/** One contract's page: terms, warnings, amendments and its schedule with arrears as of `asOf`. */
export async function loadContractDetailView(db: WorkbenchDb, contractId: Uuid, asOf: IsoDate): Promise<ContractDetailView> {
  const [contract, orgs, amendments, schedule, rules] = await Promise.all([
    getContract(db, contractId),
    listOrganisations(db),
    amendmentsOfContract(db, contractId),
    contractSchedule(db, contractId, asOf),
    contractRuleTables(db),
  ]);
  return {
    contract,
    warnings: contract ? contractWarnings(contract, rules) : [],
    orgNames: new Map(orgs.map((o) => [o.id, o.name])),
    amendments,
    schedule,
  };
}

export interface StatementView {
  statement: Statement;
  orgNames: Map<Uuid, string>;
}

/** 欠款确认书 of one counterparty as of `asOf`, with the names it prints. */
export async function loadStatementView(db: WorkbenchDb, orgId: Uuid, asOf: IsoDate): Promise<StatementView> {
  const [statement, orgs] = await Promise.all([counterpartyStatement(db, orgId, asOf), listOrganisations(db)]);
  return { statement, orgNames: new Map(orgs.map((o) => [o.id, o.name])) };
}

/** The office's rate tables as entered, by policy (empty when the shipped seed applies). */
export async function loadRateTablesView(db: WorkbenchDb): Promise<Record<RatePolicy, ReferenceRate[]>> {
  const [lpr, eu, uk] = await Promise.all([listReferenceRates(db, 'lpr'), listReferenceRates(db, 'eu'), listReferenceRates(db, 'uk')]);
  return { lpr, eu, uk };
}
