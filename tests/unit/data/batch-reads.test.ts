// The batched reads and writes a pulled page (or an imported file) goes through: the key-range
// reads answer exactly what per-id reads answer, on both sides of the size where they switch;
// copying entries never overwrites one the log holds; and the data layer's bulk write chains
// correctly inside a caller's transaction and when two connections write at once.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, type WorkbenchDb } from '../../../renderer/src/data/db';
import { getMany, loadHistories } from '../../../renderer/src/data/interchange/exchange/history';
import { copyEntries } from '../../../renderer/src/data/interchange/merge-records';
import { outboxManaged, readOutbox } from '../../../renderer/src/data/office-sync/outbox';
import { insertMany, insertRecord, updateRecord, type Writer } from '../../../renderer/src/data/repo';
import { verifyTrail } from '../../../renderer/src/data/trail/check';
import { deskOf } from '../../../renderer/src/data/trail/desk';
import { readLegacy } from '../../../renderer/src/data/trail/legacy';
import { entryHash, isChained, stateHash, type ChainedEntry } from '../../../renderer/src/domain/trail/chain';
import type { ChangeLogEntry, Organisation } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';

const org = (i: number) => ({ name: `单位${i}`, kind: 'company' as const, isSme: true, creditCode: '', contact: '' });

async function chainOf(db: WorkbenchDb): Promise<ChainedEntry[]> {
  return (await db.changeLog.where('[desk+seq]').between([deskOf(db).desk, Dexie.minKey], [deskOf(db).desk, Dexie.maxKey]).toArray()) as ChainedEntry[];
}

describe('batched reads of a page', () => {
  // held: records in the table; asked: ids looked up (present ones first, then ids it lacks).
  // 40 asked ids allow 160 rows in their key range before per-id reads take over.
  it.each([
    { held: 0, present: 0, asked: 40, path: 'range (empty table)' },
    { held: 30, present: 10, asked: 40, path: 'range (small table)' },
    { held: 400, present: 25, asked: 40, path: 'per id (large table)' },
    { held: 50, present: 5, asked: 8, path: 'per id (few ids)' },
  ])('getMany and loadHistories answer as per-id reads do: $path', async ({ held, present, asked }) => {
    const { db, w } = await freshDb();
    const orgs = await insertMany<Organisation>(w, 'organisations', Array.from({ length: held }, (_, i) => org(i)));
    for (const o of orgs.slice(0, present)) await updateRecord<Organisation>(w, 'organisations', o.id, { contact: '李工' });
    const ids = [...orgs.slice(0, present).map((o) => o.id), ...Array.from({ length: asked - present }, () => crypto.randomUUID())];

    const expected = await db.organisations.bulkGet(ids);
    expect(await getMany(db.organisations, ids)).toEqual(expected);
    expect((await getMany(db.organisations, ids)).filter(Boolean)).toHaveLength(present);

    const histories = await loadHistories(db, 'organisations', ids);
    expect([...histories.keys()]).toEqual(ids);
    for (const id of ids) {
      const one = await db.changeLog.where('[entity+entityId]').equals(['organisations', id]).toArray();
      expect(histories.get(id)!.map((e) => e.id).sort()).toEqual(one.map((e) => e.id).sort());
    }
    for (const o of orgs.slice(0, present)) expect(histories.get(o.id)!.map((e) => e.op)).toEqual(['create', 'update']);
    // Another table's entries with the same ids are not this table's history.
    expect([...(await loadHistories(db, 'projects', ids)).values()].every((h) => h.length === 0)).toBe(true);
  });
});

describe('copyEntries', () => {
  it('adds the entries the log lacks and leaves one it holds as stored, without failing the transaction', async () => {
    const { db, w } = await freshDb();
    const a = await insertRecord<Organisation>(w, 'organisations', org(1));
    const [held] = await db.changeLog.where('[entity+entityId]').equals(['organisations', a.id]).toArray();
    const legacyBefore = await readLegacy(db);
    const forged: ChangeLogEntry = { ...held, by: '冒名者' };
    const legacy: ChangeLogEntry = { id: crypto.randomUUID(), at: '2024-01-01T00:00:00.000Z', by: '旧系统', entity: 'organisations', entityId: crypto.randomUUID(), op: 'create', rev: 1, changes: [] };
    const chained = { ...held, id: crypto.randomUUID(), entityId: crypto.randomUUID(), desk: crypto.randomUUID(), seq: 7 };

    // Outside a managed transaction: the outbox names only what was added.
    const outboxBefore = (await readOutbox(db)).ids;
    await db.transaction('rw', ['changeLog', 'trail'], async () => {
      await copyEntries(db, [forged, legacy, chained, legacy]);
      // The transaction goes on after the refused duplicate.
      await db.trail.get('legacy');
    });
    expect(await db.changeLog.get(held.id)).toEqual(held);
    expect(await db.changeLog.get(legacy.id)).toEqual(legacy);
    expect(await db.changeLog.get(chained.id)).toEqual(chained);
    const legacyAfter = await readLegacy(db);
    expect(legacyAfter.count).toBe(legacyBefore.count + 1);
    const added = [...(await readOutbox(db)).ids].filter((id) => !outboxBefore.has(id));
    expect(added.sort()).toEqual([legacy.id, chained.id].sort());

    // In a managed transaction (the pull's) nothing goes to the outbox, and a held legacy entry is not counted twice.
    await outboxManaged(db, ['changeLog', 'trail'], () => copyEntries(db, [legacy]));
    expect(await readLegacy(db)).toEqual(legacyAfter);
  });

  it('refuses the whole write for any failure but a held id', async () => {
    const { db } = await freshDb();
    const bad = { id: crypto.randomUUID(), at: '2024-01-01T00:00:00.000Z', by: '旧系统', entity: 'organisations', entityId: crypto.randomUUID(), op: 'create', rev: 1, changes: [], blob: () => 1 } as unknown as ChangeLogEntry;
    const good = { ...bad, id: crypto.randomUUID(), blob: undefined } as unknown as ChangeLogEntry;
    await expect(db.transaction('rw', ['changeLog', 'trail'], () => copyEntries(db, [good, bad]))).rejects.toThrow();
    expect(await db.changeLog.get(good.id)).toBeUndefined();
  });
});

describe('bulk write and the chain', () => {
  it('records each record’s state hash and its entry hash, and the trail check passes', async () => {
    const { db, w } = await freshDb();
    const orgs = await insertMany<Organisation>(w, 'organisations', Array.from({ length: 50 }, (_, i) => org(i)));
    const chain = await chainOf(db);
    expect(chain.map((e) => e.seq)).toEqual(orgs.map((_, i) => i + 1));
    const byRecord = new Map(orgs.map((o) => [o.id, o]));
    for (const e of chain) {
      expect(e.state).toBe(stateHash(byRecord.get(e.entityId)!));
      expect(entryHash(e)).toBe(e.hash);
    }
    expect((await verifyTrail(db)).problems).toEqual([]);
  });

  it('inside a caller’s transaction chains there, and the transaction stays whole', async () => {
    const { db, w } = await freshDb();
    await db.transaction('rw', ['organisations', 'changeLog'], async () => {
      await insertMany<Organisation>(w, 'organisations', [org(1), org(2)]);
      await insertRecord<Organisation>(w, 'organisations', org(3));
    });
    expect((await chainOf(db)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await verifyTrail(db)).problems).toEqual([]);
  });

  it('two connections writing at once produce one valid chain', async () => {
    const { db, w } = await freshDb();
    const other = openDb(db.name);
    await other.open();
    const w2: Writer = { db: other, by: '王工' };
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => insertMany<Organisation>(w, 'organisations', Array.from({ length: 20 }, (_, j) => org(i * 100 + j)))),
      ...Array.from({ length: 6 }, (_, i) => insertMany<Organisation>(w2, 'organisations', Array.from({ length: 20 }, (_, j) => org(1000 + i * 100 + j)))),
    ]);
    // Both connections belong to this desk: one chain, every seq once, each linked to the one before.
    const chain = (await chainOf(db)).filter(isChained);
    expect(deskOf(other).desk).toBe(deskOf(db).desk);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
    for (let i = 1; i < chain.length; i++) expect(chain[i].prev).toBe(chain[i - 1].hash);
    expect((await verifyTrail(db)).problems).toEqual([]);
    other.close();
  });
});
