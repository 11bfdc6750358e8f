// The arrows docs/ARCHITECTURE.md draws between the renderer's layers, checked on every build: a
// wrong arrow fails here rather than being noticed in review. Imports are read from the source text
// (static, re-exports and dynamic import()), resolved to files, and compared with the table below.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SRC = 'renderer/src';

interface Edge {
  from: string;
  /** A repository-relative file for a relative import, else the package name ('dexie', 'zod/v4' → 'zod'). */
  to: string;
  /** `import type` / `export type`: erased at build. */
  typeOnly: boolean;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|svelte)$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });

// A static import or re-export starts a line (so prose in a comment is not read as one); a dynamic
// import() may appear anywhere.
const IMPORT = /^[ \t]*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"\n]+)['"]|\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/gm;

function resolveSpec(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? spec : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  const base = resolve(dirname(join(ROOT, from)), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.svelte`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  throw new Error(`${from}: cannot resolve ${spec}`);
}

function edgesOf(file: string): Edge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => ({ from: file, to: resolveSpec(file, m[2] ?? m[3]), typeOnly: Boolean(m[1]) }));
}

const roots = ['renderer/src', 'electron', 'sync'].filter((d) => existsSync(join(ROOT, d)));
const files = roots.flatMap((d) => sourceFiles(join(ROOT, d))).map((f) => relative(ROOT, f));
const edges = files.flatMap(edgesOf);
const rendererEdges = edges.filter((e) => e.from.startsWith(`${SRC}/`));

/** The layer of a renderer file: its first folder under renderer/src ('main' for main.ts). */
const layerOf = (file: string): string => (file.startsWith(`${SRC}/`) ? file.slice(SRC.length + 1).split('/')[0].replace(/\.ts$/, '') : '');
const featureOf = (file: string): string => file.slice(`${SRC}/features/`.length).split('/')[0];
const isPackage = (to: string) => !to.includes('/') || to.startsWith('@') || to.startsWith('node:');

/** The layers each layer may import (itself always). ARCHITECTURE.md draws the same table. */
const ALLOWED: Record<string, string[]> = {
  main: ['app', 'features', 'data', 'domain', 'ui', 'i18n', 'platform'],
  app: ['features', 'data', 'domain', 'ui', 'i18n', 'platform'],
  features: ['app', 'data', 'domain', 'ui', 'i18n', 'platform'],
  data: ['domain', 'i18n'],
  ui: ['domain', 'i18n'],
  i18n: ['domain'],
  platform: [],
  domain: [],
};
/**
 * Libraries domain/ declares, pure like it: zod (a schema is a rule). The trail's SHA-256 is
 * domain/'s own (core/sha256-text.ts). Dexie, Svelte, chart.js, Electron stay out.
 */
const DOMAIN_LIBRARIES = ['zod'];
/** What the shell offers features: navigation, the session, the props every section receives. */
const APP_SERVICES = ['router.svelte.ts', 'session.svelte.ts', 'section-props.ts'].map((f) => `${SRC}/app/${f}`);
/**
 * What the renderer may know of the Node side: types only, the rest goes through window.desktop or
 * HTTP. The office-sync client in data/ speaks sync/'s API, so it may name its types too.
 */
const API_TYPES = ['electron/api.ts', 'sync/api.ts'];
/**
 * sync/api.ts is a contract of types shared by the office server, Electron and the renderer: the
 * sync client (data/) and the rules about sync states (domain/) may name its types, never run it.
 */
const SYNC_CONTRACT = 'sync/api.ts';
/** A feature's public surface: its index.ts. Anything outside the feature imports only that. */
const featureEntry = (feature: string) => `${SRC}/features/${feature}/index.ts`;

const show = (e: Edge) => `${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}`;

describe('renderer layers', () => {
  it('every renderer file belongs to a known layer', () => {
    const unknown = files.filter((f) => f.startsWith(`${SRC}/`)).filter((f) => !(layerOf(f) in ALLOWED));
    expect(unknown).toEqual([]);
  });

  it('arrows point only where the layer table allows', () => {
    const wrong = rendererEdges
      .filter((e) => e.to.startsWith(`${SRC}/`))
      .filter((e) => {
        const from = layerOf(e.from);
        const to = layerOf(e.to);
        return from !== to && !ALLOWED[from].includes(to);
      })
      .map(show);
    expect(wrong).toEqual([]);
  });

  it('data/ reaches i18n/ for types only (translations arrive as a function)', () => {
    const runtime = rendererEdges.filter((e) => layerOf(e.from) === 'data' && layerOf(e.to) === 'i18n' && !e.typeOnly).map(show);
    expect(runtime).toEqual([]);
  });

  it('features use only the shell’s services, never the shell itself', () => {
    const wrong = rendererEdges.filter((e) => layerOf(e.from) === 'features' && layerOf(e.to) === 'app' && !APP_SERVICES.includes(e.to)).map(show);
    expect(wrong).toEqual([]);
  });

  it('outside renderer/src, the renderer reaches only the API types of electron/ and sync/ (from platform/, and sync/’s from data/ and domain/), and the version', () => {
    const outside = rendererEdges.filter((e) => !isPackage(e.to) && !e.to.startsWith(`${SRC}/`));
    const allowed = (e: Edge) => {
      const from = layerOf(e.from);
      if (e.to === 'package.json') return from === 'platform';
      return e.typeOnly && (from === 'platform' ? API_TYPES.includes(e.to) : (from === 'data' || from === 'domain') && e.to === SYNC_CONTRACT);
    };
    expect(outside.filter((e) => !allowed(e)).map(show)).toEqual([]);
  });
});

describe('Dexie stays inside data/', () => {
  const outside = rendererEdges.filter((e) => layerOf(e.from) !== 'data');

  it('nothing outside data/ imports dexie', () => {
    expect(outside.filter((e) => e.to === 'dexie').map(show)).toEqual([]);
  });

  it('nothing outside data/ imports the schema module at run time', () => {
    expect(outside.filter((e) => e.to === `${SRC}/data/db.ts` && !e.typeOnly).map(show)).toEqual([]);
  });

  it('nothing outside data/ names a table on a database handle', () => {
    const schema = readFileSync(join(ROOT, SRC, 'data/db.ts'), 'utf8');
    const tables = [...schema.matchAll(/^\s+(\w+)!?:\s*(?:EntityTable|Table)</gm)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(10);
    const touch = new RegExp(`(?:\\b\\w*[dD]b\\b|getDb\\(\\))\\s*\\.\\s*(?:${tables.join('|')}|table|transaction|tables)\\b`);
    const wrong = files
      .filter((f) => f.startsWith(`${SRC}/`) && layerOf(f) !== 'data')
      .filter((f) => touch.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(wrong).toEqual([]);
  });
});

describe('features', () => {
  it('a feature is reached from outside only through its index.ts', () => {
    const wrong = rendererEdges
      .filter((e) => layerOf(e.to) === 'features')
      .filter((e) => !(layerOf(e.from) === 'features' && featureOf(e.from) === featureOf(e.to)))
      .filter((e) => e.to !== featureEntry(featureOf(e.to)))
      .map(show);
    expect(wrong).toEqual([]);
  });

  it('a feature’s index.ts only re-exports its own files', () => {
    const entries = files.filter((f) => /^renderer\/src\/features\/[^/]+\/index\.ts$/.test(f));
    for (const entry of entries) {
      for (const e of edgesOf(entry)) expect(featureOf(e.to), show(e)).toBe(featureOf(entry));
    }
  });
});

describe('read models', () => {
  // A live read that fails must say so, or a failed query looks like an empty list.
  it('a component that reads a live view renders its error state', () => {
    const silent = files
      .filter((f) => f.startsWith(`${SRC}/`) && f.endsWith('.svelte') && layerOf(f) !== 'data')
      .filter((f) => /\blive\(|portfolioArrears\(/.test(readFileSync(join(ROOT, f), 'utf8')))
      .filter((f) => !/<LoadError\b/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(silent).toEqual([]);
  });
});

describe('domain/', () => {
  it('imports only itself and its declared libraries', () => {
    const wrong = rendererEdges
      .filter((e) => layerOf(e.from) === 'domain')
      .filter((e) => (isPackage(e.to) ? !DOMAIN_LIBRARIES.includes(e.to) : layerOf(e.to) !== 'domain' && !(e.to === SYNC_CONTRACT && e.typeOnly)))
      .map(show);
    expect(wrong).toEqual([]);
  });
});

describe('import cycles', () => {
  // Tarjan's strongly connected components over the imports of renderer/, electron/ and sync/,
  // types included (two modules that need each other's types belong together or share a third):
  // a component of more than one file is a circle.
  it('no module imports itself back, directly or through others', () => {
    const next = new Map<string, string[]>();
    for (const e of edges) if (!isPackage(e.to)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    let counter = 0;
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter);
      counter += 1;
      stack.push(v);
      onStack.add(v);
      for (const w of next.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || (next.get(v) ?? []).includes(v)) circles.push(component.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(circles).toEqual([]);
  });
});
