// The web build's sync host: `npm run web` runs this in its local Node process. The connection
// settings may come from the command line or the environment (never the password: the page's
// Settings screen sends it, and it stays in this process's memory until the process ends).
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SyncConnectionConfig, SyncTlsMode } from './api';
import { memoryConfigStore } from './config';
import { createSyncHttpHandler, newWebKey, type SyncHttpHandler } from './http';
import { createPgPool } from './pg';
import type { PoolFactory } from './pg-types';
import { loadMigrations } from './schema';
import { memorySecretStore } from './secrets';
import { createSyncService, type SyncService, type SyncServiceOptions } from './service';
import { validateConfigInput } from './validate';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./sql/migrations', import.meta.url));

/** Command-line flags and the environment variables that stand for them. */
const OPTIONS = {
  'server-host': 'SCW_SERVER_HOST',
  'server-port': 'SCW_SERVER_PORT',
  'server-database': 'SCW_SERVER_DATABASE',
  'server-user': 'SCW_SERVER_USER',
  'server-tls': 'SCW_SERVER_TLS',
  'server-ca': 'SCW_SERVER_CA',
  desk: 'SCW_DESK',
} as const;

export class WebConfigError extends Error {}

/**
 * Reads `--server-host=db.gov.local --server-database=scw --server-user=desk_li --desk=财务科-1 …`
 * (or SCW_SERVER_HOST …). Nothing given: null (the desk configures the server in Settings).
 * `readText` reads the CA file named by --server-ca.
 */
export async function configFromCommandLine(argv: readonly string[], env: Record<string, string | undefined>, readText: (path: string) => Promise<string>): Promise<SyncConnectionConfig | null> {
  const given: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--([a-z-]+)=(.*)$/s.exec(arg);
    if (!m) continue;
    if (m[1] === 'server-password' || m[1] === 'password') throw new WebConfigError('The office-server password is never taken from the command line: enter it in Settings → Office server.');
    if (m[1] in OPTIONS) given[m[1]] = m[2];
  }
  if (env.SCW_SERVER_PASSWORD !== undefined || env.PGPASSWORD !== undefined) {
    throw new WebConfigError('The office-server password is never taken from the environment (SCW_SERVER_PASSWORD / PGPASSWORD): enter it in Settings → Office server.');
  }
  for (const [flag, variable] of Object.entries(OPTIONS)) if (given[flag] === undefined && env[variable] !== undefined) given[flag] = env[variable]!;
  if (Object.keys(given).length === 0) return null;
  const caFile = given['server-ca'];
  const caPem = caFile ? await readText(caFile) : null;
  const tls = (given['server-tls'] ?? (caPem ? 'verify-full' : 'require')) as SyncTlsMode;
  try {
    const { password: _none, ...config } = validateConfigInput({
      host: given['server-host'],
      port: Number(given['server-port'] ?? 5432),
      database: given['server-database'],
      user: given['server-user'],
      tls,
      caPem,
      desk: given.desk,
    });
    return config;
  } catch {
    throw new WebConfigError(
      'Incomplete office-server settings: give --server-host, --server-database, --server-user and --desk (optional: --server-port=5432, --server-tls=disable|require|verify-full, --server-ca=FILE).',
    );
  }
}

export interface WebSyncHost {
  service: SyncService;
  handler: SyncHttpHandler;
  /** This start's key: the page gets it from the address `npm run web` prints. */
  key: string;
  close(): Promise<void>;
}

export async function startWebSync(opts: {
  config: SyncConnectionConfig | null;
  /** Tests only: a password handed over in-process (the e2e desks), never from a command line. */
  password?: string;
  key?: string;
  createPool?: PoolFactory;
  log?: (message: string) => void;
  service?: Partial<SyncServiceOptions>;
}): Promise<WebSyncHost> {
  const secretStore = memorySecretStore();
  if (opts.password !== undefined) await secretStore.set(opts.password);
  const service = createSyncService({
    createPool: opts.createPool ?? createPgPool,
    configStore: memoryConfigStore(opts.config),
    secretStore,
    migrations: await loadMigrations(MIGRATIONS_DIR, { readdir, readFile }),
    log: opts.log,
    ...opts.service,
  });
  const key = opts.key ?? newWebKey();
  const handler = createSyncHttpHandler({ service, key, log: opts.log });
  return {
    service,
    handler,
    key,
    async close() {
      handler.close();
      await service.close();
    },
  };
}
