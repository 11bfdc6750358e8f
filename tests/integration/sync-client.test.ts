// The renderer's sync client (data/office-sync) against a real PostgreSQL: desks are workbench
// databases (fake-indexeddb, each with its own desk key) that sync through the Node sync service
// exactly as the app does through platform.sync. Push and pull, a stale push that pulls, merges
// and retries, one conflict resolved on one desk and seen resolved everywhere, tombstones, office
// settings, and pushes and pulls cut at the worst moment that resume with nothing lost.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncApi, SyncPulledRecord, SyncPushBatch, SyncPullRequest } from '../../sync/api';
import { SyncFailure } from '../../sync/errors';
import type { SyncService } from '../../sync/service';
import { openDb, type WorkbenchDb } from '../../renderer/src/data/db';
import { createSyncClient, type SyncClient } from '../../renderer/src/data/office-sync/client';
import { readNote } from '../../renderer/src/data/office-sync/state';
import { SYNCED_TABLES } from '../../renderer/src/data/office-sync/what-syncs';
import { listConflicts, resolvePendingConflict } from '../../renderer/src/data/interchange/exchange';
import { addObligation, deleteObligation, recordPayment, updateObligation } from '../../renderer/src/data/payments';
import { getSetting, setSetting, saveProfile } from '../../renderer/src/data/settings';
import { arrearsReport } from '../../renderer/src/data/arrears';
import type { Writer } from '../../renderer/src/data/repo';
import { createPpp, world } from '../unit/data/contract-fixtures';
import { deskConfig, freshOffice, serviceTracker } from '../support/office-db';

const tracker = serviceTracker();
let office: string;
let n = 0;

interface Desk {
  w: Writer & { db: WorkbenchDb };
  api: SyncApi;
  service: SyncService;
  client: SyncClient;
}

/** A desk: its own workbench database and desk key, its own database login, its client. */
async function desk(user: 'desk_a' | 'desk_b' | 'desk_c', name: string, wrap?: (api: SyncApi) => SyncApi, pageLimit = 50): Promise<Desk> {
  const db = openDb(`client-${user}-${Date.now()}-${n++}`, { deskDb: `desk-key-${user}-${n}` });
  await db.open();
  const service = await tracker.add(deskConfig(office, user, name));
  const api = wrap ? wrap(service as unknown as SyncApi) : (service as unknown as SyncApi);
  const w = { db, by: name };
  const client = createSyncClient({ db, api, by: () => name, pageLimit });
  return { w, api, service, client };
}

async function sync(d: Desk): Promise<void> {
  const r = await d.client.syncNow();
  if (!r.ok) throw new Error(`sync failed on ${d.w.by}: ${r.error} ${JSON.stringify(d.client.state.refusal.slice(0, 3))}`);
}

/** Every synced table and the change log, row for row (files compared by hash, not Blob identity). */
async function contents(db: WorkbenchDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of [...SYNCED_TABLES, 'changeLog']) {
    const rows = (await db.table(t).toArray()) as Record<string, unknown>[];
    out[t] = rows
      .map((r) => (t === 'files' ? { ...r, blob: undefined, original: undefined } : r))
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

beforeAll(async () => {
  office = await freshOffice('client');
});
afterAll(tracker.closeAll);

describe('office sync client on a real PostgreSQL', () => {
  it('a payment entered on A reaches B (and its arrears); both desks end row for row equal', async () => {
    const A = await desk('desk_a', '财务科-A');
    const B = await desk('desk_b', '项目科-B');
    const x = await world(A.w, 'ZH-S-001');
    const c = await createPpp(A.w, x, { code: 'HT-S-001' });
    const o = await addObligation(A.w, c.id, { kind: 'milestone', description: '建设期第一笔', triggerDate: '2026-01-10', dueDate: '2026-02-09', amount: 1_000_000_00 });
    await recordPayment(A.w, { obligationId: o.id, paidOn: '2026-02-01', amount: 400_000_00, voucherNo: 'PZ-1', note: '' });
    await sync(A);
    expect(A.client.state.outbox).toBe(0);

    await sync(B);
    expect((await B.w.db.payments.toArray()).map((p) => p.amount.amount)).toEqual([400_000_00]);
    // The ledger is rebuilt on B from what arrived: its arrears see the payment.
    const arrears = async (d: Desk) => (await arrearsReport(d.w.db, '2026-03-01')).report;
    const onB = await arrears(B);
    expect(onB.byContract.size).toBe(1);
    expect(onB).toEqual(await arrears(A));
    expect(await contents(B.w.db)).toEqual(await contents(A.w.db));
  });
  it('the same obligation edited on A and B becomes ONE conflict on B; resolved on B, seen resolved on A and C', async () => {
    const A = await desk('desk_a', '财务科-A2');
    const B = await desk('desk_b', '项目科-B2');
    const C = await desk('desk_c', '审计-C2');
    const x = await world(A.w, 'ZH-S-002');
    const c = await createPpp(A.w, x, { code: 'HT-S-002' });
    const o = await addObligation(A.w, c.id, { kind: 'milestone', description: '原描述', triggerDate: '2026-01-10', dueDate: '2026-02-09', amount: 500_000_00 });
    await sync(A);
    await sync(B);
    await sync(C);

    await updateObligation(A.w, o.id, { description: 'A 改的描述' });
    await updateObligation(B.w, o.id, { description: 'B 改的描述', disputedAmount: 10_000_00 });
    await sync(A);
    await sync(B);
    const conflicts = await listConflicts(B.w.db);
    expect(conflicts.map((k) => [k.entity, k.recordId])).toEqual([['obligations', o.id]]);
    // B's own version waits for a person; it is not pushed over A's.
    expect((await B.w.db.obligations.get(o.id))!.description).toBe('B 改的描述');
    await sync(C);
    expect((await C.w.db.obligations.get(o.id))!.description).toBe('A 改的描述');
    // Syncing again does not make a second conflict.
    await sync(B);
    expect(await B.w.db.mergeConflicts.count()).toBe(1);

    expect(await resolvePendingConflict(B.w, conflicts[0].rowId, { description: 'incoming', disputedAmount: 'local' })).toBe('resolved');
    await sync(B);
    await sync(A);
    await sync(C);
    for (const d of [A, B, C]) {
      const got = (await d.w.db.obligations.get(o.id))!;
      expect([got.description, got.disputedAmount]).toEqual(['A 改的描述', 10_000_00]);
      expect(await d.w.db.mergeConflicts.count()).toBe(0);
    }
    const onA = await contents(A.w.db);
    expect(await contents(B.w.db)).toEqual(onA);
    expect(await contents(C.w.db)).toEqual(onA);
  });

  it('a push that meets a newer server version pulls, merges and retries in the same run', async () => {
    const A = await desk('desk_a', '财务科-A3');
    let pushes = 0;
    let race: (() => Promise<void>) | null = null;
    const B = await desk('desk_b', '项目科-B3', (api) => ({
      ...api,
      onEvent: api.onEvent.bind(api),
      push: async (batch: SyncPushBatch) => {
        pushes++;
        // Another desk pushes the same edit just before B's push reaches the server.
        if (race) await race().finally(() => (race = null));
        return api.push(batch);
      },
    }));
    const x = await world(A.w, 'ZH-S-003');
    const c = await createPpp(A.w, x, { code: 'HT-S-003' });
    const o = await addObligation(A.w, c.id, { kind: 'milestone', description: '原描述', triggerDate: '2026-01-10', dueDate: '2026-02-09', amount: 500_000_00 });
    await sync(A);
    await sync(B);
    pushes = 0;
    await updateObligation(B.w, o.id, { description: '同一处修改' });
    race = async () => {
      await updateObligation(A.w, o.id, { description: '同一处修改' });
      await sync(A);
    };
    await sync(B);
    // Stale, then a pull that found the same content on both sides, then a push on the server's head.
    expect(pushes).toBe(2);
    expect(await B.w.db.mergeConflicts.count()).toBe(0);
    expect(B.client.state.outbox).toBe(0);
    await sync(A);
    expect(await contents(A.w.db)).toEqual(await contents(B.w.db));
  });

  it('a tombstone reaches every desk and is never resurrected, not even by a pull from the beginning', async () => {
    const A = await desk('desk_a', '财务科-A4');
    const B = await desk('desk_b', '项目科-B4');
    const x = await world(A.w, 'ZH-S-004');
    const c = await createPpp(A.w, x, { code: 'HT-S-004' });
    const o = await addObligation(A.w, c.id, { kind: 'milestone', description: '将删除', triggerDate: '2026-01-10', dueDate: '2026-02-09', amount: 500_000_00 });
    await sync(A);
    await sync(B);
    await deleteObligation(A.w, o.id);
    await sync(A);
    await sync(B);
    expect((await B.w.db.obligations.get(o.id))!.deleted).toBe(1);
    // B starts its pull again from the beginning: the older copies it meets are skipped.
    await B.w.db.syncState.delete('cursor');
    await sync(B);
    expect((await B.w.db.obligations.get(o.id))!.deleted).toBe(1);
    const late = await desk('desk_c', '审计-C4');
    await sync(late);
    expect((await late.w.db.obligations.get(o.id))!.deleted).toBe(1);
    expect(await contents(late.w.db)).toEqual(await contents(A.w.db));
  });

  it('a push cut after the server committed, and one cut before, resume with nothing lost or doubled', async () => {
    let cut: 'after' | 'before' | null = null;
    const A = await desk('desk_a', '财务科-A5', (api) => ({
      ...api,
      onEvent: api.onEvent.bind(api),
      push: async (batch: SyncPushBatch) => {
        const mode = cut;
        cut = null;
        if (mode === 'before') throw new SyncFailure('connection-lost');
        const r = await api.push(batch);
        if (mode === 'after') throw new SyncFailure('connection-lost');
        return r;
      },
    }));
    const B = await desk('desk_b', '项目科-B5');
    const x = await world(A.w, 'ZH-S-005');
    await createPpp(A.w, x, { code: 'HT-S-005' });
    cut = 'after';
    const first = await A.client.syncNow();
    expect(first).toMatchObject({ ok: false, error: 'connection-lost' });
    // The reply was lost: the outbox still names everything; the next run finds it all 'unchanged'.
    expect(A.client.state.outbox).toBeGreaterThan(0);
    expect(A.client.shell).toBe('offline');
    await sync(A);
    expect(A.client.state.outbox).toBe(0);

    await updateObligationLess(A);
    cut = 'before';
    expect((await A.client.syncNow()).error).toBe('connection-lost');
    await sync(A);
    await sync(B);
    expect(await contents(B.w.db)).toEqual(await contents(A.w.db));
  });

  it('a pull cut between pages resumes from the last page applied', async () => {
    const A = await desk('desk_a', '财务科-A6');
    let pulls = 0;
    let cutAt = -1;
    const B = await desk('desk_b', '项目科-B6', (api) => ({
      ...api,
      onEvent: api.onEvent.bind(api),
      pull: async (req: SyncPullRequest) => {
        if (pulls++ === cutAt) throw new SyncFailure('connection-lost');
        return api.pull(req);
      },
    }), 4);
    await sync(B);
    for (let i = 0; i < 3; i++) {
      const x = await world(A.w, `ZH-S-06${i}`);
      await createPpp(A.w, x, { code: `HT-S-06${i}` });
    }
    await sync(A);
    const before = await readNote(B.w.db, 'cursor');
    pulls = 0;
    cutAt = 2;
    expect((await B.client.syncNow()).error).toBe('connection-lost');
    const mid = await readNote(B.w.db, 'cursor');
    expect(mid).not.toBe(before);
    cutAt = -1;
    await sync(B);
    expect(await contents(B.w.db)).toEqual(await contents(A.w.db));
  });

  it('office-wide settings travel, per-desk ones stay', async () => {
    const A = await desk('desk_a', '财务科-A7');
    const B = await desk('desk_b', '项目科-B7');
    await setSetting(A.w.db, 'oc4ids.publisher', { name: '某市大数据管理局', scheme: 'CN-USCC', uid: '11110000000000000X' });
    await saveProfile(A.w.db, { name: '王芳', department: '财务科', role: 'officer' });
    await sync(A);
    await sync(B);
    expect(await getSetting(B.w.db, 'oc4ids.publisher')).toEqual({ name: '某市大数据管理局', scheme: 'CN-USCC', uid: '11110000000000000X' });
    expect(await getSetting(B.w.db, 'operator')).toBeUndefined();
    // A change on B travels back; A had not changed it since, so it takes B's.
    await setSetting(B.w.db, 'oc4ids.publisher', { name: '某市数据局', scheme: 'CN-USCC', uid: '11110000000000000X' });
    await sync(B);
    await sync(A);
    expect(await getSetting(A.w.db, 'oc4ids.publisher')).toMatchObject({ name: '某市数据局' });
  });
  it('re-download everything pushes local work first, refuses while a conflict waits, keeps the change log and ends equal to the server', async () => {
    const A = await desk('desk_a', '财务科-A8');
    const B = await desk('desk_b', '项目科-B8');
    const x = await world(A.w, 'ZH-S-008');
    const c = await createPpp(A.w, x, { code: 'HT-S-008' });
    const o = await addObligation(A.w, c.id, { kind: 'milestone', description: '原描述', triggerDate: '2026-01-10', dueDate: '2026-02-09', amount: 500_000_00 });
    await sync(A);
    await sync(B);
    // B's unsent edit goes to the server before anything is cleared.
    await updateObligation(B.w, o.id, { description: 'B 未上传的修改' });
    const logBefore = await B.w.db.changeLog.count();
    expect(await B.client.redownload()).toEqual({ ok: true });
    expect((await B.w.db.obligations.get(o.id))!.description).toBe('B 未上传的修改');
    expect(await B.w.db.changeLog.count()).toBe(logBefore);
    await sync(A);
    expect(await contents(B.w.db)).toEqual(await contents(A.w.db));

    // A conflict waiting for a person: nothing is cleared.
    await updateObligation(A.w, o.id, { description: 'A 的修改' });
    await updateObligation(B.w, o.id, { description: 'B 的修改' });
    await sync(A);
    expect(await B.client.redownload()).toEqual({ ok: false, reason: 'conflicts' });
    expect((await B.w.db.obligations.get(o.id))!.description).toBe('B 的修改');
  });
  it('the first download can be cancelled between pages and resumes where it stopped', async () => {
    const A = await desk('desk_a', '财务科-A9');
    let pulls = 0;
    let onPull: (() => void) | null = null;
    const B = await desk('desk_b', '项目科-B9', (api) => ({
      ...api,
      onEvent: api.onEvent.bind(api),
      pull: async (req: SyncPullRequest) => {
        if (++pulls === 2) onPull?.();
        return api.pull(req);
      },
    }), 4);
    for (let i = 0; i < 2; i++) await createPpp(A.w, await world(A.w, `ZH-S-09${i}`), { code: `HT-S-09${i}` });
    await sync(A);
    // A person presses cancel while the second page is on its way.
    onPull = () => void B.client.cancel();
    const cut = await B.client.syncNow();
    expect(cut).toMatchObject({ ok: false, error: null });
    expect(B.client.state.paused).toBe(true);
    expect(B.client.shell).toBe('paused');
    expect(B.client.state.firstSync).toBe(true);
    const stoppedAt = await readNote(B.w.db, 'cursor');
    expect(stoppedAt).not.toBeNull();
    onPull = null;
    pulls = 10;
    await sync(B);
    expect(B.client.state.paused).toBe(false);
    expect(B.client.state.firstSync).toBe(false);
    expect(await contents(B.w.db)).toEqual(await contents(A.w.db));
  });
});

describe('what the pull knows this desk holds', () => {
  it('a record written here between two pages of the first download is merged as held, not added twice', async () => {
    const A = await desk('desk_a', '财务科-A10');
    for (let i = 0; i < 3; i++) await world(A.w, `ZH-S-10${i}`);
    await sync(A);
    // While the pull is under way, this desk comes to hold a record a later page brings (the same
    // version, as a record seeded alike on every desk would be), through an ordinary write.
    let target: WorkbenchDb | null = null;
    const seenTables = new Set<string>();
    let written: SyncPulledRecord | null = null;
    const B = await desk('desk_b', '项目科-B10', (api) => ({
      ...api,
      onEvent: api.onEvent.bind(api),
      pull: async (req: SyncPullRequest) => {
        const page = await api.pull(req);
        const r = written ? undefined : page.records.find((x) => seenTables.has(x.entity));
        if (r && target) {
          written = r;
          const db = target;
          await db.transaction('rw', [r.entity, 'changeLog'], async () => {
            await db.table(r.entity).put(r.record);
            await db.changeLog.bulkAdd(r.entries.map((e) => e.entry as never));
          });
        }
        for (const x of page.records) seenTables.add(x.entity);
        return page;
      },
    }), 4);
    target = B.w.db;
    await sync(B);
    expect(written).not.toBeNull();
    expect(B.client.state.conflicts).toBe(0);
    expect((await B.w.db.table(written!.entity).get(written!.id))?.id).toBe(written!.id);
    expect(await contents(B.w.db)).toEqual(await contents(A.w.db));
  });
});

/** One more local write on A (a new organisation), to have something to push. */
async function updateObligationLess(d: Desk): Promise<void> {
  await world(d.w, `ZH-S-X${n++}`);
}
