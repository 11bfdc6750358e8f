import type { SyncErrorCode, SyncErrorTag } from './api';

/**
 * A failure with a stable code. Its message is only `sync-error:<code>` plus a short detail (a
 * SQLSTATE or a Node error code), because Electron forwards only the message of a rejected invoke
 * and nothing the driver or the server wrote (messages, stacks) may reach the page.
 */
export class SyncFailure extends Error {
  readonly code: SyncErrorCode;
  readonly detail: string | undefined;

  constructor(code: SyncErrorCode, detail?: string) {
    const tag: SyncErrorTag = `sync-error:${code}`;
    super(detail ? `${tag} ${detail}` : tag);
    this.name = 'SyncFailure';
    this.code = code;
    this.detail = detail;
  }
}

/** States a person must act on; the others are transient and retried. */
export const NEEDS_A_PERSON: ReadonlySet<SyncErrorCode> = new Set<SyncErrorCode>([
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
  'server-read-only',
  'desk-key-mismatch',
  'password-required',
  'not-configured',
  'server-data-invalid',
  'server-error',
]);

/** SQLSTATE → code. Classes are matched by their first two characters after exact codes. */
const SQLSTATE: Record<string, SyncErrorCode> = {
  '28P01': 'auth-failed', // invalid_password
  '28000': 'auth-failed', // invalid_authorization_specification: pg_hba refusal, unknown role
  '3D000': 'database-missing',
  '42501': 'permission-denied',
  '53100': 'disk-full',
  '53200': 'server-busy', // out_of_memory
  '53300': 'server-busy', // too_many_connections
  '55P03': 'server-busy', // lock_not_available (lock_timeout)
  '57014': 'timeout', // query_canceled, statement_timeout
  '57P01': 'connection-lost', // admin_shutdown, pg_terminate_backend
  '57P02': 'connection-lost', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now: starting up or shutting down
  '25006': 'server-read-only', // read_only_sql_transaction: a standby
  '3F000': 'schema-missing', // invalid_schema_name
  '42P01': 'schema-missing', // undefined_table
  '08001': 'unreachable',
  '08004': 'unreachable',
};

const SQLSTATE_CLASS: Record<string, SyncErrorCode> = {
  '08': 'connection-lost',
  '53': 'server-busy',
  '28': 'auth-failed',
};

const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const LOST_ERRNO = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function isTlsError(code: string, message: string): boolean {
  if (/^(ERR_SSL|ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY|DECRYPT)|ERR_OSSL)/.test(code)) return true;
  // Written by the pg driver itself (not the server), so stable across server locales.
  return /does not support SSL|SSL connection|self[- ]signed certificate|certificate/i.test(message) && code === '';
}

/**
 * Maps anything thrown by the driver, the network or the server to a SyncFailure. `phase`
 * 'connect' turns a timeout or a closed socket into 'unreachable' (nothing was sent yet);
 * 'operation' makes them 'connection-lost'.
 */
export function toSyncFailure(err: unknown, phase: 'connect' | 'operation' = 'operation'): SyncFailure {
  if (err instanceof SyncFailure) return err;
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (/^[0-9A-Z]{5}$/.test(code) && !code.startsWith('E')) {
    const mapped = SQLSTATE[code] ?? SQLSTATE_CLASS[code.slice(0, 2)];
    return new SyncFailure(mapped ?? 'server-error', code);
  }
  if (isTlsError(code, message)) return new SyncFailure('tls-failed', code || undefined);
  if (UNREACHABLE_ERRNO.has(code)) return new SyncFailure('unreachable', code);
  if (code === 'ETIMEDOUT') return new SyncFailure(phase === 'connect' ? 'unreachable' : 'connection-lost', code);
  if (LOST_ERRNO.has(code)) return new SyncFailure(phase === 'connect' ? 'unreachable' : 'connection-lost', code);
  // The pg driver's own messages (English, from the library, not the server).
  if (/timeout exceeded when trying to connect|connection timeout/i.test(message)) return new SyncFailure('unreachable', 'connect-timeout');
  if (/Query read timeout/i.test(message)) return new SyncFailure('timeout');
  if (/Connection terminated|not queryable|Client was closed|ended by the other party|socket hang up/i.test(message)) {
    return new SyncFailure(phase === 'connect' ? 'unreachable' : 'connection-lost');
  }
  return new SyncFailure('server-error', code || undefined);
}

export function isSyncFailure(err: unknown, code?: SyncErrorCode): err is SyncFailure {
  return err instanceof SyncFailure && (code === undefined || err.code === code);
}
