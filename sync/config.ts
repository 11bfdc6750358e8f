// The desk's connection settings: where they are kept (never the password: see secrets.ts) and
// how they become a pg pool configuration with the chosen TLS mode.
import { X509Certificate } from 'node:crypto';
import type { PoolConfig } from 'pg';
import type { SyncConnectionConfig } from './api';
import { SyncFailure } from './errors';

/** Non-secret settings. Desktop: a JSON file in userData; web build: memory, seeded from the command line. */
export interface ConfigStore {
  load(): Promise<SyncConnectionConfig | null>;
  save(config: SyncConnectionConfig | null): Promise<void>;
}

export function memoryConfigStore(initial: SyncConnectionConfig | null = null): ConfigStore {
  let current = initial;
  return {
    load: async () => current,
    save: async (config) => {
      current = config;
    },
  };
}

export interface ConfigFiles {
  readFile(path: string): Promise<Uint8Array | string>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { force: boolean }): Promise<void>;
}

/** A JSON file, replaced through a temporary file so a crash never leaves half of it. */
export function fileConfigStore(fs: ConfigFiles, file: string): ConfigStore {
  return {
    async load() {
      try {
        const raw = await fs.readFile(file);
        const parsed = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as unknown;
        return normaliseStored(parsed);
      } catch {
        return null; // none yet, or unreadable: the desk is unconfigured until Settings saves one
      }
    },
    async save(config) {
      if (config === null) {
        await fs.rm(file, { force: true });
        return;
      }
      const tmp = `${file}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(config, null, 2));
      await fs.rename(tmp, file);
    },
  };
}

function normaliseStored(value: unknown): SyncConnectionConfig | null {
  const v = value as Partial<SyncConnectionConfig> | null;
  if (!v || typeof v !== 'object') return null;
  const { host, port, database, user, tls, caPem, desk } = v;
  if (typeof host !== 'string' || typeof port !== 'number' || typeof database !== 'string' || typeof user !== 'string' || typeof desk !== 'string') return null;
  if (tls !== 'disable' && tls !== 'require' && tls !== 'verify-full') return null;
  return { host, port, database, user, tls, caPem: typeof caPem === 'string' ? caPem : null, desk };
}

/** The connection settings alone (drops a password or anything else riding along). */
export function connectionPart(c: SyncConnectionConfig): SyncConnectionConfig {
  return { host: c.host, port: c.port, database: c.database, user: c.user, tls: c.tls, caPem: c.caPem, desk: c.desk };
}

export function sameConnection(a: SyncConnectionConfig | null, b: SyncConnectionConfig | null): boolean {
  return JSON.stringify(a && connectionPart(a)) === JSON.stringify(b && connectionPart(b));
}

/** Timeouts for every connection: a dead server or a stuck lock becomes an error code, not a hang. */
export const CONNECTION_TIMEOUTS = {
  connectMs: 10_000,
  /** A push waits at most this long for another desk's push (server-busy after). */
  lockMs: 30_000,
  statementMs: 300_000,
  /** The server ends a transaction left idle this long (a desk that vanished mid-push). */
  idleInTransactionMs: 60_000,
} as const;

export function poolConfig(c: SyncConnectionConfig, password: string, opts: { max?: number; applicationName?: string } = {}): PoolConfig {
  let ssl: PoolConfig['ssl'] = false;
  if (c.tls === 'require') ssl = { rejectUnauthorized: false };
  if (c.tls === 'verify-full') {
    if (!c.caPem) throw new SyncFailure('tls-ca-invalid');
    try {
      new X509Certificate(c.caPem);
    } catch {
      throw new SyncFailure('tls-ca-invalid');
    }
    // Node checks the chain against this CA alone and the host name (or IP) against the certificate.
    ssl = { rejectUnauthorized: true, ca: c.caPem, servername: isIp(c.host) ? undefined : c.host };
  }
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password,
    ssl,
    max: opts.max ?? 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: CONNECTION_TIMEOUTS.connectMs,
    keepAlive: true,
    lock_timeout: CONNECTION_TIMEOUTS.lockMs,
    statement_timeout: CONNECTION_TIMEOUTS.statementMs,
    idle_in_transaction_session_timeout: CONNECTION_TIMEOUTS.idleInTransactionMs,
    application_name: (opts.applicationName ?? `scw-desk ${c.desk}`).slice(0, 63),
  };
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
