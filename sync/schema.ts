// The server schema: versioned SQL migrations (plain files under sync/sql/migrations, the same a DBA
// runs with psql), the version check every connection makes, and the upgrade the owner role may run.
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import type { SyncServerInfo } from './api';
import { SyncFailure, toSyncFailure } from './errors';
import type { Queryable } from './pg-types';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

export interface MigrationFiles {
  readdir(dir: string): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array | string>;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads NNNN_name.sql files; versions must run 1, 2, 3 … without a gap. */
export async function loadMigrations(dir: string, fs: MigrationFiles): Promise<Migration[]> {
  const names = (await fs.readdir(dir)).filter((n) => FILE.test(n)).sort();
  const out: Migration[] = [];
  for (const name of names) {
    const m = FILE.exec(name)!;
    const raw = await fs.readFile(nodePath.join(dir, name));
    const sql = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
    out.push({ version: Number(m[1]), name: m[2], sql, sha256: createHash('sha256').update(sql).digest('hex') });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`);
  });
  if (out.length === 0) throw new Error(`no migrations in ${dir}`);
  return out;
}

/** Advisory lock keys (bigint): one for pushes (sequence order = commit order), one for upgrades. */
export const PUSH_LOCK_KEY = 0x5343_5753_0001; // "SCWS" 1
export const MIGRATION_LOCK_KEY = 0x5343_5753_0002;

interface ServerFacts {
  version: string;
  user: string;
  schemaVersion: number;
  canMigrate: boolean;
}

/**
 * Facts about the server and the schema. pg_namespace (not information_schema, which hides what a
 * user has no privilege on) tells a missing schema from one this user may not use.
 */
export async function readServerFacts(db: Queryable): Promise<ServerFacts> {
  const basics = await db.query<{ version: string; user: string; has_schema: boolean }>(
    `SELECT current_setting('server_version') AS version, CURRENT_USER AS user,
            EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'scw') AS has_schema`,
  );
  const b = basics.rows[0];
  if (!b.has_schema) {
    const db_ = await db.query<{ ok: boolean }>(`SELECT has_database_privilege(current_database(), 'CREATE') AS ok`);
    return { version: b.version, user: b.user, schemaVersion: 0, canMigrate: db_.rows[0]?.ok === true };
  }
  const priv = await db.query<{ usage: boolean; create: boolean }>(`SELECT has_schema_privilege('scw', 'USAGE') AS usage, has_schema_privilege('scw', 'CREATE') AS create`);
  // A login that is not a member of scw_desk: the schema is there, but not for this user.
  if (!priv.rows[0]?.usage) throw new SyncFailure('permission-denied', 'schema');
  const v = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM scw.schema_version');
  return { version: b.version, user: b.user, schemaVersion: Number(v.rows[0]?.v ?? 0), canMigrate: priv.rows[0]?.create === true };
}

export function serverInfo(facts: ServerFacts, migrations: readonly Migration[]): SyncServerInfo {
  return { ...facts, appSchemaVersion: migrations.length };
}

/** Throws the code that says why this app cannot use the server as it is (ignoring an upgrade). */
export function schemaProblem(info: SyncServerInfo): SyncFailure | null {
  if (info.schemaVersion > info.appSchemaVersion) return new SyncFailure('schema-too-new', `${info.schemaVersion}>${info.appSchemaVersion}`);
  if (info.schemaVersion === info.appSchemaVersion) return null;
  if (info.schemaVersion === 0) return new SyncFailure('schema-missing');
  return new SyncFailure('schema-outdated', `${info.schemaVersion}<${info.appSchemaVersion}`);
}

/**
 * Applies the migrations the server lacks, all in one transaction under an advisory lock (two owner
 * desks starting together upgrade once). Only for a user with canMigrate; the caller checks.
 * Returns the version before.
 */
export async function migrate(db: Queryable, migrations: readonly Migration[], upTo = migrations.length): Promise<number> {
  await db.query('BEGIN');
  try {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const before = (await readServerFacts(db)).schemaVersion;
    if (before > migrations.length) throw new SyncFailure('schema-too-new');
    for (const m of migrations) {
      if (m.version <= before || m.version > upTo) continue;
      await db.query(m.sql);
    }
    await db.query('COMMIT');
    return before;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    const failure = toSyncFailure(err);
    // A failing migration statement is reported as such; connection trouble keeps its own code.
    if (failure.code === 'server-error' || failure.code === 'schema-missing') throw new SyncFailure('migration-failed', failure.detail);
    throw failure;
  }
}

/** Inside a push or pull transaction: the schema must still be the one this app knows. */
export async function assertSchemaVersion(db: Queryable, appVersion: number): Promise<void> {
  const r = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM scw.schema_version');
  const v = Number(r.rows[0]?.v ?? 0);
  if (v > appVersion) throw new SyncFailure('schema-too-new', `${v}>${appVersion}`);
  if (v < appVersion) throw new SyncFailure('schema-outdated', `${v}<${appVersion}`);
}
