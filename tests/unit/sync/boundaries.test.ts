// The sync module is shared by Electron's main process and the web build's local server: it never
// imports electron or the renderer; the renderer and the preload reach it for types only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') || p.endsWith('.svelte') ? [p] : [];
  });
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ type: !!m[1], from: m[2] }));

describe('sync/ module boundaries', () => {
  it.each(files(join(ROOT, 'sync')).map((f) => relative(ROOT, f)))('%s imports neither electron nor the renderer', (file) => {
    const bad = imports(join(ROOT, file)).filter((i) => i.from === 'electron' || /(^|\/)(renderer|electron)\//.test(i.from));
    expect(bad).toEqual([]);
  });

  it('the renderer imports sync/ for types only, and only its API', () => {
    const uses = files(join(ROOT, 'renderer/src')).flatMap((f) => imports(f).filter((i) => /\/sync\//.test(i.from)).map((i) => ({ file: relative(ROOT, f), ...i })));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) {
      expect(u.type, `${u.file} imports ${u.from}`).toBe(true);
      expect(u.from.endsWith('/sync/api'), `${u.file} imports ${u.from}`).toBe(true);
    }
  });

  it('the preload (sandboxed) reaches sync/ for types only', () => {
    for (const f of ['electron/preload.ts', 'electron/bridge.ts']) {
      const runtime = imports(join(ROOT, f)).filter((i) => !i.type && /sync\//.test(i.from));
      expect(runtime, f).toEqual([]);
    }
  });
});
