// Benchmark entry (built only with `vite build --mode bench`): exposes timed operations on the
// real IndexedDB of this origin to tests/bench/run.ts, which drives it from Chromium.
import { openDb } from '../../../renderer/src/data/db';
import { generatePortfolio, storeSynthetic } from '../../../renderer/src/data/demo/synthetic';
import { queryProjects } from '../../../renderer/src/data/projects';
import { compactRegisterPages, RegisterIndex } from '../../../renderer/src/data/register-index';
import type { ProjectQuery } from '../../../renderer/src/domain/projects/register';
import { exchangeBench } from './exchange-bench';
import { dataioBench } from './dataio-bench';
import { contractsBench } from './contracts-bench';
import { portfolioBench } from './portfolio-bench';
import { trailBench } from './trail-bench';
import { backupBench } from './backup-bench';
import { syncBench } from './sync-bench';
import { outlookBench } from './outlook-bench';
import { buildRecord, type Writer } from '../../../renderer/src/data/repo';
import type { StoredFile } from '../../../renderer/src/data/db';
import { loadDemo } from '../../../renderer/src/data/demo';
import { createBackup, type BackupStage } from '../../../renderer/src/data/interchange/backup/create';
import { restoreBackup, verifyBackup } from '../../../renderer/src/data/interchange/backup/restore';
import { tableCounts } from '../../../renderer/src/data/interchange/backup/tables';
import { giveHistory } from '../../support/history';

const db = openDb();
const w: Writer = { db, by: 'bench' };

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: Math.round(performance.now() - t0), result };
}

/** The last backup file, kept between bench.backup and bench.restore. */
let lastBackup: Uint8Array | null = null;

export const bench = {
  ...exchangeBench(db, w),
  ...dataioBench(db, w),
  ...contractsBench(db, w),
  ...portfolioBench(db, w),
  ...trailBench(db),
  ...backupBench(db, w),
  ...syncBench(db, w),
  ...outlookBench(db, w),
  async reset(): Promise<void> {
    await db.delete();
    await db.open();
  },
  async seedProjects(count: number, seed = 42) {
    const gen = await timed(async () => generatePortfolio(seed, count));
    const store = await timed(() => storeSynthetic(w, gen.result));
    return { generateMs: gen.ms, storeMs: store.ms, projects: await db.projects.count() };
  },
  /** Folds the stale marks a bulk load leaves into the register pages, as the app does after its first read. */
  async compactRegister() {
    const r = await timed(() => compactRegisterPages(db));
    return { ms: r.ms, marks: r.result, pages: await db.registerPages.count() };
  },
  /**
   * The register index's own answers, without the screen: its start (pages → sorted orders), then
   * each query `rounds` times (median), as the register asks them.
   */
  async registerIndexAnswers(queries: ProjectQuery[], rounds = 5) {
    const t0 = performance.now();
    const ix = new RegisterIndex(db);
    await ix.settled();
    const startMs = Math.round(performance.now() - t0);
    const answers = queries.map((q) => {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        rows = ix.query(q).length;
        times.push(performance.now() - t);
      }
      return { ms: Math.round(times.sort((a, b) => a - b)[Math.floor(rounds / 2)] * 10) / 10, rows };
    });
    ix.close();
    return { startMs, answers };
  },
  async queryProjects(q: Parameters<typeof queryProjects>[1]) {
    const r = await timed(() => queryProjects(db, q));
    return { ms: r.ms, rows: r.result.length };
  },
  async loadDemo() {
    await loadDemo(w);
  },
  /** Stored files with incompressible bytes, as audit photos are. */
  async seedFiles(count: number, bytesEach: number) {
    const rows: StoredFile[] = [];
    for (let i = 0; i < count; i++) {
      const bytes = new Uint8Array(bytesEach);
      for (let at = 0; at < bytesEach; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(at + 65536, bytesEach)));
      const blob = new Blob([bytes], { type: 'image/jpeg' });
      rows.push(buildRecord<StoredFile>(w, { ownerType: 'audits', ownerId: `bench-${i % 50}`, name: `photo-${i}.jpg`, mime: 'image/jpeg', size: blob.size, sha256: 'ab'.repeat(32), blob }));
    }
    await db.files.bulkAdd(rows);
    return { files: await db.files.count() };
  },
  async tableCounts() {
    return tableCounts(db);
  },
  /** A restore checks the audit trail: rows seeded straight into tables get the history an edit would have written. */
  async giveHistory() {
    return timed(() => giveHistory(db, 'bench'));
  },
  /** Times the snapshot (one read transaction) and the writing of frames apart. */
  async backup(passphrase?: string) {
    let writeStarted = 0;
    const onProgress = (p: { stage: BackupStage }) => {
      if (p.stage === 'write' && !writeStarted) writeStarted = performance.now();
    };
    const t0 = performance.now();
    const r = await timed(async () => {
      const created = await createBackup(db, { appVersion: 'bench', createdBy: 'bench', passphrase, onProgress });
      return { bytes: new Uint8Array(await created.blob.arrayBuffer()), frames: created.header.frames };
    });
    lastBackup = r.result.bytes;
    return { ms: r.ms, readMs: Math.round(writeStarted - t0), bytes: r.result.bytes.byteLength, frames: r.result.frames };
  },
  /** Verifies and restores the last backup over the live database; times per stage. */
  async restore(passphrase?: string) {
    if (!lastBackup) throw new Error('no backup yet');
    const file = lastBackup;
    const firstSeen = new Map<BackupStage, number>();
    const onProgress = (p: { stage: BackupStage }) => {
      if (!firstSeen.has(p.stage)) firstSeen.set(p.stage, performance.now());
    };
    const t0 = performance.now();
    const verified = await verifyBackup(file, { currentSchemaVersion: db.verno, passphrase, onProgress });
    const t1 = performance.now();
    await restoreBackup(db, verified, { onProgress });
    const t2 = performance.now();
    const at = (s: BackupStage, fallback: number) => firstSeen.get(s) ?? fallback;
    return {
      ms: Math.round(t2 - t0),
      verifyMs: Math.round(t1 - t0),
      stageMs: Math.round(at('check', t2) - at('stage', t1)),
      checkMs: Math.round(at('swap', t2) - at('check', t2)),
      swapMs: Math.round(t2 - at('swap', t2)),
    };
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.getElementById('status')!.textContent = 'ready';
