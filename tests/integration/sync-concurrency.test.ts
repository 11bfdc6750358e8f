// Concurrency and failure on a real PostgreSQL: a transaction held open on purpose must not let a
// pull cursor pass it; a push cut mid-way (backend terminated, socket dropped) leaves all of the
// batch or none, and the desk carries on; a server error (disk full) rolls the batch back.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncPushItem } from '../../sync/api';
import { pushBatch } from '../../sync/push';
import type { SyncService } from '../../sync/service';
import { validatePushBatch } from '../../sync/validate';
import { adminClient, adminQuery } from '../support/pg-cluster';
import { cluster, deskConfig, DESK_PASSWORD, freshOffice, migrations, serviceTracker } from '../support/office-db';
import { editOf, newItem } from '../support/sync-fixtures';

let db: string;
const tracker = serviceTracker();
const desk = (...args: Parameters<typeof deskConfig>): Promise<SyncService> => tracker.add(deskConfig(...args));

beforeAll(async () => {
  db = await freshOffice('concurrency');
});
afterAll(tracker.closeAll);

/** Polls the server until `sql` returns a row with ok = true (an event we wait for, not a delay). */
async function waitFor(sql: string, params: unknown[] = [], what = sql): Promise<void> {
  const admin = adminClient(cluster(), db);
  await admin.connect();
  try {
    for (let i = 0; i < 6000; i++) {
      const r = await admin.query<{ ok: boolean }>(sql, params);
      if (r.rows[0]?.ok) return;
      await new Promise((res) => setTimeout(res, 20));
    }
    throw new Error(`never happened: ${what}`);
  } finally {
    await admin.end();
  }
}

const present = async (ids: string[]) =>
  (await adminQuery<{ n: number }>(cluster(), db, 'SELECT count(*)::int AS n FROM scw.records WHERE id = ANY($1)', [ids])).rows[0].n;
const presentChanges = async (ids: string[]) =>
  (await adminQuery<{ n: number }>(cluster(), db, 'SELECT count(*)::int AS n FROM scw.changes WHERE change_id = ANY($1)', [ids])).rows[0].n;

describe('a pull cursor and a transaction that commits late', () => {
  it('control: without the push lock, a reader moves past a sequence number that commits later and never sees that row', async () => {
    const fresh = await freshOffice('late_control');
    const reader = await desk(fresh, 'desk_c');
    const start = (await reader.pull({ cursor: null })).cursor;
    const t1 = adminClient(cluster(), fresh);
    const t2 = adminClient(cluster(), fresh);
    await Promise.all([t1.connect(), t2.connect()]);
    try {
      const write = (c: pg.Client, item: SyncPushItem) =>
        c.query(`INSERT INTO scw.records (entity, id, head, deleted, seq, desk, record) VALUES ($1, $2, $3, 0, nextval('scw.seq'), 'raw', $4)`, [
          item.entity,
          item.record.id,
          item.head,
          JSON.stringify(item.record),
        ]);
      const early = newItem('projects');
      const late = newItem('projects');
      await t1.query('BEGIN');
      await write(t1, early); // takes the lower number, commits last
      await t2.query('BEGIN');
      await write(t2, late);
      await t2.query('COMMIT');
      const seen = await reader.pull({ cursor: start });
      expect(seen.records.map((r) => r.id)).toEqual([late.record.id]);
      await t1.query('COMMIT');
      const after = await reader.pull({ cursor: seen.cursor });
      // The hazard the lock exists for: `early` is on the server and this desk will never pull it.
      expect(after.records).toEqual([]);
    } finally {
      await Promise.all([t1.end(), t2.end()]);
    }
  });

  it('with the push lock: a push held open before COMMIT blocks the next push, and the cursor waits for both', async () => {
    const reader = await desk(db, 'desk_c');
    const writerB = await desk(db, 'desk_b');
    const start = (await (async () => {
      let c: string | null = null;
      for (;;) {
        const p = await reader.pull({ cursor: c });
        c = p.cursor;
        if (!p.more) return c;
      }
    })())!;

    // Desk A's push, through the module's own code, on a connection whose COMMIT we hold back.
    const a = new pg.Client({ host: cluster().host, port: cluster().port, database: db, user: 'desk_a', password: DESK_PASSWORD, application_name: 'held-push' });
    await a.connect();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let atCommit!: () => void;
    const reachedCommit = new Promise<void>((r) => (atCommit = r));
    const held = {
      query: (text: string, params?: unknown[]) => {
        if (text === 'COMMIT') {
          atCommit();
          return gate.then(() => a.query(text, params));
        }
        return a.query(text, params);
      },
    } as unknown as pg.Client;
    const first = newItem('payments', { note: 'first, held open' });
    const pushA = pushBatch(held, validatePushBatch({ items: [first] }), { desk: 'desk_a', appSchemaVersion: (await migrations()).length, notify: true });
    await reachedCommit;

    // Desk B pushes meanwhile: it must wait for A's lock, not take a higher number and commit first.
    const second = newItem('payments', { note: 'second' });
    const pushB = writerB.push({ items: [second] });
    await waitFor(`SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted) AS ok`, [], 'desk B waiting on the push lock');

    // A reader now sees neither and its cursor stays put.
    const during = await reader.pull({ cursor: start });
    expect(during.records).toEqual([]);
    expect(during.cursor).toBe(start);

    release();
    expect(await pushA).toEqual({ ok: true, applied: 1, unchanged: 0 });
    expect(await pushB).toEqual({ ok: true, applied: 1, unchanged: 0 });
    await a.end();

    const after = await reader.pull({ cursor: during.cursor });
    expect(after.records.map((r) => r.id)).toEqual([first.record.id, second.record.id]);
  });
});

describe('a push cut in the middle', () => {
  /** A batch whose last write (the edit of `blocker`) waits on a row lock an admin holds. */
  async function blockedPush(s: SyncService, applicationName: string) {
    const blocker = newItem('contracts');
    expect((await s.push({ items: [blocker] })).ok).toBe(true);
    const fresh = Array.from({ length: 300 }, () => newItem('obligations'));
    const batch = { items: [...fresh, editOf(blocker, { title: 'blocked' })] };
    const admin = adminClient(cluster(), db);
    await admin.connect();
    await admin.query('BEGIN');
    await admin.query('SELECT 1 FROM scw.records WHERE id = $1 FOR UPDATE', [blocker.record.id]);
    const push = s.push(batch);
    push.catch(() => {});
    await waitFor(
      `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE 'UPDATE scw.records%') AS ok`,
      [applicationName],
      'the push blocked on the row lock',
    );
    const ids = batch.items.map((i) => i.record.id);
    const changeIds = batch.items.flatMap((i) => i.entries.map((e) => e.id));
    return { batch, push, admin, ids, changeIds, blocker };
  }

  it('backend terminated: nothing of the batch is on the server, the desk reconnects and the retry applies it once', async () => {
    const s = await desk(db, 'desk_a', 'cut-terminate');
    const { batch, push, admin, ids, changeIds } = await blockedPush(s, 'scw-desk cut-terminate');
    // The entries and the new records were already written inside the transaction when it died.
    await adminQuery(cluster(), db, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scw-desk cut-terminate' AND wait_event_type = 'Lock'`);
    await expect(push).rejects.toMatchObject({ code: 'connection-lost' });
    await admin.query('ROLLBACK');
    await admin.end();
    expect(await present(ids.slice(0, -1))).toBe(0);
    expect(await presentChanges(changeIds)).toBe(0);
    expect(await s.status()).toMatchObject({ state: 'offline', error: 'connection-lost' });

    expect(await s.push(batch)).toEqual({ ok: true, applied: batch.items.length, unchanged: 0 });
    expect(await s.status()).toMatchObject({ state: 'online', error: null });
    expect(await present(ids)).toBe(ids.length);
    expect(await presentChanges(changeIds)).toBe(changeIds.length);
    expect(await s.push(batch)).toEqual({ ok: true, applied: 0, unchanged: batch.items.length });
  });

  it('socket dropped under the desk: the server rolls the batch back; a new connection retries it', async () => {
    const proxy = await tcpProxy(cluster().port);
    try {
      const s = await tracker.add({ ...deskConfig(db, 'desk_b', 'cut-socket'), port: proxy.port });
      const { batch, push, admin, ids, changeIds } = await blockedPush(s, 'scw-desk cut-socket');
      proxy.cutAll();
      await expect(push).rejects.toMatchObject({ code: 'connection-lost' });
      // The server notices the dead client once the lock lets its statement finish; it must roll back.
      await admin.query('ROLLBACK');
      await admin.end();
      await waitFor(`SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'scw-desk cut-socket' AND state <> 'idle') AS ok`, [], 'the cut backend gone');
      expect(await present(ids.slice(0, -1))).toBe(0);
      expect(await presentChanges(changeIds)).toBe(0);

      expect(await s.push(batch)).toEqual({ ok: true, applied: batch.items.length, unchanged: 0 });
      expect(await present(ids)).toBe(ids.length);
    } finally {
      await proxy.close();
    }
  });
});

describe('a server error inside the batch', () => {
  it('disk full: disk-full, nothing written, the desk says a person must act; fine again once space is back', async () => {
    const fresh = await freshOffice('disk_full');
    const s = await desk(fresh, 'desk_a');
    // The server's own error path: a trigger raising SQLSTATE 53100 as a full disk would.
    await adminQuery(cluster(), fresh, `CREATE FUNCTION scw.pretend_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$`);
    await adminQuery(cluster(), fresh, 'CREATE TRIGGER pretend_disk_full BEFORE INSERT ON scw.records FOR EACH ROW EXECUTE FUNCTION scw.pretend_disk_full()');
    const items = [newItem('payments'), newItem('payments')];
    await expect(s.push({ items })).rejects.toMatchObject({ code: 'disk-full' });
    expect(await s.status()).toMatchObject({ state: 'failed', error: 'disk-full' });
    expect((await adminQuery<{ n: number }>(cluster(), fresh, 'SELECT count(*)::int AS n FROM scw.changes')).rows[0].n).toBe(0);
    await adminQuery(cluster(), fresh, 'DROP TRIGGER pretend_disk_full ON scw.records');
    expect(await s.push({ items })).toEqual({ ok: true, applied: 2, unchanged: 0 });
  });
});

/** A TCP relay to the server whose open connections a test can cut at once. */
async function tcpProxy(targetPort: number): Promise<{ port: number; cutAll(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cutAll: () => {
      for (const s of sockets) s.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
