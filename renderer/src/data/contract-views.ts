// Read models of the portfolio contract screens: each screen reads one of these, so the tombstone
// filter and the joins (contract → project) are written once, here.
import type { Contract, ContractType, Project, Uuid } from '../domain/core/types';
import { contractsWithWarnings } from './arrears';
import { contractIndex, type ContractIndex } from './contract-index';
import type { ContractPage } from './contracts';
import type { WorkbenchDb } from './db';
import { readLedgerRows } from './ledger';

/** Live contracts among `ids` and the live projects they belong to; deleted ones are simply absent. */
export async function contractsAndProjects(db: WorkbenchDb, ids: readonly Uuid[]): Promise<{ contracts: Map<Uuid, Contract>; projects: Map<Uuid, Project> }> {
  const contracts = new Map<Uuid, Contract>();
  for (const c of await db.contracts.bulkGet([...ids])) if (c && !c.deleted) contracts.set(c.id, c);
  const projects = new Map<Uuid, Project>();
  for (const p of await db.projects.bulkGet([...new Set([...contracts.values()].map((c) => c.projectId))])) if (p && !p.deleted) projects.set(p.id, p);
  return { contracts, projects };
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
  const { contracts, projects } = await contractsAndProjects(db, matches.slice(0, q.limit).map((r) => r.id));
  return { rows: [...contracts.values()], total: matches.length, projects, stale: rows?.staleIds ?? [] };
}
