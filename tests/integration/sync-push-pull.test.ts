// Push and pull between desks on a real PostgreSQL: compare-and-set on heads, stale batches
// refused whole, retries that change nothing, tombstones, pages and cursors, files and settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncPullPage, SyncPulledRecord, SyncPushItem } from '../../sync/api';
import { sha256Hex } from '../../sync/files';
import type { SyncService } from '../../sync/service';
import { adminQuery, psqlFile } from '../support/pg-cluster';
import { join } from 'node:path';
import { cluster, deskConfig, freshOffice, OWNER_PASSWORD, serviceTracker } from '../support/office-db';
import { editOf, entry, newItem, uuid } from '../support/sync-fixtures';

let db: string;
let A: SyncService;
let B: SyncService;
let C: SyncService;
const tracker = serviceTracker();
const desk = (...args: Parameters<typeof deskConfig>): Promise<SyncService> => tracker.add(deskConfig(...args));

beforeAll(async () => {
  db = await freshOffice('pushpull');
  A = await desk(db, 'desk_a', '办公室-A');
  B = await desk(db, 'desk_b', '财务科-B');
  C = await desk(db, 'desk_c', '审计-C');
});
afterAll(tracker.closeAll);

const count = async (table: string) => (await adminQuery<{ n: number }>(cluster(), db, `SELECT count(*)::int AS n FROM scw.${table}`)).rows[0].n;

/** Pulls every page from `cursor`; returns the records in order and the final cursor. */
async function pullAll(s: SyncService, cursor: string | null, limit?: number): Promise<{ records: SyncPulledRecord[]; cursor: string | null; pages: SyncPullPage[] }> {
  const pages: SyncPullPage[] = [];
  let c = cursor;
  for (;;) {
    const page = await s.pull({ cursor: c, limit });
    pages.push(page);
    c = page.cursor;
    if (!page.more) break;
  }
  return { records: pages.flatMap((p) => p.records), cursor: c, pages };
}

const find = (records: SyncPulledRecord[], id: string) => records.find((r) => r.id === id);

describe('push and pull', () => {
  it('another desk receives each record as sent, with its entries and who pushed it', async () => {
    const start = (await pullAll(B, null)).cursor;
    const p = newItem('projects', { name: '城市大脑二期', budget: { amount: 12_000_000_00, currency: 'CNY' }, tags: ['a', 'b'] });
    const o = newItem('obligations', { amount: { amount: 500_00, currency: 'CNY' }, dueDate: '2026-12-31' });
    expect(await A.push({ items: [p, o] })).toEqual({ ok: true, applied: 2, unchanged: 0 });

    const { records, cursor } = await pullAll(B, start);
    expect(records.map((r) => [r.entity, r.id])).toEqual([
      ['projects', p.record.id],
      ['obligations', o.record.id],
    ]);
    const got = find(records, p.record.id)!;
    // Byte for byte, key order included (hash chains are computed over the text).
    expect(JSON.stringify(got.record)).toBe(JSON.stringify(p.record));
    expect(got).toMatchObject({ head: p.head, deleted: 0, desk: '办公室-A' });
    expect(got.entries).toEqual([{ id: p.head, entry: p.entries[0], desk: '办公室-A', pushedBy: 'desk_a', pushedAt: expect.any(String) }]);
    // Nothing new: the same cursor, no records.
    const again = await B.pull({ cursor });
    expect(again).toMatchObject({ records: [], more: false, cursor });
  });

  it('an edit on top of the server head is applied; the pull carries only what is new since the cursor', async () => {
    const p = newItem('projects');
    expect((await A.push({ items: [p] })).ok).toBe(true);
    const { cursor } = await pullAll(B, null);
    const edit = editOf(p, { title: '改名' });
    expect(await A.push({ items: [edit] })).toEqual({ ok: true, applied: 1, unchanged: 0 });
    const page = await B.pull({ cursor });
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({ id: p.record.id, head: edit.head, record: { title: '改名', rev: 2 } });
    expect(page.records[0].entries.map((e) => e.id)).toEqual([edit.head]);
  });
});

describe('compare-and-set', () => {
  it('refuses a push built on an old head, reports the server head, and writes nothing of the batch', async () => {
    const p = newItem('contracts', { title: '原始' });
    const other = newItem('contracts');
    expect((await A.push({ items: [p, other] })).ok).toBe(true);
    // A and B both start from p.
    const onA = editOf(p, { title: 'A 的修改' });
    const onB = editOf(p, { title: 'B 的修改' });
    const bystander = newItem('payments');
    const otherEdit = editOf(other, { title: 'B 改了另一个' });
    expect((await A.push({ items: [onA] })).ok).toBe(true);
    const changesBefore = await count('changes');
    const recordsBefore = await count('records');

    const r = await B.push({ items: [bystander, onB, otherEdit] });
    expect(r).toEqual({ ok: false, stale: [{ entity: 'contracts', id: p.record.id, serverHead: onA.head }] });
    // All or nothing: the fresh record and the good edit in the same batch did not land either.
    expect(await count('changes')).toBe(changesBefore);
    expect(await count('records')).toBe(recordsBefore);
    const server = await adminQuery(cluster(), db, 'SELECT head FROM scw.records WHERE id = $1', [other.record.id]);
    expect(server.rows[0].head).toBe(other.head);

    // B pulls, resolves (a new version on top of both histories) and pushes again.
    const { records } = await pullAll(B, null);
    const serverP = find(records, p.record.id)!;
    expect(serverP.head).toBe(onA.head);
    const resolution = entry(p.record.id, 'contracts', 'update', 4);
    const resolved: SyncPushItem = {
      entity: 'contracts',
      baseHead: serverP.head,
      head: resolution.id,
      record: { ...serverP.record, title: 'B 的修改', rev: 4 },
      entries: [...onB.entries, resolution],
    };
    expect(await B.push({ items: [bystander, resolved, { ...otherEdit }] })).toEqual({ ok: true, applied: 3, unchanged: 0 });
    // A sees the resolution with B's concurrent entry and the resolution entry, in push order.
    const onAside = find((await pullAll(A, null)).records, p.record.id)!;
    expect(onAside.head).toBe(resolution.id);
    expect(onAside.entries.map((e) => e.id)).toEqual([p.head, onA.head, onB.head, resolution.id]);
  });

  it('a record new on two desks with different first versions: the second is stale', async () => {
    const p = newItem('organisations');
    const twin = { ...p, head: uuid() };
    twin.entries = [{ ...p.entries[0], id: twin.head }];
    expect((await A.push({ items: [p] })).ok).toBe(true);
    expect(await B.push({ items: [twin] })).toEqual({ ok: false, stale: [{ entity: 'organisations', id: p.record.id, serverHead: p.head }] });
  });

  it('a record seeded identically on every desk (same creation entry) is pushed once and is a no-op after', async () => {
    const seeded = newItem('indicatorSystems');
    expect(await A.push({ items: [seeded] })).toMatchObject({ ok: true, applied: 1 });
    expect(await B.push({ items: [structuredClone(seeded)] })).toEqual({ ok: true, applied: 0, unchanged: 1 });
  });

  it('an edit whose base the server lacks entirely is stale with serverHead null', async () => {
    const ghost = editOf(newItem('projects'), { title: 'x' });
    expect(await A.push({ items: [ghost] })).toEqual({ ok: false, stale: [{ entity: 'projects', id: ghost.record.id, serverHead: null }] });
  });
});

describe('retries', () => {
  it('a batch sent again after it committed (the reply was lost) changes nothing and succeeds', async () => {
    const items = [newItem('payments'), newItem('payments'), newItem('deductions')];
    expect(await C.push({ items })).toEqual({ ok: true, applied: 3, unchanged: 0 });
    const changes = await count('changes');
    const seq = (await adminQuery(cluster(), db, 'SELECT max(seq) AS s FROM scw.records')).rows[0].s;
    expect(await C.push({ items: structuredClone(items) })).toEqual({ ok: true, applied: 0, unchanged: 3 });
    expect(await count('changes')).toBe(changes);
    // No record was rewritten: pulls do not see them again.
    expect((await adminQuery(cluster(), db, 'SELECT max(seq) AS s FROM scw.records')).rows[0].s).toBe(seq);
  });

  it('entries the server already has are skipped, not refused (a merge re-sends the incoming side)', async () => {
    const p = newItem('findings');
    expect((await A.push({ items: [p] })).ok).toBe(true);
    const e = editOf(p, { title: 'x' });
    const changes = await count('changes');
    expect(await A.push({ items: [{ ...e, entries: [...p.entries, ...e.entries] }] })).toMatchObject({ ok: true, applied: 1 });
    expect(await count('changes')).toBe(changes + 1);
  });
});

describe('tombstones', () => {
  it('a delete reaches the other desks and a stale edit cannot resurrect it', async () => {
    const p = newItem('audits');
    expect((await A.push({ items: [p] })).ok).toBe(true);
    const { cursor } = await pullAll(B, null);
    const del = editOf(p, { deleted: 1 });
    expect((await A.push({ items: [del] })).ok).toBe(true);
    const page = await B.pull({ cursor });
    expect(page.records.map((r) => [r.id, r.deleted, r.record.deleted, r.head])).toEqual([[p.record.id, 1, 1, del.head]]);
    // B edited its copy before seeing the delete: refused, the tombstone stays.
    const late = editOf(p, { title: 'B 还在改' });
    expect(await B.push({ items: [late] })).toEqual({ ok: false, stale: [{ entity: 'audits', id: p.record.id, serverHead: del.head }] });
    const row = await adminQuery(cluster(), db, 'SELECT deleted, head FROM scw.records WHERE id = $1', [p.record.id]);
    expect(row.rows[0]).toEqual({ deleted: 1, head: del.head });
  });
});

describe('pages and cursors', () => {
  it('a big first pull comes in bounded pages, resumes from any stored cursor, and sees later edits once', async () => {
    const fresh = await freshOffice('pages');
    const a = await desk(fresh, 'desk_a');
    const b = await desk(fresh, 'desk_b');
    const items = Array.from({ length: 2500 }, (_, i) => newItem('obligations', { n: i }));
    for (let i = 0; i < items.length; i += 1000) expect((await a.push({ items: items.slice(i, i + 1000) })).ok).toBe(true);

    const first = await b.pull({ cursor: null, limit: 1000 });
    expect(first.records).toHaveLength(1000);
    expect(first.more).toBe(true);
    expect(first.progress.start).toBe(0);
    expect(first.progress.position).toBeLessThan(first.progress.end);
    // Cut here: the desk stored first.cursor and resumes from it, twice even, with the same result.
    const second = await b.pull({ cursor: first.cursor, limit: 1000 });
    const secondAgain = await b.pull({ cursor: first.cursor, limit: 1000 });
    expect(secondAgain.records.map((r) => r.id)).toEqual(second.records.map((r) => r.id));
    const third = await b.pull({ cursor: second.cursor, limit: 1000 });
    expect([second.records.length, third.records.length, third.more]).toEqual([1000, 500, false]);
    expect(third.progress.position).toBe(third.progress.end);
    const ids = [...first.records, ...second.records, ...third.records].map((r) => r.id);
    expect(new Set(ids).size).toBe(2500);
    expect(ids).toEqual(items.map((i) => i.record.id));

    // An edit of a record from the first page shows up once, alone, after the completed pull.
    const edit = editOf(items[3], { n: 'changed' });
    expect((await a.push({ items: [edit] })).ok).toBe(true);
    const next = await b.pull({ cursor: third.cursor, limit: 1000 });
    expect(next.records.map((r) => [r.id, r.head])).toEqual([[items[3].record.id, edit.head]]);
    expect(next.records[0].entries.map((e) => e.id)).toEqual([edit.head]);
  });

  it('a record delivered in page 1 and rewritten during the pull comes once more, later, with every entry since the start', async () => {
    const fresh = await freshOffice('pages_moving');
    const a = await desk(fresh, 'desk_a');
    const b = await desk(fresh, 'desk_b');
    const early = newItem('projects', { title: 'early' });
    const fillers = Array.from({ length: 30 }, () => newItem('projects'));
    expect((await a.push({ items: [early, ...fillers] })).ok).toBe(true);
    const p1 = await b.pull({ cursor: null, limit: 10 });
    expect(p1.records.map((r) => r.id)).toContain(early.record.id);
    // Rewritten after page 1 was read: it moves to the end of the sequence.
    const edit = editOf(early, { title: 'moved' });
    expect((await a.push({ items: [edit] })).ok).toBe(true);
    const rest = await pullAll(b, p1.cursor, 10);
    const moved = rest.records.filter((r) => r.id === early.record.id);
    expect(moved).toHaveLength(1);
    expect(moved[0].head).toBe(edit.head);
    expect(moved[0].entries.map((e) => e.id)).toEqual([early.head, edit.head]);
    expect(rest.records.filter((r) => r.id !== early.record.id)).toHaveLength(21);
  });

  it('an entry written long before a record’s last write travels with the record, never alone', async () => {
    const fresh = await freshOffice('pages_entries');
    const a = await desk(fresh, 'desk_a');
    const b = await desk(fresh, 'desk_b');
    const r = newItem('contracts');
    expect((await a.push({ items: [r] })).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect((await a.push({ items: Array.from({ length: 5 }, () => newItem('payments')) })).ok).toBe(true);
    const edit = editOf(r, { title: 'later' });
    expect((await a.push({ items: [edit] })).ok).toBe(true);
    // The record's last write is in the last page; both its entries come with it there.
    const { pages } = await pullAll(b, null, 4);
    const withR = pages.findIndex((p) => p.records.some((x) => x.id === r.record.id));
    expect(withR).toBe(pages.length - 1);
    expect(pages[withR].records.find((x) => x.id === r.record.id)!.entries.map((e) => e.id)).toEqual([r.head, edit.head]);
  });

  it('a server restored from a backup (new epoch, or a sequence behind the cursor): the next pull starts again from the beginning', async () => {
    const fresh = await freshOffice('restored');
    const a = await desk(fresh, 'desk_a');
    const b = await desk(fresh, 'desk_b');
    const items = Array.from({ length: 5 }, () => newItem('reviews'));
    expect((await a.push({ items })).ok).toBe(true);
    const done = await pullAll(b, null);
    expect(done.pages[0].restarted).toBe(false);
    expect((await b.pull({ cursor: done.cursor })).records).toEqual([]);

    // IT's step after a restore.
    await psqlFile(cluster(), fresh, join(import.meta.dirname, '../../sync/sql/after-restore.sql'), {}, { user: 'scw_owner', password: OWNER_PASSWORD });
    const again = await b.pull({ cursor: done.cursor });
    expect(again.restarted).toBe(true);
    expect(again.records.map((r) => r.id)).toEqual(items.map((i) => i.record.id));
    expect((await b.pull({ cursor: again.cursor })).restarted).toBe(false);

    // IT forgot the step, but the restored sequence is behind the desk's cursor: caught all the same.
    const far = again.cursor.replace(/\.(\d+)\.(\d+)$/, '.999999.999999');
    const caught = await b.pull({ cursor: far });
    expect([caught.restarted, caught.records.length]).toEqual([true, 5]);
  });

  it('refuses a cursor it did not make', async () => {
    for (const cursor of ['', 'c1.0.0', 'c2.ab.5.3', 'c2.ab.1', 'c2.ab.-1.2', 'c2.AB.1.1', 'c3.ab.1.1', 'x'.repeat(101)]) {
      await expect(B.pull({ cursor })).rejects.toMatchObject({ code: 'invalid-argument' });
    }
  });
});

describe('what the server refuses to take or to hand out', () => {
  it.each([
    ['no items', { items: [] }],
    ['a head that is not among the entries', { items: [{ ...newItem('projects'), head: uuid() }] }],
    ['the same record twice', (() => { const p = newItem('projects'); return { items: [p, { ...p }] }; })()],
    ['a record that is not plain JSON (a Date)', { items: [newItem('projects', { when: new Date() })] }],
    ['a record without deleted', (() => { const p = newItem('projects'); const { deleted: _d, ...rest } = p.record; return { items: [{ ...p, record: rest }] }; })()],
    ['an entity that is not a table name', { items: [{ ...newItem('projects'), entity: 'projects; DROP TABLE x' }] }],
    ['an unknown key', { items: [{ ...newItem('projects'), extra: 1 }] }],
  ])('a batch with %s: invalid-argument, nothing written', async (_label, batch) => {
    const before = await count('changes');
    await expect(A.push(batch)).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await count('changes')).toBe(before);
  });

  it('an entry property that is undefined (a creation entry’s before) is taken and reads back absent, as JSON has it', async () => {
    const p = newItem('projects');
    p.entries[0].changes = [{ field: 'title', before: undefined, after: 'x' }];
    expect((await A.push({ items: [p] })).ok).toBe(true);
    const got = (await pullAll(B, null)).records.find((r) => r.id === p.record.id)!;
    expect(got.entries[0].entry.changes).toEqual([{ field: 'title', after: 'x' }]);
    await expect(A.push({ items: [newItem('projects', { list: [1, undefined] })] })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('a record row that is not valid JSON stops the pull with server-data-invalid', async () => {
    const fresh = await freshOffice('bad_rows');
    const a = await desk(fresh, 'desk_a');
    const p = newItem('projects');
    expect((await a.push({ items: [p] })).ok).toBe(true);
    await adminQuery(cluster(), fresh, `UPDATE scw.records SET record = '{"id": "' || id || '", "deleted": 0, ' WHERE id = $1`, [p.record.id]);
    await expect(a.pull({ cursor: null })).rejects.toMatchObject({ code: 'server-data-invalid' });
    await adminQuery(cluster(), fresh, `UPDATE scw.records SET record = '{"id": "someone-else", "deleted": 0}' WHERE id = $1`, [p.record.id]);
    await expect(a.pull({ cursor: null })).rejects.toMatchObject({ code: 'server-data-invalid' });
  });
});

describe('files', () => {
  it('are uploaded once, found by hash, and come back byte for byte across chunks', async () => {
    const big = new Uint8Array(3.5 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff;
    const small = new TextEncoder().encode('现场照片');
    const [hBig, hSmall] = [sha256Hex(big), sha256Hex(small)];
    const absent = sha256Hex(new Uint8Array([9, 9, 9]));
    expect((await A.filesMissing([hBig, hSmall, absent])).sort()).toEqual([hBig, hSmall, absent].sort());
    expect(await A.filePut(hBig, big)).toEqual({ stored: true });
    expect(await B.filePut(hBig, big)).toEqual({ stored: false });
    expect(await A.filePut(hSmall, small)).toEqual({ stored: true });
    expect(await C.filesMissing([hBig, hSmall, absent])).toEqual([absent]);
    const chunks = await adminQuery(cluster(), db, 'SELECT count(*)::int AS n FROM scw.file_chunks WHERE sha256 = $1', [hBig]);
    expect(chunks.rows[0].n).toBe(4);
    expect(Buffer.from(await C.fileGet(hBig)).equals(Buffer.from(big))).toBe(true);
    expect(new TextDecoder().decode(await C.fileGet(hSmall))).toBe('现场照片');
    await expect(C.fileGet(absent)).rejects.toMatchObject({ code: 'file-missing' });
  });

  it('refuses bytes that do not match their hash, and a stored file that no longer does', async () => {
    const data = new TextEncoder().encode('签名');
    await expect(A.filePut(sha256Hex(new Uint8Array([1])), data)).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await A.filesMissing([sha256Hex(data)])).toEqual([sha256Hex(data)]);
    expect(await A.filePut(sha256Hex(data), data)).toEqual({ stored: true });
    await adminQuery(cluster(), db, `UPDATE scw.file_chunks SET data = '\\x00' WHERE sha256 = $1`, [sha256Hex(data)]);
    await expect(B.fileGet(sha256Hex(data))).rejects.toMatchObject({ code: 'server-data-invalid' });
  });
});

describe('office settings', () => {
  it('compare-and-set like records: a put on an old version gets the current one back', async () => {
    const v1 = uuid();
    expect(await A.settingsPut({ key: 'oc4ids', value: { publisher: '市大数据管理局' }, baseVersion: null, version: v1 })).toEqual({ ok: true });
    const fromB = await B.settingsPut({ key: 'oc4ids', value: { publisher: 'B' }, baseVersion: null, version: uuid() });
    expect(fromB).toMatchObject({ ok: false, current: { key: 'oc4ids', version: v1, value: { publisher: '市大数据管理局' }, desk: '办公室-A' } });
    const v2 = uuid();
    expect(await B.settingsPut({ key: 'oc4ids', value: { publisher: 'B' }, baseVersion: v1, version: v2 })).toEqual({ ok: true });
    // The same put again (a lost reply) is fine.
    expect(await B.settingsPut({ key: 'oc4ids', value: { publisher: 'B' }, baseVersion: v1, version: v2 })).toEqual({ ok: true });
    expect((await C.settingsList()).find((s) => s.key === 'oc4ids')).toMatchObject({ version: v2, value: { publisher: 'B' } });
  });
});

describe('desks', () => {
  it('register on first contact and keep the first public key', async () => {
    await A.setDeskKey('KEY-A');
    await A.setDeskKey('KEY-A');
    await expect(A.setDeskKey('KEY-OTHER')).rejects.toMatchObject({ code: 'desk-key-mismatch' });
    const desks = await B.desks();
    expect(desks.map((d) => d.name)).toEqual(expect.arrayContaining(['办公室-A', '财务科-B', '审计-C']));
    expect(desks.find((d) => d.name === '办公室-A')).toMatchObject({ publicKey: 'KEY-A', user: 'desk_a' });
  });
});
