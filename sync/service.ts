// The sync service one host runs (Electron's main process, or the web build's local server): the
// stored configuration and password, one connection pool, the schema check (and the owner's
// upgrade), the operations, the connection status, and the wake-up watcher (LISTEN/NOTIFY with a
// polling fallback). Every dependency comes in as a parameter; nothing here knows which host it is.
import type {
  OfficeSetting,
  OfficeSettingPutResult,
  SyncConfigInput,
  SyncConfigView,
  SyncConnectionConfig,
  SyncDesk,
  SyncEvent,
  SyncMethod,
  SyncPullPage,
  SyncPushResult,
  SyncServerInfo,
  SyncStatus,
  SyncTestResult,
} from './api';
import { connectionPart, poolConfig, sameConnection, type ConfigStore } from './config';
import { NEEDS_A_PERSON, SyncFailure, toSyncFailure } from './errors';
import { fileGet, filePut, filesMissing, sha256Hex } from './files';
import { desksList, setDeskKey, settingsList, settingsPut, touchDesk } from './office';
import type { PoolClientLike, PoolFactory, PoolLike, Queryable } from './pg-types';
import { pullPage } from './pull';
import { NOTIFY_CHANNEL, pushBatch } from './push';
import { migrate, readServerFacts, schemaProblem, serverInfo, type Migration } from './schema';
import type { SecretStore } from './secrets';
import {
  validateConfigInput,
  validateFileData,
  validateHash,
  validateHashes,
  validatePublicKey,
  validatePullRequest,
  validatePushBatch,
  validateSettingPut,
} from './validate';

export interface SyncServiceOptions {
  createPool: PoolFactory;
  configStore: ConfigStore;
  secretStore: SecretStore;
  migrations: readonly Migration[];
  /** Poll period while LISTEN works (a liveness check) and when it does not (the wake-up itself). */
  pollMs?: { listening: number; polling: number };
  /** Reconnection back-off of the watcher. */
  retryMs?: { min: number; max: number };
  /**
   * false: never LISTEN, poll only. For servers reached through a pooler in transaction mode
   * (PgBouncer), where LISTEN succeeds but notifications never arrive.
   */
  listen?: boolean;
  /** Wake-ups closer together than this are sent as one. */
  coalesceMs?: number;
  now?: () => Date;
  /** Where full errors go (the main-process log; never the page). */
  log?: (message: string) => void;
}

/**
 * The operations take unvalidated arguments (`unknown`): every transport (IPC, HTTP) hands them
 * over as they arrived and the service validates them itself, so no caller can skip a check.
 */
export interface SyncService {
  getConfig(): Promise<SyncConfigView | null>;
  configure(input: unknown): Promise<SyncConfigView>;
  forget(): Promise<void>;
  test(input?: unknown): Promise<SyncTestResult>;
  status(): Promise<SyncStatus>;
  push(batch: unknown): Promise<SyncPushResult>;
  pull(request: unknown): Promise<SyncPullPage>;
  filesMissing(hashes: unknown): Promise<string[]>;
  filePut(sha256: unknown, data: unknown): Promise<{ stored: boolean }>;
  fileGet(sha256: unknown): Promise<Uint8Array>;
  settingsList(): Promise<OfficeSetting[]>;
  settingsPut(change: unknown): Promise<OfficeSettingPutResult>;
  desks(): Promise<SyncDesk[]>;
  setDeskKey(publicKey: unknown): Promise<void>;
  onEvent(listener: (event: SyncEvent) => void): () => void;
  /** Ends the watcher and the pool (app quit, tests). */
  close(): Promise<void>;
}

/** Dispatch by method name, for the transports; arguments unvalidated. */
export function callSyncMethod(service: SyncService, method: SyncMethod, args: readonly unknown[]): Promise<unknown> {
  switch (method) {
    case 'getConfig':
      return service.getConfig();
    case 'configure':
      return service.configure(args[0]);
    case 'forget':
      return service.forget();
    case 'test':
      return service.test(args[0]);
    case 'status':
      return service.status();
    case 'push':
      return service.push(args[0]);
    case 'pull':
      return service.pull(args[0]);
    case 'filesMissing':
      return service.filesMissing(args[0]);
    case 'filePut':
      return service.filePut(args[0], args[1]);
    case 'fileGet':
      return service.fileGet(args[0]);
    case 'settingsList':
      return service.settingsList();
    case 'settingsPut':
      return service.settingsPut(args[0]);
    case 'desks':
      return service.desks();
    case 'setDeskKey':
      return service.setDeskKey(args[0]);
  }
}

interface Session {
  config: SyncConnectionConfig;
  password: string;
  pool: PoolLike;
  /** Resolves once the schema was checked (and upgraded by an owner) on this pool. */
  ready: Promise<SyncServerInfo> | null;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

export function createSyncService(opts: SyncServiceOptions): SyncService {
  const pollMs = opts.pollMs ?? { listening: 60_000, polling: 10_000 };
  const retryMs = opts.retryMs ?? { min: 1_000, max: 60_000 };
  const coalesceMs = opts.coalesceMs ?? 150;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const appSchemaVersion = opts.migrations.length;

  let session: Session | null = null;
  /** Bumped whenever the session is dropped (reconfigured), so a session still loading is not kept. */
  let generation = 0;
  let sessionLoading: Promise<Session> | null = null;
  let notifySupported = false;
  let status: SyncStatus = { state: 'unconfigured', error: null, desk: null, server: null, wakeups: null, lastContactAt: null };
  const listeners = new Set<(event: SyncEvent) => void>();
  let watcher: AbortController | null = null;
  let changedTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingSource: 'notify' | 'poll' | 'connect' | null = null;
  let closed = false;

  function emit(event: SyncEvent): void {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch (err) {
        log(`[sync] event listener failed: ${String(err)}`);
      }
    }
  }

  function setStatus(patch: Partial<SyncStatus>): void {
    const before = status;
    status = { ...status, ...patch };
    // lastContactAt moving alone is not news.
    const news = (['state', 'error', 'desk', 'server', 'wakeups'] as const).some((k) => JSON.stringify(before[k]) !== JSON.stringify(status[k]));
    if (news) emit({ type: 'status', status: { ...status } });
  }

  function changed(source: 'notify' | 'poll' | 'connect'): void {
    pendingSource = pendingSource ?? source;
    if (changedTimer) return;
    changedTimer = setTimeout(() => {
      changedTimer = null;
      const s = pendingSource ?? source;
      pendingSource = null;
      emit({ type: 'changed', source: s });
    }, coalesceMs);
  }

  function contact(server?: SyncServerInfo, extra: Partial<SyncStatus> = {}): void {
    setStatus({ state: 'online', error: null, lastContactAt: now().toISOString(), ...(server ? { server } : {}), ...extra });
  }

  /** Codes about the call itself (or the configuration, which baseStatus reports), not the connection. */
  const NOT_ABOUT_THE_CONNECTION = new Set(['invalid-argument', 'forbidden', 'file-missing', 'desk-key-mismatch', 'not-configured', 'password-required']);

  function failed(failure: SyncFailure): void {
    if (NOT_ABOUT_THE_CONNECTION.has(failure.code)) return;
    setStatus({ state: NEEDS_A_PERSON.has(failure.code) ? 'failed' : 'offline', error: failure.code, wakeups: status.state === 'online' ? status.wakeups : null });
  }

  async function dropSession(): Promise<void> {
    const s = session;
    generation++;
    session = null;
    sessionLoading = null;
    if (s) await s.pool.end().catch(() => {});
  }

  async function baseStatus(): Promise<void> {
    const config = await opts.configStore.load();
    if (!config) return setStatus({ state: 'unconfigured', error: null, desk: null, server: null, wakeups: null });
    const password = await opts.secretStore.get();
    if (password === null) return setStatus({ state: 'needs-password', error: 'password-required', desk: config.desk, server: null, wakeups: null });
    if (status.state === 'unconfigured' || status.state === 'needs-password') setStatus({ state: 'connecting', error: null, desk: config.desk });
  }

  async function currentSession(): Promise<Session> {
    if (session) return session;
    if (!sessionLoading) {
      const started = generation;
      sessionLoading = (async () => {
        const config = await opts.configStore.load();
        if (!config) throw new SyncFailure('not-configured');
        const password = await opts.secretStore.get();
        if (password === null) throw new SyncFailure('password-required');
        // Reconfigured while this was loading: the caller retries with the new settings.
        if (started !== generation) throw new SyncFailure('connection-lost', 'reconfigured');
        const pool = opts.createPool(poolConfig(config, password));
        // An idle pooled connection that breaks must not crash the process; the next use reconnects.
        pool.on('error', (err) => log(`[sync] idle connection error: ${String((err as { code?: string }).code ?? err)}`));
        session = { config, password, pool, ready: null };
        return session;
      })();
      sessionLoading.catch(() => {
        sessionLoading = null;
      });
    }
    return sessionLoading;
  }

  async function connect(pool: PoolLike): Promise<PoolClientLike> {
    try {
      return await pool.connect();
    } catch (err) {
      throw toSyncFailure(err, 'connect');
    }
  }

  /** Checks (and as the owner, upgrades) the schema; records this desk in the register. */
  async function prepare(db: Queryable, config: SyncConnectionConfig): Promise<{ info: SyncServerInfo; migrated: boolean }> {
    let info = serverInfo(await readServerFacts(db), opts.migrations);
    let migrated = false;
    const problem = schemaProblem(info);
    if (problem) {
      const upgradable = problem.code === 'schema-missing' || problem.code === 'schema-outdated';
      if (!upgradable || !info.canMigrate) throw problem;
      const before = await migrate(db, opts.migrations);
      log(`[sync] server schema upgraded from ${before} to ${appSchemaVersion} by ${info.user}`);
      migrated = true;
      info = serverInfo(await readServerFacts(db), opts.migrations);
      const again = schemaProblem(info);
      if (again) throw again;
    }
    // The desk register came with schema 2; an app limited to schema 1 (tests of the upgrade) skips it.
    if (appSchemaVersion >= 2) await touchDesk(db, config.desk);
    notifySupported = await probeNotify(db);
    return { info, migrated };
  }

  /** Whether LISTEN/NOTIFY work here; a server without them gets no NOTIFY from pushes. */
  async function probeNotify(db: Queryable): Promise<boolean> {
    try {
      await db.query('LISTEN scw_probe');
      await db.query('UNLISTEN scw_probe');
      return true;
    } catch {
      return false;
    }
  }

  /** Runs fn on a connection of a ready session; keeps the status; a broken connection is destroyed. */
  async function withClient<T>(fn: (client: PoolClientLike, s: Session) => Promise<T>): Promise<T> {
    let s: Session;
    try {
      s = await currentSession();
    } catch (err) {
      const failure = toSyncFailure(err, 'connect');
      failed(failure);
      throw failure;
    }
    let client: PoolClientLike;
    try {
      client = await connect(s.pool);
    } catch (err) {
      const failure = toSyncFailure(err, 'connect');
      failed(failure);
      throw failure;
    }
    let broken: Error | undefined;
    // A connection that dies while checked out emits 'error' besides failing its query; without a
    // listener that would be an uncaught exception in the host process.
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    try {
      if (!s.ready) {
        s.ready = prepare(client, s.config).then((r) => r.info);
        s.ready.catch(() => {
          if (session === s) s.ready = null;
        });
      }
      const info = await s.ready;
      const result = await fn(client, s);
      contact(info);
      return result;
    } catch (err) {
      const failure = toSyncFailure(err);
      if (failure.code === 'connection-lost' || failure.code === 'timeout' || failure.code === 'server-error') broken = failure;
      // The schema may have moved under us (an upgrade by another desk): check again next time.
      if (failure.code.startsWith('schema-') && session === s) s.ready = null;
      log(`[sync] operation failed: ${failure.message}${err instanceof SyncFailure ? '' : ` (${String((err as Error)?.message ?? err)})`}`);
      failed(failure);
      throw failure;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  // ---- the watcher: LISTEN/NOTIFY, polling, reconnection ----

  async function watch(signal: AbortSignal): Promise<void> {
    let delay = retryMs.min;
    while (!signal.aborted) {
      let client: PoolClientLike | null = null;
      const broken = new AbortController();
      const onAbort = () => broken.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const s = await currentSession();
        client = await connect(s.pool);
        if (!s.ready) {
          s.ready = prepare(client, s.config).then((r) => r.info);
          s.ready.catch(() => {
            if (session === s) s.ready = null;
          });
        }
        const info = await s.ready;
        client.on('error', () => broken.abort());
        client.on('end', () => broken.abort());
        let mode: 'listen' | 'poll' = 'poll';
        if (opts.listen !== false) {
          try {
            client.on('notification', (msg) => {
              if (msg.channel === NOTIFY_CHANNEL) changed('notify');
            });
            await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
            mode = 'listen';
          } catch (err) {
            const code = (err as { code?: string }).code ?? '';
            // Some PG-compatible servers lack LISTEN or restrict it: poll instead.
            if (!/^(0A000|42501|42601)$/.test(code)) throw err;
          }
        }
        let position = await serverPosition(client);
        contact(info, { wakeups: mode });
        changed('connect');
        delay = retryMs.min;
        while (!broken.signal.aborted) {
          await sleep(mode === 'listen' ? pollMs.listening : pollMs.polling, broken.signal);
          if (broken.signal.aborted) break;
          const p = await serverPosition(client);
          if (p !== position) {
            position = p;
            changed('poll');
          }
          contact();
        }
        if (!signal.aborted) throw new SyncFailure('connection-lost');
      } catch (err) {
        if (signal.aborted) break;
        const failure = toSyncFailure(err, client ? 'operation' : 'connect');
        if (failure.code === 'not-configured' || failure.code === 'password-required') {
          await baseStatus();
          break;
        }
        failed(failure);
        log(`[sync] watcher: ${failure.message}; retrying in ${delay} ms`);
        await sleep(delay, signal);
        delay = Math.min(retryMs.max, delay * 2);
      } finally {
        signal.removeEventListener('abort', onAbort);
        if (client) {
          client.removeAllListeners('notification');
          client.removeAllListeners('error');
          client.removeAllListeners('end');
          // Never back into the pool: it is in LISTEN mode (or broken).
          client.release(true);
        }
      }
    }
  }

  /** The highest sequence number visible; moves whenever a push or a settings change commits. */
  async function serverPosition(db: Queryable): Promise<string> {
    const r = await db.query<{ r: string | null; s: string | null }>(
      'SELECT (SELECT max(seq) FROM scw.records) AS r, (SELECT max(seq) FROM scw.office_settings) AS s',
    );
    return `${r.rows[0]?.r ?? 0}/${r.rows[0]?.s ?? 0}`;
  }

  function restartWatcher(): void {
    watcher?.abort();
    watcher = null;
    if (closed || listeners.size === 0) return;
    const controller = new AbortController();
    watcher = controller;
    void watch(controller.signal);
  }

  async function reconfigured(): Promise<void> {
    watcher?.abort();
    watcher = null;
    await dropSession();
    setStatus({ state: 'unconfigured', error: null, desk: null, server: null, wakeups: null });
    await baseStatus();
    restartWatcher();
  }

  async function view(config: SyncConnectionConfig): Promise<SyncConfigView> {
    return { ...connectionPart(config), hasPassword: (await opts.secretStore.get()) !== null, passwordStorage: opts.secretStore.kind() };
  }

  const initial = baseStatus().catch((err: unknown) => log(`[sync] reading the configuration failed: ${String(err)}`));

  return {
    async getConfig() {
      const config = await opts.configStore.load();
      return config ? view(config) : null;
    },

    async configure(input) {
      const config = validateConfigInput(input);
      const previous = await opts.configStore.load();
      await opts.configStore.save(connectionPart(config));
      try {
        if (config.password !== undefined) await opts.secretStore.set(config.password);
        else if (previous && (previous.host !== config.host || previous.port !== config.port || previous.user !== config.user)) {
          // A password belongs to a user on a server; keep it only while those stay the same.
          await opts.secretStore.set(null);
        }
      } catch (err) {
        log(`[sync] storing the password failed: ${String(err)}`);
        throw new SyncFailure('password-storage-failed');
      }
      if (!sameConnection(previous, config) || config.password !== undefined) await reconfigured();
      return view(config);
    },

    async forget() {
      await opts.configStore.save(null);
      await opts.secretStore.set(null);
      await reconfigured();
    },

    async test(input) {
      let config: SyncConnectionConfig;
      let password: string | null;
      if (input === undefined) {
        const stored = await opts.configStore.load();
        if (!stored) throw new SyncFailure('not-configured');
        config = stored;
        password = await opts.secretStore.get();
      } else {
        const given = validateConfigInput(input);
        config = connectionPart(given);
        const stored = await opts.configStore.load();
        password = given.password ?? (stored && stored.host === given.host && stored.port === given.port && stored.user === given.user ? await opts.secretStore.get() : null);
      }
      if (password === null) throw new SyncFailure('password-required');
      let cfg;
      try {
        cfg = poolConfig(config, password, { max: 1 });
      } catch (err) {
        return { ok: false, code: toSyncFailure(err).code, server: null };
      }
      const pool = opts.createPool(cfg);
      pool.on('error', () => {});
      let server: SyncServerInfo | null = null;
      try {
        const client = await connect(pool);
        client.on('error', () => {});
        try {
          server = serverInfo(await readServerFacts(client), opts.migrations);
          const r = await prepare(client, config);
          if (input === undefined) contact(r.info);
          return { ok: true, server: r.info, migrated: r.migrated };
        } finally {
          client.release(true);
        }
      } catch (err) {
        const failure = toSyncFailure(err);
        log(`[sync] test failed: ${failure.message}${err instanceof SyncFailure ? '' : ` (${String((err as Error)?.message ?? err)})`}`);
        if (input === undefined) failed(failure);
        return { ok: false, code: failure.code, server };
      } finally {
        await pool.end().catch(() => {});
        // A successful owner upgrade also readies the running session.
        if (session && sameConnection(session.config, config)) session.ready = null;
      }
    },

    async status() {
      await initial;
      if (status.state === 'unconfigured' || status.state === 'needs-password') await baseStatus();
      return { ...status };
    },

    async push(batch) {
      const v = validatePushBatch(batch);
      return withClient((client, s) => pushBatch(client, v, { desk: s.config.desk, appSchemaVersion, notify: notifySupported }));
    },

    async pull(request) {
      const r = validatePullRequest(request);
      return withClient((client) => pullPage(client, r, appSchemaVersion));
    },

    async filesMissing(hashes) {
      const list = validateHashes(hashes);
      return withClient((client) => filesMissing(client, list));
    },

    async filePut(sha256, data) {
      const hash = validateHash(sha256);
      const bytes = validateFileData(data);
      if (sha256Hex(bytes) !== hash) throw new SyncFailure('invalid-argument', 'sha256 does not match the data');
      return withClient((client, s) => filePut(client, hash, bytes, s.config.desk));
    },

    async fileGet(sha256) {
      const hash = validateHash(sha256);
      return withClient((client) => fileGet(client, hash));
    },

    async settingsList() {
      return withClient((client) => settingsList(client));
    },

    async settingsPut(change) {
      const put = validateSettingPut(change);
      return withClient((client, s) => settingsPut(client, put, { desk: s.config.desk, notify: notifySupported }));
    },

    async desks() {
      return withClient((client) => desksList(client));
    },

    async setDeskKey(publicKey) {
      const key = validatePublicKey(publicKey);
      return withClient((client, s) => setDeskKey(client, s.config.desk, key));
    },

    onEvent(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && !watcher) restartWatcher();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          watcher?.abort();
          watcher = null;
        }
      };
    },

    async close() {
      closed = true;
      watcher?.abort();
      watcher = null;
      if (changedTimer) clearTimeout(changedTimer);
      listeners.clear();
      await dropSession();
    },
  };
}

