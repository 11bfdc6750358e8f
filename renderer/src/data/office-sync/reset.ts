// "Re-download everything": this desk's copy of the office's records is replaced by the server's.
// Only after a sync that left nothing unsent (the outbox empty, no conflict waiting): local work is
// pushed first, never dropped. The change log is kept as it is — it is append-only and chained, and
// every entry in it is on the server — and so is the office's list of trusted desks (the pull needs
// it to accept signed audits). Records, files and ledgers are cleared and the pull starts again from
// the beginning; the merge brings every record back with its history.
import type { WorkbenchDb } from '../db';
import { LEDGER_TABLES } from '../ledger-sync';
import { outboxManaged } from './outbox';
import { writeNote } from './state';
import { SYNCED_TABLES } from './what-syncs';

/** Record tables cleared by a reset: every synced table but the trust list. */
export const RESET_TABLES: readonly string[] = SYNCED_TABLES.filter((t) => t !== 'deskKeys');

export type ResetRefusal = 'unsynced' | 'conflicts';

/** Clears this desk's records for a pull from the beginning; refuses while anything is unsent. */
export async function resetLocalCopy(db: WorkbenchDb): Promise<ResetRefusal | null> {
  return outboxManaged(db, [...RESET_TABLES, ...LEDGER_TABLES, 'mergeConflicts', 'syncState'], async () => {
    // Checked inside the transaction that clears: nothing written since the sync can slip through.
    if ((await db.mergeConflicts.count()) > 0) return 'conflicts';
    if ((await db.syncOutbox.count()) > 0) return 'unsynced';
    for (const t of [...RESET_TABLES, ...LEDGER_TABLES]) await db.table(t).clear();
    await writeNote(db, 'cursor', null);
    await writeNote(db, 'lastSyncAt', null);
    return null;
  });
}
