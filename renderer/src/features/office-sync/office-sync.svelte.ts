// The one sync client of this window and its state as Svelte runes, for the shell's status and the
// Settings panel. Started by the session once the database is open.
import type { WorkbenchDb } from '../../data/db';
import { createSyncClient, type SyncClient, type SyncClientState, type SyncRunError } from '../../data/office-sync/client';
import type { ShellSyncState } from '../../domain/office-sync/status';
import { platform } from '../../platform';

const state = $state({
  ready: false,
  shell: 'off' as ShellSyncState,
  snapshot: null as SyncClientState | null,
});

let client: SyncClient | null = null;

export const officeSync = {
  get ready() {
    return state.ready;
  },
  get shell(): ShellSyncState {
    return state.shell;
  },
  get state(): SyncClientState | null {
    return state.snapshot;
  },
  /** The error a person should read now: the last run's, else the connection's. */
  get error(): SyncRunError | null {
    const s = state.snapshot;
    return s ? (s.error ?? (s.connection === 'failed' || s.connection === 'needs-password' || s.connection === 'offline' ? s.connectionError : null)) : null;
  },
  syncNow() {
    return client?.syncNow();
  },
  cancel() {
    return client?.cancel();
  },
  refresh() {
    return client?.refresh();
  },
  redownload() {
    return client ? client.redownload() : Promise.resolve({ ok: false as const, reason: 'not-configured' as const });
  },
};

export function startOfficeSync(db: WorkbenchDb, by: () => string): void {
  if (client) return;
  client = createSyncClient({ db, api: platform.sync, by });
  const c = client;
  c.subscribe((s) => {
    state.snapshot = { ...s, refusal: [...s.refusal] };
    state.shell = c.shell;
  });
  state.ready = true;
  if (typeof window !== 'undefined') window.addEventListener('online', () => c.wake());
  void c.start().catch(() => undefined);
}
