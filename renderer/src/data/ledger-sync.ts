// Keeps the contract ledgers (contract-ledger.ts) honest whoever writes. A Dexie DBCore middleware
// sees every write to contracts, obligations, payments and deductions — from the contract
// repositories, but also from imports, exchange merges, restores and reviews — and, in the same
// IndexedDB transaction, marks each contract touched as STALE (one tiny row per contract in
// ledgerStale). Stale ledgers are rebuilt from the raw rows before the next roll-up reads them
// (ledger.ts refreshStaleLedgers); the contract repositories rebuild theirs at once, at the end of
// their own transaction, so the usual path leaves no mark behind.
//
// How: a read-write transaction over any of those tables is widened to include the ledger tables
// (IndexedDB fixes a transaction's tables when it starts), and writes are followed by a put of the
// marks. A transaction that names the ledger tables itself declares that it keeps them right (the
// contract repositories rebuild what they touch; a restore copies the backup's pages and marks; a
// bulk load writes its own pages), so its writes mark nothing. An `add` to a ledger table becomes a
// `put`, so a copy of a whole database cannot collide with ledger rows written before it.
import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/** One row per page of packed ledgers (see ledger.ts): few rows, because IndexedDB reads cost per row. */
export const LEDGER_PAGES = 'ledgerPages';
/** One row per contract whose ledger must be rebuilt. */
export const LEDGER_STALE = 'ledgerStale';
export const LEDGER_TABLES: readonly string[] = [LEDGER_PAGES, LEDGER_STALE];
/** Tables whose rows feed a ledger; each row names its contract (contracts: by its own id). */
export const LEDGER_SOURCES: readonly string[] = ['contracts', 'obligations', 'payments', 'deductions'];

/** DBCoreRangeType.Any (a const enum, which isolated modules cannot read from Dexie's typings). */
const ANY_KEY: DBCoreKeyRange = { type: 3 as DBCoreKeyRange['type'], lower: undefined, upper: undefined };

/** Transactions whose writer named the ledger tables, and so maintains the ledgers itself. */
const selfManaged = new WeakSet<object>();

export function staleMark(contractId: string): { id: string } {
  return { id: contractId };
}

function contractIdOf(table: string, row: unknown): string | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const v = table === 'contracts' ? (row as { id?: unknown }).id : (row as { contractId?: unknown }).contractId;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function tracks(trans: DBCoreTransaction): boolean {
  if (selfManaged.has(trans)) return false;
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return !!names && names.contains(LEDGER_STALE) && names.contains(LEDGER_PAGES);
}

function createLedgerSync(down: DBCore): DBCore {
  const has = (name: string) => down.schema.tables.some((t) => t.name === name);
  if (!has(LEDGER_PAGES) || !has(LEDGER_STALE)) return down;
  const sources = new Set(LEDGER_SOURCES.filter(has));

  async function markStale(trans: DBCoreTransaction, ids: Iterable<string>): Promise<void> {
    const values = [...new Set(ids)].map(staleMark);
    if (values.length) await down.table(LEDGER_STALE).mutate({ type: 'put', trans, values });
  }

  /** After a clear: every contract with a ledger entry. */
  async function markAllStale(trans: DBCoreTransaction): Promise<void> {
    const pages = down.table(LEDGER_PAGES);
    const all = await pages.query({ trans, values: true, query: { index: pages.schema.primaryKey, range: ANY_KEY } });
    await markStale(trans, (all.result as { ids?: string[] }[]).flatMap((p) => p.ids ?? []));
  }

  function watched(table: DBCoreTable): DBCoreTable {
    const name = table.name;
    return {
      ...table,
      async mutate(req: DBCoreMutateRequest) {
        if (!tracks(req.trans)) return table.mutate(req);
        const ids: string[] = [];
        if (req.type === 'add' || req.type === 'put') {
          for (const v of req.values) {
            const id = contractIdOf(name, v);
            if (id) ids.push(id);
          }
        } else if (req.type === 'delete') {
          for (const v of await table.getMany({ trans: req.trans, keys: req.keys })) {
            const id = contractIdOf(name, v);
            if (id) ids.push(id);
          }
        }
        const res = await table.mutate(req);
        if (req.type === 'deleteRange') await markAllStale(req.trans);
        else await markStale(req.trans, ids);
        return res;
      },
    };
  }

  return {
    ...down,
    transaction(stores, mode, options) {
      if (mode !== 'readwrite' || !stores.some((s) => sources.has(s))) return down.transaction(stores, mode, options);
      if (stores.includes(LEDGER_STALE)) {
        const trans = down.transaction(stores, mode, options);
        selfManaged.add(trans);
        return trans;
      }
      return down.transaction([...new Set([...stores, ...LEDGER_TABLES])], mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (sources.has(name)) return watched(table);
      if (LEDGER_TABLES.includes(name)) {
        return { ...table, mutate: (req) => table.mutate(req.type === 'add' ? { ...req, type: 'put' } : req) };
      }
      return table;
    },
  };
}

export const ledgerSyncMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ContractLedgerSync',
  create: createLedgerSync,
};
