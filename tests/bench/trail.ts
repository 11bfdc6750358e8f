import type { BenchSection } from './sections';

const LOG_ENTRIES = Number(process.env.TRAIL_LOG_ENTRIES ?? 1_000_000);
const RECORDS = 50_000;
const ANSWERS = 60;

export const trailBench: BenchSection = {
  id: 'trail',
  title: `Audit trail: signing and verifying an audit (${ANSWERS} answers); verifying a ${LOG_ENTRIES.toLocaleString('en')}-entry log`,
  async run({ page, log }) {
    const a = await page.evaluate(([n, runs]) => window.bench.auditSigning(n, runs), [ANSWERS, 200] as const);
    log('sign an audit: seal (SHA-256) + Ed25519 desk signature', `${a.signMs.toFixed(2)} ms (mean of 200)`);
    log('verify an audit: seal + Ed25519 desk signature', `${a.verifyMs.toFixed(2)} ms`);
    log(`  raw baseline: Web Crypto SHA-256 of the same ${(a.bytes / 1024).toFixed(1)} KB`, `${a.rawMs.toFixed(3)} ms`);

    const s = await page.evaluate(([n, r]) => window.bench.seedLog(n, r), [LOG_ENTRIES, RECORDS] as const);
    log(`seed a chained log (hash + raw IndexedDB write, ${RECORDS.toLocaleString('en')} records)`, `${(s.ms / 1000).toFixed(1)} s → ${s.entries.toLocaleString('en')} entries`);
    const v = await page.evaluate(() => window.bench.verifyLog());
    log('trail check (chain, checkpoint signatures, record heads)', `${(v.verifyMs / 1000).toFixed(1)} s, ${v.problems} problems`);
    log('  raw baseline: IndexedDB read of the same rows, same pages', `${(v.readMs / 1000).toFixed(1)} s (${v.rows.toLocaleString('en')} rows)`);
    log(`  raw baseline: SHA-256 of the same ${(v.bytes / 1024 / 1024).toFixed(0)} MB, one call per entry`, `${(v.hashMs / 1000).toFixed(1)} s`);
    log('  trail check ÷ (read + hash)', `${(v.verifyMs / (v.readMs + v.hashMs)).toFixed(2)}×`);
  },
};
