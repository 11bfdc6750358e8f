// The web build's sync endpoints on the real local server (scripts/static-server.mjs + sync/http.ts)
// in front of a real PostgreSQL: refused without this start's key, from another Origin, under
// another Host name (DNS rebinding), by GET; and the page's transport (renderer/src/platform/
// sync-http.ts) doing the real thing through them, events included.
import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../sync/api';
import { createHttpSync } from '../../renderer/src/platform/sync-http';
import { startWebSync, type WebSyncHost } from '../../sync/web-host';
import { adminQuery } from '../support/pg-cluster';
import { cluster, deskConfig, freshOffice, serviceFor } from '../support/office-db';
import { newItem } from '../support/sync-fixtures';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

let db: string;
let host: WebSyncHost;
let server: Server;
let port: number;
let origin: string;

beforeAll(async () => {
  db = await freshOffice('web');
  const { password, ...config } = deskConfig(db, 'desk_a', '网页-A');
  host = await startWebSync({ config, password });
  const started = (await startStaticServer({ root: 'dist', port: 0, api: host.handler })) as { server: Server; url: string };
  server = started.server;
  port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await host.close();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A raw request with exactly these headers (fetch would add or forbid some). */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const recordCount = async () => (await adminQuery<{ n: number }>(cluster(), db, 'SELECT count(*)::int AS n FROM scw.records')).rows[0].n;

describe('refusals', () => {
  const push = () => JSON.stringify({ args: [{ items: [newItem('projects')] }] });
  const good = () => ({ Host: `127.0.0.1:${port}`, Origin: origin, 'Content-Type': 'application/json', 'X-Workbench-Key': host.key });

  it('the control request with everything right is accepted (so the refusals below are about one thing each)', async () => {
    const before = await recordCount();
    const r = await raw('/api/sync/push', { headers: good(), body: push() });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, result: { ok: true, applied: 1 } });
    expect(await recordCount()).toBe(before + 1);
  });

  it.each([
    ['without the key', (h: Record<string, string>) => (delete h['X-Workbench-Key'], h)],
    ['with a wrong key', (h: Record<string, string>) => ({ ...h, 'X-Workbench-Key': 'guessed' })],
    ['with a key of the right length but wrong', (h: Record<string, string>) => ({ ...h, 'X-Workbench-Key': host.key.replace(/./g, 'A') })],
    ['from another web page (foreign Origin)', (h: Record<string, string>) => ({ ...h, Origin: 'http://evil.example' })],
    ['from another port on this machine', (h: Record<string, string>) => ({ ...h, Origin: 'http://127.0.0.1:1' })],
    ['without an Origin (curl by another local user)', (h: Record<string, string>) => (delete h.Origin, h)],
    ['marked cross-site by the browser', (h: Record<string, string>) => ({ ...h, 'Sec-Fetch-Site': 'cross-site' })],
  ])('%s: 403 forbidden, and nothing reaches the server', async (_label, tweak) => {
    const before = await recordCount();
    const r = await raw('/api/sync/push', { headers: tweak(good()), body: push() });
    expect([r.status, JSON.parse(r.body)]).toEqual([403, { ok: false, error: 'forbidden' }]);
    expect(await recordCount()).toBe(before);
  });

  it('a GET, even with the key, is refused', async () => {
    const r = await raw('/api/sync/status', { method: 'GET', headers: good() });
    expect(r.status).toBe(403);
  });

  it('under another host name (DNS rebinding) neither the API nor the app is served', async () => {
    const before = await recordCount();
    for (const hostName of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, '127.0.0.1']) {
      const api = await raw('/api/sync/push', { headers: { ...good(), Host: hostName, Origin: `http://${hostName}` }, body: push() });
      expect(api.status).toBe(421);
      expect((await raw('/', { method: 'GET', headers: { Host: hostName } })).status).toBe(421);
    }
    expect(await recordCount()).toBe(before);
  });

  it('the key is never served: not in the page, not in any answer to a refused call', async () => {
    const page = await raw('/', { method: 'GET', headers: { Host: `127.0.0.1:${port}` } });
    expect(page.body).not.toContain(host.key);
    const refused = await raw('/api/sync/status', { headers: { ...good(), 'X-Workbench-Key': 'x' }, body: '{"args":[]}' });
    expect(refused.body).not.toContain(host.key);
  });
});

describe('the page transport through the real endpoints', () => {
  /** fetch as the served page would call it: same origin, Origin header set by the browser. */
  const pageFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    fetch(new URL(String(input), `${origin}/`), { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: origin } })) as typeof fetch;

  it('pushes, pulls, moves files, and receives a wake-up when another desk pushes', async () => {
    const sync = createHttpSync({ fetch: pageFetch, base: '/api/sync/', key: () => host.key });
    expect(await sync.status()).toMatchObject({ desk: '网页-A' });
    expect(await sync.getConfig()).toMatchObject({ desk: '网页-A', hasPassword: true, passwordStorage: 'memory' });
    expect(await sync.test()).toMatchObject({ ok: true, server: { user: 'desk_a', schemaVersion: 2 } });

    const item = newItem('payments', { amount: { amount: 1234, currency: 'CNY' } });
    expect(await sync.push({ items: [item] })).toEqual({ ok: true, applied: 1, unchanged: 0 });
    const page = await sync.pull({ cursor: null, limit: 5000 });
    expect(page.records.find((r) => r.id === item.record.id)?.record).toEqual(item.record);

    const bytes = new Uint8Array(2_500_000).map((_, i) => i % 251);
    const { sha256Hex } = await import('../../sync/files');
    const hash = sha256Hex(bytes);
    expect(await sync.filesMissing([hash])).toEqual([hash]);
    expect(await sync.filePut(hash, bytes)).toEqual({ stored: true });
    expect(Buffer.from(await sync.fileGet(hash)).equals(Buffer.from(bytes))).toBe(true);
    await expect(sync.filePut(hash, new Uint8Array([1]))).rejects.toMatchObject({ code: 'invalid-argument' });

    const events: SyncEvent[] = [];
    let wake!: () => void;
    const woken = new Promise<void>((r) => (wake = r));
    let online!: () => void;
    const isOnline = new Promise<void>((r) => (online = r));
    const off = sync.onEvent((e) => {
      events.push(e);
      if (e.type === 'status' && e.status.state === 'online' && e.status.wakeups === 'listen') online();
      if (e.type === 'changed' && e.source === 'notify') wake();
    });
    await isOnline;
    const other = await serviceFor(deskConfig(db, 'desk_b'));
    try {
      expect((await other.push({ items: [newItem('payments')] })).ok).toBe(true);
      await woken;
    } finally {
      off();
      await other.close();
    }
    expect(events.some((e) => e.type === 'changed' && e.source === 'notify')).toBe(true);
  });

  it('a page opened without the key gets forbidden from every method, and the server is untouched', async () => {
    const sync = createHttpSync({ fetch: pageFetch, base: '/api/sync/', key: () => 'not-this-start' });
    const before = await recordCount();
    await expect(sync.status()).rejects.toMatchObject({ code: 'forbidden' });
    await expect(sync.push({ items: [newItem('projects')] })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await recordCount()).toBe(before);
  });
});

describe('a static server without sync', () => {
  it('answers every sync call with sync-unavailable (the e2e server of other features)', async () => {
    const plain = (await startStaticServer({ root: 'dist', port: 0 })) as { server: Server; url: string };
    try {
      const sync = createHttpSync({ fetch: (i, init) => fetch(new URL(String(i), plain.url), init), base: '/api/sync/', key: () => 'k' });
      await expect(sync.status()).rejects.toMatchObject({ code: 'sync-unavailable' });
    } finally {
      plain.server.close();
    }
  });
});
