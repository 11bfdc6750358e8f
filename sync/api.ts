// The office-server sync API as the renderer sees it (platform.sync), and the shapes that travel
// over IPC (desktop) and HTTP (web build). Types only: electron/api.ts, the preload and the
// renderer import it with `import type`. docs/SYNC.md is the prose contract; keep both in step.

/** 'disable': plain TCP. 'require': TLS, certificate not checked (libpq's sslmode=require). 'verify-full': TLS, certificate chain checked against caPem and the host name against the certificate. */
export type SyncTlsMode = 'disable' | 'require' | 'verify-full';

/** A desk's connection to the office server, without the password. Per desk: never synced. */
export interface SyncConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  tls: SyncTlsMode;
  /** PEM text of the CA that signed the server certificate; required for 'verify-full'. */
  caPem: string | null;
  /** This desk's name in the office (stamped on every change it pushes), e.g. '财务科-1'. */
  desk: string;
}

export interface SyncConfigInput extends SyncConnectionConfig {
  /** Omitted: keep the password already stored for this desk. */
  password?: string;
}

export interface SyncConfigView extends SyncConnectionConfig {
  hasPassword: boolean;
  /**
   * Where the password lives: 'safe-storage' = encrypted with the operating system's key store
   * (desktop); 'memory' = only in this process's memory until it ends (web build, or a desktop
   * whose key store is unavailable), so it must be typed again after a restart.
   */
  passwordStorage: 'safe-storage' | 'memory';
}

/**
 * Stable failure codes. A rejected platform.sync promise carries one (SyncError.code); the
 * renderer translates them. Never a message or stack from the server or the driver.
 */
export type SyncErrorCode =
  /** No office server configured on this desk. */
  | 'not-configured'
  /** Configured, but the password is not known in this process (web build after a restart). */
  | 'password-required'
  /** The server cannot be reached (refused, no route, unknown host, timed out, starting up). */
  | 'unreachable'
  /** The server refused the user name, the password, or this computer (pg_hba). */
  | 'auth-failed'
  /** The database named in the configuration does not exist on the server. */
  | 'database-missing'
  /** TLS could not be set up: the server has no TLS, or its certificate does not verify. */
  | 'tls-failed'
  /** The CA given for verify-full is not a readable PEM certificate. */
  | 'tls-ca-invalid'
  /** The server's schema is newer than this app understands: update the app. */
  | 'schema-too-new'
  /** The database has no workbench schema and this user may not create it: IT must install it. */
  | 'schema-missing'
  /** The server's schema is older than this app and this user may not upgrade it: IT must. */
  | 'schema-outdated'
  /** An upgrade of the server schema failed (nothing was changed). */
  | 'migration-failed'
  /** The server refused an operation for lack of privileges. */
  | 'permission-denied'
  /** The server's disk is full. */
  | 'disk-full'
  /** The server is overloaded (too many connections, out of memory, a lock not granted in time). */
  | 'server-busy'
  /** The server is a read-only replica. */
  | 'server-read-only'
  /** The connection broke during an operation; a push is then either wholly applied or not at all: retry it. */
  | 'connection-lost'
  /** An operation took too long and was cancelled. */
  | 'timeout'
  /** Data read from the server does not validate (bad JSON, file hash mismatch): refused whole. */
  | 'server-data-invalid'
  /** fileGet of a hash the server does not have. */
  | 'file-missing'
  /** A desk of this name is registered with another public key. */
  | 'desk-key-mismatch'
  /** An argument failed validation (shape, size, hash of an uploaded file). */
  | 'invalid-argument'
  /** The caller is not the app's own page (IPC sender check, web key/Origin/Host checks), or the web page was opened without this start's key. */
  | 'forbidden'
  /** This host offers no office-server sync (a plain static server, e.g. the test server). */
  | 'sync-unavailable'
  /** The local server could not be reached (web build: `npm run web` stopped). */
  | 'host-unreachable'
  /** The password could not be stored protected (desktop key store failed while writing). */
  | 'password-storage-failed'
  /** Any other server error; `detail` of the error carries its SQLSTATE. */
  | 'server-error';

export type SyncErrorTag = `sync-error:${SyncErrorCode}`;

/**
 * 'unconfigured'; 'needs-password' (configured, password unknown in this process); 'connecting';
 * 'online' (last contact succeeded); 'offline' (transient: unreachable, connection lost, busy,
 * timeout; the desk retries by itself); 'failed' (needs a person: auth, TLS, schema, permission).
 */
export type SyncConnectionState = 'unconfigured' | 'needs-password' | 'connecting' | 'online' | 'offline' | 'failed';

export interface SyncServerInfo {
  /** server_version, e.g. '15.18 (Debian 15.18-0+deb12u1)'. */
  version: string;
  /** The database user this desk is connected as. */
  user: string;
  /** The server's schema version (0 when the schema is not installed). */
  schemaVersion: number;
  /** The newest schema version this app knows. */
  appSchemaVersion: number;
  /** True when this user may create or upgrade the schema (the owner role). */
  canMigrate: boolean;
}

export interface SyncStatus {
  state: SyncConnectionState;
  /** Why the state is 'offline' or 'failed'; null otherwise. */
  error: SyncErrorCode | null;
  desk: string | null;
  server: SyncServerInfo | null;
  /** How this desk learns of other desks' pushes: 'listen' (LISTEN/NOTIFY) or 'poll'; null while not connected. */
  wakeups: 'listen' | 'poll' | null;
  /** Last successful contact with the server (ISO date-time). */
  lastContactAt: string | null;
}

export type SyncTestResult =
  | { ok: true; server: SyncServerInfo; /** True when this test upgraded (or created) the server schema. */ migrated: boolean }
  | { ok: false; code: SyncErrorCode; server: SyncServerInfo | null };

/** A change-log entry as the server keeps it: opaque JSON with a string id (the entry's UUID). */
export type SyncEntry = { id: string } & Record<string, unknown>;

/** A record as the server keeps it: opaque JSON; the server reads only `id` and `deleted`. */
export type SyncRecord = { id: string; deleted: 0 | 1 } & Record<string, unknown>;

export interface SyncPushItem {
  /** The local table the record lives in ('projects', 'payments' …). */
  entity: string;
  /** The server head this version was built on, as last pulled or pushed; null when the desk believes the record is new to the server. */
  baseHead: string | null;
  /** Id of the change-log entry that produced `record` (its HEAD); must be one of `entries`. */
  head: string;
  record: SyncRecord;
  /** This record's change-log entries the server may lack, oldest first (re-sending known ones is harmless). */
  entries: SyncEntry[];
}

export interface SyncPushBatch {
  items: SyncPushItem[];
}

export interface SyncStaleItem {
  entity: string;
  id: string;
  /** The server's head now; null when the server has no such record. */
  serverHead: string | null;
}

export type SyncPushResult =
  /** Committed: `applied` records written; `unchanged` already had the pushed head (a retried batch). */
  | { ok: true; applied: number; unchanged: number }
  /** Nothing committed: these records moved on the server (or are missing). Pull, merge, push again. */
  | { ok: false; stale: SyncStaleItem[] };

export interface SyncPullRequest {
  /** null: from the beginning (a new or reset desk); else the cursor of the last page applied. */
  cursor: string | null;
  /** Records per page, 1..5000 (default 1000). */
  limit?: number;
}

export interface SyncPulledEntry {
  id: string;
  entry: SyncEntry;
  /** Server-side facts: the pushing desk, its database user, the server's time of the push. */
  desk: string;
  pushedBy: string;
  pushedAt: string;
}

export interface SyncPulledRecord {
  entity: string;
  id: string;
  head: string;
  deleted: 0 | 1;
  record: SyncRecord;
  /** This record's entries pushed since the pull began (the cursor's start), oldest first; may repeat ones the desk has. */
  entries: SyncPulledEntry[];
  desk: string;
  updatedAt: string;
}

export interface SyncPullPage {
  records: SyncPulledRecord[];
  /** Opaque. Store it only after this page is applied; pass it to the next pull. */
  cursor: string;
  /** True when another page follows now; false: the desk is up to date as of this page. */
  more: boolean;
  /**
   * True when the given cursor belonged to another life of the server (restored from a backup):
   * this page starts again from the beginning. The desk keeps its data, pulls everything again
   * (same versions are skipped) and pushes again what the restored server lacks.
   */
  restarted: boolean;
  /** Server sequence positions for a progress bar only: (position - start) / (end - start). */
  progress: { start: number; position: number; end: number };
}

export interface OfficeSetting {
  key: string;
  value: unknown;
  /** Changes with every put (a UUID chosen by the writer). */
  version: string;
  updatedAt: string;
  desk: string;
}

export interface OfficeSettingPut {
  key: string;
  /** JSON-serialisable. */
  value: unknown;
  /** The version this change was built on; null for a key the desk believes is new. */
  baseVersion: string | null;
  /** A new UUID naming this version. */
  version: string;
}

export type OfficeSettingPutResult = { ok: true } | { ok: false; current: OfficeSetting | null };

export interface SyncDesk {
  name: string;
  publicKey: string | null;
  /** The database user the desk last connected as. */
  user: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * 'changed': the server may have data this desk has not pulled (another desk pushed, a poll saw the
 * server's position move, or the connection came back). Carries no data: pull. May repeat.
 * 'status': the connection state changed.
 */
export type SyncEvent = { type: 'changed'; source: 'notify' | 'poll' | 'connect' } | { type: 'status'; status: SyncStatus };

export interface SyncApi {
  /** The stored configuration (never the password), or null. */
  getConfig(): Promise<SyncConfigView | null>;
  /** Stores the configuration (desktop: file + safeStorage; web: this process's memory) and reconnects. */
  configure(input: SyncConfigInput): Promise<SyncConfigView>;
  /** Forgets the configuration and the password, and disconnects. */
  forget(): Promise<void>;
  /**
   * Connects with `input` (or the stored configuration) and checks the schema. Upgrades it when the
   * user may (the owner role). Resolves a result for every server-side outcome; rejects only for
   * 'invalid-argument', 'forbidden', 'not-configured', 'password-required'.
   */
  test(input?: SyncConfigInput): Promise<SyncTestResult>;
  status(): Promise<SyncStatus>;
  /** One transaction: all items or none. At most 2,000 items and 32 MiB of JSON per batch. */
  push(batch: SyncPushBatch): Promise<SyncPushResult>;
  pull(request: SyncPullRequest): Promise<SyncPullPage>;
  /** Of these SHA-256 hashes (lowercase hex, at most 1,000), the ones the server lacks. */
  filesMissing(sha256: string[]): Promise<string[]>;
  /** Uploads a file once; the hash is checked. stored: false when the server already had it. At most 256 MiB. */
  filePut(sha256: string, data: Uint8Array): Promise<{ stored: boolean }>;
  /** Downloads a file; its hash is checked before it is returned. */
  fileGet(sha256: string): Promise<Uint8Array>;
  settingsList(): Promise<OfficeSetting[]>;
  settingsPut(change: OfficeSettingPut): Promise<OfficeSettingPutResult>;
  desks(): Promise<SyncDesk[]>;
  /** Registers this desk's public key (once; a different key later is 'desk-key-mismatch'). */
  setDeskKey(publicKey: string): Promise<void>;
  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: (event: SyncEvent) => void): () => void;
}

/** The invokable methods (everything but onEvent); one IPC channel / HTTP endpoint each. */
export type SyncMethod = Exclude<keyof SyncApi, 'onEvent'>;
