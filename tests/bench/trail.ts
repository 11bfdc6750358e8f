import type { BenchSection } from './sections';

/** Entries of the log verified in memory (TRAIL_LOG_ENTRIES), and of the log the whole check reads from IndexedDB (TRAIL_DB_ENTRIES). */
const LOG_ENTRIES = Number(process.env.TRAIL_LOG_ENTRIES ?? 1_000_000);
const DB_ENTRIES = Number(process.env.TRAIL_DB_ENTRIES ?? 100_000);
const RECORDS = 50_000;
const ANSWERS = 60;

const n = (x: number) => x.toLocaleString('en');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const trailBench: BenchSection = {
  id: 'trail',
  title: `Audit trail: signing and verifying an audit (${ANSWERS} answers); verifying a ${n(LOG_ENTRIES)}-entry log; the whole trail check of a ${n(DB_ENTRIES)}-entry log in IndexedDB`,
  async run({ page, log }) {
    const a = await page.evaluate(([k, runs]) => window.bench.auditSigning(k, runs), [ANSWERS, 200] as const);
    log('sign an audit: seal (SHA-256) + Ed25519 desk signature', `${a.signMs.toFixed(2)} ms (mean of 200)`);
    log('verify an audit: seal + Ed25519 desk signature', `${a.verifyMs.toFixed(2)} ms`);
    log(`  raw baseline: Web Crypto SHA-256 of the same ${(a.bytes / 1024).toFixed(1)} KB`, `${a.rawMs.toFixed(3)} ms`);

    // The log's verification by the trail check's rules, the log made and handed over page by page
    // in memory: a million entries in minutes, where seeding them into IndexedDB first takes far longer.
    const m = await page.evaluate(([k, r]) => window.bench.verifyLogInMemory(k, r), [LOG_ENTRIES, RECORDS] as const);
    log(`chain ${n(m.entries)} entries over ${n(m.records)} records (setup)`, s(m.makeMs));
    log('verify them: hashes, links, checkpoints, record heads', `${s(m.verifyMs)}, ${m.problems} problems`);
    log(`  raw baseline: SHA-256 of the same ${(m.bytes / 1024 / 1024).toFixed(0)} MB, one call per entry`, s(m.hashMs));
    log('  verify ÷ hash', `${(m.verifyMs / m.hashMs).toFixed(2)}×`);

    const seed = await page.evaluate(([k, r]) => window.bench.seedLog(k, r), [DB_ENTRIES, RECORDS] as const);
    log(`seed ${n(seed.entries)} entries + ${n(seed.records)} records into IndexedDB (setup)`, `${s(seed.ms)} (chain ${s(seed.chainMs)}, raw write ${s(seed.writeMs)})`);
    const v = await page.evaluate(() => window.bench.verifyLog());
    log('trail check from IndexedDB (Settings → 审计追踪校验)', `${s(v.verifyMs)}, ${v.problems} problems`);
    log('  raw baseline: IndexedDB read of the same rows, same pages', `${s(v.readMs)} (${n(v.rows)} entries and records)`);
    log(`  raw baseline: SHA-256 of the same ${(v.bytes / 1024 / 1024).toFixed(0)} MB, one call per entry`, s(v.hashMs));
    log('  trail check ÷ (read + hash)', `${(v.verifyMs / (v.readMs + v.hashMs)).toFixed(2)}×`);
  },
};
