import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, mimeTypeFor, resolveAppPath } from '../../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security';
import { FakeFs } from './fakes';

const ROOT = '/opt/workbench/dist';

describe('resolveAppPath (POSIX root)', () => {
  // Each traversal attempt must be refused outright, not silently normalised back into root.
  const table: [url: string, expected: string | number][] = [
    ['app://workbench/index.html', `${ROOT}/index.html`],
    ['app://workbench/', `${ROOT}/index.html`],
    ['app://workbench', `${ROOT}/index.html`],
    ['app://WORKBENCH/index.html', `${ROOT}/index.html`],
    ['app://workbench/assets/index-abc123.js', `${ROOT}/assets/index-abc123.js`],
    ['app://workbench/assets/', `${ROOT}/assets/index.html`],
    ['app://workbench/index.html?x=1#/projects', `${ROOT}/index.html`],
    ['app://workbench/assets/%E5%9B%BE%E6%A0%87.svg', `${ROOT}/assets/图标.svg`],
    ['app://workbench//assets//a.js', `${ROOT}/assets/a.js`],
    // A double-encoded dot-dot decodes once to the literal name "%2e%2e": harmless, stays inside root.
    ['app://workbench/%252e%252e/secret', `${ROOT}/%2e%2e/secret`],
    ['app://workbench/../etc/passwd', 403],
    ['app://workbench/assets/../../etc/passwd', 403],
    ['app://workbench/./index.html', 403],
    ['app://workbench/%2e%2e/etc/passwd', 403],
    ['app://workbench/%2E%2E/etc/passwd', 403],
    ['app://workbench/.%2e/etc/passwd', 403],
    ['app://workbench/assets%2f..%2f..%2fetc/passwd', 403],
    ['app://workbench/..%5c..%5cwindows', 403],
    ['app://workbench/..\\..\\windows', 403],
    ['app://workbench/index.html%00.png', 403],
    ['app://workbench/a%0Ab', 403],
    ['app://workbench/C:/Windows/win.ini', 403],
    ['app://workbench/%2Fetc%2Fpasswd', 403],
    ['app://workbench/%E0%A4%A', 400],
    ['app://evil/index.html', 404],
    ['file:///etc/passwd', 404],
    ['https://workbench/index.html', 404],
  ];

  it.each(table)('%s → %s', (url, expected) => {
    const decision = resolveAppPath(url, ROOT, path.posix);
    if (typeof expected === 'string') expect(decision).toEqual({ ok: true, filePath: expected });
    else expect(decision).toMatchObject({ ok: false, status: expected });
  });

  it('refuses the root itself rather than reading a directory', () => {
    // '/' maps to index.html, so the only way to name root would be a dot segment, which is refused.
    expect(resolveAppPath('app://workbench/.', ROOT, path.posix)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('resolveAppPath (Windows root)', () => {
  const WIN_ROOT = 'C:\\Program Files\\Workbench\\resources\\app.asar\\dist';
  const table: [url: string, expected: string | number][] = [
    ['app://workbench/index.html', `${WIN_ROOT}\\index.html`],
    ['app://workbench/assets/app.css', `${WIN_ROOT}\\assets\\app.css`],
    ['app://workbench/..%5C..%5Cwin.ini', 403],
    ['app://workbench/D:%5Csecret.txt', 403],
    ['app://workbench/%5C%5Cserver%5Cshare', 403],
    ['app://workbench/file.txt:stream', 403],
  ];
  it.each(table)('%s → %s', (url, expected) => {
    const decision = resolveAppPath(url, WIN_ROOT, path.win32);
    if (typeof expected === 'string') expect(decision).toEqual({ ok: true, filePath: expected });
    else expect(decision).toMatchObject({ ok: false, status: expected });
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-1.js', 'text/javascript; charset=utf-8'],
    ['chunk.MJS', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['photo.JPG', 'image/jpeg'],
    ['font.woff2', 'font/woff2'],
    ['NotoSansSC.otf', 'font/otf'],
    ['module.wasm', 'application/wasm'],
    ['favicon.ico', 'image/x-icon'],
    ['README', 'application/octet-stream'],
    ['archive.bin', 'application/octet-stream'],
  ])('%s → %s', (file, mime) => {
    expect(mimeTypeFor(file, path.posix)).toBe(mime);
  });
});

describe('createAppProtocolHandler', () => {
  const fs = new FakeFs().put(`${ROOT}/index.html`, '<!doctype html><title>工作台</title>').put(`${ROOT}/assets/app.js`, 'export {}');
  fs.dirs.add(`${ROOT}/assets/sub`);
  const handler = createAppProtocolHandler({ root: ROOT, files: fs, path: path.posix });

  it('serves a file with its MIME type, the CSP and nosniff', async () => {
    const res = await handler(new Request('app://workbench/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('工作台');
  });

  it('serves module scripts as JavaScript', async () => {
    const res = await handler(new Request('app://workbench/assets/app.js'));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-length')).toBe('9');
  });

  it('answers HEAD without a body', async () => {
    const res = await handler(new Request('app://workbench/index.html', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it.each([
    ['app://workbench/missing.js', 404],
    ['app://workbench/assets/sub', 404],
    ['app://workbench/index.html%00', 403],
    ['app://other/index.html', 404],
  ])('%s → %i, still with the CSP', async (url, status) => {
    const res = await handler(new Request(url));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('keeps a Request whose URL parser already folded the dot segments inside root', async () => {
    // new Request() (like Chromium) rewrites app://workbench/%2e%2e/%2e%2e/etc/passwd to /etc/passwd
    // before the handler sees it; the lexical guard then confines it to root, where it does not exist.
    fs.reads.length = 0;
    const res = await handler(new Request('app://workbench/%2e%2e/%2e%2e/etc/passwd'));
    expect(res.status).toBe(404);
    expect(fs.reads).toEqual([`${ROOT}/etc/passwd`]);
  });

  it('refuses writes', async () => {
    const res = await handler(new Request('app://workbench/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });

  it('reports other read failures as 500 without details', async () => {
    const broken = createAppProtocolHandler({
      root: ROOT,
      path: path.posix,
      files: { readFile: async () => Promise.reject(Object.assign(new Error('EIO /secret/path'), { code: 'EIO' })) },
    });
    const res = await broken(new Request('app://workbench/index.html'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('/secret/path');
  });
});
