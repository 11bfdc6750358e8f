// Whole-database backup and restore on fake-indexeddb (which stores Node Blobs by structured clone,
// so Blob round trips are tested here as well as in the Chromium e2e).
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_HISTORY, SCHEMA_V1, SCHEMA_V2, type WorkbenchDb } from '../../../renderer/src/data/db';
import { createBackup, type BackupProgress } from '../../../renderer/src/data/interchange/backup/create';
import { deleteLeftoverStaging, inspectBackup, listRestores, restoreBackup, RESTORE_LOG_ENTITY, stageBackup, verifyBackup } from '../../../renderer/src/data/interchange/backup/restore';
import { listSafetyCopies, SAFETY_KEEP, safetyCopyFile } from '../../../renderer/src/data/interchange/backup/safety';
import { loadDemo } from '../../../renderer/src/data/demo';
import { BACKUP_ROW_SCHEMAS } from '../../../renderer/src/data/interchange/backup/validate';
import { BACKUP_SCHEDULE_KEY, getBackupSchedule, saveBackupSchedule } from '../../../renderer/src/data/interchange/backup/schedule';
import { BackupError, readContainer } from '../../../renderer/src/domain/interchange/backup-format';
import { isSealed, sealBytes, SealedFormatError, unsealBytes, WrongPassphraseError } from '../../../renderer/src/domain/core/crypto';
import { generatePortfolio, storeSynthetic } from '../../../renderer/src/data/demo/synthetic';
import { giveHistory } from '../../support/history';
import { en as backupEn, zh as backupZh } from '../../../renderer/src/i18n/messages/backup';
import { LEGACY_ROW_ID, readLegacy, withLegacy } from '../../../renderer/src/data/trail/legacy';
import { verifyTrail } from '../../../renderer/src/data/trail/check';
import type { ChainedEntry } from '../../../renderer/src/domain/trail/chain';

let n = 0;
/** The schema version openDb declares now (other features add versions). */
const CURRENT = openDb('verno-probe').verno;
const meta = (i: number) => ({
  createdAt: `2026-0${1 + (i % 9)}-01T08:00:00.000Z`,
  updatedAt: `2026-0${1 + (i % 9)}-02T08:00:00.000Z`,
  updatedBy: '张晓明',
  rev: 1 + (i % 3),
  deleted: (i % 5 === 0 ? 1 : 0) as 0 | 1,
});

function bytes(len: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(len);
  let x = seed;
  for (let i = 0; i < len; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const uuidOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

let demo: Promise<Record<string, unknown[]>> | null = null;
/** The demo portfolio's rows, loaded once per file (loading it takes a second or more under load). */
function demoRows(): Promise<Record<string, unknown[]>> {
  demo ??= (async () => {
    const db = openDb(`demo-template-${Date.now()}`);
    await db.open();
    await loadDemo({ db, by: '张晓明', now: () => new Date('2026-11-20T02:00:00.000Z') });
    const out: Record<string, unknown[]> = {};
    for (const t of db.tables) out[t.name] = await t.toArray();
    db.close();
    return out;
  })();
  return demo;
}

/**
 * The demo portfolio plus rows in the tables it leaves empty, values JSON cannot carry (undefined,
 * Dates, Infinity, an object that looks like the codec's tag) where the schemas allow any value,
 * and stored files with Blobs of several shapes. `variant` adds that many extra projects, so two
 * databases filled with different variants differ.
 */
async function fillEveryTable(db: WorkbenchDb, variant = 0): Promise<void> {
  // A new database already holds its own trail rows (legacy summary, genesis): the demo's are put over them.
  for (const [name, rows] of Object.entries(await demoRows())) await (name === 'trail' ? db.table(name).bulkPut(rows) : db.table(name).bulkAdd(rows));
  await db.settings.bulkAdd([0, 1].map((i) => ({ key: `k${i}`, value: { nested: [1, '二', null, undefined], when: new Date(Date.UTC(2026, 0, i + 1)) } })));
  await db.mergeConflicts.add({ id: uuidOf(1), entity: 'projects', recordId: uuidOf(2), createdAt: '2026-01-01T00:00:00.000Z', importId: 'imp1', conflict: { $scwb: 'looks like a tag', weird: Infinity } });
  await db.ledgerStale.add({ id: uuidOf(3) });
  await db.referenceRates.add({ id: uuidOf(4), ...meta(1), policy: 'lpr', effectiveFrom: '2026-01-20', rateBp: 300 });
  const files = [0, 1, 2].map((i) => {
    const blob = i === 2 ? new Blob([], { type: 'text/plain' }) : new Blob([bytes(3000 + i * 1500, i + 1)], { type: 'image/jpeg' });
    const row: Record<string, unknown> = { id: uuidOf(100 + i), ...meta(i), ownerType: 'audits', ownerId: uuidOf(200 + i), name: `现场照片 ${i}.jpg`, mime: 'image/jpeg', size: blob.size, sha256: 'ab'.repeat(32), blob };
    if (i === 0) row.original = new Blob([bytes(5000, 99)], { type: 'image/png' });
    if (i === 1) row.original = undefined;
    return row;
  });
  await db.files.bulkAdd(files as never[]);
  for (let i = 0; i < variant; i++) {
    const base = (await db.projects.toCollection().first())!;
    await db.projects.add({ ...base, id: uuidOf(300 + i), code: `EXTRA-${i}`, name: `额外项目 ${i}` });
  }
  // A restore refuses records without history (the audit-trail check): give these rows theirs.
  await giveHistory(db);
}

/** Every table, rows in key order, Blobs replaced by their type and bytes (undefined kept as such). */
async function dump(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const plain = async (v: unknown): Promise<unknown> => {
    if (v instanceof Blob) return { blobType: v.type, bytes: Array.from(new Uint8Array(await v.arrayBuffer())) };
    if (v instanceof Date || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return Promise.all(v.map(plain));
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = await plain(x);
    return o;
  };
  for (const t of db.tables) out[t.name] = (await Promise.all((await t.toArray()).map(plain))) as unknown[];
  return out;
}

async function newDb(): Promise<WorkbenchDb> {
  const db = openDb(`backup-${Date.now()}-${n++}`);
  await db.open();
  return db;
}

async function backupBytes(db: WorkbenchDb, opts: Partial<Parameters<typeof createBackup>[1]> = {}): Promise<Uint8Array> {
  const b = await createBackup(db, { appVersion: '0.1.0', createdBy: '张晓明', pageSize: 2, blobChunkBytes: 1024, ...opts });
  return new Uint8Array(await b.blob.arrayBuffer());
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BackupError) return e.code;
    if (e instanceof Error) return e.name;
    return String(e);
  }
  return 'no error';
}

async function stagingDbs(): Promise<string[]> {
  return (await Dexie.getDatabaseNames()).filter((d) => d.includes('-restore-'));
}

// Every test fills one or two databases with the demo portfolio; under load that takes seconds.
describe('backup and restore', { timeout: 60_000 }, () => {
  it('has the stores of every schema version, up to the one openDb declares', () => {
    const db = openDb(`verno-${n++}`);
    expect(Math.max(...Object.keys(SCHEMA_HISTORY).map(Number))).toBe(db.verno);
    expect(SCHEMA_HISTORY[1]).toBe(SCHEMA_V1);
    expect(SCHEMA_HISTORY[2]).toBe(SCHEMA_V2);
  });

  it('names every table in both languages (the restore screen lists them)', () => {
    for (const t of openDb('labels-probe').tables) {
      expect(Object.keys(backupZh.tables), t.name).toContain(t.name);
      expect(Object.keys(backupEn.tables), t.name).toContain(t.name);
    }
  });

  it('has a row schema for every table, so no table is restored unchecked', () => {
    const db = openDb(`tables-${n++}`);
    expect(db.tables.map((t) => t.name).filter((name) => !BACKUP_ROW_SCHEMAS[name])).toEqual([]);
  });

  it('round-trips every table, Blobs included, in pages and multi-frame Blobs, into another database', async () => {
    const source = await newDb();
    await fillEveryTable(source);
    const before = await dump(source);
    expect(Object.keys(before)).toHaveLength(source.tables.length);
    const file = await backupBytes(source);

    const summary = await inspectBackup(file, source.verno);
    expect(summary.encrypted).toBe(false);
    for (const t of summary.header.tables) expect(t.rows, t.name).toBe(await source.table(t.name).count());
    expect(summary.header.tables.map((t) => t.name)).toEqual(source.tables.map((t) => t.name));
    const blobs = (await source.files.toArray()).flatMap((f) => [f.blob, f.original].filter((b): b is Blob => b instanceof Blob));
    expect(summary.header.blobs).toEqual({ count: blobs.length, bytes: blobs.reduce((s, b) => s + b.size, 0) });
    // Blobs travel as raw frames, not base64 inside the JSON.
    expect(readContainer(file).frames.filter((f) => f.kind === 2).length).toBeGreaterThanOrEqual(blobs.length + 3 + 5);

    const target = await newDb();
    await target.projects.add({ id: 'will-be-replaced', ...meta(1) } as never);
    const stages = new Set<string>();
    const verified = await verifyBackup(file, { currentSchemaVersion: CURRENT, onProgress: (p) => stages.add(p.stage) });
    const result = await restoreBackup(target, verified, { onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['verify', 'rows', 'stage', 'check', 'trail', 'swap']);
    expect(result.upgraded).toBe(false);
    expect(result.tables.find((t) => t.name === 'files')?.rows).toBe(before.files.length);
    expect(await dump(target)).toStrictEqual(before);
    const files = await target.files.orderBy('id').toArray();
    expect(files[0].blob).toBeInstanceOf(Blob);
    expect(files[0].blob.type).toBe('image/jpeg');
    expect('original' in files[1] && files[1].original === undefined).toBe(true);
    expect(await stagingDbs()).toEqual([]);
  });

  it('round-trips a 5,000-project portfolio (pages of 2,000) and reports read and write progress', async () => {
    const source = await newDb();
    await storeSynthetic({ db: source, by: 'bench' }, generatePortfolio(7, 5000));
    await giveHistory(source);
    const progress: BackupProgress[] = [];
    const file = await backupBytes(source, { pageSize: 2000, onProgress: (p) => progress.push(p) });
    expect(progress.some((p) => p.stage === 'read' && p.table === 'projects')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ stage: 'write' });
    const target = await newDb();
    await restoreBackup(target, await verifyBackup(file, { currentSchemaVersion: CURRENT }));
    expect(await target.projects.count()).toBe(5000);
    expect(await dump(target)).toStrictEqual(await dump(source));
  }, 240_000);

  it('encrypts with a passphrase: same data back, a clear error for a wrong or missing one', async () => {
    const source = await newDb();
    await fillEveryTable(source, 2);
    const file = await backupBytes(source, { passphrase: '城市 大脑-2026' });
    const text = new TextDecoder().decode(file);
    expect(text).not.toContain('城市大脑');
    expect((await inspectBackup(file, CURRENT)).encrypted).toBe(true);

    const target = await newDb();
    expect(await codeOf(verifyBackup(file, { currentSchemaVersion: CURRENT }))).toBe('passphrase-required');
    expect(await codeOf(verifyBackup(file, { currentSchemaVersion: CURRENT, passphrase: 'wrong' }))).toBe('wrong-passphrase');
    // NFC and NFD spellings of the same text give the same key.
    const verified = await verifyBackup(file, { currentSchemaVersion: CURRENT, passphrase: '城市 大脑-2026'.normalize('NFD') });
    await restoreBackup(target, verified);
    expect(await dump(target)).toStrictEqual(await dump(source));
  });

  it('refuses a file with one changed byte (header, rows, Blob or end) and leaves the live database alone', async () => {
    const source = await newDb();
    await fillEveryTable(source, 2);
    for (const passphrase of [undefined, 'correct horse']) {
      const file = await backupBytes(source, { passphrase });
      const c = readContainer(file);
      const offsetOf = (view: Uint8Array) => view.byteOffset - file.byteOffset;
      const rowsFrame = c.frames.find((f) => f.kind === 1)!;
      const blobFrame = c.frames.find((f) => f.kind === 2)!;
      const live = await newDb();
      await fillEveryTable(live, 1);
      const liveBefore = await dump(live);
      for (const at of [offsetOf(c.headerBytes) + 20, offsetOf(c.headerBytes) + Math.floor(c.headerBytes.length / 2), offsetOf(rowsFrame.payload) + 3, offsetOf(blobFrame.payload) + 100, file.length - 5]) {
        const bad = file.slice();
        bad[at] ^= 0x01;
        let code = 'no error';
        try {
          await restoreBackup(live, await verifyBackup(bad, { currentSchemaVersion: CURRENT, passphrase }));
        } catch (e) {
          code = e instanceof BackupError ? e.code : String(e);
        }
        expect(code, `byte ${at}`).toBe('damaged');
      }
      expect(await codeOf(verifyBackup(file.slice(0, file.length - 100), { currentSchemaVersion: CURRENT, passphrase }))).toBe('damaged');
      expect(await codeOf(verifyBackup(new TextEncoder().encode('PK\u0003\u0004 a zip file'), { currentSchemaVersion: CURRENT }))).toBe('not-a-backup');
      expect(await dump(live)).toStrictEqual(liveBefore);
    }
  });

  it('refuses a backup from a newer schema and upgrades one from an older schema', async () => {
    const newer = new Dexie(`newer-${n++}`) as WorkbenchDb;
    newer.version(CURRENT + 1).stores({ ...SCHEMA_HISTORY[CURRENT], dashboards: 'id' });
    await newer.open();
    const newerFile = await backupBytes(newer);
    expect(await codeOf(inspectBackup(newerFile, CURRENT))).toBe('newer-schema');
    expect(await codeOf(verifyBackup(newerFile, { currentSchemaVersion: CURRENT }))).toBe('newer-schema');

    const older = new Dexie(`older-${n++}`) as WorkbenchDb;
    older.version(1).stores(SCHEMA_V1);
    await older.open();
    const demo = await newDb();
    await fillEveryTable(demo, 2);
    // Only the history of tables a version 1 database has: a log never names a table it lacks.
    const v1Tables = new Set(older.tables.map((t) => t.name));
    for (const t of older.tables) {
      const rows = await demo.table(t.name).toArray();
      await t.bulkAdd(t.name === 'changeLog' ? rows.filter((e) => v1Tables.has((e as { entity: string }).entity)) : rows);
    }
    const olderFile = await backupBytes(older);
    expect((await inspectBackup(olderFile, CURRENT)).header.schemaVersion).toBe(1);
    const live = await newDb();
    await fillEveryTable(live, 1);
    const result = await restoreBackup(live, await verifyBackup(olderFile, { currentSchemaVersion: CURRENT }));
    expect(result.upgraded).toBe(true);
    expect(await live.projects.count()).toBe(await older.projects.count());
    expect(await live.files.count()).toBe(0);
    // The v2 compound index answers queries over rows that came from a v1 backup.
    expect(await live.obligations.where('[deleted+dueDate]').between([0, ''], [1, '\uffff']).count()).toBe(await older.obligations.count());
    expect((await dump(live)).projects).toStrictEqual((await dump(older)).projects);
  });

  it('a cancel while staging, checking or swapping leaves the live database unchanged and no staging database', async () => {
    const source = await newDb();
    await fillEveryTable(source, 4);
    const file = await backupBytes(source);
    const live = await newDb();
    await fillEveryTable(live, 2);
    await live.projects.add({ id: 'only-live', ...meta(2) } as never);
    const before = await dump(live);
    for (const stage of ['stage', 'check', 'swap'] as const) {
      const controller = new AbortController();
      const verified = await verifyBackup(file, { currentSchemaVersion: CURRENT });
      const code = await codeOf(
        restoreBackup(live, verified, {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.stage === stage && p.done >= 10) controller.abort();
          },
        }),
      );
      expect(code, stage).toBe('AbortError');
      expect(await dump(live), stage).toStrictEqual(before);
    }
    expect(await stagingDbs()).toEqual([]);
  });

  it('a cancel while backing up rejects with AbortError', async () => {
    const source = await newDb();
    await fillEveryTable(source, 4);
    const controller = new AbortController();
    const code = await codeOf(backupBytes(source, { signal: controller.signal, onProgress: (p) => p.stage === 'write' && p.done > 3 && controller.abort() }));
    expect(code).toBe('AbortError');
  });

  it.each([
    // table, change to one stored row, field named, problem
    ['payments', { amount: { amount: 'abc', currency: 'CNY' } }, 'amount.amount', 'invalid-type'],
    ['obligations', { dueDate: '2026-02-30' }, 'dueDate', 'invalid-date'],
    ['contracts', { value: { amount: 100, currency: 'cny' } }, 'value.currency', 'invalid-currency'],
    ['projects', { createdAt: undefined }, 'createdAt', 'required'],
    ['changeLog', { op: 'rewrite' }, 'op', 'invalid-value'],
    ['files', { blob: 'not bytes' }, 'blob', 'invalid-type'],
  ] as const)('refuses a %s row with a wrong-typed field, naming table, row and field, and changes nothing', async (table, change, field, problem) => {
    const source = await newDb();
    await fillEveryTable(source);
    const rows = await source.table(table).toArray();
    const at = Math.floor(rows.length / 2);
    await source.table(table).put({ ...rows[at], ...change });
    // toArray reads in primary-key order, the order of the backup's pages.
    const row = at + 1;
    const file = await backupBytes(source);
    const live = await newDb();
    await fillEveryTable(live, 1);
    const before = await dump(live);
    // Refused by the verify step itself, before anything is staged.
    try {
      await verifyBackup(file, { currentSchemaVersion: CURRENT });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BackupError);
      expect((e as BackupError).code).toBe('invalid-row');
      expect((e as BackupError).detail).toMatchObject({ table, row, field, problem });
    }
    expect(await dump(live)).toStrictEqual(before);
    expect(await stagingDbs()).toEqual([]);
  });

  it.each([
    // what was edited in the source database before the backup, the first problem named
    ['a budget changed to ¥1 with its history left alone', 'record-state-mismatch', async (db: WorkbenchDb) => {
      const p = (await db.projects.orderBy('id').filter((x) => !x.deleted).first())!;
      await db.projects.put({ ...p, budget: { amount: 100, currency: 'CNY' } });
      return { entity: 'projects', recordId: p.id };
    }],
    ['a chained entry re-dated to 2020', 'entry-hash-mismatch', async (db: WorkbenchDb) => {
      const e = (await db.changeLog.orderBy('[desk+seq]').filter((x) => (x as ChainedEntry).seq === 3).first()) as ChainedEntry;
      await db.changeLog.put({ ...e, at: '2020-01-01T00:00:00.000Z' });
      return { desk: e.desk, seq: 3 };
    }],
  ] as const)('refuses a backup whose audit trail is broken (%s) before anyone is asked, naming the first broken link', async (_label, problem, edit) => {
    const source = await newDb();
    await fillEveryTable(source);
    const at = await edit(source);
    const file = await backupBytes(source);
    const live = await newDb();
    await fillEveryTable(live, 1);
    const before = await dump(live);
    const verified = await verifyBackup(file, { currentSchemaVersion: CURRENT });
    try {
      await stageBackup(live, verified, {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BackupError);
      expect((e as BackupError).code).toBe('trail-broken');
      expect((e as BackupError).detail).toMatchObject({ problem, ...at });
    }
    expect(await dump(live)).toStrictEqual(before);
    expect(await stagingDbs()).toEqual([]);
  });

  it('stages and checks in full before confirming; discarding leaves the live database and no staging database', async () => {
    const source = await newDb();
    await fillEveryTable(source, 2);
    const file = await backupBytes(source);
    const live = await newDb();
    await fillEveryTable(live, 1);
    const before = await dump(live);
    const staged = await stageBackup(live, await verifyBackup(file, { currentSchemaVersion: CURRENT }));
    expect(staged.tables.find((t) => t.name === 'projects')?.rows).toBe(await source.projects.count());
    expect(await stagingDbs()).toHaveLength(1);
    expect(await dump(live)).toStrictEqual(before);
    await staged.discard();
    expect(await stagingDbs()).toEqual([]);
    expect(await codeOf(staged.apply(live))).toBe('damaged');
    expect(await dump(live)).toStrictEqual(before);
  });

  it('keeps the live database as a safety copy, logs the restore, and brings the copy back byte for byte', async () => {
    const live = await newDb();
    await fillEveryTable(live, 1);
    const before = await dump(live);
    const legacyBefore = await readLegacy(live);
    const source = await newDb();
    await fillEveryTable(source, 3);
    const file = await backupBytes(source);
    const clock = () => new Date('2026-11-25T03:00:00.000Z');

    const result = await restoreBackup(live, await verifyBackup(file, { currentSchemaVersion: CURRENT }), { safetyCopy: { appVersion: '0.1.0' }, log: { by: '李娜', source: 'file', now: clock } });
    expect(result.safetyCopy).toMatchObject({ by: '李娜', replacedBy: (await inspectBackup(file, CURRENT)).header.createdAt });
    const copies = await listSafetyCopies(live.name);
    expect(copies).toHaveLength(1);
    expect(copies[0].bytes).toBeGreaterThan(1000);
    const logged = (await live.changeLog.toArray()).filter((e) => e.entity === RESTORE_LOG_ENTITY);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ at: '2026-11-25T03:00:00.000Z', by: '李娜', op: 'create', rev: 1 });
    expect(logged[0].changes).toContainEqual({ field: 'safetyCopyId', before: null, after: copies[0].id });
    expect(logged[0].changes).toContainEqual({ field: 'source', before: null, after: 'file' });
    expect(await listRestores(live)).toEqual([{ at: '2026-11-25T03:00:00.000Z', by: '李娜', source: 'file', backupCreatedAt: (await inspectBackup(file, CURRENT)).header.createdAt, rows: result.tables.reduce((n, t) => n + t.rows, 0) }]);

    // One click on the copy: verified and restored like any backup, with the restore's own entry on top.
    const copyFile = new Uint8Array(await (await safetyCopyFile(live.name, copies[0].id))!.arrayBuffer());
    await restoreBackup(live, await verifyBackup(copyFile, { currentSchemaVersion: CURRENT }), { safetyCopy: { appVersion: '0.1.0' }, log: { by: '李娜', source: 'safety-copy' } });
    const back = await dump(live);
    const restores = (back.changeLog as { entity: string }[]).filter((e) => e.entity === RESTORE_LOG_ENTITY);
    expect(restores).toHaveLength(1);
    // The restore's own entry is the one difference, counted in the legacy summary the trail check recomputes.
    const strip = (d: Record<string, unknown[]>) => ({
      ...d,
      changeLog: d.changeLog.filter((e) => (e as { entity: string }).entity !== RESTORE_LOG_ENTITY),
      trail: d.trail.filter((r) => (r as { id: string }).id !== LEGACY_ROW_ID),
    });
    expect(strip(back)).toStrictEqual(strip(before));
    expect(await readLegacy(live)).toEqual(withLegacy(legacyBefore, (await live.changeLog.toArray()).filter((e) => e.entity === RESTORE_LOG_ENTITY)));
    expect((await verifyTrail(live)).problems).toEqual([]);

    // Only the newest three copies stay.
    for (let i = 0; i < 3; i++) await restoreBackup(live, await verifyBackup(file, { currentSchemaVersion: CURRENT }), { safetyCopy: { appVersion: '0.1.0' } });
    const kept = await listSafetyCopies(live.name);
    expect(kept).toHaveLength(SAFETY_KEEP);
    expect(kept.map((c) => c.id)).not.toContain(copies[0].id);
    expect(await stagingDbs()).toEqual([]);
  }, 240_000);

  it("backs up daily by default, and keeps this machine's backup settings across a restore", async () => {
    const source = await newDb();
    await saveBackupSchedule(source, { frequency: 'weekly', folder: '/elsewhere', encrypted: false });
    const file = await backupBytes(source);
    const live = await newDb();
    expect(await getBackupSchedule(live)).toEqual({ frequency: 'daily', folder: null, encrypted: false });
    await saveBackupSchedule(live, { frequency: 'off', folder: '/here', encrypted: true });
    await restoreBackup(live, await verifyBackup(file, { currentSchemaVersion: CURRENT }), { keepSettings: [BACKUP_SCHEDULE_KEY] });
    expect(await getBackupSchedule(live)).toEqual({ frequency: 'off', folder: '/here', encrypted: true });
  });

  it('removes staging databases left by an interrupted restore', async () => {
    const live = await newDb();
    const stale = new Dexie(`${live.name}-restore-left-over`);
    stale.version(1).stores({ x: 'id' });
    await stale.open();
    stale.close();
    expect(await deleteLeftoverStaging(live.name)).toBe(1);
    expect(await stagingDbs()).toEqual([]);
  });
});

describe('passphrase envelope (exchange files)', () => {
  it('seals and unseals; a wrong passphrase or a changed byte is WrongPassphraseError', async () => {
    const plain = new TextEncoder().encode('交换文件 payload');
    const sealed = await sealBytes(plain, '口令 123');
    expect(isSealed(sealed)).toBe(true);
    expect(new TextDecoder().decode(await unsealBytes(sealed, '口令 123'))).toBe('交换文件 payload');
    await expect(unsealBytes(sealed, '口令 124')).rejects.toBeInstanceOf(WrongPassphraseError);
    const bad = sealed.slice();
    bad[bad.length - 3] ^= 0x80;
    await expect(unsealBytes(bad, '口令 123')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unsealBytes(plain, '口令 123')).rejects.toBeInstanceOf(SealedFormatError);
  });
});
