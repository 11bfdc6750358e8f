// Builds, refreshes and reads the per-contract ledgers (domain/contract-ledger.ts). The raw rows
// of one contract are read by index; a ledger row is replaced whole.
import { buildLedger, decodeLedger, decodeLedgerHeader, encodeLedger, type ContractLedger, type LedgerHeader } from '../domain/contract-ledger';
import { contractWarnings } from '../domain/contract-rules';
import type { PerformanceDeduction } from '../domain/review-types';
import type { Uuid } from '../domain/types';
import type { ContractLedgerRow, WorkbenchDb } from './db';
import { LEDGER_TABLE } from './ledger-sync';

/** Every table a ledger rebuild reads or writes: a transaction that refreshes ledgers names these. */
export const LEDGER_TX_TABLES = ['contracts', 'obligations', 'payments', 'deductions', LEDGER_TABLE] as const;

/** Active performance deductions summed per obligation (reversed and tombstoned lines left out). */
export function sumActiveDeductions(rows: Iterable<PerformanceDeduction>): Map<Uuid, number> {
  const out = new Map<Uuid, number>();
  for (const d of rows) {
    if (d.deleted || d.status !== 'active') continue;
    out.set(d.obligationId, (out.get(d.obligationId) ?? 0) + d.amount.amount);
  }
  return out;
}

/** The ledger of one contract from its raw rows; null when the contract is gone or tombstoned. */
export async function ledgerFromRows(db: WorkbenchDb, contractId: Uuid): Promise<ContractLedger | null> {
  const contract = await db.contracts.get(contractId);
  if (!contract || contract.deleted) return null;
  const obligations = (await db.obligations.where('contractId').equals(contractId).toArray()).filter((o) => !o.deleted);
  const ids = obligations.map((o) => o.id);
  // By obligation, not by the payment's own contractId: the roll-up must see exactly the payments
  // computeArrears would group under these obligations.
  const payments = ids.length ? await db.payments.where('obligationId').anyOf(ids).toArray() : [];
  return buildLedger({
    contract,
    warnings: contractWarnings(contract),
    obligations,
    payments,
    deductions: sumActiveDeductions(await db.deductions.where('contractId').equals(contractId).toArray()),
  });
}

/**
 * Rebuilds the ledgers of these contracts. Call inside a read-write transaction over
 * LEDGER_TX_TABLES (the contract repositories do, after their writes) or on its own.
 */
export async function refreshLedgers(db: WorkbenchDb, contractIds: Iterable<Uuid>): Promise<void> {
  const ids = [...new Set(contractIds)];
  if (ids.length === 0) return;
  await db.transaction('rw', [...LEDGER_TX_TABLES], async () => {
    const puts: ContractLedgerRow[] = [];
    const gone: Uuid[] = [];
    for (const id of ids) {
      const ledger = await ledgerFromRows(db, id);
      if (ledger) puts.push({ id, stale: 0, d: encodeLedger(ledger) });
      else gone.push(id);
    }
    if (puts.length) await db.contractLedgers.bulkPut(puts);
    if (gone.length) await db.contractLedgers.bulkDelete(gone);
  });
}

/** Ids of ledgers marked stale by writes that did not rebuild them (imports, merges, reviews). */
export function staleLedgerIds(db: WorkbenchDb): Promise<Uuid[]> {
  return db.contractLedgers.where('stale').equals(1).primaryKeys() as Promise<Uuid[]>;
}

/** Rebuilds every stale ledger, in batches (one transaction each). Returns how many. */
export async function refreshStaleLedgers(db: WorkbenchDb, batch = 200): Promise<number> {
  const ids = await staleLedgerIds(db);
  for (let i = 0; i < ids.length; i += batch) await refreshLedgers(db, ids.slice(i, i + batch));
  return ids.length;
}

/**
 * One-off rebuild of every contract's ledger from the raw tables (after a bulk load, or to repair).
 * Ledgers of contracts that no longer exist are removed.
 */
export async function rebuildAllLedgers(db: WorkbenchDb, onProgress?: (done: number, total: number) => void, batch = 200): Promise<number> {
  const ids = (await db.contracts.toCollection().primaryKeys()) as Uuid[];
  const known = new Set(ids);
  const orphans = ((await db.contractLedgers.toCollection().primaryKeys()) as Uuid[]).filter((id) => !known.has(id));
  if (orphans.length) await db.contractLedgers.bulkDelete(orphans);
  for (let i = 0; i < ids.length; i += batch) {
    await refreshLedgers(db, ids.slice(i, i + batch));
    onProgress?.(Math.min(i + batch, ids.length), ids.length);
  }
  return ids.length;
}

/** The stored ledger rows, as read (decode lazily: headers for lists, whole ledgers for roll-ups). */
export function readLedgerRows(db: WorkbenchDb): Promise<ContractLedgerRow[]> {
  return db.contractLedgers.toArray();
}

export function decodeLedgerRow(row: ContractLedgerRow): ContractLedger {
  return decodeLedger(row.id, row.d);
}

export function decodeLedgerRowHeader(row: ContractLedgerRow): LedgerHeader {
  return decodeLedgerHeader(row.id, row.d);
}
