// Connecting: each failure a desk can meet maps to its code (unreachable, wrong password, missing
// database, TLS), TLS modes against a server with a throwaway CA, and wake-up events (LISTEN/
// NOTIFY, the polling fallback, reconnection).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncEvent, SyncStatus } from '../../sync/api';
import type { SyncService } from '../../sync/service';
import { adminQuery, freePort } from '../support/pg-cluster';
import { cluster, deskConfig, freshOffice, ownerConfig, serviceTracker } from '../support/office-db';
import { newItem } from '../support/sync-fixtures';

let db: string;
const tracker = serviceTracker();
const service = tracker.add;

beforeAll(async () => {
  db = await freshOffice('connect');
});
afterAll(tracker.closeAll);

describe('failures each get their code', () => {
  it('nothing listening on the port: unreachable; the desk is offline, not failed', async () => {
    const s = await service({ ...deskConfig(db), port: await freePort() });
    expect(await s.test()).toEqual({ ok: false, code: 'unreachable', server: null });
    await expect(s.pull({ cursor: null })).rejects.toMatchObject({ code: 'unreachable' });
    expect(await s.status()).toMatchObject({ state: 'offline', error: 'unreachable' });
  });

  it('a wrong password: auth-failed, and the desk needs a person', async () => {
    const s = await service({ ...deskConfig(db), password: 'not-it' });
    expect(await s.test()).toMatchObject({ ok: false, code: 'auth-failed' });
    await expect(s.push({ items: [newItem('projects')] })).rejects.toMatchObject({ code: 'auth-failed' });
    expect(await s.status()).toMatchObject({ state: 'failed', error: 'auth-failed' });
  });

  it('an unknown user: auth-failed', async () => {
    expect(await (await service({ ...deskConfig(db), user: 'nobody_here' })).test()).toMatchObject({ ok: false, code: 'auth-failed' });
  });

  it('a database that does not exist: database-missing', async () => {
    expect(await (await service({ ...deskConfig(db), database: 'no_such_db' })).test()).toMatchObject({ ok: false, code: 'database-missing' });
  });

  it('no stack or server message crosses: the failure message is the code and a SQLSTATE at most', async () => {
    const s = await service({ ...deskConfig(db), password: 'not-it' });
    const err = (await s.pull({ cursor: null }).then(
      () => null,
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toMatch(/^sync-error:auth-failed( [0-9A-Z]{5})?$/);
  });
});

describe('TLS', () => {
  let otherCa: string;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'scw-ca-'));
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=someone-else', '-keyout', join(tmp, 'k'), '-out', join(tmp, 'c')]);
    otherCa = readFileSync(join(tmp, 'c'), 'utf8');
    return () => rmSync(tmp, { recursive: true, force: true });
  });

  it('require: encrypted, certificate not checked', async () => {
    const s = await service({ ...deskConfig(db), tls: 'require' });
    expect(await s.test()).toMatchObject({ ok: true });
    const ssl = await s.pull({ cursor: null }).then(() => adminQuery(cluster(), db, `SELECT bool_and(ssl) AS all_ssl FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename = 'desk_a'`));
    expect(ssl.rows[0].all_ssl).toBe(true);
  });

  it('verify-full with the office CA, by IP and by name', async () => {
    const caPem = cluster().caPem!;
    expect(await (await service({ ...deskConfig(db), tls: 'verify-full', caPem })).test()).toMatchObject({ ok: true });
    expect(await (await service({ ...deskConfig(db), host: 'localhost', tls: 'verify-full', caPem })).test()).toMatchObject({ ok: true });
  });

  it('verify-full with another CA: tls-failed', async () => {
    expect(await (await service({ ...deskConfig(db), tls: 'verify-full', caPem: otherCa })).test()).toMatchObject({ ok: false, code: 'tls-failed' });
  });

  it('a CA that is not a certificate: tls-ca-invalid', async () => {
    const caPem = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n';
    expect(await (await service({ ...deskConfig(db), tls: 'verify-full', caPem })).test()).toMatchObject({ ok: false, code: 'tls-ca-invalid' });
  });

  it('require against a server without TLS: tls-failed', async () => {
    // A server that answers the TLS request with 'N', as PostgreSQL does when ssl is off.
    const plain = createServer((socket) => {
      socket.once('data', () => socket.end('N'));
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
    const address = plain.address();
    try {
      const s = await service({ ...deskConfig(db), port: typeof address === 'object' && address ? address.port : 0, tls: 'require' });
      expect(await s.test()).toMatchObject({ ok: false, code: 'tls-failed' });
    } finally {
      plain.close();
    }
  });
});

/** Collects events; `next(pred)` resolves with the first (past or future) event matching pred. */
function recorder(s: SyncService) {
  const events: SyncEvent[] = [];
  const waiters: { pred: (e: SyncEvent) => boolean; resolve: (e: SyncEvent) => void }[] = [];
  const stop = s.onEvent((e) => {
    events.push(e);
    for (const w of [...waiters]) if (w.pred(e)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  });
  return {
    events,
    stop,
    /** The first event from index `from` on that matches. */
    next(pred: (e: SyncEvent) => boolean, from = 0): Promise<SyncEvent> {
      const past = events.slice(from).find(pred);
      if (past) return Promise.resolve(past);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}
const isStatus = (pred: (s: SyncStatus) => boolean) => (e: SyncEvent) => e.type === 'status' && pred(e.status);

describe('wake-ups', () => {
  it('LISTEN/NOTIFY: another desk’s push wakes this desk', async () => {
    const b = await service(deskConfig(db, 'desk_b'), { coalesceMs: 10 });
    const rec = recorder(b);
    await rec.next(isStatus((s) => s.state === 'online' && s.wakeups === 'listen'));
    await rec.next((e) => e.type === 'changed' && e.source === 'connect');
    const mark = rec.events.length;
    const a = await service(deskConfig(db, 'desk_a'));
    expect((await a.push({ items: [newItem('payments')] })).ok).toBe(true);
    expect(await rec.next((e) => e.type === 'changed', mark)).toEqual({ type: 'changed', source: 'notify' });
    rec.stop();
  });

  it('polling when LISTEN is off (a pooler in transaction mode): a push is noticed by the poll', async () => {
    const b = await service(deskConfig(db, 'desk_b'), { listen: false, pollMs: { listening: 60_000, polling: 50 }, coalesceMs: 10 });
    const rec = recorder(b);
    await rec.next(isStatus((s) => s.state === 'online' && s.wakeups === 'poll'));
    await rec.next((e) => e.type === 'changed' && e.source === 'connect');
    const mark = rec.events.length;
    const a = await service(deskConfig(db, 'desk_c'));
    expect((await a.push({ items: [newItem('payments')] })).ok).toBe(true);
    expect(await rec.next((e) => e.type === 'changed', mark)).toEqual({ type: 'changed', source: 'poll' });
    rec.stop();
  });

  it('a lost connection is reported and retried; coming back says changed (pull, something may have been missed)', async () => {
    const b = await service(deskConfig(db, 'desk_b', 'reconnecting'), { retryMs: { min: 20, max: 200 }, coalesceMs: 10 });
    const rec = recorder(b);
    await rec.next(isStatus((s) => s.state === 'online'));
    const mark = rec.events.length;
    await adminQuery(cluster(), db, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scw-desk reconnecting'`);
    await rec.next(isStatus((s) => s.state === 'offline' && s.error === 'connection-lost'), mark);
    await rec.next(isStatus((s) => s.state === 'online' && s.wakeups === 'listen'), mark);
    await rec.next((e) => e.type === 'changed' && e.source === 'connect', mark);
    rec.stop();
  });

  it('the online status carries the server facts and the wake-up mode', async () => {
    const o = await service(ownerConfig(db));
    const rec = recorder(o);
    const online = await rec.next(isStatus((s) => s.state === 'online'));
    expect(online).toMatchObject({ status: { server: { schemaVersion: 2, canMigrate: true }, wakeups: 'listen' } });
    rec.stop();
  });
});
