// Opening a database written by an earlier schema version keeps every record.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1, SCHEMA_V3 } from '../../../renderer/src/data/db';

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

  it('opens v3 data with the v4 schema: contracts keep their fields and take indexationBp null, ledgers are marked stale, budgets and fiscal rules are new tables', async () => {
    const name = `upgrade-v3-${Date.now()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    const meta = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: '张晓明', rev: 1, deleted: 0 };
    await v3.table('contracts').add({ id: 'c1', projectId: 'p1', code: 'HT-1', type: 'ppp', signedOn: '2021-02-26', value: { amount: 100, currency: 'CNY' }, ...meta });
    await v3.table('ledgerPages').add({ id: 'p07', ids: ['c1'], d: ['\u0003'] });
    v3.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    const c = await db.contracts.get('c1');
    expect(c).toMatchObject({ code: 'HT-1', type: 'ppp', signedOn: '2021-02-26', indexationBp: null, rev: 1 });
    // A format-3 ledger cannot feed the outlook: the contract is rebuilt before the next roll-up.
    expect(await db.ledgerStale.get('c1')).toEqual({ id: 'c1' });
    expect(await db.budgets.count()).toBe(0);
    expect(await db.budgets.where('[kind+year]').equals(['appropriation', 2027]).count()).toBe(0);
    expect(await db.fiscalRules.count()).toBe(0);
    db.close();
  });
});
