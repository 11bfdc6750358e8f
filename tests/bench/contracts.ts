import type { BenchSection } from './sections';
import { timePageLoad } from './page-load';

const PROJECTS = 5000;
const CONTRACTS = 20_000;
const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en')}`;

export const contractsBench: BenchSection = {
  id: 'contracts',
  title: `Portfolio arrears at ${CONTRACTS.toLocaleString('en')} contracts and 500,000 obligations + payments`,
  async run({ page, url, log }) {
    await page.evaluate((p) => window.bench.seedContractPortfolio(p), PROJECTS);
    // In ranges: one page.evaluate per 5,000 contracts keeps each call well inside the time limit.
    let storeMs = 0;
    let ledgerBytes = 0;
    for (let from = 0; from < CONTRACTS; from += 5000) {
      const r = await page.evaluate(([a, b]) => window.bench.seedContracts(a, b), [from, Math.min(CONTRACTS, from + 5000)] as const);
      storeMs += r.storeMs;
      ledgerBytes += r.ledgerBytes;
    }
    const end = await page.evaluate(() => window.bench.seedContractsEnd());
    log(
      'store contracts, obligations and payments (raw rows)',
      `${storeMs} ms (${end.stored.contracts} contracts, ${end.stored.obligations} obligations, ${end.stored.payments} payments)`,
    );
    log(`write the ledger pages (${end.pages} rows)`, `${end.pagesMs} ms`);
    log('packed ledger data', `${(ledgerBytes / 1024 / 1024).toFixed(1)} MB (${Math.round(ledgerBytes / CONTRACTS)} bytes per contract)`);

    for (const label of ['cold', 'warm']) {
      const r = await page.evaluate(() => window.bench.arrears('2026-11-24'));
      log(`[${label}] ledger read (32 pages, ${r.ledgers} ledgers) + decode`, `${r.readMs} ms + ${r.decodeMs} ms`);
      log(`[${label}] roll-up compute (${r.obligations} obligations)`, `${r.computeMs} ms`);
      log(`[${label}] roll-up for another as-of date (ledgers in memory)`, `${r.recomputeMs} ms`);
      log(`[${label}] arrearsReport end to end (rate tables + read + compute; ${r.refreshed} stale)`, `${r.totalMs} ms`);
      if (label === 'cold') log('overdue / late interest as of 2026-11-24', `${yuan(r.overdue)} in ${r.overdueCount} obligations / ${yuan(r.interest)}; ${r.departments} departments`);
    }

    // First render of the arrears view: navigation → the aging table and the chart are drawn.
    for (const label of ['cold', 'warm']) {
      const ms = await timePageLoad(page, `${url}index.html#/contracts/arrears?asOf=2026-11-24`, async () => {
        await page.getByTestId('aging-table').waitFor();
        await page.getByTestId('aging-chart').waitFor();
      });
      log(`arrears view first render, ${label} (navigation → aging table)`, `${ms} ms`);
    }
    const t0 = Date.now();
    const before = await page.getByTestId('arrears-total-overdue').innerText();
    await page.getByTestId('asof-input').fill('2024-12-31');
    await page.waitForFunction((b) => document.querySelector('[data-testid="arrears-total-overdue"]')?.textContent !== b, before);
    log('change the as-of date (recompute + re-render)', `${Date.now() - t0} ms`);
  },
};
