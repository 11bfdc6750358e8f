// Screens that read the ledgers through a live query rebuild the stale ones they find outside that
// query (a live query must not write); the query then reads them again.
import { getDb } from '../../data/context';
import { refreshLedgersInBatches } from '../../data/ledger';
import { notifyError } from '../../ui/notify.svelte';

/**
 * Returns a function to call with each read's stale ids. Each id is tried once while it stays
 * stale, so a failing rebuild cannot loop; once rebuilt it may be tried again if it goes stale later.
 */
export function staleLedgerRebuilder(): (staleIds: readonly string[]) => void {
  const tried = new Set<string>();
  return (staleIds) => {
    const now = new Set(staleIds);
    for (const id of tried) if (!now.has(id)) tried.delete(id);
    const todo = staleIds.filter((id) => !tried.has(id));
    if (!todo.length) return;
    for (const id of todo) tried.add(id);
    void refreshLedgersInBatches(getDb(), todo).catch(notifyError);
  };
}
