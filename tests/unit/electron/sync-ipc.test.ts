// The sync namespace over IPC with fakes: one channel per method, the same sender check as the
// other channels, arity checked, only `sync-error:<code>` crossing, events only to the app page.
import { describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../../sync/api';
import { SyncFailure } from '../../../sync/errors';
import type { SyncService } from '../../../sync/service';
import { createDesktopBridge, SYNC_CHANNELS, SYNC_EVENT_CHANNEL } from '../../../electron/bridge';
import type { InvokeEvent } from '../../../electron/ipc';
import { forwardSyncEvents, registerSyncIpc, type EventTarget } from '../../../electron/sync-ipc';

type Sender = { id: number };
type Listener = (event: InvokeEvent<Sender>, ...args: unknown[]) => unknown;
const TRUSTED: InvokeEvent<Sender> = { senderFrame: { url: 'app://workbench/index.html#/settings', parent: null }, sender: { id: 1 } };
const REMOTE: InvokeEvent<Sender> = { senderFrame: { url: 'https://example.com/', parent: null }, sender: { id: 2 } };

/** A service that records calls; `push` fails like the driver would, with a message to keep private. */
function fakeService() {
  const calls: [string, unknown[]][] = [];
  const listeners = new Set<(e: SyncEvent) => void>();
  const record =
    (name: string, result: unknown = null) =>
    async (...args: unknown[]) => {
      calls.push([name, args]);
      return result;
    };
  const service = {
    getConfig: record('getConfig'),
    configure: record('configure', { hasPassword: true }),
    forget: record('forget'),
    test: record('test', { ok: true }),
    status: record('status', { state: 'online' }),
    push: async () => {
      throw Object.assign(new Error('duplicate key value violates unique constraint "records_pkey" at /srv/secret/path'), { code: '23505' });
    },
    pull: record('pull', { records: [] }),
    filesMissing: record('filesMissing', []),
    filePut: record('filePut', { stored: true }),
    fileGet: async () => {
      throw new SyncFailure('file-missing');
    },
    settingsList: record('settingsList', []),
    settingsPut: record('settingsPut', { ok: true }),
    desks: record('desks', []),
    setDeskKey: record('setDeskKey'),
    onEvent: (l: (e: SyncEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => {},
  } as unknown as SyncService;
  return { service, calls, emit: (e: SyncEvent) => listeners.forEach((l) => l(e)) };
}

function setup() {
  const handlers = new Map<string, Listener>();
  const fake = fakeService();
  const logged: string[] = [];
  registerSyncIpc<Sender>({ handle: (channel, listener) => handlers.set(channel, listener) }, fake.service, (m) => logged.push(m));
  const invokeAs = (event: InvokeEvent<Sender>) => async (channel: string, ...args: unknown[]) => handlers.get(channel)!(event, ...args);
  return { handlers, logged, ...fake, invokeAs };
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => e.message);

describe('sync IPC', () => {
  it('registers one handler per sync method, each under sync:<method>', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.values(SYNC_CHANNELS).sort());
    for (const [method, channel] of Object.entries(SYNC_CHANNELS)) expect(channel).toBe(`sync:${method}`);
  });

  it('refuses an untrusted sender on every channel before the service sees anything', async () => {
    const { calls, invokeAs } = setup();
    for (const channel of Object.values(SYNC_CHANNELS)) expect(await codeOf(invokeAs(REMOTE)(channel, {}))).toBe('sync-error:forbidden');
    expect(await codeOf(invokeAs({ senderFrame: { url: 'app://workbench/index.html', parent: {} }, sender: { id: 3 } })(SYNC_CHANNELS.status))).toBe('sync-error:forbidden');
    expect(calls).toEqual([]);
  });

  it('the preload bridge reaches the service with the arguments as given', async () => {
    const { calls, invokeAs } = setup();
    const bridge = createDesktopBridge(invokeAs(TRUSTED), () => () => {});
    await bridge.sync.pull({ cursor: null, limit: 10 });
    await bridge.sync.test();
    await bridge.sync.filePut('a'.repeat(64), new Uint8Array([1]));
    expect(calls).toEqual([
      ['pull', [{ cursor: null, limit: 10 }]],
      ['test', [undefined]],
      ['filePut', ['a'.repeat(64), new Uint8Array([1])]],
    ]);
  });

  it('refuses extra arguments', async () => {
    const { invokeAs, calls } = setup();
    expect(await codeOf(invokeAs(TRUSTED)(SYNC_CHANNELS.status, 'extra'))).toMatch(/^sync-error:invalid-argument/);
    expect(calls).toEqual([]);
  });

  it('a driver error crosses as a code only; its message stays in the main-process log', async () => {
    const { invokeAs, logged } = setup();
    const message = await codeOf(invokeAs(TRUSTED)(SYNC_CHANNELS.push, { items: [] }));
    expect(message).toBe('sync-error:server-error 23505');
    expect(logged.join('\n')).toContain('records_pkey');
    expect(await codeOf(invokeAs(TRUSTED)(SYNC_CHANNELS.fileGet, 'x'))).toBe('sync-error:file-missing');
  });
});

describe('sync events', () => {
  function target(url: string, destroyed = false) {
    const sent: [string, unknown][] = [];
    const t: EventTarget = { isDestroyed: () => destroyed, getURL: () => url, send: (c, p) => sent.push([c, p]) };
    return { t, sent };
  }

  it('go to the window while it shows the app, on the event channel', () => {
    const { service, emit } = fakeService();
    const app = target('app://workbench/index.html#/');
    forwardSyncEvents(service, () => app.t);
    emit({ type: 'changed', source: 'notify' });
    expect(app.sent).toEqual([[SYNC_EVENT_CHANNEL, { type: 'changed', source: 'notify' }]]);
  });

  it('never to a page that navigated elsewhere, a closed window, or none', () => {
    const { service, emit } = fakeService();
    const away = target('https://example.com/');
    const closed = target('app://workbench/index.html', true);
    let current: EventTarget | null = away.t;
    forwardSyncEvents(service, () => current);
    emit({ type: 'changed', source: 'poll' });
    current = closed.t;
    emit({ type: 'changed', source: 'poll' });
    current = null;
    emit({ type: 'changed', source: 'poll' });
    expect([...away.sent, ...closed.sent]).toEqual([]);
  });

  it('the preload side subscribes to the event channel and unsubscribes', () => {
    const subscribed: string[] = [];
    let deliver: ((p: unknown) => void) | null = null;
    const bridge = createDesktopBridge(
      async () => undefined,
      (channel, listener) => {
        subscribed.push(channel);
        deliver = listener;
        return () => {
          deliver = null;
        };
      },
    );
    const got: SyncEvent[] = [];
    const off = bridge.sync.onEvent((e) => got.push(e));
    deliver!({ type: 'changed', source: 'connect' });
    off();
    expect(subscribed).toEqual([SYNC_EVENT_CHANNEL]);
    expect(got).toEqual([{ type: 'changed', source: 'connect' }]);
    expect(deliver).toBeNull();
  });
});
