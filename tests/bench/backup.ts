import type { BenchSection } from './sections';

const PROJECTS = 5000;
const PHOTOS = 200;
const PHOTO_BYTES = 250_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const backupBench: BenchSection = {
  id: 'backup',
  title: `Whole-database backup and restore (${PROJECTS.toLocaleString('en')} projects, demo data, ${PHOTOS} photos)`,
  async run({ page, log }) {
    await page.evaluate((n) => window.bench.seedProjects(n), PROJECTS);
    await page.evaluate(() => window.bench.loadDemo());
    await page.evaluate(([count, bytes]) => window.bench.seedFiles(count, bytes), [PHOTOS, PHOTO_BYTES] as const);
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
  },
};
