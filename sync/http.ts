// The sync API over HTTP for the web build's local server (scripts/static-server.mjs). The page
// and this process share a machine but not a trust boundary: any local user, and any web page the
// browser shows (including one that rebinds its DNS name to 127.0.0.1), can send requests here.
// So every endpoint requires, in this order:
//   - Host is exactly 127.0.0.1:<port> or localhost:<port> (defeats DNS rebinding);
//   - POST (a GET cannot be triggered by an <img> or a link);
//   - Origin is present and equals http://<that host> (no other page, no form post);
//   - the header X-Workbench-Key equals this start's random key, compared in constant time. The
//     key is printed by `npm run web` as part of the address to open and read by the page from its
//     own URL; the server never serves it, so a local user who loads the page does not get it.
// A custom header also means a browser must ask a CORS preflight first, which is never granted.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SyncErrorCode, SyncEvent, SyncMethod } from './api';
import { SyncFailure, toSyncFailure } from './errors';
import { callSyncMethod, type SyncService } from './service';
import { ARITY, expectArity, LIMITS } from './validate';

export const KEY_HEADER = 'x-workbench-key';
export const API_PREFIX = '/api/sync/';
/** The query parameter of the page address that carries the key to the page. */
export const KEY_PARAM = 'key';

const JSON_BODY_BYTES = LIMITS.pushJsonBytes * 2 + 1024 * 1024;
const EVENTS_WAIT_MS = 25_000;
const EVENTS_KEPT = 200;

export function newWebKey(): string {
  return randomBytes(24).toString('base64url');
}

const STATUS: Partial<Record<SyncErrorCode, number>> = {
  'invalid-argument': 400,
  forbidden: 403,
  'sync-unavailable': 404,
  'file-missing': 404,
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function fail(res: ServerResponse, code: SyncErrorCode, status = STATUS[code] ?? 500): void {
  send(res, status, { ok: false, error: code });
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new SyncFailure('invalid-argument', 'body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new SyncFailure('invalid-argument', 'body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Host values this server answers to, for the port it listens on. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Why a request may not use the API, or null. Exported for the static server's own Host check. */
export function refusal(req: IncomingMessage, key: string): string | null {
  const port = req.socket.localPort ?? 0;
  const host = req.headers.host ?? '';
  if (!allowedHosts(port).includes(host)) return 'host';
  if (req.method !== 'POST') return 'method';
  if (req.headers.origin !== `http://${host}`) return 'origin';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return 'fetch-site';
  const given = req.headers[KEY_HEADER];
  if (typeof given !== 'string' || !safeEqual(given, key)) return 'key';
  return null;
}

interface EventLog {
  last: number;
  entries: { id: number; event: SyncEvent }[];
  waiters: Set<() => void>;
}

export interface SyncHttpHandler {
  /** Handles /api/sync/* and returns true; returns false for any other path. */
  (req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Ends pending long polls and the event subscription. */
  close(): void;
}

/**
 * `service` null: this server offers no sync (every endpoint answers 'sync-unavailable' after the
 * same checks, so probing it tells an outsider nothing).
 */
export function createSyncHttpHandler(opts: { service: SyncService | null; key: string; log?: (message: string) => void }): SyncHttpHandler {
  const { service, key } = opts;
  const log = opts.log ?? (() => {});
  const events: EventLog = { last: 0, entries: [], waiters: new Set() };
  const unsubscribe = service?.onEvent((event) => {
    events.last += 1;
    events.entries.push({ id: events.last, event });
    if (events.entries.length > EVENTS_KEPT) events.entries.shift();
    for (const wake of [...events.waiters]) wake();
  });

  async function waitForEvents(after: number, req: IncomingMessage): Promise<{ events: { id: number; event: SyncEvent }[]; last: number }> {
    // A client that starts (after < 0) or fell behind the kept window gets the current status first.
    if (after < 0 || (events.entries.length > 0 && after < events.entries[0].id - 1) || after > events.last) {
      const status = await service!.status();
      return { events: [{ id: events.last, event: { type: 'status', status } }], last: events.last };
    }
    if (events.last === after) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          events.waiters.delete(done);
          req.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, EVENTS_WAIT_MS);
        events.waiters.add(done);
        req.once('close', done);
      });
    }
    return { events: events.entries.filter((e) => e.id > after), last: events.last };
  }

  const handler = (async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith(API_PREFIX)) return false;
    const why = refusal(req, key);
    if (why) {
      // Drain nothing, answer the same way whatever failed.
      log(`[sync-http] refused ${req.method} ${url.pathname}: ${why}`);
      fail(res, 'forbidden');
      req.resume();
      return true;
    }
    try {
      if (!service) throw new SyncFailure('sync-unavailable');
      const name = url.pathname.slice(API_PREFIX.length);
      if (name === 'events') {
        const body = JSON.parse((await readBody(req, 1024)).toString('utf8') || '{}') as { after?: unknown };
        const after = typeof body.after === 'number' && Number.isSafeInteger(body.after) ? body.after : -1;
        send(res, 200, { ok: true, result: await waitForEvents(after, req) });
        return true;
      }
      if (name === 'filePut') {
        if (req.headers['content-type'] !== 'application/octet-stream') throw new SyncFailure('invalid-argument', 'content-type');
        const data = await readBody(req, LIMITS.fileBytes);
        const result = await service.filePut(url.searchParams.get('sha256'), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        send(res, 200, { ok: true, result });
        return true;
      }
      if (!(name in ARITY)) throw new SyncFailure('sync-unavailable');
      const method = name as SyncMethod;
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new SyncFailure('invalid-argument', 'content-type');
      let args: unknown;
      try {
        args = (JSON.parse((await readBody(req, JSON_BODY_BYTES)).toString('utf8')) as { args?: unknown }).args;
      } catch (err) {
        throw err instanceof SyncFailure ? err : new SyncFailure('invalid-argument', 'json');
      }
      if (!Array.isArray(args)) throw new SyncFailure('invalid-argument', 'args');
      expectArity(method, args);
      const result = await callSyncMethod(service, method, args);
      if (result instanceof Uint8Array) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(result.byteLength), 'Cache-Control': 'no-store' });
        res.end(result);
        return true;
      }
      send(res, 200, { ok: true, result: result === undefined ? null : result });
    } catch (err) {
      const failure = toSyncFailure(err);
      if (!(err instanceof SyncFailure)) log(`[sync-http] ${String((err as Error)?.stack ?? err)}`);
      if (!res.headersSent) fail(res, failure.code);
      else res.destroy();
    }
    return true;
  }) as SyncHttpHandler;
  handler.close = () => {
    unsubscribe?.();
    for (const wake of [...events.waiters]) wake();
  };
  return handler;
}
