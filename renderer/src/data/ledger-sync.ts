// Keeps the contract ledgers (contract-ledger.ts) honest whoever writes. A Dexie DBCore middleware
// sees every write to contracts, obligations, payments and deductions — from the contract
// repositories, but also from imports, exchange merges, restores and reviews — and, in the same
// IndexedDB transaction, replaces the ledger of each contract touched by a STALE stub. Stale
// ledgers are rebuilt from the raw rows before the next roll-up reads them (ledger.ts
// refreshStaleLedgers); the contract repositories rebuild theirs at once, at the end of their
// own transaction, so the usual path never leaves a stub behind.
//
// How: a read-write transaction over any of those tables is widened to include the ledger table
// (IndexedDB fixes a transaction's tables when it starts), and writes are followed by a put of
// the stubs. An `add` to the ledger table becomes a `put`, so copying a whole database (restore)
// cannot collide with stubs its own earlier pages caused.
import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/** DBCoreRangeType.Any (a const enum, which isolated modules cannot read from Dexie's typings). */
const ANY_KEY: DBCoreKeyRange = { type: 3 as DBCoreKeyRange['type'], lower: undefined, upper: undefined };

export const LEDGER_TABLE = 'contractLedgers';
/** Tables whose rows feed a ledger; each row names its contract (contracts: by its own id). */
export const LEDGER_SOURCES: readonly string[] = ['contracts', 'obligations', 'payments', 'deductions'];

export function staleStub(contractId: string): { id: string; stale: 1; d: string } {
  return { id: contractId, stale: 1, d: '' };
}

function contractIdOf(table: string, row: unknown): string | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const v = table === 'contracts' ? (row as { id?: unknown }).id : (row as { contractId?: unknown }).contractId;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function includesLedger(trans: DBCoreTransaction): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return !!names && names.contains(LEDGER_TABLE);
}

function createLedgerSync(down: DBCore): DBCore {
  const hasLedger = down.schema.tables.some((t) => t.name === LEDGER_TABLE);
  if (!hasLedger) return down;
  const sources = new Set(LEDGER_SOURCES.filter((n) => down.schema.tables.some((t) => t.name === n)));

  async function markStale(trans: DBCoreTransaction, ids: Iterable<string>): Promise<void> {
    const values = [...new Set(ids)].map(staleStub);
    if (values.length) await down.table(LEDGER_TABLE).mutate({ type: 'put', trans, values });
  }

  async function markAllStale(trans: DBCoreTransaction): Promise<void> {
    const ledger = down.table(LEDGER_TABLE);
    const all = await ledger.query({ trans, values: false, query: { index: ledger.schema.primaryKey, range: ANY_KEY } });
    await markStale(trans, all.result as string[]);
  }

  function watched(table: DBCoreTable): DBCoreTable {
    const name = table.name;
    return {
      ...table,
      async mutate(req: DBCoreMutateRequest) {
        if (!includesLedger(req.trans)) return table.mutate(req);
        const ids: string[] = [];
        if (req.type === 'add' || req.type === 'put') {
          for (const v of req.values) {
            const id = contractIdOf(name, v);
            if (id) ids.push(id);
          }
        } else if (req.type === 'delete') {
          const before = await table.getMany({ trans: req.trans, keys: req.keys });
          for (const v of before) {
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
      const widen = mode === 'readwrite' && !stores.includes(LEDGER_TABLE) && stores.some((s) => sources.has(s));
      return down.transaction(widen ? [...stores, LEDGER_TABLE] : stores, mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (sources.has(name)) return watched(table);
      if (name === LEDGER_TABLE) {
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
