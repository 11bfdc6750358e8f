// Opening a database written by an earlier schema version keeps every record.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1, SCHEMA_V6 } from '../../../renderer/src/data/db';
import { ledgerPageOf, refreshStaleLedgers } from '../../../renderer/src/data/ledger';
import { insertRecord } from '../../../renderer/src/data/repo';
import { verifyTrail } from '../../../renderer/src/data/trail/check';
import { sealTrail } from '../../../renderer/src/data/trail/desk';
import type { Contract } from '../../../renderer/src/domain/core/types';
import { createPpp, storedLedger, world } from './contract-fixtures';
import { freshDb } from './helpers';

describe('schema upgrades', () => {
  it('opens v1 data with the v2 schema, keeping projects and the change log, and adds the new tables', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    const meta = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: '张晓明', rev: 1, deleted: 0 };
    await v1.table('projects').add({ id: 'p1', code: 'ZH-1', name: '城市大脑', searchText: '城市大脑 zh-1', phase: 'plan', category: 'city-brain', departmentId: '', ...meta });
    await v1.table('obligations').add({ id: 'o1', contractId: 'c1', projectId: 'p1', payeeId: '', payerDepartmentId: '', dueDate: '2025-03-01', ...meta });
    await v1.table('changeLog').add({ id: 'l1', at: meta.createdAt, by: '张晓明', entity: 'projects', entityId: 'p1', op: 'create', rev: 1, changes: [] });
    v1.close();

    const v2 = openDb(name);
    await v2.open();
    // openDb opens at the newest version; v2's tables and indexes must be there whatever came after.
    expect(v2.verno).toBeGreaterThanOrEqual(2);
    expect((await v2.projects.get('p1'))?.name).toBe('城市大脑');
    expect(await v2.changeLog.count()).toBe(1);
    // The new compound index answers queries over rows written before the upgrade.
    expect(await v2.obligations.where('[deleted+dueDate]').between([0, '2025-01-01'], [0, '2025-12-31']).count()).toBe(1);
    expect(await v2.reviews.count()).toBe(0);
    expect(v2.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['reviews', 'audits', 'files', 'mergeConflicts', 'indicatorSystems']));
    v2.close();
  });

  it('opens v6 data with the v7 schema: no record is rewritten (the trail still verifies), a contract stored without indexation reads as the office default, ledgers are marked stale and rebuilt, budgets and fiscal rules are new tables', async () => {
    // The v6 data: written by the repositories, then copied table by table into a database created at v6.
    const { db: src, w } = await freshDb();
    const x = await world(w);
    const stated = await createPpp(w, x, { indexationBp: 250 });
    const { id: _i, createdAt: _c, updatedAt: _u, updatedBy: _b, rev: _r, deleted: _d, indexationBp: _x, ...fields } = stated;
    const older = await insertRecord<Contract>(w, 'contracts', { ...fields, code: 'HT-PPP-00' });
    expect('indexationBp' in older).toBe(false);
    await sealTrail(src);

    const name = `upgrade-v6-${Date.now()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores(SCHEMA_V6);
    await v6.open();
    for (const table of Object.keys(SCHEMA_V6)) await v6.table(table).bulkAdd(await src.table(table).toArray());
    // Ledgers as v6 wrote them (format 5): unreadable now, and not yet marked stale.
    await v6.table('ledgerPages').clear();
    await v6.table('ledgerStale').clear();
    for (const c of [stated, older]) await v6.table('ledgerPages').put({ id: ledgerPageOf(c.id), ids: [c.id], d: ['\u0005'] });
    v6.close();
    src.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.contracts.get(older.id)).toEqual(older);
    expect(await db.contracts.get(stated.id)).toEqual(stated);
    expect((await db.ledgerStale.toArray()).map((r) => r.id).sort()).toEqual([older.id, stated.id].sort());
    expect(await db.budgets.where('[kind+year]').equals(['appropriation', 2027]).count()).toBe(0);
    expect(await db.fiscalRules.where('[rule+effectiveFrom]').between(['ppp-red-line', ''], ['ppp-red-line', '\uffff']).count()).toBe(0);

    expect(await refreshStaleLedgers(db)).toBe(2);
    expect((await storedLedger(db, older.id))?.indexationBp).toBeNull();
    expect((await storedLedger(db, stated.id))?.indexationBp).toBe(250);
    expect((await storedLedger(db, stated.id))?.operationEndDay).not.toBeNull();
    expect((await verifyTrail(db)).problems).toEqual([]);
    db.close();
  });
});
