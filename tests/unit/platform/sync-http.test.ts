// platform.sync in the web build, against a fake fetch: the key from the page address, the
// request shape, error codes, and the long-poll event loop.
import { describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../../sync/api';
import { captureSyncKey, createHttpSync, storedSyncKey, SYNC_KEY_HEADER } from '../../../renderer/src/platform/sync-http';
import { SyncError } from '../../../renderer/src/platform/sync-errors';

function storage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('captureSyncKey', () => {
  it('moves ?key= from the address into session storage and out of the address bar, keeping the route', () => {
    const s = storage();
    const replaced: string[] = [];
    captureSyncKey({ location: { href: 'http://127.0.0.1:5180/?key=abc123#/contracts?asOf=2026-01-01' }, history: { state: null, replaceState: (_s, _t, url) => replaced.push(String(url)) }, storage: s });
    expect(storedSyncKey(s)).toBe('abc123');
    expect(replaced).toEqual(['http://127.0.0.1:5180/#/contracts?asOf=2026-01-01']);
  });

  it('leaves a page without a key alone (a reload keeps the stored one)', () => {
    const s = storage();
    s.setItem('scw.syncKey', 'earlier');
    const replaced: string[] = [];
    captureSyncKey({ location: { href: 'http://127.0.0.1:5180/#/settings' }, history: { state: null, replaceState: (_s, _t, url) => replaced.push(String(url)) }, storage: s });
    expect(replaced).toEqual([]);
    expect(storedSyncKey(s)).toBe('earlier');
  });
});

type Call = { url: string; init: RequestInit };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function transport(answer: (call: Call) => Response | Promise<Response>, key: string | null = 'K') {
  const calls: Call[] = [];
  const fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(url), init: init ?? {} };
    calls.push(call);
    return answer(call);
  }) as typeof globalThis.fetch;
  return { calls, sync: createHttpSync({ fetch, base: '/api/sync/', key: () => key, retryMs: { min: 1, max: 2 } }) };
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SyncError);

describe('createHttpSync', () => {
  it('POSTs the arguments as JSON with the key header and returns the result', async () => {
    const { calls, sync } = transport(() => json(200, { ok: true, result: { records: [], cursor: 'c2.ab.0.0', more: false } }));
    expect(await sync.pull({ cursor: null })).toMatchObject({ cursor: 'c2.ab.0.0' });
    expect(calls[0].url).toBe('/api/sync/pull');
    expect(calls[0].init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: JSON.stringify({ args: [{ cursor: null }] }) });
    expect((calls[0].init.headers as Record<string, string>)[SYNC_KEY_HEADER]).toBe('K');
  });

  it('sends files as bytes and receives them as bytes', async () => {
    const { calls, sync } = transport((c) =>
      c.url.startsWith('/api/sync/filePut') ? json(200, { ok: true, result: { stored: true } }) : new Response(new Uint8Array([7, 8]), { headers: { 'Content-Type': 'application/octet-stream' } }),
    );
    const hash = 'ab'.repeat(32);
    expect(await sync.filePut(hash, new Uint8Array([1, 2]))).toEqual({ stored: true });
    expect(calls[0].url).toBe(`/api/sync/filePut?sha256=${hash}`);
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
    expect(await sync.fileGet(hash)).toEqual(new Uint8Array([7, 8]));
  });

  it.each([
    ['a coded refusal', () => json(403, { ok: false, error: 'forbidden' }), 'forbidden'],
    ['a server-side code', () => json(500, { ok: false, error: 'disk-full' }), 'disk-full'],
    ['an unknown code', () => json(500, { ok: false, error: 'made-up' }), 'server-error'],
    ['a static server without sync (404 text)', () => new Response('not found', { status: 404 }), 'sync-unavailable'],
    ['the local server gone (after one more try)', () => Promise.reject(new TypeError('Failed to fetch')), 'host-unreachable'],
  ])('%s → SyncError %s', async (_label, answer, code) => {
    const err = await failure(transport(answer).sync.status());
    expect(err).toBeInstanceOf(SyncError);
    expect(err!.code).toBe(code);
  });

  it('a request that fails once on the network (a stale kept-alive connection) is sent once more', async () => {
    let n = 0;
    const { calls, sync } = transport(() => (n++ === 0 ? Promise.reject(new TypeError('other side closed')) : json(200, { ok: true, result: { ok: true, applied: 1, unchanged: 0 } })));
    expect(await sync.push({ items: [] })).toEqual({ ok: true, applied: 1, unchanged: 0 });
    expect(calls).toHaveLength(2);
    expect(calls[1].init.body).toBe(calls[0].init.body);
  });

  it('without a key it does not even ask: forbidden', async () => {
    const { calls, sync } = transport(() => json(200, { ok: true, result: null }), null);
    expect((await failure(sync.status()))!.code).toBe('forbidden');
    expect(calls).toEqual([]);
  });

  it('events: long polls from the last id seen, delivers in order, reports the local server gone once, stops when nobody listens', async () => {
    const script: (() => Response | Promise<Response>)[] = [
      () => json(200, { ok: true, result: { events: [{ id: 3, event: { type: 'status', status: { state: 'online' } } }], last: 3 } }),
      () => json(200, { ok: true, result: { events: [{ id: 4, event: { type: 'changed', source: 'notify' } }], last: 4 } }),
      // Each failed request is tried twice (a stale kept-alive connection fails the same way).
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json(200, { ok: true, result: { events: [{ id: 9, event: { type: 'changed', source: 'connect' } }], last: 9 } }),
    ];
    let stop: () => void = () => {};
    const done = new Promise<void>((resolve) => (stop = resolve));
    const { calls, sync } = transport((c) => {
      const next = script.shift();
      if (!next) {
        stop();
        return new Promise<Response>((_r, reject) => c.init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
      }
      return next();
    });
    const got: SyncEvent[] = [];
    const off = sync.onEvent((e) => got.push(e));
    await done;
    off();
    expect(got.map((e) => (e.type === 'changed' ? `changed:${e.source}` : `status:${e.status.state}${e.status.error ? `:${e.status.error}` : ''}`))).toEqual([
      'status:online',
      'changed:notify',
      'status:offline:host-unreachable',
      'changed:connect',
    ]);
    expect(calls.map((c) => JSON.parse(String(c.init.body)).after)).toEqual([-1, 3, 4, 4, -1, -1, -1, 9]);
  });
});
