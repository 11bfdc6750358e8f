// The fiscal outlook at the benchmark scale (20,000 contracts, 500,000 obligations and about as
// many payments: the contracts bench's synthetic contracts with half-yearly fees; every fourth
// contract operates 8 years past its last scheduled fee), seeded as raw rows in large native
// transactions: the outlook end to end (goal under 1 s), a scenario change (goal under 300 ms),
// printed beside a raw IndexedDB read of the same rows measured in the same run; the screen's first
// render and a scenario typed in it; the XLSX export. Figures only.
import type { Page } from 'playwright-core';
import type { BenchContext, BenchSection } from './sections';
import { timePageLoad } from './page-load';
import { sizeFromEnv } from './env';

const PROJECTS = 5000;
// BENCH_OUTLOOK_CONTRACTS seeds fewer contracts while working (the README's figures are at 20,000);
// BENCH_OUTLOOK_ORDER=contract writes the rows contract by contract instead of each block's rows
// store by store in primary-key order; BENCH_OUTLOOK_BLOCK sets the contracts generated per block (5,000);
// BENCH_OUTLOOK_SEED_ONLY=1 stops after seeding.
const CONTRACTS = sizeFromEnv('BENCH_OUTLOOK_CONTRACTS', 20_000);
const BLOCK = sizeFromEnv('BENCH_OUTLOOK_BLOCK', 5000);
const ORDER = process.env.BENCH_OUTLOOK_ORDER === 'contract' ? 'contract' : 'key';
const SEED_ONLY = process.env.BENCH_OUTLOOK_SEED_ONLY === '1';
const AS_OF = '2026-11-24';
const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en')}`;

/** The fixture written as raw rows (see the README for how long that takes). */
async function seed(page: Page, log: BenchContext['log']): Promise<void> {
  const t0 = Date.now();
  const projects = await page.evaluate((p) => window.bench.seedOutlookPortfolio(p), PROJECTS);
  log(`seed ${projects.projects.toLocaleString('en')} projects and their organisations`, `${projects.ms} ms`);
  for (let from = 0; from < CONTRACTS; from += BLOCK) {
    const to = Math.min(CONTRACTS, from + BLOCK);
    const r = await page.evaluate(([a, b, order]) => window.bench.seedOutlookContracts(a, b, order), [from, to, ORDER] as const);
    log(`seed contracts ${from.toLocaleString('en')}–${to.toLocaleString('en')} (${r.obligations.toLocaleString('en')} obligations, ${r.payments.toLocaleString('en')} payments)`, `${r.ms} ms (generate ${r.generateMs} ms, waiting for commits ${r.waitMs} ms)`);
  }
  const end = await page.evaluate(() => window.bench.seedOutlookEnd(2026, 10, 3_000_000_000_000, 5_000_000_000));
  log(
    'seed total: contracts, obligations, payments, ledger pages, budgets',
    `${Date.now() - t0} ms (${end.stored.contracts} contracts, ${end.stored.obligations} obligations, ${end.stored.payments} payments, ${end.stored.budgets} budget figures; pages ${end.pagesMs} ms)`,
  );
}

export const outlookBench: BenchSection = {
  id: 'outlook',
  title: `Fiscal outlook at ${CONTRACTS.toLocaleString('en')} contracts, ${(CONTRACTS * 25).toLocaleString('en')} obligations and their payments`,
  reusesFixture: true,
  async run({ page, url, log, kept }) {
    const found = kept ? await page.evaluate(() => window.bench.outlookStored()) : null;
    // A kept profile holding the whole fixture (every contract, its ledger pages folded, the budgets)
    // is measured as it is; anything less is cleared and seeded again.
    if (found && found.contracts === CONTRACTS && found.staleLedgers === 0 && found.ledgerPages > 0 && found.budgets > 0)
      log('fixture found in the kept profile (BENCH_PROFILE), not seeded again', `${found.contracts} contracts, ${found.obligations} obligations, ${found.payments} payments, ${found.budgets} budget figures`);
    else {
      if (kept) await page.evaluate(() => window.bench.reset());
      await seed(page, log);
    }
    if (SEED_ONLY) return;

    for (const label of ['cold', 'warm']) {
      const raw = await page.evaluate(() => window.bench.rawRead());
      const o = await page.evaluate((a) => window.bench.outlook(a, 10), AS_OF);
      log(`[${label}] raw IndexedDB read of contracts + obligations + payments (${raw.rows} rows)`, `${raw.ms} ms`);
      log(`[${label}] ledger read (32 pages) + decode (${o.contracts} contracts, ${o.obligations} obligations)`, `${o.readMs} ms + ${o.decodeMs} ms`);
      log(`[${label}] prepare (open amounts, interest to date, ${o.series} fee series) + compute ${o.years} years`, `${o.prepareMs} ms + ${o.computeMs} ms`);
      log(`[${label}] outlookReport end to end (tables, budgets, ledgers, compute, checks)`, `${o.totalMs} ms`);
      log(`[${label}] scenario change: 90 days late, 3% indexation (recompute)`, `${o.scenarioMs} ms`);
      log(`[${label}] lines behind one department-year figure (${o.lines} lines)`, `${o.linesMs} ms`);
      if (label === 'cold') {
        log('owed over 10 years / of which projected / first year', `${yuan(o.owed)} / ${yuan(o.projected)} / ${yuan(o.firstYear)}; ${o.departments} departments, ${o.breaches} red-line breaches`);
        log('owed over 10 years under the scenario', yuan(o.scenarioOwed));
      }
    }

    // The export in the bench page, before the app's screen takes the page over.
    const x = await page.evaluate((a) => window.bench.outlookExport(a), AS_OF);
    log(`outlook XLSX (${x.rows.join(' + ')} rows)`, `build ${x.buildMs} ms + XLSX ${x.xlsxMs} ms → ${Math.round(x.bytes / 1024)} KB`);

    for (const label of ['cold', 'warm']) {
      const ms = await timePageLoad(page, `${url}index.html#/outlook?asOf=${AS_OF}`, async () => {
        await page.getByTestId('outlook-chart').waitFor();
        await page.getByTestId('outlook-table').waitFor();
      });
      log(`outlook screen first render, ${label} (navigation → chart and table)`, `${ms} ms`);
    }
    const before = await page.getByTestId('kpi-total').innerText();
    const s0 = Date.now();
    await page.getByTestId('scenario-late').fill('90');
    await page.getByTestId('scenario-late').dispatchEvent('change');
    await page.waitForFunction((b) => document.querySelector('[data-testid="kpi-total"]')?.textContent !== b, before);
    log('scenario typed on the screen (recompute + re-render)', `${Date.now() - s0} ms`);
  },
};
