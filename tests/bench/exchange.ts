import type { BenchSection } from './sections';

const SEED = { projects: 20, audits: 1000, answersPerAudit: 50, photos: 2000, photoMinBytes: 150 * 1024, photoMaxBytes: 300 * 1024 };
const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

export const exchangeBench: BenchSection = {
  id: 'exchange',
  title: 'Exchange file: 1,000 audits, 50,000 answers, 2,000 photos (150–300 KB)',
  async run({ page, log }) {
    const seeded = await page.evaluate((s) => window.bench.seedExchange(s), SEED);
    log('seed laptop database (generate + hash + store)', `${seeded.ms} ms (${seeded.audits} audits, ${seeded.answers} answers, ${seeded.photos} photos, ${mb(seeded.photoBytes)})`);
    const exp = await page.evaluate(() => window.bench.exportExchange());
    log('export .scwx (read, hash-check, write container)', `${exp.ms} ms`);
    log('exchange file size', `${mb(exp.bytes)} (${exp.blobs} blobs, ${exp.entries} change-log entries)`);
    const imp = await page.evaluate(() => window.bench.importExchange());
    log('import into an empty office database (total)', `${imp.ms} ms (${imp.added} audits added, ${imp.files} files)`);
    log('  of which: validate whole file (schemas, hashes)', `${imp.validateMs} ms`);
    log('  of which: merge in one transaction', `${imp.mergeMs} ms`);
    log('re-import the same file (no-op)', `${imp.againMs} ms (${imp.againSkipped} audits skipped)`);
  },
};
