// The desk side of office sync without a server: every table is placed (synced, derived or this
// desk's own), the outbox follows every writer of the change log — repositories, the demo loader
// that names every table, an upgraded v4 database's existing entries — and not the pull's copies;
// and which records a pull knows this desk holds or has entries for, and when it does not know.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V5 } from '../../../renderer/src/data/db';
import { HeldIds } from '../../../renderer/src/data/office-sync/held';
import { outboxManaged, outboxSize, readOutbox } from '../../../renderer/src/data/office-sync/outbox';
import { unplacedTables, isOfficeSetting } from '../../../renderer/src/data/office-sync/what-syncs';
import { insertRecord } from '../../../renderer/src/data/repo';
import type { Organisation } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';

describe('office sync on the desk', () => {
  it('places every table of the database', async () => {
    const { db } = await freshDb();
    expect(unplacedTables(db)).toEqual([]);
  });

  it.each([
    ['oc4ids.publisher', true],
    ['sheetImport.mapping.projects', true],
    ['demoLoaded', true],
    ['operator', false],
    ['backup.folder', false],
    ['exchange.imports', false],
  ])('setting %s is office-wide: %s', (key, office) => {
    expect(isOfficeSetting(key)).toBe(office);
  });

  it('every change-log write lands in the outbox, in the same transaction; a managed transaction adds none', async () => {
    const { db, w } = await freshDb();
    const before = await outboxSize(db);
    const org = await insertRecord<Organisation>(w, 'organisations', { name: '市大数据管理局', kind: 'government', isSme: false, creditCode: '', contact: '' });
    const entryId = (await db.changeLog.where('[entity+entityId]').equals(['organisations', org.id]).first())!.id;
    expect((await readOutbox(db)).ids.has(entryId)).toBe(true);
    // A transaction naming every table (as the demo loader does) still feeds the outbox.
    await db.transaction('rw', db.tables, async () => {
      await db.changeLog.add({ id: 'all-tables-1', at: '2026-01-01T00:00:00.000Z', by: 't', entity: 'organisations', entityId: org.id, op: 'update', rev: 2, changes: [] });
    });
    expect((await readOutbox(db)).ids.has('all-tables-1')).toBe(true);
    await outboxManaged(db, ['changeLog'], async () => {
      await db.changeLog.add({ id: 'pulled-1', at: '2026-01-01T00:00:00.000Z', by: 't', entity: 'organisations', entityId: org.id, op: 'update', rev: 3, changes: [] });
    });
    expect((await readOutbox(db)).ids.has('pulled-1')).toBe(false);
    expect(await outboxSize(db)).toBe(before + 2);
  });

  it('a v5 database opened at v6 offers everything it holds to the server', async () => {
    const name = `outbox-upgrade-${Date.now()}`;
    const v4 = new Dexie(name);
    v4.version(5).stores(SCHEMA_V5);
    await v4.open();
    await v4.table('changeLog').bulkAdd([
      { id: 'l1', at: '2025-01-01T00:00:00.000Z', by: '张晓明', entity: 'projects', entityId: 'p1', op: 'create', rev: 1, changes: [] },
      { id: 'l2', at: '2025-01-02T00:00:00.000Z', by: '张晓明', entity: 'projects', entityId: 'p1', op: 'update', rev: 2, changes: [] },
    ]);
    v4.close();
    const db = openDb(name);
    await db.open();
    expect([...(await readOutbox(db)).ids].sort()).toEqual(['l1', 'l2']);
    expect(await db.syncState.count()).toBe(0);
    db.close();
  });
});

describe('what a pull knows this desk holds', () => {
  const entry = (id: string, entity: string, entityId: string) => ({ id, at: '2026-01-01T00:00:00.000Z', by: 't', entity, entityId, op: 'update' as const, rev: 2, changes: [] });

  it('records held and records with entries, from the start, plus what pages and other writers add later', async () => {
    const { db, w } = await freshDb();
    const org = await insertRecord<Organisation>(w, 'organisations', { name: '市大数据管理局', kind: 'government', isSme: false, creditCode: '', contact: '' });
    await db.changeLog.add(entry('orphan-1', 'organisations', 'entries-only'));
    const held = new HeldIds(db);
    const ids = [org.id, 'entries-only', 'absent', 'later', 'elsewhere'];
    expect(await held.mayHold('organisations', ids)).toEqual({ records: [org.id], logged: [org.id, 'entries-only'] });

    held.wrote('organisations', ['later']);
    const other = await insertRecord<Organisation>(w, 'organisations', { name: '市财政局', kind: 'government', isSme: false, creditCode: '', contact: '' });
    const otherEntry = (await db.changeLog.where('[entity+entityId]').equals(['organisations', other.id]).first())!.id;
    await held.othersWrote([otherEntry]);
    expect(await held.mayHold('organisations', [...ids, other.id])).toEqual({ records: [org.id, 'later', other.id], logged: [org.id, 'entries-only', 'later', other.id] });
  });

  it('a change log too large to read whole leaves the records with entries unknown (every id is read), not the records held', async () => {
    const { db } = await freshDb();
    const many = Array.from({ length: 2001 }, (_, i) => entry(`big-${i}`, 'projects', `p-${i}`));
    await outboxManaged(db, ['changeLog'], () => db.changeLog.bulkAdd(many));
    const held = new HeldIds(db);
    expect(await held.mayHold('projects', ['p-1', 'absent'])).toEqual({ records: [], logged: null });
    held.wrote('projects', ['p-1']);
    expect(await held.mayHold('projects', ['p-1', 'absent'])).toEqual({ records: ['p-1'], logged: null });
    expect(await held.mayHold('organisations', ['absent'])).toEqual({ records: [], logged: [] });
  });
});
