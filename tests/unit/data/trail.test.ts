// The chained change log as the data layer writes it, the trail check against a database tampered
// with directly, and the upgrade of a database written before the chain existed.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V3 } from '../../../renderer/src/data/db';
import { deleteRecord, insertRecord, updateRecord } from '../../../renderer/src/data/repo';
import { verifyTrail } from '../../../renderer/src/data/trail/check';
import { deskOf, sealTrail } from '../../../renderer/src/data/trail/desk';
import { entryHash, isChained, type ChainedEntry } from '../../../renderer/src/domain/trail/chain';
import type { Organisation } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';

const org = { name: '数智城市科技有限公司', kind: 'company' as const, isSme: true, creditCode: '', contact: '' };

async function chainOf(db: Awaited<ReturnType<typeof freshDb>>['db']): Promise<ChainedEntry[]> {
  return (await db.changeLog.where('[desk+seq]').between([deskOf(db).desk, Dexie.minKey], [deskOf(db).desk, Dexie.maxKey]).toArray()) as ChainedEntry[];
}

async function someWrites(w: Awaited<ReturnType<typeof freshDb>>['w']) {
  const a = await insertRecord<Organisation>(w, 'organisations', org);
  const b = await insertRecord<Organisation>(w, 'organisations', { ...org, name: '城市大脑运营公司' });
  await updateRecord<Organisation>(w, 'organisations', a.id, { contact: '李工' });
  await deleteRecord<Organisation>(w, 'organisations', b.id);
  return { a, b };
}

describe('chained change log', () => {
  it('chains every write of this desk: seq 1, 2, 3 …, each prev the hash before it, from the signed genesis', async () => {
    const { db, w } = await freshDb();
    await someWrites(w);
    const chain = await chainOf(db);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(chain[0].prev).toBe(deskOf(db).genesisHash);
    for (let i = 1; i < chain.length; i++) expect(chain[i].prev).toBe(chain[i - 1].hash);
    for (const e of chain) expect(entryHash(e)).toBe(e.hash);
    const report = await verifyTrail(db);
    expect(report.problems).toEqual([]);
    expect(report.entries).toBe(4);
    expect(report.desks).toEqual([expect.objectContaining({ own: true, entries: 4, sealedTo: 0 })]);
    await sealTrail(db);
    expect((await verifyTrail(db)).desks[0].sealedTo).toBe(4);
  });

  it('names an entry changed directly in IndexedDB, and the record it no longer matches', async () => {
    const { db, w } = await freshDb();
    const { a } = await someWrites(w);
    const chain = await chainOf(db);
    await db.changeLog.update(chain[2].id, { by: '冒名者' });
    const report = await verifyTrail(db);
    expect(report.problems[0]).toMatchObject({ code: 'entry-hash-mismatch', seq: 3, entryId: chain[2].id });

    // A record edited directly no longer matches the state its newest entry recorded.
    const { db: db2, w: w2 } = await freshDb();
    const { a: a2 } = await someWrites(w2);
    await db2.organisations.update(a2.id, { name: '伪造公司' });
    expect((await verifyTrail(db2)).problems).toEqual([expect.objectContaining({ code: 'record-state-mismatch', entity: 'organisations', recordId: a2.id })]);
    void a;
  });

  it('names a record deleted outright (not tombstoned) whose history is still there', async () => {
    const { db, w } = await freshDb();
    const { a } = await someWrites(w);
    expect((await verifyTrail(db)).problems).toEqual([]);
    const head = (await db.changeLog.where('[entity+entityId]').equals(['organisations', a.id]).toArray()).sort((x, y) => x.rev - y.rev).at(-1)!;
    await db.organisations.delete(a.id);
    expect((await verifyTrail(db)).problems).toEqual([{ code: 'record-missing', entity: 'organisations', recordId: a.id, entryId: head.id, desk: (head as ChainedEntry).desk, seq: (head as ChainedEntry).seq }]);
  });

  it('a re-hashed chain passes link by link but breaks at the signed checkpoint', async () => {
    const { db, w } = await freshDb();
    await someWrites(w);
    await sealTrail(db);
    const chain = await chainOf(db);
    // Rewrite entry 2 and re-hash it and everything after it, as an attacker with the database would.
    let prev = chain[0].hash;
    for (const e of chain.slice(1)) {
      const forged = { ...e, by: e.seq === 2 ? '冒名者' : e.by, prev } as ChainedEntry;
      forged.hash = entryHash(forged);
      await db.changeLog.put(forged);
      prev = forged.hash;
    }
    const report = await verifyTrail(db);
    expect(report.problems[0]).toMatchObject({ code: 'checkpoint-mismatch', seq: 4 });
  });

  it('entries removed from the end of the chain are found by the checkpoint beyond it', async () => {
    const { db, w } = await freshDb();
    await someWrites(w);
    await sealTrail(db);
    const chain = await chainOf(db);
    await db.changeLog.delete(chain[3].id);
    const codes = (await verifyTrail(db)).problems.map((p) => p.code);
    expect(codes).toContain('checkpoint-beyond-chain');
  });
});

describe('upgrade from a database without the chain', () => {
  it('keeps legacy entries as they are, records their genesis, and chains new writes after it', async () => {
    const name = `trail-upgrade-${Date.now()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    const meta = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: '张晓明', rev: 1, deleted: 0 };
    const legacyOrg = { id: '11111111-1111-4111-8111-111111111111', ...org, ...meta };
    await v3.table('organisations').add(legacyOrg);
    const legacyEntry = { id: '22222222-2222-4222-8222-222222222222', at: meta.createdAt, by: '张晓明', entity: 'organisations', entityId: legacyOrg.id, op: 'create', rev: 1, changes: [{ field: 'name', before: undefined, after: org.name }] };
    await v3.table('changeLog').add(legacyEntry);
    v3.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    const stored = await db.changeLog.get(legacyEntry.id);
    expect(stored && isChained(stored)).toBe(false);
    expect((await db.trail.get('legacy'))).toMatchObject({ legacy: { count: 1, digest: entryHash(legacyEntry as never) } });
    await updateRecord<Organisation>({ db, by: '李娜' }, 'organisations', legacyOrg.id, { contact: '王工' });
    const report = await verifyTrail(db);
    expect(report.legacy).toBe(1);
    expect(report.problems).toEqual([]);

    // A legacy entry changed after the upgrade no longer sums to the recorded digest.
    await db.changeLog.update(legacyEntry.id, { by: '冒名者' });
    expect((await verifyTrail(db)).problems.map((p) => p.code)).toContain('legacy-mismatch');
    db.close();
  });

  it('continues its chain after a reopen or a restore that keeps what it sealed: no new genesis', async () => {
    const { db, w } = await freshDb();
    await someWrites(w);
    await sealTrail(db);
    const first = deskOf(db).desk;
    const rows = await db.trail.count();
    db.close();
    await db.open();
    expect(deskOf(db).desk).toBe(first);
    expect(await db.trail.count()).toBe(rows);
  });

  it('starts a new chain when the log was rolled back past what the desk had sealed (a restore)', async () => {
    const { db, w } = await freshDb();
    await someWrites(w);
    await sealTrail(db);
    const first = deskOf(db).desk;
    const chain = await chainOf(db);
    // Roll the log back by two entries, as restoring an older backup would.
    await db.changeLog.bulkDelete(chain.slice(2).map((e) => e.id));
    db.close();
    await db.open();
    const second = deskOf(db).desk;
    expect(second).not.toBe(first);
    const genesis = await db.trail.get(`${second}:000000000000`);
    expect(genesis).toMatchObject({ genesis: { after: { desk: first, seq: 2, hash: chain[1].hash } } });
  });
});
