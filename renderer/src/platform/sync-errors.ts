import type { SyncErrorCode } from '../../../sync/api';

const CODES = [
  'not-configured',
  'password-required',
  'unreachable',
  'auth-failed',
  'database-missing',
  'tls-failed',
  'tls-ca-invalid',
  'schema-too-new',
  'schema-missing',
  'schema-outdated',
  'migration-failed',
  'permission-denied',
  'disk-full',
  'server-busy',
  'server-read-only',
  'connection-lost',
  'timeout',
  'server-data-invalid',
  'file-missing',
  'desk-key-mismatch',
  'invalid-argument',
  'forbidden',
  'sync-unavailable',
  'host-unreachable',
  'password-storage-failed',
  'server-error',
] as const satisfies readonly SyncErrorCode[];

// Fails the type check if sync/api.ts gains a code this list does not know.
const _allCodesListed: Exclude<SyncErrorCode, (typeof CODES)[number]> extends never ? true : never = true;
void _allCodesListed;

export const SYNC_ERROR_CODES: readonly SyncErrorCode[] = CODES;

/** A platform.sync failure with a code the UI translates (e.g. t(`sync.error.${code}`)). */
export class SyncError extends Error {
  readonly code: SyncErrorCode;

  constructor(code: SyncErrorCode, detail?: string) {
    super(detail ? `sync-error:${code} ${detail}` : `sync-error:${code}`);
    this.name = 'SyncError';
    this.code = code;
  }
}

const TAG = /sync-error:([a-z-]+)/;

/** The code carried by an error from either transport, or null for anything else. */
export function syncErrorCode(err: unknown): SyncErrorCode | null {
  if (err instanceof SyncError) return err.code;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const code = TAG.exec(message)?.[1] ?? '';
  return (CODES as readonly string[]).includes(code) ? (code as SyncErrorCode) : null;
}

/**
 * Electron hands the renderer "Error invoking remote method 'sync:push': Error: sync-error:stale …";
 * this turns it back into a SyncError. Anything without a code becomes 'server-error' so callers
 * always get a code, never a raw message to show.
 */
export function toSyncError(err: unknown): SyncError {
  if (err instanceof SyncError) return err;
  return new SyncError(syncErrorCode(err) ?? 'server-error');
}
