// The portfolio contract list: which contracts a filter selects and in which order. One rule for
// the list's in-memory index (data/contract-index.ts) and the whole-record query (data/contracts.ts).
import type { Contract, ContractType } from '../core/types';

export interface ContractListQuery {
  type?: ContractType | '';
  /** Matched, case-insensitively, inside the code or the title. */
  search?: string;
  /** Only these contracts (e.g. those with warnings); undefined = all. */
  ids?: Iterable<string>;
}

/** What the list filters and sorts on; the screen reads the records it shows in full. */
export interface ContractListRow {
  id: string;
  code: string;
  type: ContractType;
  projectId: string;
  /** Lower-cased code and title. */
  codeLower: string;
  titleLower: string;
}

export function contractListRow(c: Pick<Contract, 'id' | 'code' | 'title' | 'type' | 'projectId'>): ContractListRow {
  return { id: c.id, code: c.code, type: c.type, projectId: c.projectId, codeLower: c.code.toLowerCase(), titleLower: c.title.toLowerCase() };
}

/** The query's filter as a predicate; null when it lets every contract through. */
export function contractListFilter(q: ContractListQuery): ((r: ContractListRow) => boolean) | null {
  const needle = q.search?.trim().toLowerCase() ?? '';
  const ids = q.ids === undefined ? null : new Set(q.ids);
  const { type } = q;
  if (!type && !needle && !ids) return null;
  return (r) => (!ids || ids.has(r.id)) && (!type || r.type === type) && (!needle || r.codeLower.includes(needle) || r.titleLower.includes(needle));
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** By code ('HT-2' before 'HT-10'), then by id: a total order. */
export function compareContractCodes(a: Pick<ContractListRow, 'id' | 'code'>, b: Pick<ContractListRow, 'id' | 'code'>): number {
  return collator.compare(a.code, b.code) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
