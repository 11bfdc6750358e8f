// The server schema against real PostgreSQL: created by the owner role only, refused when newer
// than the app, upgraded from the previous version with the data kept, runnable by a DBA with
// psql, and the desk role's privileges (sync yes, DDL no).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncPushItem } from '../../sync/api';
import { adminQuery, psqlFile } from '../support/pg-cluster';
import { cluster, deskConfig, DESK_PASSWORD, migrations, MIGRATIONS_DIR, officeDatabase, OWNER_PASSWORD, ownerConfig, serviceTracker } from '../support/office-db';
import { entry, newItem, uuid } from '../support/sync-fixtures';

const tracker = serviceTracker();
const service = tracker.add;
afterAll(tracker.closeAll);

describe('installing the schema', () => {
  let db: string;
  beforeAll(async () => {
    db = await officeDatabase('schema_install');
  });

  it('a desk user finds no schema and is told IT must install it; nothing is created', async () => {
    const desk = await service(deskConfig(db));
    const r = await desk.test();
    expect(r).toMatchObject({ ok: false, code: 'schema-missing', server: { schemaVersion: 0, canMigrate: false, user: 'desk_a' } });
    await expect(desk.push({ items: [newItem('projects')] })).rejects.toMatchObject({ code: 'schema-missing' });
    const schemas = await adminQuery(cluster(), db, `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'scw'`);
    expect(schemas.rows[0].n).toBe(0);
  });

  it('the owner role creates it on first contact, at the newest version', async () => {
    const owner = await service(ownerConfig(db));
    const r = await owner.test();
    expect(r).toMatchObject({ ok: true, migrated: true, server: { schemaVersion: 2, appSchemaVersion: 2, canMigrate: true, user: 'scw_owner' } });
    const versions = await adminQuery(cluster(), db, 'SELECT version, applied_by FROM scw.schema_version ORDER BY version');
    expect(versions.rows).toEqual([
      { version: 1, applied_by: 'scw_owner' },
      { version: 2, applied_by: 'scw_owner' },
    ]);
    // A second contact changes nothing.
    expect(await owner.test()).toMatchObject({ ok: true, migrated: false });
  });

  it('then the desk user can sync', async () => {
    const desk = await service(deskConfig(db));
    expect(await desk.test()).toMatchObject({ ok: true, migrated: false, server: { canMigrate: false } });
    expect(await desk.push({ items: [newItem('projects')] })).toEqual({ ok: true, applied: 1, unchanged: 0 });
  });
});

describe('a server schema newer than the app', () => {
  it('is refused with schema-too-new, for the owner too, and nothing is written', async () => {
    const db = await officeDatabase('schema_new');
    const owner = await service(ownerConfig(db));
    expect((await owner.test()).ok).toBe(true);
    await adminQuery(cluster(), db, `INSERT INTO scw.schema_version (version, name) VALUES (3, 'from a newer app')`);
    const desk = await service(deskConfig(db));
    expect(await desk.test()).toMatchObject({ ok: false, code: 'schema-too-new' });
    const owner2 = await service(ownerConfig(db));
    expect(await owner2.test()).toMatchObject({ ok: false, code: 'schema-too-new' });
    await expect(desk.push({ items: [newItem('projects')] })).rejects.toMatchObject({ code: 'schema-too-new' });
    const n = await adminQuery(cluster(), db, 'SELECT count(*)::int AS n FROM scw.records');
    expect(n.rows[0].n).toBe(0);
  });

  it('stops a running desk at its next push (an upgrade by a newer app in between)', async () => {
    const db = await officeDatabase('schema_moved');
    expect((await (await service(ownerConfig(db))).test()).ok).toBe(true);
    const desk = await service(deskConfig(db));
    expect((await desk.push({ items: [newItem('projects')] })).ok).toBe(true);
    await adminQuery(cluster(), db, `INSERT INTO scw.schema_version (version, name) VALUES (3, 'from a newer app')`);
    await expect(desk.push({ items: [newItem('projects')] })).rejects.toMatchObject({ code: 'schema-too-new' });
    await expect(desk.pull({ cursor: null })).rejects.toMatchObject({ code: 'schema-too-new' });
    expect(await desk.status()).toMatchObject({ state: 'failed', error: 'schema-too-new' });
  });
});

describe('upgrading from the previous schema version', () => {
  it('keeps what version 1 desks pushed; the owner upgrades; the old app is then refused', async () => {
    const db = await officeDatabase('schema_upgrade');
    const all = await migrations();
    const v1 = all.slice(0, 1);
    // An office running the previous release: schema 1, a desk pushing through it.
    const ownerV1 = await service(ownerConfig(db), { migrations: v1 });
    expect(await ownerV1.test()).toMatchObject({ ok: true, server: { schemaVersion: 1, appSchemaVersion: 1 } });
    const deskV1 = await service(deskConfig(db), { migrations: v1 });
    const item = newItem('payments');
    // Schema 1 has no desk register: this app version does not touch it.
    expect(await deskV1.push({ items: [item] })).toEqual({ ok: true, applied: 1, unchanged: 0 });

    // The new release on a desk: its desk user is told IT must upgrade, and nothing changes.
    const deskV2 = await service(deskConfig(db, 'desk_b'));
    expect(await deskV2.test()).toMatchObject({ ok: false, code: 'schema-outdated', server: { schemaVersion: 1, appSchemaVersion: 2, canMigrate: false } });
    await expect(deskV2.pull({ cursor: null })).rejects.toMatchObject({ code: 'schema-outdated' });

    // The owner's desk upgrades it.
    const ownerV2 = await service(ownerConfig(db));
    expect(await ownerV2.test()).toMatchObject({ ok: true, migrated: true, server: { schemaVersion: 2 } });

    // The new desk pulls what the old one pushed, and uses what version 2 added.
    const page = await deskV2.pull({ cursor: null });
    expect(page.records.map((r) => [r.entity, r.id, r.head])).toEqual([['payments', item.record.id, item.head]]);
    expect(page.records[0].record).toEqual(item.record);
    expect(page.records[0].entries.map((e) => e.entry)).toEqual(item.entries);
    const data = new TextEncoder().encode('photo bytes');
    const { sha256Hex } = await import('../../sync/files');
    expect(await deskV2.filePut(sha256Hex(data), data)).toEqual({ stored: true });

    // The old release now meets a newer schema.
    await expect(deskV1.push({ items: [newItem('payments')] })).rejects.toMatchObject({ code: 'schema-too-new' });
  });

  it('the migration files run as they are with psql, as a DBA would, and the app accepts the result', async () => {
    const db = await officeDatabase('schema_dba');
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
    for (const f of files) await psqlFile(cluster(), db, join(MIGRATIONS_DIR, f), {}, { singleTransaction: true, user: 'scw_owner', password: OWNER_PASSWORD });
    const desk = await service(deskConfig(db));
    expect(await desk.test()).toMatchObject({ ok: true, migrated: false, server: { schemaVersion: files.length } });
  });
});

describe('the desk role', () => {
  let db: string;
  let desk: pg.Client;
  beforeAll(async () => {
    db = await officeDatabase('schema_roles');
    const owner = await service(ownerConfig(db));
    expect((await owner.test()).ok).toBe(true);
    // Something to try to change.
    const a = await service(deskConfig(db));
    expect((await a.push({ items: [newItem('projects')] })).ok).toBe(true);
    desk = new pg.Client({ host: cluster().host, port: cluster().port, database: db, user: 'desk_c', password: DESK_PASSWORD });
    await desk.connect();
    return () => desk.end();
  });

  const refused = async (sql: string) => {
    const err = await desk.query(sql).then(
      () => null,
      (e: { code?: string }) => e,
    );
    return err?.code ?? 'allowed';
  };

  it.each([
    ['create a table in the sync schema', 'CREATE TABLE scw.x (a int)'],
    ['create a table in public', 'CREATE TABLE public.x (a int)'],
    ['create a temporary table', 'CREATE TEMP TABLE x (a int)'],
    ['create a schema', 'CREATE SCHEMA mine'],
    ['alter a sync table', 'ALTER TABLE scw.records ADD COLUMN x int'],
    ['drop a sync table', 'DROP TABLE scw.changes'],
    ['truncate the change log', 'TRUNCATE scw.changes'],
    ['delete from the change log', 'DELETE FROM scw.changes'],
    ['rewrite the change log', `UPDATE scw.changes SET entry = '{}'`],
    ['delete records (deletes are tombstones)', 'DELETE FROM scw.records'],
    ['delete files', 'DELETE FROM scw.file_chunks'],
    ['change the schema version', 'UPDATE scw.schema_version SET version = 9'],
    ['add a schema version', `INSERT INTO scw.schema_version (version, name) VALUES (9, 'x')`],
    ['create an index', 'CREATE INDEX x ON scw.records (desk)'],
    ['create a function', 'CREATE FUNCTION scw.f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql'],
    ['reset the sequence', `SELECT setval('scw.seq', 1)`],
  ])('may not %s', async (_label, sql) => {
    expect(await refused(sql)).toBe('42501');
  });

  it('may sync: read, append changes, write records, files, settings and its desk row', async () => {
    const s = await service(deskConfig(db, 'desk_c'));
    const item = newItem('contracts');
    expect(await s.push({ items: [item] })).toEqual({ ok: true, applied: 1, unchanged: 0 });
    const e2 = entry(item.record.id, 'contracts');
    const edited = { ...item.record, title: 'edited', rev: 2 };
    expect(await s.push({ items: [{ entity: 'contracts', baseHead: item.head, head: e2.id, record: edited, entries: [e2] }] })).toMatchObject({ ok: true, applied: 1 });
    expect((await s.pull({ cursor: null })).records.length).toBe(2);
    const data = new Uint8Array([1, 2, 3]);
    const { sha256Hex } = await import('../../sync/files');
    expect(await s.filePut(sha256Hex(data), data)).toEqual({ stored: true });
    expect(await s.settingsPut({ key: 'oc4ids.publisher', value: { name: '市大数据局' }, baseVersion: null, version: uuid() })).toEqual({ ok: true });
    await s.setDeskKey('PUBLIC KEY C');
    expect((await s.desks()).find((d) => d.name === 'desk_c')).toMatchObject({ publicKey: 'PUBLIC KEY C', user: 'desk_c' });
  });

  it('a login that is not in the desk group is refused with permission-denied, not told the schema is missing', async () => {
    const c = cluster();
    await adminQuery(c, 'postgres', `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'outsider') THEN CREATE ROLE outsider LOGIN PASSWORD 'x'; END IF; END $$`);
    await adminQuery(c, db, 'GRANT CONNECT ON DATABASE ' + db + ' TO outsider');
    const s = await service({ ...deskConfig(db), user: 'outsider', password: 'x' });
    expect(await s.test()).toMatchObject({ ok: false, code: 'permission-denied' });
  });
});
