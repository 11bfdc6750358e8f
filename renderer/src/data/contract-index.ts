// The portfolio contract list in memory: code, type, project and the lower-cased code and title of
// every live contract, kept in code order. Read once, then kept in step by the change feed like the
// register (feed-index.ts), so a filter or each keystroke in the search box is answered without
// reading the contracts store; the screen then reads in full only the contracts it shows.
import Dexie from 'dexie';
import type { Contract } from '../domain/core/types';
import { compareContractCodes, contractListFilter, contractListRow, type ContractListQuery, type ContractListRow } from '../domain/contracts/contract-list';
import type { WorkbenchDb } from './db';
import { FeedIndex, PATCH_LIMIT, patchOrder } from './feed-index';

export class ContractIndex extends FeedIndex<ContractListRow> {
  #order: ContractListRow[] = [];

  constructor(db: WorkbenchDb) {
    super(db, 'contracts');
  }

  /** The contracts the query selects, by code. Empty until the first read has finished. */
  query(q: ContractListQuery = {}): ContractListRow[] {
    const keep = contractListFilter(q);
    return keep ? this.#order.filter(keep) : this.#order.slice();
  }

  protected async readAll(): Promise<Map<string, ContractListRow>> {
    const live = await this.db.contracts.where('[deleted+type]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray();
    return new Map(live.map((c) => [c.id, contractListRow(c)]));
  }

  protected project(record: unknown): ContractListRow | null {
    const c = record as Contract;
    return c.deleted ? null : contractListRow(c);
  }

  protected rebuilt(): void {
    this.#order = [...this.rows.values()].sort(compareContractCodes);
  }

  protected patched(removed: ContractListRow[], added: ContractListRow[]): void {
    if (removed.length + added.length > PATCH_LIMIT) this.rebuilt();
    else patchOrder(this.#order, removed, added, compareContractCodes);
  }
}

const indexes = new WeakMap<WorkbenchDb, ContractIndex>();

/** The contract list index of this database, started on first use and kept for the session. */
export function contractIndex(db: WorkbenchDb): ContractIndex {
  let ix = indexes.get(db);
  if (!ix) indexes.set(db, (ix = new ContractIndex(db)));
  return ix;
}
