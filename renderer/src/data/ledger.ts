// Builds, refreshes and reads the contract ledgers (domain/contracts/contract-ledger.ts). A contract's ledger
// is rebuilt from its raw rows, read by index. Ledgers are stored in LEDGER_PAGE_COUNT pages (a
// contract's page is a hash of its id): reading IndexedDB costs per row far more than per byte
// (20,000 rows of 200 bytes take ~5× longer than 20 rows of 200 KB), so the portfolio roll-up reads
// a few large rows; rebuilding one contract rewrites one page.
import Dexie from 'dexie';
import { buildLedger, encodeLedger, failedLedger, type ContractLedger } from '../domain/contracts/contract-ledger';
import { contractWarnings, type ContractRuleTables } from '../domain/contracts/contract-rules';
import { activeDeductionTotals } from '../domain/contracts/payable';
import type { Uuid } from '../domain/core/types';
import type { LedgerPageRow, WorkbenchDb } from './db';
import { LEDGER_PAGES, LEDGER_STALE } from './ledger-sync';
import { contractRuleTables } from './reference-rates';
import { pageOf } from './page-of';

/** Every table a ledger rebuild reads or writes: a transaction that refreshes ledgers names these. */
export const LEDGER_TX_TABLES = ['contracts', 'obligations', 'payments', 'deductions', 'referenceRates', LEDGER_PAGES, LEDGER_STALE] as const;

/** Pages of ledgers. 20,000 contracts make pages of ~125 KB. */
export const LEDGER_PAGE_COUNT = 32;

/** The key of a contract's ledger page, 'p00'…'p31': FNV-1a of its id. (Keys are strings, as backups expect.) */
export function ledgerPageOf(contractId: string): string {
  return pageOf(contractId, LEDGER_PAGE_COUNT, 'p');
}


/** The ledger of one contract from its raw rows; null when the contract is gone or tombstoned. */
export async function ledgerFromRows(db: WorkbenchDb, contractId: Uuid, rules: ContractRuleTables): Promise<ContractLedger | null> {
  const contract = await db.contracts.get(contractId);
  if (!contract || contract.deleted) return null;
  const obligations = (await db.obligations.where('contractId').equals(contractId).toArray()).filter((o) => !o.deleted);
  const ids = obligations.map((o) => o.id);
  // By obligation, not by the payment's own contractId: the roll-up must see exactly the payments
  // computeArrears would group under these obligations.
  const payments = ids.length ? await db.payments.where('obligationId').anyOf(ids).toArray() : [];
  return buildLedger({
    contract,
    warnings: contractWarnings(contract, rules),
    obligations,
    payments,
    deductions: activeDeductionTotals(await db.deductions.where('contractId').equals(contractId).toArray()),
  });
}

/**
 * Writes packed ledgers into their pages ('' or null removes the contract's entry) and clears their
 * stale marks. Call inside a transaction over LEDGER_TX_TABLES or on its own.
 */
export async function putLedgerEntries(db: WorkbenchDb, entries: ReadonlyMap<Uuid, string | null>): Promise<void> {
  if (entries.size === 0) return;
  const byPage = new Map<string, Uuid[]>();
  for (const id of entries.keys()) {
    const p = ledgerPageOf(id);
    const list = byPage.get(p);
    if (list) list.push(id);
    else byPage.set(p, [id]);
  }
  await db.transaction('rw', [LEDGER_PAGES, LEDGER_STALE], async () => {
    const pages = await db.ledgerPages.bulkGet([...byPage.keys()]);
    const out: LedgerPageRow[] = [];
    [...byPage].forEach(([pageId, ids], i) => {
      const page = pages[i] ?? { id: pageId, ids: [], d: [] };
      const at = new Map(page.ids.map((id, k) => [id, k]));
      for (const id of ids) {
        const packed = entries.get(id);
        const k = at.get(id);
        if (packed) {
          if (k === undefined) {
            at.set(id, page.ids.length);
            page.ids.push(id);
            page.d.push(packed);
          } else page.d[k] = packed;
        } else if (k !== undefined) page.d[k] = '';
      }
      // Entries blanked above are dropped here, so removed contracts leave no trace.
      const keep = page.d.map((d) => d !== '');
      out.push({ id: pageId, ids: page.ids.filter((_, k) => keep[k]), d: page.d.filter((_, k) => keep[k]) });
    });
    await db.ledgerPages.bulkPut(out);
    await db.ledgerStale.bulkDelete([...entries.keys()]);
  });
}

/**
 * The packed ledger of one contract (null when it is gone). The rows are screened as the ledger is
 * built; whatever else goes wrong with one contract's rows gives that contract a ledger that says so
 * (failedLedger) instead of failing the rebuild of every contract in the batch. Storage errors still
 * throw: they are not about the contract.
 */
async function packedLedger(db: WorkbenchDb, id: Uuid, rules: ContractRuleTables): Promise<string | null> {
  try {
    const ledger = await ledgerFromRows(db, id, rules);
    return ledger ? encodeLedger(ledger) : null;
  } catch (e) {
    if (e instanceof Dexie.DexieError) throw e;
    return encodeLedger(failedLedger(id, e instanceof Error ? e.message : String(e)));
  }
}

/**
 * Rebuilds the ledgers of these contracts. Call inside a read-write transaction over
 * LEDGER_TX_TABLES (the contract repositories do, after their writes) or on its own.
 */
export async function refreshLedgers(db: WorkbenchDb, contractIds: Iterable<Uuid>): Promise<void> {
  const ids = [...new Set(contractIds)];
  if (ids.length === 0) return;
  await db.transaction('rw', [...LEDGER_TX_TABLES], async () => {
    const entries = new Map<Uuid, string | null>();
    const rules = await contractRuleTables(db);
    for (const id of ids) entries.set(id, await packedLedger(db, id, rules));
    await putLedgerEntries(db, entries);
  });
}

/** Contracts whose ledger is marked stale by writes that did not rebuild it (imports, merges, reviews). */
export function staleLedgerIds(db: WorkbenchDb): Promise<Uuid[]> {
  return db.ledgerStale.toCollection().primaryKeys() as Promise<Uuid[]>;
}

/** Rebuilds these ledgers in batches (one transaction each), so a long list never makes one huge transaction. */
export async function refreshLedgersInBatches(db: WorkbenchDb, ids: readonly Uuid[], batch = 500): Promise<void> {
  for (let i = 0; i < ids.length; i += batch) await refreshLedgers(db, ids.slice(i, i + batch));
}

/** Rebuilds every stale ledger. Returns how many. */
export async function refreshStaleLedgers(db: WorkbenchDb): Promise<number> {
  const ids = await staleLedgerIds(db);
  await refreshLedgersInBatches(db, ids);
  return ids.length;
}

/**
 * One-off rebuild of every contract's ledger from the raw tables (after a bulk load, or to repair):
 * the raw rows are read in batches, the pages written once at the end.
 */
export async function rebuildAllLedgers(db: WorkbenchDb, onProgress?: (done: number, total: number) => void, batch = 500): Promise<number> {
  const ids = (await db.contracts.toCollection().primaryKeys()) as Uuid[];
  const entries = new Map<Uuid, string | null>();
  const rules = await contractRuleTables(db);
  for (let i = 0; i < ids.length; i += batch) {
    await db.transaction('r', ['contracts', 'obligations', 'payments', 'deductions'], async () => {
      for (const id of ids.slice(i, i + batch)) {
        const packed = await packedLedger(db, id, rules);
        if (packed) entries.set(id, packed);
      }
    });
    onProgress?.(Math.min(i + batch, ids.length), ids.length);
  }
  await db.transaction('rw', [LEDGER_PAGES, LEDGER_STALE], async () => {
    await db.ledgerPages.clear();
    await db.ledgerStale.clear();
    await putLedgerEntries(db, entries);
  });
  return entries.size;
}

/** Stored ledgers as read: the pages, and the contracts marked stale (whose page entries are outdated). */
export interface LedgerRows {
  pages: LedgerPageRow[];
  staleIds: Uuid[];
}

/** One read of the ledger tables (a few rows), in one transaction so pages and marks agree. */
export async function readLedgerRows(db: WorkbenchDb): Promise<LedgerRows> {
  return db.transaction('r', [LEDGER_PAGES, LEDGER_STALE], async () => ({
    pages: await db.ledgerPages.toArray(),
    staleIds: (await db.ledgerStale.toCollection().primaryKeys()) as Uuid[],
  }));
}

/**
 * Calls `fn` with every (contract id, packed ledger) of the pages that is not marked stale; a walk
 * rather than a generator, since a portfolio's decode takes 20,000 of them and a pair each cost it.
 */
export function forEachLiveLedger(rows: LedgerRows, fn: (id: Uuid, packed: string) => void): void {
  const stale = new Set(rows.staleIds);
  for (const p of rows.pages) {
    for (let k = 0; k < p.ids.length; k++) if (!stale.has(p.ids[k])) fn(p.ids[k], p.d[k]);
  }
}

