// An office database per test file, made with IT's setup script; configurations for the owner and
// the desk users; sync services wired with in-memory stores and the real pg driver.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { SyncConfigInput } from '../../sync/api';
import { memoryConfigStore } from '../../sync/config';
import { createPgPool } from '../../sync/pg';
import { loadMigrations, type Migration } from '../../sync/schema';
import { memorySecretStore } from '../../sync/secrets';
import { createSyncService, type SyncService, type SyncServiceOptions } from '../../sync/service';
import { psqlFile, type ClusterInfo } from './pg-cluster';

export const OWNER_PASSWORD = 'owner-secret-1';
export const DESK_PASSWORD = 'desk-secret-1';
/** Desk logins (members of scw_desk) created once per cluster. */
export const DESK_USERS = ['desk_a', 'desk_b', 'desk_c'] as const;
export const MIGRATIONS_DIR = join(import.meta.dirname, '../../sync/sql/migrations');

export function cluster(): ClusterInfo {
  return inject('pgCluster');
}

let dbCounter = 0;

/** A new database owned by scw_owner, locked down by 2-database.sql; returns its name. */
export async function officeDatabase(prefix = 'office'): Promise<string> {
  const c = cluster();
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${dbCounter++}`;
  await psqlFile(c, 'postgres', 'sync/sql/setup/2-database.sql', { database: name });
  return name;
}

export function ownerConfig(database: string, desk = 'owner-desk'): SyncConfigInput {
  const c = cluster();
  return { host: c.host, port: c.port, database, user: 'scw_owner', password: OWNER_PASSWORD, tls: 'disable', caPem: null, desk };
}

export function deskConfig(database: string, user: (typeof DESK_USERS)[number] = 'desk_a', desk: string = user): SyncConfigInput {
  const c = cluster();
  return { host: c.host, port: c.port, database, user, password: DESK_PASSWORD, tls: 'disable', caPem: null, desk };
}

let migrationsCache: Promise<Migration[]> | null = null;
export function migrations(): Promise<Migration[]> {
  migrationsCache ??= loadMigrations(MIGRATIONS_DIR, { readdir, readFile });
  return migrationsCache;
}

/** A service configured with `config` (password in memory), as a host would build it. */
export async function serviceFor(config: SyncConfigInput, opts: Partial<SyncServiceOptions> = {}): Promise<SyncService> {
  const { password, ...connection } = config;
  const secretStore = memorySecretStore();
  await secretStore.set(password ?? null);
  return createSyncService({
    createPool: createPgPool,
    configStore: memoryConfigStore(connection),
    secretStore,
    migrations: await migrations(),
    ...opts,
  });
}

/** Creates (as the owner) the schema in `database`. */
export async function installSchema(database: string): Promise<void> {
  const owner = await serviceFor(ownerConfig(database));
  try {
    const r = await owner.test();
    if (!r.ok) throw new Error(`schema install failed: ${r.code}`);
  } finally {
    await owner.close();
  }
}

/** A new office database with the schema installed by its owner. */
export async function freshOffice(prefix: string): Promise<string> {
  const db = await officeDatabase(prefix);
  await installSchema(db);
  return db;
}

/** Services made for one test file, all closed by closeAll (an afterAll). */
export function serviceTracker() {
  const open: SyncService[] = [];
  return {
    async add(...args: Parameters<typeof serviceFor>): Promise<SyncService> {
      const s = await serviceFor(...args);
      open.push(s);
      return s;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((s) => s.close()));
    },
  };
}
