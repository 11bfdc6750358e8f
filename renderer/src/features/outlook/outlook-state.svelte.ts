// The fiscal outlook behind the outlook screen: the contract ledgers are read by a live query (read
// again only when a ledger changes) and decoded once, and the budgets, fiscal rules and interest
// tables are live too. The base (open amounts and interest to date, fee series) is prepared once
// per ledger read and as-of date, so a scenario or horizon change only recomputes the years.
// Stale ledgers are rebuilt outside the live query, which then reads them again.
import { decodeSnapshot, type LedgerSnapshot } from '../../data/arrears';
import { getDb } from '../../data/context';
import { readLedgerRows } from '../../data/ledger';
import { observe } from '../../data/live.svelte';
import { loadOutlookTables, outlookBase, outlookView, type OutlookInputs, type OutlookRequest, type OutlookView } from '../../data/outlook';
import type { OutlookBase } from '../../domain/fiscal/outlook';
import type { IsoDate } from '../../domain/core/types';
import { staleLedgerRebuilder } from '../contracts';

export interface LiveOutlook {
  readonly view: OutlookView | null;
  readonly base: OutlookBase | null;
  readonly snapshot: LedgerSnapshot | null;
  /** What the last read or computation threw; null while they succeed. */
  readonly error: unknown;
  readonly loading: boolean;
  /** Reads again after a failure (a live query stops at its first error). */
  retry(): void;
}

/** Call during component initialisation (it sets up effects). */
export function liveOutlook(asOf: () => IsoDate, request: () => OutlookRequest): LiveOutlook {
  // Raw: the snapshot holds typed arrays and must not be wrapped in proxies.
  let snapshot = $state.raw<LedgerSnapshot | null>(null);
  let inputs = $state.raw<Omit<OutlookInputs, 'snapshot'> | null>(null);
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
          rebuildStale(snap.staleIds);
        },
        error: failed,
      },
    );
    const stopTables = observe(() => loadOutlookTables(getDb()), { next: (v) => (inputs = v), error: failed });
    return () => {
      stopLedgers();
      stopTables();
    };
  });

  // A computation that throws is shown as the screen's error, never as a blank page.
  const prepared = $derived.by((): { base: OutlookBase | null; failure: unknown } => {
    if (!snapshot || !inputs) return { base: null, failure: null };
    try {
      return { base: outlookBase({ snapshot, tables: inputs.tables, policy: inputs.policy }, asOf()), failure: null };
    } catch (e) {
      return { base: null, failure: e };
    }
  });
  const computed = $derived.by((): { view: OutlookView | null; failure: unknown } => {
    const base = prepared.base;
    if (!base || !inputs) return { view: null, failure: null };
    try {
      return { view: outlookView(base, inputs, request()), failure: null };
    } catch (e) {
      return { view: null, failure: e };
    }
  });
  const failure = $derived(error ?? prepared.failure ?? computed.failure);

  return {
    get view() {
      return computed.view;
    },
    get base() {
      return prepared.base;
    },
    get snapshot() {
      return snapshot;
    },
    get error() {
      return failure;
    },
    get loading() {
      return !computed.view && !failure;
    },
    retry() {
      error = null;
      attempt++;
    },
  };
}
