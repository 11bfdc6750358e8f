// A small static file server for the built renderer (dist/), bound to 127.0.0.1 only.
// Used by `npm run web` and by the end-to-end tests; module scripts do not load from file://.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Resolves a URL path inside root, or null when it would escape it. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, '.' + normalize('/' + decoded));
  const base = resolve(root);
  return full === base || full.startsWith(base + sep) ? full : null;
}

/**
 * `api`: an optional handler (sync/http.ts) offered each request first; it returns true when it
 * answered. Every request must name this server by its own address in Host: a page on another
 * name that resolves here (DNS rebinding) gets nothing, not even the app.
 */
export function startStaticServer({ root = 'dist', port = 0, host = '127.0.0.1', api = null } = {}) {
  const server = createServer(async (req, res) => {
    const own = [`${host}:${req.socket.localPort}`, `localhost:${req.socket.localPort}`];
    if (!own.includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('misdirected request');
      return;
    }
    if (api && (await api(req, res))) return;
    let file = resolveInside(root, req.url ?? '/');
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({ server, url: `http://${host}:${address.port}/` });
    });
  });
}
