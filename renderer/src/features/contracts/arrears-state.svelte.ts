// The portfolio arrears behind the arrears view: the ledgers are read by a live query (read again
// only when a ledger changes) and decoded once; changing the as-of date or the filter only
// recomputes. Stale ledgers are rebuilt outside the live query, which then re-reads them.
import { liveQuery } from 'dexie';
import { decodeSnapshot, rollUpLedgers, type ArrearsFilter, type LedgerSnapshot, type PortfolioArrears } from '../../data/arrears';
import { getDb } from '../../data/context';
import { readLedgerRows } from '../../data/ledger';
import { interestTables } from '../../data/reference-rates';
import type { InterestPolicyTables } from '../../domain/contracts/interest';
import { notifyError } from '../../ui/notify.svelte';
import { staleLedgerRebuilder } from './stale-ledgers';

export interface PortfolioArrearsState {
  readonly result: PortfolioArrears | null;
  readonly snapshot: LedgerSnapshot | null;
  readonly loading: boolean;
}

/** Call during component initialisation (it sets up effects). */
export function portfolioArrears(asOf: () => string, filter: () => ArrearsFilter = () => ({})): PortfolioArrearsState {
  // Raw: the snapshot holds typed arrays and must not be wrapped in proxies.
  let snapshot = $state.raw<LedgerSnapshot | null>(null);
  let tables = $state.raw<InterestPolicyTables | null>(null);
  const rebuildStale = staleLedgerRebuilder();

  $effect(() => {
    const sub = liveQuery(async () => {
      const t0 = performance.now();
      const rows = await readLedgerRows(getDb());
      return decodeSnapshot(rows, Math.round(performance.now() - t0));
    }).subscribe({
      next: (snap) => {
        snapshot = snap;
        rebuildStale(snap.staleIds);
      },
      error: notifyError,
    });
    const rates = liveQuery(() => interestTables(getDb())).subscribe({ next: (v) => (tables = v), error: notifyError });
    return () => {
      sub.unsubscribe();
      rates.unsubscribe();
    };
  });

  const result = $derived(snapshot && tables ? rollUpLedgers(snapshot, tables, asOf(), filter()) : null);

  return {
    get result() {
      return result;
    },
    get snapshot() {
      return snapshot;
    },
    get loading() {
      return !result;
    },
  };
}
