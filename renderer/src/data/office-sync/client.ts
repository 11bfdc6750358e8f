// The office-sync client: when to sync and what the desk says about it. One run is
// pull → push (→ pull and push again while another desk keeps moving the same records) → office
// settings; runs never overlap (a trigger during a run asks for one more run after it).
//
// Triggers: start, a local write (debounced: the outbox middleware announces committed writes),
// a timer, the server's 'changed' events (NOTIFY, poll, reconnect), a person pressing 同步. With no
// server the desk works as before and its changes wait in the outbox; transient failures are
// retried with a growing delay, failures a person must act on (password, TLS, schema, permission,
// disk) wait for the configuration to change or for the button.
//
// Nothing here is lost on failure: the pull applies a page and its cursor in one transaction, the
// push empties outbox rows only after the server committed them.
import type { SyncApi, SyncConnectionState, SyncErrorCode, SyncEvent, SyncStatus } from '../../../../sync/api';
import { retryDelayMs, shellState, type ShellSyncState } from '../../domain/office-sync/status';
import type { WorkbenchDb } from '../db';
import type { ExchangeProblem } from '../interchange/exchange/problems';
import { deskOf } from '../trail/desk';
import { syncOfficeSettings } from './office-settings';
import { onOutboxGrowth } from './outbox';
import { pullAll, SyncRefusedError, type PullProgress } from './pull';
import { pushAll, type PushProgress } from './push';
import { resetLocalCopy, type ResetRefusal } from './reset';
import { readNote, writeNote } from './state';

/** Transient: the server will probably answer later; retried by itself. */
const TRANSIENT: ReadonlySet<SyncErrorCode> = new Set(['unreachable', 'connection-lost', 'server-busy', 'timeout', 'host-unreachable']);
/** Rounds of pull-then-push in one run before giving the other desks a moment. */
const MAX_ROUNDS = 5;

/**
 * Why the last run stopped: a server code, 'refused' (a page failed validation: nothing of it was
 * written), 'local-full' (this computer's storage is full), 'local-error' (anything else here).
 */
export type SyncRunError = SyncErrorCode | 'refused' | 'local-full' | 'local-error';

export interface SyncClientState {
  connection: SyncConnectionState;
  /** The connection's own error (Node side), when offline or failed. */
  connectionError: SyncErrorCode | null;
  desk: string | null;
  running: boolean;
  phase: 'pull' | 'push' | 'settings' | null;
  /** Progress of the pull (server positions) or the push (records), for a progress bar. */
  progress: { phase: 'pull' | 'push'; done: number; total: number } | null;
  /** A person paused the sync (cancelled the first download); it resumes when asked. */
  paused: boolean;
  /** The last run's failure; null after a good run. */
  error: SyncRunError | null;
  /** Problems of a refused page (the first few), for the details view. */
  refusal: ExchangeProblem[];
  conflicts: number;
  /** Outbox rows waiting (one per local write; 0 = nothing to push). */
  outbox: number;
  lastSyncAt: string | null;
  /** No pull has completed yet on this desk (the first download). */
  firstSync: boolean;
}

export interface SyncClientOptions {
  db: WorkbenchDb;
  api: SyncApi;
  /** The operator's name, stamped on versions the sync settles itself. */
  by: () => string;
  now?: () => Date;
  /** Wait after a local write before pushing (ms). */
  debounceMs?: number;
  /** Wait after a 'changed' event before pulling (ms). */
  eventDebounceMs?: number;
  /** Sync at least this often while connected (ms). */
  timerMs?: number;
  pageLimit?: number;
  /** Timer functions (tests). */
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout; setInterval: typeof setInterval; clearInterval: typeof clearInterval };
}

export interface SyncRunResult {
  ok: boolean;
  error: SyncRunError | null;
  pulled: number;
  pushed: number;
  conflicts: number;
}

export interface SyncClient {
  readonly state: SyncClientState;
  readonly shell: ShellSyncState;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (s: SyncClientState) => void): () => void;
  /** Subscribes to the triggers and runs a first sync. */
  start(): Promise<void>;
  stop(): void;
  /** Syncs now (the button); resumes a paused sync. Resolves when the run (and any run it waited for) is over. */
  syncNow(): Promise<SyncRunResult>;
  /** Stops the running sync where it stands and pauses automatic sync until syncNow(). */
  cancel(): Promise<void>;
  /** Refreshes the connection status and the local counts. */
  refresh(): Promise<void>;
  /** The network is back (the browser says so): retry now rather than after the back-off. */
  wake(): void;
  /**
   * Replaces this desk's records with the server's: syncs first (local work is pushed, never
   * dropped), refuses while anything is left unsent or a conflict waits, then pulls everything.
   */
  redownload(): Promise<{ ok: true } | { ok: false; reason: ResetRefusal | SyncRunError }>;
}

const initial = (): SyncClientState => ({
  connection: 'unconfigured',
  connectionError: null,
  desk: null,
  running: false,
  phase: null,
  progress: null,
  paused: false,
  error: null,
  refusal: [],
  conflicts: 0,
  outbox: 0,
  lastSyncAt: null,
  firstSync: true,
});

export function syncErrorOf(e: unknown): SyncRunError {
  if (e instanceof SyncRefusedError) return 'refused';
  // platform.sync rejects with SyncError (and the Node service with SyncFailure): both tagged so.
  const tagged = e instanceof Error ? /^sync-error:([a-z-]+)/.exec(e.message) : null;
  if (tagged) return tagged[1] as SyncErrorCode;
  const name = (e as { name?: string } | null)?.name;
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return 'local-full';
  return 'local-error';
}

export function isTransient(code: SyncRunError | null): boolean {
  return code !== null && TRANSIENT.has(code as SyncErrorCode);
}

/** Connection states in which a run can reach the server at all. */
const usable = (c: SyncConnectionState) => c === 'online' || c === 'connecting' || c === 'offline';

export function createSyncClient(opts: SyncClientOptions): SyncClient {
  const { db, api } = opts;
  // Wrapped: a browser's setTimeout throws "Illegal invocation" when called as a method of another object.
  const timers = opts.timers ?? {
    setTimeout: ((fn: () => void, ms: number) => setTimeout(fn, ms)) as typeof setTimeout,
    clearTimeout: ((id: ReturnType<typeof setTimeout>) => clearTimeout(id)) as typeof clearTimeout,
    setInterval: ((fn: () => void, ms: number) => setInterval(fn, ms)) as typeof setInterval,
    clearInterval: ((id: ReturnType<typeof setInterval>) => clearInterval(id)) as typeof clearInterval,
  };
  const now = opts.now ?? (() => new Date());
  const state = initial();
  const listeners = new Set<(s: SyncClientState) => void>();
  let running: Promise<SyncRunResult> | null = null;
  let again = false;
  let abort: AbortController | null = null;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let interval: ReturnType<typeof setInterval> | null = null;
  let failures = 0;
  const offs: (() => void)[] = [];
  let stopped = true;

  const emit = () => {
    for (const l of listeners) l(state);
  };
  const set = (patch: Partial<SyncClientState>) => {
    Object.assign(state, patch);
    emit();
  };

  function applyStatus(s: SyncStatus) {
    set({ connection: s.state, connectionError: s.error, desk: s.desk });
  }

  async function counts(): Promise<void> {
    const [conflicts, outbox, lastSyncAt, paused] = await Promise.all([
      db.mergeConflicts.count(),
      db.syncOutbox.count(),
      readNote(db, 'lastSyncAt'),
      readNote(db, 'paused'),
    ]);
    // The first download lasts until a whole run has completed once (a cancelled one resumes as such).
    set({ conflicts, outbox, lastSyncAt, firstSync: lastSyncAt === null, paused });
  }

  function schedule(ms: number) {
    if (stopped || state.paused) return;
    if (debounce) timers.clearTimeout(debounce);
    debounce = timers.setTimeout(() => {
      debounce = null;
      void run(false);
    }, ms);
  }

  async function registerKey(): Promise<void> {
    const desk = state.desk;
    if (!desk || (await readNote(db, 'registeredAs')) === desk) return;
    await api.setDeskKey(deskOf(db).publicKey);
    await writeNote(db, 'registeredAs', desk);
  }

  async function once(signal: AbortSignal): Promise<SyncRunResult> {
    const result: SyncRunResult = { ok: true, error: null, pulled: 0, pushed: 0, conflicts: 0 };
    await registerKey();
    const onPull = (p: PullProgress) => set({ progress: { phase: 'pull', done: p.position - p.start, total: Math.max(1, p.end - p.start) } });
    const onPush = (p: PushProgress) => set({ progress: { phase: 'push', done: p.done, total: p.total } });
    const bases = new Map<string, string | null>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      set({ phase: 'pull' });
      const pulled = await pullAll({ db, api, by: opts.by(), now, signal, limit: opts.pageLimit, progress: onPull });
      result.pulled += pulled.records;
      result.conflicts += pulled.conflicts;
      set({ phase: 'push', progress: null });
      const pushed = await pushAll({ db, api, signal, progress: onPush, bases });
      result.pushed += pushed.applied;
      if (pushed.ok) break;
    }
    set({ phase: 'settings', progress: null });
    await syncOfficeSettings(db, api);
    return result;
  }

  async function run(manual: boolean): Promise<SyncRunResult> {
    if (running) {
      again = true;
      return running;
    }
    if (!manual && (state.paused || stopped)) return { ok: false, error: null, pulled: 0, pushed: 0, conflicts: 0 };
    if (!usable(state.connection) && !manual) return { ok: false, error: state.connectionError, pulled: 0, pushed: 0, conflicts: 0 };
    running = (async () => {
      abort = new AbortController();
      if (retry) timers.clearTimeout(retry);
      retry = null;
      set({ running: true, error: null, refusal: [] });
      let out: SyncRunResult;
      try {
        out = await once(abort.signal);
        failures = 0;
        const at = now().toISOString();
        await writeNote(db, 'lastSyncAt', at);
        set({ error: null });
      } catch (e) {
        if (abort.signal.aborted) {
          out = { ok: false, error: null, pulled: 0, pushed: 0, conflicts: 0 };
        } else {
          const error = syncErrorOf(e);
          if (error === 'local-error') console.error(e);
          set({ error, refusal: e instanceof SyncRefusedError ? e.problems.slice(0, 20) : [] });
          out = { ok: false, error, pulled: 0, pushed: 0, conflicts: 0 };
          if (isTransient(error) && !stopped) {
            failures++;
            retry = timers.setTimeout(() => void run(false), retryDelayMs(failures));
          }
        }
      } finally {
        abort = null;
        set({ running: false, phase: null, progress: null });
      }
      await counts().catch(() => undefined);
      return out;
    })();
    try {
      return await running;
    } finally {
      running = null;
      if (again) {
        again = false;
        schedule(0);
      }
    }
  }

  return {
    state,
    get shell() {
      return shellState({
        connection: state.connection,
        running: state.running,
        paused: state.paused,
        blocking: state.error && !isTransient(state.error) ? (state.error === 'local-full' || state.error === 'local-error' ? 'refused' : state.error) : null,
        unreachable: isTransient(state.error),
        conflicts: state.conflicts,
        outbox: state.outbox,
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      stopped = false;
      offs.push(
        api.onEvent((ev: SyncEvent) => {
          if (ev.type === 'status') {
            const was = state.connection;
            applyStatus(ev.status);
            // Back online, or configured anew: sync.
            if (ev.status.state === 'online' && was !== 'online') schedule(opts.eventDebounceMs ?? 300);
          } else schedule(opts.eventDebounceMs ?? 300);
        }),
      );
      offs.push(
        onOutboxGrowth(() => {
          void counts().catch(() => undefined);
          schedule(opts.debounceMs ?? 1_500);
        }),
      );
      interval = timers.setInterval(() => void run(false), opts.timerMs ?? 60_000);
      await this.refresh();
      await run(false);
    },
    stop() {
      stopped = true;
      for (const off of offs.splice(0)) off();
      if (debounce) timers.clearTimeout(debounce);
      if (retry) timers.clearTimeout(retry);
      if (interval) timers.clearInterval(interval);
      abort?.abort();
    },
    async syncNow() {
      if (state.paused) {
        await writeNote(db, 'paused', false);
        set({ paused: false });
      }
      await this.refresh();
      if (running) {
        // A run is under way: wait for it, then run once more so this press sees the latest.
        await running.catch(() => undefined);
      }
      return run(true);
    },
    async cancel() {
      await writeNote(db, 'paused', true);
      set({ paused: true });
      abort?.abort();
      await running?.catch(() => undefined);
    },
    async redownload() {
      const first = await this.syncNow();
      if (!first.ok) return { ok: false, reason: first.error ?? 'local-error' };
      // No run may start between the check and the clearing: hold the run slot.
      let release!: (r: SyncRunResult) => void;
      running = new Promise<SyncRunResult>((r) => (release = r));
      let refused: ResetRefusal | null;
      try {
        refused = await resetLocalCopy(db);
      } finally {
        running = null;
        release({ ok: true, error: null, pulled: 0, pushed: 0, conflicts: 0 });
      }
      await counts();
      if (refused) return { ok: false, reason: refused };
      const again = await run(true);
      return again.ok ? { ok: true } : { ok: false, reason: again.error ?? 'local-error' };
    },
    wake() {
      failures = 0;
      if (retry) timers.clearTimeout(retry);
      retry = null;
      schedule(0);
    },
    async refresh() {
      try {
        applyStatus(await api.status());
      } catch (e) {
        const code = syncErrorOf(e);
        // A host without sync (a plain static server) is a desk without an office server.
        if (code === 'sync-unavailable') set({ connection: 'unconfigured', connectionError: null });
        else set({ connection: code === 'forbidden' ? 'failed' : 'offline', connectionError: code as SyncErrorCode });
      }
      await counts();
    },
  };
}
