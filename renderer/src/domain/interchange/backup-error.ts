// The backup error on its own, without the format's schemas: the register pages' import check
// (data/register-sync.ts) is on the app's start-up path and throws it, and should not bring zod along.
export type BackupErrorCode =
  | 'not-a-backup'
  | 'unsupported-format'
  | 'newer-schema'
  | 'unknown-schema'
  | 'damaged'
  | 'passphrase-required'
  | 'wrong-passphrase'
  | 'unknown-table'
  | 'invalid-row'
  | 'trail-broken'
  | 'count-mismatch'
  | 'unsupported-value'
  | 'no-space'
  | 'auto-passphrase-missing'
  | 'busy';

/** A backup or restore failure the UI translates by code (backup.errors.<code>). */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`backup: ${code}${Object.keys(detail).length ? ' ' + JSON.stringify(detail) : ''}`);
    this.name = 'BackupError';
  }
}
