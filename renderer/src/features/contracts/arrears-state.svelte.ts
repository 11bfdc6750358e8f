// The portfolio arrears behind the arrears view: the ledgers are read by a live query (read again
// only when a ledger changes) and decoded once; changing the as-of date or the filter only
// recomputes. Stale ledgers are rebuilt outside the live query, which then re-reads them.
import { observePortfolioLedgers, rollUpLedgers, type ArrearsFilter, type LedgerSnapshot, type PortfolioArrears } from '../../data/arrears';
import { getDb } from '../../data/context';
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

  $effect(() =>
    observePortfolioLedgers(getDb(), {
      snapshot: (snap) => {
        snapshot = snap;
        rebuildStale(snap.staleIds);
      },
      tables: (t) => (tables = t),
      error: notifyError,
    }),
  );

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
