// Every failure a desk can meet maps to one stable code; messages and stacks never ride along.
import { describe, expect, it } from 'vitest';
import { SyncFailure, toSyncFailure } from '../../../sync/errors';

const pgError = (code: string, message = 'localized server text') => Object.assign(new Error(message), { code, severity: 'ERROR' });
const nodeError = (code: string) => Object.assign(new Error(`${code} 10.0.0.5:5432`), { code });

describe('toSyncFailure', () => {
  it.each([
    // The server (SQLSTATE)
    [pgError('28P01'), 'operation', 'auth-failed'],
    [pgError('28000'), 'connect', 'auth-failed'],
    [pgError('3D000'), 'connect', 'database-missing'],
    [pgError('42501'), 'operation', 'permission-denied'],
    [pgError('53100'), 'operation', 'disk-full'],
    [pgError('53300'), 'connect', 'server-busy'],
    [pgError('53200'), 'operation', 'server-busy'],
    [pgError('55P03'), 'operation', 'server-busy'],
    [pgError('57014'), 'operation', 'timeout'],
    [pgError('57P01'), 'operation', 'connection-lost'],
    [pgError('57P03'), 'connect', 'unreachable'],
    [pgError('25006'), 'operation', 'server-read-only'],
    [pgError('42P01'), 'operation', 'schema-missing'],
    [pgError('08006'), 'operation', 'connection-lost'],
    [pgError('22P02'), 'operation', 'server-error'],
    [pgError('XX000'), 'operation', 'server-error'],
    // The network
    [nodeError('ECONNREFUSED'), 'connect', 'unreachable'],
    [nodeError('EHOSTUNREACH'), 'connect', 'unreachable'],
    [nodeError('ENOTFOUND'), 'connect', 'unreachable'],
    [nodeError('ETIMEDOUT'), 'connect', 'unreachable'],
    [nodeError('ETIMEDOUT'), 'operation', 'connection-lost'],
    [nodeError('ECONNRESET'), 'operation', 'connection-lost'],
    [nodeError('EPIPE'), 'operation', 'connection-lost'],
    [nodeError('ECONNRESET'), 'connect', 'unreachable'],
    // TLS (Node's codes, and the pg driver's own message for a server without TLS)
    [nodeError('DEPTH_ZERO_SELF_SIGNED_CERT'), 'connect', 'tls-failed'],
    [nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'connect', 'tls-failed'],
    [nodeError('ERR_TLS_CERT_ALTNAME_INVALID'), 'connect', 'tls-failed'],
    [nodeError('CERT_HAS_EXPIRED'), 'connect', 'tls-failed'],
    [new Error('The server does not support SSL connections'), 'connect', 'tls-failed'],
    // The pg driver's own messages
    [new Error('Connection terminated unexpectedly'), 'operation', 'connection-lost'],
    [new Error('Connection terminated unexpectedly'), 'connect', 'unreachable'],
    [new Error('timeout exceeded when trying to connect'), 'connect', 'unreachable'],
    [new Error('Connection terminated due to connection timeout'), 'connect', 'unreachable'],
    [new Error('something else entirely'), 'operation', 'server-error'],
    [null, 'operation', 'server-error'],
  ] as const)('%s during %s → %s', (err, phase, code) => {
    const failure = toSyncFailure(err, phase);
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(new RegExp(`^sync-error:${code}( [A-Za-z0-9_-]+)?$`));
    expect(failure.message).not.toContain('localized');
    expect(failure.stack ?? '').not.toContain('localized server text');
  });

  it('passes a SyncFailure through unchanged', () => {
    const f = new SyncFailure('schema-too-new', '3>2');
    expect(toSyncFailure(f)).toBe(f);
  });
});
