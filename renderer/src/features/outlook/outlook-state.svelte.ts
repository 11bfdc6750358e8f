// The fiscal outlook behind the outlook screen: the contract ledgers are read by a live query (read
// again only when a ledger changes) and decoded once, and the budgets, fiscal rules and interest
// tables are live too. The base (open amounts and interest to date, fee series) is prepared once
// per ledger read and as-of date, so a scenario or horizon change only recomputes the years.
// Stale ledgers are rebuilt outside the live query, which then reads them again.
import { liveQuery } from 'dexie';
import { decodeSnapshot, type LedgerSnapshot } from '../../data/arrears';
import { fiscalPolicy, listBudgetLines } from '../../data/budgets';
import { getDb } from '../../data/context';
import { readLedgerRows } from '../../data/ledger';
import { outlookBase, outlookView, type OutlookRequest, type OutlookView } from '../../data/outlook';
import { interestTables } from '../../data/reference-rates';
import type { InterestPolicyTables } from '../../domain/contracts/interest';
import type { BudgetLine } from '../../domain/fiscal/budgets';
import type { FiscalPolicy } from '../../domain/fiscal/fiscal-policy';
import type { OutlookBase } from '../../domain/fiscal/outlook';
import type { IsoDate } from '../../domain/core/types';
import { staleLedgerRebuilder } from '../contracts/stale-ledgers';

export interface LiveOutlook {
  readonly view: OutlookView | null;
  readonly base: OutlookBase | null;
  readonly snapshot: LedgerSnapshot | null;
  readonly budgetLines: readonly BudgetLine[];
  readonly policy: FiscalPolicy | null;
  readonly error: unknown;
  readonly loading: boolean;
}

/** Call during component initialisation (it sets up effects). */
export function liveOutlook(asOf: () => IsoDate, request: () => OutlookRequest): LiveOutlook {
  // Raw: the snapshot holds typed arrays and must not be wrapped in proxies.
  let snapshot = $state.raw<LedgerSnapshot | null>(null);
  let tables = $state.raw<InterestPolicyTables | null>(null);
  let policy = $state.raw<FiscalPolicy | null>(null);
  let budgetLines = $state.raw<BudgetLine[] | null>(null);
  let error = $state.raw<unknown>(null);
  const rebuildStale = staleLedgerRebuilder();

  $effect(() => {
    const db = getDb();
    const fail = (e: unknown) => (error = e);
    const subs = [
      liveQuery(async () => {
        const t0 = performance.now();
        const rows = await readLedgerRows(db);
        return decodeSnapshot(rows, Math.round(performance.now() - t0));
      }).subscribe({
        next: (snap) => {
          snapshot = snap;
          rebuildStale(snap.staleIds);
        },
        error: fail,
      }),
      liveQuery(() => interestTables(db)).subscribe({ next: (v) => (tables = v), error: fail }),
      liveQuery(() => fiscalPolicy(db)).subscribe({ next: (v) => (policy = v), error: fail }),
      liveQuery(() => listBudgetLines(db)).subscribe({ next: (v) => (budgetLines = v), error: fail }),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  });

  // A computation that throws is shown as the screen's error, never as a blank page.
  const prepared = $derived.by((): { base: OutlookBase | null; failure: unknown } => {
    if (!snapshot || !tables || !policy) return { base: null, failure: null };
    try {
      return { base: outlookBase({ snapshot, tables, policy }, asOf()), failure: null };
    } catch (e) {
      return { base: null, failure: e };
    }
  });
  const computed = $derived.by((): { view: OutlookView | null; failure: unknown } => {
    const base = prepared.base;
    if (!base || !policy || !budgetLines) return { view: null, failure: null };
    try {
      return { view: outlookView(base, { policy, budgetLines }, request()), failure: null };
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
    get budgetLines() {
      return budgetLines ?? [];
    },
    get policy() {
      return policy;
    },
    get error() {
      return failure;
    },
    get loading() {
      return !computed.view && !failure;
    },
  };
}
