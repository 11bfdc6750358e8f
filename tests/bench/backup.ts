import type { BenchSection } from './sections';

const PROJECTS = 5000;
const PHOTOS = 200;
const PHOTO_BYTES = 250_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const LARGE_BYTES = 1.1 * 1024 ** 3;
const LARGE_PHOTO = 2 * 1024 * 1024;
const rate = (bytes: number, ms: number) => `${((bytes / 1024 / 1024) / (ms / 1000)).toFixed(0)} MB/s`;

export const backupBench: BenchSection = {
  id: 'backup',
  title: `Whole-database backup and restore (${PROJECTS.toLocaleString('en')} projects, demo data, ${PHOTOS} photos; then more than 1 GiB of photos)`,
  async run({ page, log }) {
    await page.evaluate((n) => window.bench.seedProjects(n), PROJECTS);
    await page.evaluate(() => window.bench.loadDemo());
    await page.evaluate(([count, bytes]) => window.bench.seedFiles(count, bytes), [PHOTOS, PHOTO_BYTES] as const);
    // Seeded rows have no change log; a restore refuses records without history (the trail check).
    await page.evaluate(() => window.bench.giveHistory());
    const counts = await page.evaluate(() => window.bench.tableCounts());
    const rows = Object.values(counts).reduce((s, n) => s + n, 0);
    log('rows in the database (every table)', `${rows.toLocaleString('en')}`);
    log('tables holding rows', Object.entries(counts).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(', '));
    for (const passphrase of [undefined, 'bench passphrase 2026']) {
      const label = passphrase ? 'encrypted' : 'plain';
      const b = await page.evaluate((p) => window.bench.backup(p), passphrase);
      log(`backup, ${label} (snapshot → file bytes)`, `${b.ms} ms (snapshot ${b.readMs}) → ${mb(b.bytes)}, ${b.frames} frames`);
      const r = await page.evaluate((p) => window.bench.restore(p), passphrase);
      log(`restore, ${label} (verify → stage → check → swap)`, `${r.ms} ms (verify ${r.verifyMs}, stage ${r.stageMs}, check ${r.checkMs}, swap ${r.swapMs})`);
    }
    const after = await page.evaluate(() => window.bench.tableCounts());
    log('row counts after the restores match', JSON.stringify(after) === JSON.stringify(counts) ? 'yes' : `NO: ${JSON.stringify(after)}`);

    // More than a gigabyte: photos added until the database passes 1.1 GiB.
    const seeded = await page.evaluate(([total, each]) => window.bench.seedLargeFiles(total, each), [LARGE_BYTES, LARGE_PHOTO] as const);
    log('large: photos added (2 MiB each)', `${seeded.files.toLocaleString('en')} → ${mb(seeded.bytes)} in ${seeded.ms} ms`);
    await page.evaluate(() => window.bench.giveHistory());
    const raw = await page.evaluate(() => window.bench.rawBaseline());
    log('large: raw IndexedDB baseline, read all rows + Blob bytes', `${raw.readMs} ms (${raw.rows.toLocaleString('en')} rows, ${mb(raw.bytes)}, ${rate(raw.bytes, raw.readMs)})`);
    log('large: raw IndexedDB baseline, write the files rows', `${raw.writeMs} ms (${rate(raw.bytes, raw.writeMs)})`);
    const b = await page.evaluate(() => window.bench.largeBackup());
    log('large: backup (snapshot → file)', `${b.backupMs} ms → ${mb(b.bytes)}, ${b.frames.toLocaleString('en')} frames (${rate(b.bytes, b.backupMs)})`);
    log('large: chunked save (desktop path, in-page sink)', `${b.saveMs} ms, ${b.chunks} chunks of ≤ ${mb(b.largest)} (chunk size ${mb(b.chunkBytes)}), ${mb(b.received)} received`);
    const r = await page.evaluate(() => window.bench.largeRestore());
    log('large: verified restore (verify → stage → check → swap)', `${r.verifyMs + r.restoreMs} ms (read file ${r.readMs}, verify ${r.verifyMs}, restore ${r.restoreMs}; ${rate(b.bytes, r.verifyMs + r.restoreMs)}), ${r.rows.toLocaleString('en')} rows`);
  },
};
