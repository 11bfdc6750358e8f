// Worked examples of the office-sync rules: which server version a desk builds on, what a pulled
// version's history is, what the shell says, how batches are cut, and the connection form.
import { describe, expect, it } from 'vitest';
import { configProblems, pemCertificate, type ConfigDraft } from '../../../../renderer/src/domain/office-sync/config';
import { batchBySize, retryDelayMs, shellState, type SyncFacts } from '../../../../renderer/src/domain/office-sync/status';
import { baseGuess, pulledHistory, pushEntries, rebaseOnStale } from '../../../../renderer/src/domain/office-sync/versions';

const e = (id: string, rev: number) => ({ id, rev, at: `2026-01-0${rev}T00:00:00.000Z` });
// Local history of one record: created (c1), edited and pushed (u2), edited here, not pushed (u3).
const local = [e('c1', 1), e('u2', 2), e('u3', 3)];

describe('versions', () => {
  it.each([
    // outbox, expected base
    [[], 'u3'],
    [['u3'], 'u2'],
    [['u2', 'u3'], 'c1'],
    [['c1', 'u2', 'u3'], null],
  ] as const)('baseGuess with outbox %j → %s', (outbox, base) => {
    expect(baseGuess(local, new Set(outbox))).toBe(base);
  });

  it.each([
    // outbox, the page's entries, expected history of the pulled version
    [['u3'], [e('x3', 3)], ['c1', 'u2', 'x3']],
    [[], [e('x4', 4)], ['c1', 'u2', 'u3', 'x4']],
    [['u2', 'u3'], [], ['c1']],
    // An entry the page repeats counts once.
    [[], [e('u2', 2), e('x4', 4)], ['c1', 'u2', 'u3', 'x4']],
  ] as const)('pulledHistory with outbox %j and page %j', (outbox, page, history) => {
    expect(pulledHistory(local, new Set(outbox), page)).toEqual(history);
  });

  it.each([
    [null, null],
    ['u2', 'u2'],
    ['c1', 'c1'],
    ['x9', 'pull'],
  ] as const)('rebaseOnStale: server head %s → %s', (serverHead, next) => {
    expect(rebaseOnStale(['c1', 'u2', 'u3'], serverHead)).toBe(next);
  });

  it.each([
    [['u3'], ['u3']],
    [['u2', 'u3'], ['u2', 'u3']],
    // The head is not waiting: nothing new to send for this record.
    [['u2'], null],
    [[], null],
  ] as const)('pushEntries with outbox %j → %j', (outbox, ids) => {
    const got = pushEntries(local, new Set(outbox));
    expect(got === null ? null : got.map((x) => x.id)).toEqual(ids);
  });
});

describe('shell state', () => {
  const base: SyncFacts = { connection: 'online', running: false, paused: false, blocking: null, unreachable: false, conflicts: 0, outbox: 0 };
  it.each([
    [{}, 'synced'],
    [{ connection: 'unconfigured' }, 'off'],
    [{ running: true, conflicts: 2 }, 'syncing'],
    [{ blocking: 'auth-failed', conflicts: 2 }, 'attention'],
    [{ connection: 'needs-password' }, 'attention'],
    [{ connection: 'failed' }, 'attention'],
    [{ conflicts: 1, unreachable: true }, 'conflicts'],
    [{ paused: true, outbox: 3 }, 'paused'],
    [{ unreachable: true, outbox: 3 }, 'offline'],
    [{ connection: 'offline' }, 'offline'],
    [{ outbox: 3 }, 'pending'],
  ] as const)('%j → %s', (patch, expected) => {
    expect(shellState({ ...base, ...patch } as SyncFacts)).toBe(expected);
  });

  it.each([
    [0, 0],
    [1, 2_000],
    [2, 4_000],
    [6, 64_000],
    [7, 120_000],
    [40, 120_000],
  ])('retry after %i failures: %i ms', (failures, ms) => {
    expect(retryDelayMs(failures)).toBe(ms);
  });

  it('cuts batches by count and by size; an oversized item travels alone', () => {
    const sizes = [4, 4, 4, 20, 1, 1, 1];
    expect(batchBySize(sizes, (s) => s, { maxItems: 3, maxBytes: 10 })).toEqual([[4, 4], [4], [20], [1, 1, 1]]);
  });
});

describe('connection form', () => {
  const ok: ConfigDraft = { host: 'pg.office.local', port: '5432', database: 'workbench', user: 'desk_fin1', tls: 'verify-full', caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', desk: '财务科-1' };
  it.each([
    [{}, []],
    [{ host: '  ' }, [['host', 'required']]],
    [{ port: '0' }, [['port', 'port']]],
    [{ port: '65536' }, [['port', 'port']]],
    [{ port: '54x' }, [['port', 'port']]],
    [{ port: '' }, [['port', 'required']]],
    [{ database: 'd'.repeat(64) }, [['database', 'too-long']]],
    [{ desk: '' , user: '' }, [['user', 'required'], ['desk', 'required']]],
    [{ caPem: null }, [['caPem', 'ca-required']]],
    [{ caPem: null, tls: 'require' }, []],
  ] as const)('%j → %j', (patch, expected) => {
    expect(configProblems({ ...ok, ...patch } as ConfigDraft).map((p) => [p.field, p.code])).toEqual(expected);
  });

  it.each([
    ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', true],
    ['-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----', false],
    ['hello', false],
  ])('pemCertificate(%j) found: %s', (text, found) => {
    expect(pemCertificate(text) !== null).toBe(found);
  });
});
