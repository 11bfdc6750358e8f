// Benchmark entry (built only with `vite build --mode bench`): exposes timed operations on the
// real IndexedDB of this origin to tests/bench/run.ts, which drives it from Chromium.
import { openDb } from '../src/data/db';
import { generatePortfolio, storeSynthetic } from '../src/data/demo/synthetic';
import { queryProjects } from '../src/data/projects';
import type { Writer } from '../src/data/repo';
import { dataioBench } from './dataio-bench';

const db = openDb();
const w: Writer = { db, by: 'bench' };

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: Math.round(performance.now() - t0), result };
}

export const bench = {
  ...dataioBench(db, w),
  async reset(): Promise<void> {
    await db.delete();
    await db.open();
  },
  async seedProjects(count: number, seed = 42) {
    const gen = await timed(async () => generatePortfolio(seed, count));
    const store = await timed(() => storeSynthetic(w, gen.result));
    return { generateMs: gen.ms, storeMs: store.ms, projects: await db.projects.count() };
  },
  async queryProjects(q: Parameters<typeof queryProjects>[1]) {
    const r = await timed(() => queryProjects(db, q));
    return { ms: r.ms, rows: r.result.length };
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.getElementById('status')!.textContent = 'ready';
