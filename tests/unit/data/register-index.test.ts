// The register's in-memory index follows every way projects change: the repository (create, edit,
// move, delete as a tombstone), bulk loads, spreadsheet and OC4IDS imports, exchange merges, a
// restore, another Dexie connection and another tab. After each change it must answer exactly as
// the whole-record query over IndexedDB does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { openDb, SCHEMA_V4, type WorkbenchDb } from '../../../renderer/src/data/db';
import { onCommitted, type Changes } from '../../../renderer/src/data/change-feed';
import { compactRegisterPages, readRegisterSnapshot, RegisterIndex } from '../../../renderer/src/data/register-index';
import { ALL_STALE, packRegister, REGISTER_PAGE_COUNT, REGISTER_PAGE_FORMAT, unpackRegister } from '../../../renderer/src/data/register-sync';
import { createProject, deleteProject, moveProject, queryProjects, updateProject } from '../../../renderer/src/data/projects';
import { loadDemo } from '../../../renderer/src/data/demo';
import { generatePortfolio, storeSynthetic } from '../../../renderer/src/data/demo/synthetic';
import { insertMany, type NewRecord } from '../../../renderer/src/data/repo';
import type { Project } from '../../../renderer/src/domain/core/types';
import { applySheet } from '../../../renderer/src/data/interchange/sheets/sheet-apply';
import { applyOc4idsImport } from '../../../renderer/src/data/interchange/oc4ids/oc4ids-apply';
import { createBackup } from '../../../renderer/src/data/interchange/backup/create';
import { restoreBackup, verifyBackup } from '../../../renderer/src/data/interchange/backup/restore';
import { exportExchange, importExchangeFile } from '../../../renderer/src/data/interchange/exchange';
import { emptyProjectDraft, type ProjectDraft } from '../../../renderer/src/domain/projects/project-rules';
import { PROJECT_SORT_KEYS, type ProjectQuery, type RegisterRow } from '../../../renderer/src/domain/projects/register';
import { fromOc4idsPackage } from '../../../renderer/src/domain/interchange/oc4ids';
import { guessMapping } from '../../../renderer/src/domain/interchange/sheet-import';
import { enGB, zhCN } from '../../../renderer/src/i18n/catalogue';
import { freshDb } from './helpers';

const open: RegisterIndex[] = [];
afterEach(() => {
  for (const ix of open.splice(0)) ix.close();
});

/** An index over `db`, read in. */
async function indexOf(db: WorkbenchDb): Promise<RegisterIndex> {
  const ix = new RegisterIndex(db);
  open.push(ix);
  await ix.settled();
  return ix;
}

/** Resolves after the index has read in the next change it hears. */
function nextChange(ix: RegisterIndex): Promise<void> {
  return new Promise((resolve) => {
    const stop = ix.subscribe(() => {
      stop();
      resolve();
    });
  });
}

const draft = (code: string, name: string, extra: Partial<ProjectDraft> = {}): ProjectDraft => ({ ...emptyProjectDraft('2026-11-24'), code, name, ...extra });

const QUERIES: ProjectQuery[] = [
  {},
  { search: '大脑' },
  { search: ' ZH-1 ' },
  { phase: 'build' },
  { category: 'gov-services' },
  { departmentId: 'd1' },
  { departmentId: 'd1', category: 'city-brain', search: '城市' },
  { sharedCode: true },
  { sharedCode: true, phase: 'build' },
];

/** The index answers every query, in every order, as the whole-record query over IndexedDB does. */
async function expectSameAsStore(ix: RegisterIndex, db: WorkbenchDb): Promise<void> {
  for (const base of QUERIES) {
    for (const sort of PROJECT_SORT_KEYS) {
      for (const desc of [false, true]) {
        const q = { ...base, sort, desc };
        const fromStore = (await queryProjects(db, q)).map((p) => p.id);
        expect(ix.query(q).map((r) => r.id), JSON.stringify(q)).toEqual(fromStore);
      }
    }
  }
}

describe('register index', () => {
  it('is read in from what is stored, without tombstones', async () => {
    const { db, w } = await freshDb();
    await createProject(w, draft('ZH-2', '一网通办平台', { category: 'gov-services', departmentId: 'd1' }));
    await createProject(w, draft('ZH-1', '城市大脑', { departmentId: 'd1' }));
    const gone = await createProject(w, draft('ZH-3', '城市大脑二期'));
    await deleteProject(w, gone.id);

    const ix = await indexOf(db);
    expect(ix.status).toBe('ready');
    expect(ix.query({ sort: 'code' }).map((r) => r.code)).toEqual(['ZH-1', 'ZH-2']);
    expect(ix.query({ search: '大脑' }).map((r) => r.code)).toEqual(['ZH-1']);
    await expectSameAsStore(ix, db);
  });

  it('follows inserts, edits, phase moves and deletes through the repositories, each sort order kept', async () => {
    const { db, w } = await freshDb();
    const ix = await indexOf(db);
    expect(ix.query()).toEqual([]);

    let seen = nextChange(ix);
    const a = await createProject(w, draft('ZH-1', '智慧停车', { departmentId: 'd1', budget: { amount: 500, currency: 'CNY' } }));
    await seen;
    expect(ix.query({ sort: 'code' }).map((r) => r.code)).toEqual(['ZH-1']);

    for (const [code, name, extra] of [
      ['ZH-10', '城市大脑', { departmentId: 'd1', budget: { amount: 900, currency: 'CNY' } }],
      ['ZH-2', '一网通办', { category: 'gov-services' as const, budget: { amount: 500, currency: 'CNY' } }],
      ['ZH-3', '城市大脑二期', { category: 'city-brain' as const, departmentId: 'd1', budget: { amount: 100, currency: 'CNY' } }],
    ] as const) {
      seen = nextChange(ix);
      await createProject(w, draft(code, name, extra));
      await seen;
    }
    // Numeric code order: ZH-2 before ZH-10.
    expect(ix.query({ sort: 'code' }).map((r) => r.code)).toEqual(['ZH-1', 'ZH-2', 'ZH-3', 'ZH-10']);
    await expectSameAsStore(ix, db);

    // An edit that renames moves the row in the name order and changes what the search finds.
    seen = nextChange(ix);
    await updateProject(w, a.id, draft('ZH-1', '城市大脑停车', { departmentId: 'd1', budget: { amount: 700, currency: 'CNY' } }));
    await seen;
    expect(ix.query({ search: '大脑', sort: 'code' }).map((r) => r.code)).toEqual(['ZH-1', 'ZH-3', 'ZH-10']);
    expect(ix.get(a.id)?.budget.amount).toBe(700);
    await expectSameAsStore(ix, db);

    seen = nextChange(ix);
    await moveProject(w, a.id, 'build', '领导小组要求年内开工，材料后补。');
    await seen;
    expect(ix.query({ phase: 'build' }).map((r) => r.code)).toEqual(['ZH-1']);
    await expectSameAsStore(ix, db);

    // A tombstone leaves the register.
    seen = nextChange(ix);
    await deleteProject(w, a.id);
    await seen;
    expect(ix.get(a.id)).toBeUndefined();
    expect(ix.query({ sort: 'code' }).map((r) => r.code)).toEqual(['ZH-2', 'ZH-3', 'ZH-10']);
    await expectSameAsStore(ix, db);
  });

  it('follows bulk loads: the demo office, a synthetic portfolio of thousands and a row-by-row patch after it', async () => {
    const { db, w } = await freshDb();
    const ix = await indexOf(db);
    let seen = nextChange(ix);
    await loadDemo(w);
    await seen;
    await ix.settled();
    expect(ix.size).toBe(await db.projects.where('[deleted+name]').between([0, Dexie.minKey], [0, Dexie.maxKey]).count());
    await expectSameAsStore(ix, db);
    // The demo loader names every table in its transaction, yet its projects are marked: the next
    // session reads them from the pages and the marks.
    const snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.rows.size]).toEqual(['pages', ix.size]);

    // More rows than the change feed lists in one message: the index re-reads the table.
    seen = nextChange(ix);
    await storeSynthetic(w, generatePortfolio(3, 6000), undefined, 6000);
    await seen;
    await ix.settled();
    expect(ix.size).toBe((await queryProjects(db, {})).length);
    expect(ix.query({ search: 'sy-000001' }).map((r) => r.code)).toEqual(['SY-000001']);

    // Then one edit among 6,000 is patched in place.
    const one = ix.query({ search: 'sy-004321' })[0];
    const p = (await db.projects.get(one.id))!;
    seen = nextChange(ix);
    await updateProject(w, p.id, { ...p, name: '阿尔法工程' });
    await seen;
    expect(ix.query({ search: '阿尔法' }).map((r) => r.code)).toEqual(['SY-004321']);
    for (const sort of PROJECT_SORT_KEYS) {
      expect(ix.query({ sort, desc: true }).map((r) => r.id)).toEqual((await queryProjects(db, { sort, desc: true })).map((r) => r.id));
    }
  }, 120_000);

  it('answers a search typed a character at a time, filters added and removed, and a sort changed between them, as afresh', async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    const ix = await indexOf(db);
    const steps: ProjectQuery[] = [
      { phase: 'build' },
      { phase: 'build', category: 'city-brain' },
      { phase: 'build', category: 'city-brain', sort: 'budget', desc: true },
      { phase: 'build', sort: 'budget', desc: true },
      { phase: 'operate', sort: 'budget', desc: true },
      {},
      { search: '智' },
      { search: '智慧' },
      { search: '智慧 ' },
      { search: '智慧交' },
      { search: '智慧', phase: 'operate' },
      { search: '智慧', phase: 'operate', sort: 'code' },
      { search: '慧', phase: 'operate', sort: 'code' },
      { sharedCode: true },
      { sharedCode: true, phase: 'build' },
      { phase: 'plan', sort: 'updatedAt' },
    ];
    const fresh = async (q: ProjectQuery) => (await queryProjects(db, q)).map((p) => p.id);
    for (const q of steps) expect(ix.query(q).map((r) => r.id), JSON.stringify(q)).toEqual(await fresh(q));
    // A change between two keystrokes: the narrower query must not filter an answer from before it.
    const outside = ix.query({}).find((r) => !r.searchText.includes('智'))!;
    const p = (await db.projects.get(outside.id))!;
    expect(ix.query({ search: '智' }).length).toBeGreaterThan(0);
    const seen = nextChange(ix);
    await updateProject(w, p.id, { ...p, name: '智慧新名' });
    await seen;
    for (const q of [{ search: '智慧' }, { search: '智慧新' }, { phase: p.phase, search: '智慧新' }]) {
      expect(ix.query(q).map((r) => r.id), JSON.stringify(q)).toEqual(await fresh(q));
    }
    expect(ix.query({ search: '智慧新' }).map((r) => r.id)).toContain(p.id);
    // What a caller does with the array it got does not change the next answer.
    ix.query({ phase: 'build' }).reverse().pop();
    expect(ix.query({ phase: 'build', category: 'city-brain' }).map((r) => r.id)).toEqual(await fresh({ phase: 'build', category: 'city-brain' }));
  });

  it('follows a spreadsheet import and an OC4IDS import', async () => {
    const { db, w } = await freshDb();
    const ix = await indexOf(db);
    const opts = { locale: 'zh-CN' as const, enumLabels: [zhCN.enums, enGB.enums], today: '2026-11-24' };
    const rows = [['项目编号', '项目名称', '项目类别'], ...Array.from({ length: 300 }, (_, i) => [`IMP-${i + 1}`, `导入项目 ${i + 1}`, '城市大脑'])];
    let seen = nextChange(ix);
    const done = await applySheet(w, 'projects', rows, guessMapping('projects', rows[0]), opts);
    expect(done.created).toBe(300);
    await seen;
    expect(ix.query({ search: 'imp-' }).length).toBe(300);
    expect(ix.query({ sort: 'code' }).slice(0, 3).map((r) => r.code)).toEqual(['IMP-1', 'IMP-2', 'IMP-3']);

    const oc4ids = readFileSync(fileURLToPath(new URL('../../../assets/oc4ids/example.json', import.meta.url)), 'utf8');
    seen = nextChange(ix);
    const imported = await applyOc4idsImport(w, fromOc4idsPackage(oc4ids, { today: '2026-11-24' }));
    await seen;
    expect(ix.get(imported.projectIds[0])).toMatchObject({ code: 'M75/SM/4-5', phase: 'operate' });
    await expectSameAsStore(ix, db);
  });

  it('follows a restore that replaces every project, and an exchange merge from another desk', async () => {
    const office = await freshDb();
    const laptop = await freshDb();
    await createProject(office.w, draft('OF-1', '城市大脑'));
    const shared = await createProject(office.w, draft('OF-2', '一网统管'));
    const backup = await createBackup(office.db, { appVersion: '0.1.0', createdBy: '张晓明' });

    await createProject(laptop.w, draft('LT-1', '智慧社区'));
    const ix = await indexOf(laptop.db);
    let seen = nextChange(ix);
    await restoreBackup(laptop.db, await verifyBackup(new Uint8Array(await backup.blob.arrayBuffer()), { currentSchemaVersion: laptop.db.verno }));
    await seen;
    await ix.settled();
    expect(ix.query({ sort: 'code' }).map((r) => r.code)).toEqual(['OF-1', 'OF-2']);

    // The office renames a project and sends it over in an exchange file.
    await updateProject(office.w, shared.id, draft('OF-2', '一网统管（二期）'));
    const file = await exportExchange(office.db, { projectIds: [shared.id], exporter: { name: '张晓明', department: '市大数据管理局' }, appVersion: '0.1.0' });
    seen = nextChange(ix);
    const merged = await importExchangeFile(laptop.w, file.bytes, { fileName: 'office.scwx' });
    expect(merged.ok).toBe(true);
    await seen;
    await ix.settled();
    expect(ix.get(shared.id)?.name).toBe('一网统管（二期）');
    await expectSameAsStore(ix, laptop.db);
  });

  it('knows the codes more than one live project holds, as projects arrive, are renamed and deleted', async () => {
    const { db, w } = await freshDb();
    await createProject(w, draft('ZH-1', '城市大脑'));
    // As the office sync brings them: the same code registered on two desks apart (the form would refuse it here).
    const b = await createProject(w, draft('ZH-1', '城市大脑（二号工作台）', { phase: 'build' }));
    await createProject(w, draft('ZH-2', '一网通办'));
    const ix = await indexOf(db);
    expect([...ix.sharedCodes()]).toEqual(['ZH-1']);
    expect(ix.query({ sharedCode: true, sort: 'name' }).map((r) => r.name)).toEqual(['城市大脑', '城市大脑（二号工作台）']);
    await expectSameAsStore(ix, db);

    // A third holder, with spaces around the code (compared trimmed), then one renamed away.
    let seen = nextChange(ix);
    const c = await createProject(w, { ...draft('ZH-2', '一网通办（三号）') });
    await seen;
    expect([...ix.sharedCodes()].sort()).toEqual(['ZH-1', 'ZH-2']);
    seen = nextChange(ix);
    await updateProject(w, b.id, draft('ZH-1-B', '城市大脑（二号工作台）', { phase: 'build' }));
    await seen;
    expect([...ix.sharedCodes()]).toEqual(['ZH-2']);
    await expectSameAsStore(ix, db);

    // A tombstone no longer holds its code.
    seen = nextChange(ix);
    await deleteProject(w, c.id);
    await seen;
    expect(ix.sharedCodes().size).toBe(0);
    expect(ix.query({ sharedCode: true })).toEqual([]);
    await expectSameAsStore(ix, db);
  });

  it('hears writes made through another connection to the same database, and another tab', async () => {
    const { db, w } = await freshDb();
    const ix = await indexOf(db);
    const other = openDb(db.name);
    await other.open();
    let seen = nextChange(ix);
    const p = await createProject({ ...w, db: other }, draft('ZH-9', '数字孪生'));
    await seen;
    expect(ix.get(p.id)?.name).toBe('数字孪生');

    // Another tab: its own change feed sends the ids over a BroadcastChannel; here the row is
    // written without Dexie (so this tab's feed cannot see it) and the message sent by hand.
    const stored = (await db.projects.get(p.id))!;
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(db.name);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction('projects', 'readwrite');
        tx.objectStore('projects').put({ ...stored, name: '数字孪生城市', searchText: '数字孪生城市 zh-9', rev: stored.rev + 1 });
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    expect(ix.get(p.id)?.name).toBe('数字孪生');
    seen = nextChange(ix);
    const tab = new BroadcastChannel(`scw-changes:${db.name}`);
    tab.postMessage({ projects: [p.id] });
    await seen;
    tab.close();
    expect(ix.get(p.id)?.name).toBe('数字孪生城市');
    expect(ix.query({ search: '城市' }).map((r) => r.code)).toEqual(['ZH-9']);
    other.close();
  });

  it('reports a failed read as its error state', async () => {
    const { db } = await freshDb();
    db.close();
    const ix = new RegisterIndex(db);
    open.push(ix);
    await ix.settled();
    expect(ix.status).toBe('error');
    expect(ix.error).toBeInstanceOf(Error);
    expect(ix.query()).toEqual([]);
  });
});

describe('change feed', () => {
  function listen(db: WorkbenchDb): { heard: Changes[]; stop: () => void } {
    const heard: Changes[] = [];
    return { heard, stop: onCommitted(db.name, (c) => heard.push(c)) };
  }

  it('names the rows a committed transaction wrote, per table, once it has committed', async () => {
    const { db, w } = await freshDb();
    const { heard, stop } = listen(db);
    const p = await createProject(w, draft('ZH-1', '城市大脑'));
    stop();
    expect(heard).toHaveLength(1);
    expect([...(heard[0].get('projects') as Set<string>)]).toEqual([p.id]);
    expect((heard[0].get('changeLog') as Set<string>).size).toBe(1);
  });

  it('says nothing for a transaction that aborted, and "all" for a cleared table', async () => {
    const { db, w } = await freshDb();
    const { heard, stop } = listen(db);
    await expect(
      db.transaction('rw', ['projects', 'changeLog'], async () => {
        await createProject(w, draft('ZH-1', '城市大脑'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(heard).toEqual([]);
    await db.projects.clear();
    stop();
    expect(heard.map((c) => c.get('projects'))).toEqual(['all']);
  });
});

describe('register pages on disk', () => {
  const ids = (rows: Map<string, { id: string }>) => [...rows.keys()].sort();

  it('marks every project written, in the same transaction, and folds the marks into the pages', async () => {
    const { db, w } = await freshDb();
    const a = await createProject(w, draft('ZH-1', '城市大脑'));
    const b = await createProject(w, draft('ZH-2', '一网通办'));
    expect((await db.registerStale.toCollection().primaryKeys()).sort()).toEqual([a.id, b.id].sort());

    // Marks only: read from the (empty) pages plus the two marked projects.
    let snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.marked, snap.pages]).toEqual(['pages', 2, 'compact']);
    expect(ids(snap.rows)).toEqual([a.id, b.id].sort());

    // No marks once folded in; the pages alone give the same rows.
    expect(await compactRegisterPages(db)).toBe(2);
    expect(await db.registerStale.count()).toBe(0);
    expect(await db.registerPages.count()).toBe(REGISTER_PAGE_COUNT);
    snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.marked, snap.pages]).toEqual(['pages', 0, 'none']);
    expect(snap.rows.get(a.id)).toMatchObject({ code: 'ZH-1', name: '城市大脑', searchText: '城市大脑 zh-1', phase: 'plan' });

    // An edit and a delete are marked again; the read applies them on top of the pages.
    await updateProject(w, a.id, draft('ZH-1', '城市大脑（一期）'));
    await deleteProject(w, b.id);
    snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.marked]).toEqual(['pages', 2]);
    expect(ids(snap.rows)).toEqual([a.id]);
    expect(snap.rows.get(a.id)?.name).toBe('城市大脑（一期）');
    await compactRegisterPages(db);
    expect(ids((await readRegisterSnapshot(db)).rows)).toEqual([a.id]);
    expect((await readRegisterSnapshot(db)).rows.get(a.id)?.name).toBe('城市大脑（一期）');
  });

  it('reads around pages of another format (an older layout) and rebuilds them in the current one', async () => {
    const { db, w } = await freshDb();
    const a = await createProject(w, draft('ZH-1', '城市大脑'));
    await compactRegisterPages(db);
    const page = (await db.registerPages.toArray()).find((x) => x.ids.includes(a.id))!;
    // Format 1 kept each column as an array.
    await db.registerPages.put({ id: page.id, v: 1, ids: [a.id], code: ['OLD-1'], name: ['旧格式'] } as never);
    let snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.pages]).toEqual(['projects', 'rebuild']);
    expect(snap.rows.get(a.id)?.name).toBe('城市大脑');
    await compactRegisterPages(db, true);
    expect((await db.registerPages.toArray()).every((x) => x.v === REGISTER_PAGE_FORMAT && typeof x.d === 'string')).toBe(true);
    snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.pages]).toEqual(['pages', 'none']);
    expect(snap.rows.get(a.id)).toMatchObject({ code: 'ZH-1', name: '城市大脑' });
  });

  it('a cleared projects table marks everything; pages that disagree with the table are read around and rebuilt', async () => {
    const { db, w } = await freshDb();
    await createProject(w, draft('ZH-1', '城市大脑'));
    await compactRegisterPages(db);
    await db.projects.clear();
    expect(await db.registerStale.toCollection().primaryKeys()).toEqual([ALL_STALE]);
    let snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.rows.size]).toEqual(['projects', 0]);
    await compactRegisterPages(db);

    // A page naming a project that does not exist (a forged backup, a bug): the count disagrees.
    const real = await createProject(w, draft('ZH-2', '一网通办'));
    await compactRegisterPages(db);
    const page = (await db.registerPages.toArray()).find((p) => p.ids.length === 0)!;
    const ghost = { id: 'ghost', code: 'X-1', name: '幽灵项目', searchText: '幽灵项目 x-1', category: 'other', departmentId: '', phase: 'plan', budget: { amount: 0, currency: 'CNY' }, updatedAt: '' } as const;
    await db.registerPages.put({ ...packRegister([ghost]).find((x) => x.ids.length === 1)!, id: page.id });
    const ix = await indexOf(db);
    expect(ix.source).toBe('pages');
    expect(ix.size).toBe(2);
    expect(await ix.verify()).toBe(false);
    await ix.settled();
    expect(ix.source).toBe('projects');
    expect(ix.query().map((r) => r.id)).toEqual([real.id]);
    await compactRegisterPages(db, true);
    snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.pages]).toEqual(['pages', 'none']);
    expect(ids(snap.rows)).toEqual([real.id]);
    expect(await (await indexOf(db)).verify()).toBe(true);
  });

  it('opens a v4 database (before the register pages) with every project marked, then reads from the pages once they are built', async () => {
    const name = `register-v4-${Date.now()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores(SCHEMA_V4);
    await v4.open();
    const meta = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: '张晓明', rev: 1, deleted: 0 };
    const project = (id: string, code: string, name: string, deleted = 0) => ({
      ...emptyProjectDraft('2025-01-01'), id, code, name, searchText: `${name} ${code}`.toLowerCase(), ...meta, deleted,
    });
    await v4.table('projects').bulkAdd([project('p1', 'ZH-1', '城市大脑'), project('p2', 'ZH-2', '一网通办'), project('p3', 'ZH-3', '已删除', 1)]);
    v4.close();

    const db = openDb(name);
    await db.open();
    expect(await db.registerStale.toCollection().primaryKeys()).toEqual([ALL_STALE]);
    const ix = await indexOf(db);
    expect(ix.source).toBe('projects');
    expect(ix.query({ sort: 'code' }).map((r) => r.code)).toEqual(['ZH-1', 'ZH-2']);
    await compactRegisterPages(db);
    const again = await indexOf(db);
    expect(again.source).toBe('pages');
    expect(again.query({ sort: 'code' }).map((r) => r.code)).toEqual(['ZH-1', 'ZH-2']);
    await expectSameAsStore(again, db);
    db.close();
  });

  it('a restore keeps the pages of a backup only when they say what its projects say, and refuses a forged page', async () => {
    const office = await freshDb();
    const p = await createProject(office.w, draft('OF-1', '城市大脑'));
    const q = await createProject(office.w, draft('OF-2', '一网通办'));
    await compactRegisterPages(office.db);
    await updateProject(office.w, q.id, draft('OF-2', '一网通办（二期）'));
    const restore = async (db: WorkbenchDb, from: WorkbenchDb) =>
      restoreBackup(db, await verifyBackup(new Uint8Array(await (await createBackup(from, { appVersion: '0.1.0', createdBy: '张晓明' })).blob.arrayBuffer()), { currentSchemaVersion: db.verno }));

    // Honest pages and marks are kept as they are, and read as they are.
    const laptop = await freshDb();
    await restore(laptop.db, office.db);
    expect(await laptop.db.registerStale.toCollection().primaryKeys()).toEqual([q.id]);
    const snap = await readRegisterSnapshot(laptop.db);
    expect([snap.source, snap.marked]).toEqual(['pages', 1]);
    expect([snap.rows.get(p.id)?.name, snap.rows.get(q.id)?.name]).toEqual(['城市大脑', '一网通办（二期）']);

    // A page that says something else about an unmarked project refuses the whole backup.
    const page = (await office.db.registerPages.toArray()).find((x) => x.ids.includes(p.id))!;
    const rows = new Map<string, RegisterRow>();
    unpackRegister(page, rows);
    await office.db.registerPages.put({ ...packRegister([...rows.values()].map((r) => (r.id === p.id ? { ...r, name: '改过的名称' } : r))).find((x) => x.id === page.id)! });
    const desk = await freshDb();
    await createProject(desk.w, draft('DK-1', '本机项目'));
    await expect(restore(desk.db, office.db)).rejects.toMatchObject({ code: 'invalid-row', detail: { table: 'registerPages', problem: 'register-page-mismatch' } });
    expect((await desk.db.projects.toArray()).map((x) => x.code)).toEqual(['DK-1']);

    // So does a live project that is on no page and not marked.
    await compactRegisterPages(office.db, true);
    await office.db.registerPages.put({ ...(await office.db.registerPages.get(page.id))!, ids: [], d: packRegister([]).find((x) => x.id === page.id)!.d });
    await expect(restore(desk.db, office.db)).rejects.toMatchObject({ code: 'invalid-row', detail: { table: 'registerPages' } });
  });
});

describe('register marks of a bulk write', () => {
  it('marks the whole register once when a write passes a quarter of it, and nothing more while it stays marked whole', async () => {
    const { db, w } = await freshDb();
    const bulk = (seed: number, n: number) => insertMany<Project>(w, 'projects', generatePortfolio(seed, n).projects as NewRecord<Project>[]);
    // A small write is marked project by project, as before.
    const first = await Promise.all([draft('ZH-1', '城市大脑'), draft('ZH-2', '一网通办'), draft('ZH-3', '智慧交通')].map((d) => createProject(w, d)));
    expect((await db.registerStale.toCollection().primaryKeys()).sort()).toEqual(first.map((p) => p.id).sort());
    await compactRegisterPages(db);

    // 200 projects beside 3 paged ones: the reader would read every project anyway.
    await bulk(5, 200);
    expect(await db.registerStale.toCollection().primaryKeys()).toEqual([ALL_STALE]);
    await bulk(6, 100);
    expect(await db.registerStale.toCollection().primaryKeys()).toEqual([ALL_STALE]);
    const snap = await readRegisterSnapshot(db);
    expect([snap.source, snap.rows.size]).toEqual(['projects', 303]);
    await compactRegisterPages(db);
    expect(await db.registerStale.count()).toBe(0);
    expect((await readRegisterSnapshot(db)).rows.size).toBe(303);

    // 100 more beside 303 paged: not past a quarter plus 64, so marked one by one.
    const more = await bulk(7, 100);
    expect((await db.registerStale.toCollection().primaryKeys()).sort()).toEqual(more.map((p) => p.id).sort());
    const after = await readRegisterSnapshot(db);
    expect([after.source, after.marked, after.rows.size]).toEqual(['pages', 100, 403]);
    await expectSameAsStore(await indexOf(db), db);
  });
});
