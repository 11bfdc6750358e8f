// What the shell says about office sync, from the connection's state (the Node side) and the
// client's own (a run under way, local changes waiting, conflicts waiting for a person).
import type { SyncConnectionState, SyncErrorCode } from '../../../../sync/api';

/**
 * 'off': no office server on this desk (nothing to show but a way to set one up).
 * 'syncing': a pull or push is running. 'conflicts': records wait for a person.
 * 'offline': the server cannot be reached now; work goes on and waits in the outbox.
 * 'attention': a person must act (password, TLS, schema, permission, a refused batch …).
 * 'paused': a person stopped the first download; it resumes when asked.
 * 'pending': connected, local changes not pushed yet (a push is due).
 * 'synced': connected, nothing waiting.
 */
export type ShellSyncState = 'off' | 'syncing' | 'conflicts' | 'offline' | 'attention' | 'paused' | 'pending' | 'synced';

export interface SyncFacts {
  connection: SyncConnectionState;
  running: boolean;
  paused: boolean;
  /** A code the last run failed with (or the connection reports) that a person must act on. */
  blocking: SyncErrorCode | 'refused' | null;
  /** The last run could not reach the server (transient). */
  unreachable: boolean;
  conflicts: number;
  outbox: number;
}

/** Order matters: what a person must act on comes before what will resolve itself. */
export function shellState(f: SyncFacts): ShellSyncState {
  if (f.connection === 'unconfigured') return 'off';
  if (f.running) return 'syncing';
  if (f.blocking !== null || f.connection === 'failed' || f.connection === 'needs-password') return 'attention';
  if (f.conflicts > 0) return 'conflicts';
  if (f.paused) return 'paused';
  if (f.unreachable || f.connection === 'offline') return 'offline';
  if (f.outbox > 0) return 'pending';
  return 'synced';
}

/** Waits between automatic retries after a transient failure: 2 s doubling to 2 min. */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(120_000, 2_000 * 2 ** Math.min(failures - 1, 10));
}

/**
 * Splits items into batches of at most `maxItems` items and `maxBytes` estimated bytes, in order;
 * an item larger than `maxBytes` travels alone (the server refuses it if it really is too big).
 */
export function batchBySize<T>(items: readonly T[], sizeOf: (item: T) => number, limits: { maxItems: number; maxBytes: number }): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (cur.length > 0 && (cur.length >= limits.maxItems || bytes + size > limits.maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(item);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}
