import { describe, expect, it } from 'vitest';
import { deleteRecord, diffFields, historyOf, insertRecord, updateRecord, RecordMissingError } from '../../../renderer/src/data/repo';
import type { Organisation } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';

const org = { name: '数智城市科技有限公司', kind: 'company' as const, isSme: true, creditCode: '', contact: '' };

describe('field diffs', () => {
  it.each<[string, object | undefined, object | undefined, { field: string; before: unknown; after: unknown }[]]>([
    ['unchanged', { a: 1 }, { a: 1 }, []],
    ['scalar change', { a: 1 }, { a: 2 }, [{ field: 'a', before: 1, after: 2 }]],
    ['nested equal objects are not a change', { m: { amount: 1, currency: 'CNY' } }, { m: { amount: 1, currency: 'CNY' } }, []],
    ['nested change', { m: { amount: 1, currency: 'CNY' } }, { m: { amount: 2, currency: 'CNY' } }, [{ field: 'm', before: { amount: 1, currency: 'CNY' }, after: { amount: 2, currency: 'CNY' } }]],
    ['meta and derived fields are ignored', { rev: 1, updatedAt: 'x', searchText: 'a' }, { rev: 2, updatedAt: 'y', searchText: 'b' }, []],
    ['created field', undefined, { a: 'x' }, [{ field: 'a', before: undefined, after: 'x' }]],
    ['array order matters', { l: [1, 2] }, { l: [2, 1] }, [{ field: 'l', before: [1, 2], after: [2, 1] }]],
  ])('%s', (_l, before, after, expected) => {
    expect(diffFields(before, after)).toEqual(expected);
  });
});

describe('change log of every write', () => {
  it('logs create, update (field before/after, who, when, rev) and tombstone delete', async () => {
    const { db, w } = await freshDb();
    const created = await insertRecord<Organisation>(w, 'organisations', org);
    expect(created.rev).toBe(1);
    expect(created.deleted).toBe(0);
    expect(created.updatedBy).toBe('张晓明');
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const updated = await updateRecord<Organisation>(w, 'organisations', created.id, { isSme: false, contact: '李工' });
    expect(updated.rev).toBe(2);
    expect(updated.updatedAt > created.updatedAt).toBe(true);

    // A patch that changes nothing writes nothing.
    const same = await updateRecord<Organisation>(w, 'organisations', created.id, { isSme: false });
    expect(same.rev).toBe(2);

    await deleteRecord<Organisation>({ ...w, by: '王芳' }, 'organisations', created.id);
    const stored = await db.organisations.get(created.id);
    expect(stored?.deleted).toBe(1); // tombstone: the row stays so merges cannot resurrect it
    expect(stored?.rev).toBe(3);

    const log = await historyOf(db, 'organisations', created.id);
    expect(log.map((e) => [e.op, e.rev, e.by])).toEqual([
      ['create', 1, '张晓明'],
      ['update', 2, '张晓明'],
      ['delete', 3, '王芳'],
    ]);
    expect(log[1].changes).toEqual([
      { field: 'isSme', before: true, after: false },
      { field: 'contact', before: '', after: '李工' },
    ]);
    expect(log[0].changes.find((c) => c.field === 'name')).toEqual({ field: 'name', before: undefined, after: org.name });
    expect(log[1].at).toBe(updated.updatedAt);
  });

  it('refuses to edit a tombstoned record and logs nothing', async () => {
    const { db, w } = await freshDb();
    const created = await insertRecord<Organisation>(w, 'organisations', org);
    await deleteRecord<Organisation>(w, 'organisations', created.id);
    await expect(updateRecord<Organisation>(w, 'organisations', created.id, { contact: 'x' })).rejects.toBeInstanceOf(RecordMissingError);
    expect(await historyOf(db, 'organisations', created.id)).toHaveLength(2);
  });

  it('rolls back the record when the log write fails (one transaction)', async () => {
    const { db, w } = await freshDb();
    const created = await insertRecord<Organisation>(w, 'organisations', org);
    const logged = await db.changeLog.count();
    // A value IndexedDB cannot clone makes the log entry fail; the record update must not persist.
    await expect(updateRecord<Organisation>(w, 'organisations', created.id, { contact: (() => 1) as unknown as string })).rejects.toThrow();
    expect((await db.organisations.get(created.id))?.rev).toBe(1);
    expect(await db.changeLog.count()).toBe(logged);
  });
});
