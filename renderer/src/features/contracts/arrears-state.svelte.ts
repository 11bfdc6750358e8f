// The portfolio arrears behind the arrears view: the ledgers are read by a live query (read again
// only when a ledger changes) and decoded once; changing the as-of date or the filter only
// recomputes. Stale ledgers are rebuilt outside the live query, which then re-reads them.
import { decodeSnapshot, rollUpLedgers, type ArrearsFilter, type LedgerSnapshot, type PortfolioArrears } from '../../data/arrears';
import { getDb } from '../../data/context';
import { readLedgerRows } from '../../data/ledger';
import { observe } from '../../data/live.svelte';
import { interestTables } from '../../data/reference-rates';
import type { InterestPolicyTables } from '../../domain/contracts/interest';
import { staleLedgerRebuilder } from './stale-ledgers';

export interface PortfolioArrearsState {
  readonly result: PortfolioArrears | null;
  readonly snapshot: LedgerSnapshot | null;
  readonly loading: boolean;
  /** What the last read threw; null while reads succeed. */
  readonly error: unknown;
  retry(): void;
}

/** Call during component initialisation (it sets up effects). */
export function portfolioArrears(asOf: () => string, filter: () => ArrearsFilter = () => ({})): PortfolioArrearsState {
  // Raw: the snapshot holds typed arrays and must not be wrapped in proxies.
  let snapshot = $state.raw<LedgerSnapshot | null>(null);
  let tables = $state.raw<InterestPolicyTables | null>(null);
  let error = $state.raw<unknown>(null);
  let attempt = $state(0);
  const rebuildStale = staleLedgerRebuilder();
  const failed = (e: unknown) => {
    console.error(e);
    error = e;
  };

  $effect(() => {
    void attempt;
    const stopLedgers = observe(
      async () => {
        const t0 = performance.now();
        const rows = await readLedgerRows(getDb());
        return decodeSnapshot(rows, Math.round(performance.now() - t0));
      },
      {
        next: (snap) => {
          snapshot = snap;
          error = null;
          rebuildStale(snap.staleIds);
        },
        error: failed,
      },
    );
    const stopRates = observe(() => interestTables(getDb()), { next: (v) => (tables = v), error: failed });
    return () => {
      stopLedgers();
      stopRates();
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
      return !result && !error;
    },
    get error() {
      return error;
    },
    retry() {
      error = null;
      attempt++;
    },
  };
}
