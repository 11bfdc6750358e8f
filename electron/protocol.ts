import * as nodePath from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

/** node:path or one of its flavours (path.win32 in tests), so the guard is checked for both separators. */
export type PathFlavour = Pick<typeof nodePath, 'resolve' | 'sep' | 'extname'>;

export type PathDecision =
  | { ok: true; filePath: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const deny = (status: 400 | 403 | 404, reason: string): PathDecision => ({ ok: false, status, reason });

// Control characters (NUL included), backslashes and colons never occur in Vite's output names; in a
// request they can only be an attempt to smuggle a separator, a drive letter or a stream name.
const FORBIDDEN_IN_SEGMENT = /[\u0000-\u001f\u007f\\:]/;

/**
 * Maps an app:// URL to a file under `root`, or says why not. Works on the raw URL text, before any URL
 * parser folds `..` or `%2e%2e` away, so traversal attempts are refused outright rather than silently
 * rewritten; the resolved path is then checked to lie inside root as a second, independent guard.
 */
export function resolveAppPath(rawUrl: string, root: string, path: PathFlavour = nodePath): PathDecision {
  const prefix = `${APP_SCHEME}://`;
  if (!rawUrl.toLowerCase().startsWith(prefix)) return deny(404, 'not the app scheme');
  const rest = rawUrl.slice(prefix.length).split(/[?#]/, 1)[0];
  const slash = rest.indexOf('/');
  const host = slash === -1 ? rest : rest.slice(0, slash);
  if (host.toLowerCase() !== APP_HOST) return deny(404, 'unknown host');

  const rawPath = slash === -1 ? '/' : rest.slice(slash);
  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return deny(400, 'malformed percent-encoding');
    }
    if (segment === '.' || segment === '..') return deny(403, 'dot segment');
    if (segment.includes('/') || FORBIDDEN_IN_SEGMENT.test(segment)) return deny(403, 'forbidden character');
    segments.push(segment);
  }

  const relative = segments.filter(Boolean).join('/');
  const wantsIndex = relative === '' || rawPath.endsWith('/');
  const rootDir = path.resolve(root);
  const filePath = path.resolve(rootDir, relative, ...(wantsIndex ? ['index.html'] : []));
  if (!filePath.startsWith(rootDir + path.sep)) return deny(403, 'outside root');
  return { ok: true, filePath };
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** Unknown types are served as opaque bytes; with nosniff the browser will not guess a script out of them. */
export function mimeTypeFor(filePath: string, path: PathFlavour = nodePath): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export interface StaticFiles {
  readFile(path: string): Promise<Uint8Array>;
}

export interface AppProtocolOptions {
  /** The built renderer, i.e. dist/. */
  root: string;
  files: StaticFiles;
  path?: PathFlavour;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}

/** The protocol.handle('app', …) handler: GET/HEAD of files under root, every response with the CSP. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const path = options.path ?? nodePath;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    const decision = resolveAppPath(request.url, options.root, path);
    if (!decision.ok) return textResponse(decision.status, decision.reason);
    let body: Uint8Array;
    try {
      body = await options.files.readFile(decision.filePath);
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return textResponse(404, 'Not Found');
      return textResponse(500, 'Read Error');
    }
    const headers = responseHeaders(mimeTypeFor(decision.filePath, path));
    headers['Content-Length'] = String(body.byteLength);
    // The copy gives Response an ArrayBuffer-backed view, which its BodyInit type insists on.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
