// platform.sync in the web build: the same SyncApi as the desktop's IPC, over HTTP to the local
// `npm run web` process (sync/http.ts). Every request carries this start's key, which the page
// got from the address `npm run web` printed (…/?key=…); it is kept in sessionStorage for this tab
// (reloads keep working) and taken out of the address bar so it is not bookmarked or shared.
import type { SyncApi, SyncEvent, SyncMethod, SyncStatus } from '../../../sync/api';
import { SyncError, syncErrorCode } from './sync-errors';

export const SYNC_KEY_PARAM = 'key';
export const SYNC_KEY_HEADER = 'X-Workbench-Key';
const STORAGE_KEY = 'scw.syncKey';

export interface KeyEnv {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Moves ?key=… from the page address into sessionStorage. Call once at start. */
export function captureSyncKey(env: KeyEnv): void {
  const url = new URL(env.location.href);
  const key = url.searchParams.get(SYNC_KEY_PARAM);
  if (!key) return;
  env.storage.setItem(STORAGE_KEY, key);
  url.searchParams.delete(SYNC_KEY_PARAM);
  env.history.replaceState(env.history.state, '', url.toString());
}

export function storedSyncKey(storage: Pick<Storage, 'getItem'>): string | null {
  return storage.getItem(STORAGE_KEY);
}

export interface SyncHttpEnv {
  fetch: typeof fetch;
  /** Where the endpoints are, e.g. '/api/sync/' (same origin as the page). */
  base: string;
  key: () => string | null;
  /** Pause between attempts while the local server is unreachable. */
  retryMs?: { min: number; max: number };
}

type Body = { ok: true; result: unknown } | { ok: false; error?: string };

async function readAnswer(response: Response): Promise<unknown> {
  if ((response.headers.get('content-type') ?? '').startsWith('application/octet-stream')) {
    if (!response.ok) throw new SyncError('server-error');
    return new Uint8Array(await response.arrayBuffer());
  }
  let body: Body;
  try {
    body = (await response.json()) as Body;
  } catch {
    // Not our endpoint (a plain static server answering 404 with text): no sync here.
    throw new SyncError(response.status === 404 ? 'sync-unavailable' : 'server-error');
  }
  if (body.ok) return body.result;
  throw new SyncError(syncErrorCode(`sync-error:${body.error ?? ''}`) ?? 'server-error');
}

const offlineStatus = (): SyncStatus => ({ state: 'offline', error: 'host-unreachable', desk: null, server: null, wakeups: null, lastContactAt: null });

export function createHttpSync(env: SyncHttpEnv): SyncApi {
  const retry = env.retryMs ?? { min: 1_000, max: 10_000 };

  async function request(path: string, init: { body: BodyInit; contentType: string; signal?: AbortSignal }): Promise<unknown> {
    const key = env.key();
    if (!key) throw new SyncError('forbidden');
    const send = () =>
      env.fetch(env.base + path, {
        method: 'POST',
        headers: { 'Content-Type': init.contentType, [SYNC_KEY_HEADER]: key },
        body: init.body,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: init.signal,
      });
    let response: Response;
    try {
      response = await send();
    } catch (err) {
      if (init.signal?.aborted) throw err;
      // Once more straight away: a kept-alive connection the server had just closed fails like
      // this. Every method is safe to repeat (a repeated push or put is recognised and changes nothing).
      try {
        response = await send();
      } catch (again) {
        if (init.signal?.aborted) throw again;
        throw new SyncError('host-unreachable');
      }
    }
    return readAnswer(response);
  }

  const call =
    <M extends SyncMethod>(method: M) =>
    (...args: Parameters<SyncApi[M]>) =>
      request(method, { body: JSON.stringify({ args }), contentType: 'application/json' }) as ReturnType<SyncApi[M]>;

  // Events: one long poll while anyone listens.
  const listeners = new Set<(event: SyncEvent) => void>();
  let loop: AbortController | null = null;

  const dispatch = (event: SyncEvent) => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // A failing listener must not stop the others or the loop.
      }
    }
  };

  async function poll(signal: AbortSignal): Promise<void> {
    let after = -1;
    let delay = retry.min;
    let reportedOffline = false;
    while (!signal.aborted) {
      try {
        const r = (await request('events', { body: JSON.stringify({ after }), contentType: 'application/json', signal })) as { events: { id: number; event: SyncEvent }[]; last: number };
        for (const e of r.events) dispatch(e.event);
        after = r.last;
        delay = retry.min;
        reportedOffline = false;
      } catch (err) {
        if (signal.aborted) return;
        const code = syncErrorCode(err);
        // No key, or no sync on this server: nothing will change by asking again.
        if (code === 'forbidden' || code === 'sync-unavailable') return;
        if (!reportedOffline) dispatch({ type: 'status', status: offlineStatus() });
        reportedOffline = true;
        after = -1;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay);
          signal.addEventListener('abort', () => {
            clearTimeout(t);
            resolve();
          }, { once: true });
        });
        delay = Math.min(retry.max, delay * 2);
      }
    }
  }

  return {
    getConfig: call('getConfig'),
    configure: call('configure'),
    forget: call('forget'),
    test: (input) => request('test', { body: JSON.stringify({ args: input === undefined ? [] : [input] }), contentType: 'application/json' }) as ReturnType<SyncApi['test']>,
    status: call('status'),
    push: call('push'),
    pull: call('pull'),
    filesMissing: call('filesMissing'),
    filePut: (sha256, data) =>
      request(`filePut?sha256=${encodeURIComponent(sha256)}`, { body: data as Uint8Array<ArrayBuffer>, contentType: 'application/octet-stream' }) as Promise<{ stored: boolean }>,
    fileGet: call('fileGet'),
    settingsList: call('settingsList'),
    settingsPut: call('settingsPut'),
    desks: call('desks'),
    setDeskKey: call('setDeskKey'),
    onEvent(listener) {
      listeners.add(listener);
      if (!loop) {
        const controller = new AbortController();
        loop = controller;
        void poll(controller.signal).finally(() => {
          if (loop === controller) loop = null;
        });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && loop) {
          loop.abort();
          loop = null;
        }
      };
    },
  };
}
