import type { BenchSection } from './sections';

const PROJECTS = 5000;
const CONTRACTS = 20_000;
const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en')}`;

export const contractsBench: BenchSection = {
  id: 'contracts',
  title: `Portfolio arrears at ${CONTRACTS.toLocaleString('en')} contracts and 500,000 obligations + payments`,
  async run({ page, url, log }) {
    const seeded = await page.evaluate(([p, c]) => window.bench.seedContracts(p, c), [PROJECTS, CONTRACTS] as const);
    log(
      'store contracts, obligations, payments and ledgers',
      `${seeded.storeMs} ms (${seeded.stored.contracts} contracts, ${seeded.stored.obligations} obligations, ${seeded.stored.payments} payments)`,
    );
    log('packed ledger data', `${(seeded.ledgerBytes / 1024 / 1024).toFixed(1)} MB (${Math.round(seeded.ledgerBytes / CONTRACTS)} bytes per contract)`);

    for (const label of ['cold', 'warm']) {
      const r = await page.evaluate(() => window.bench.arrears('2026-11-24'));
      log(`[${label}] ledger read (${r.ledgers} rows) + decode`, `${r.readMs} ms + ${r.decodeMs} ms`);
      log(`[${label}] roll-up compute (${r.obligations} obligations)`, `${r.computeMs} ms`);
      log(`[${label}] roll-up for another as-of date (ledgers in memory)`, `${r.recomputeMs} ms`);
      log(`[${label}] arrearsReport end to end (rate tables + read + compute; ${r.refreshed} stale)`, `${r.totalMs} ms`);
      if (label === 'cold') log('overdue / late interest as of 2026-11-24', `${yuan(r.overdue)} in ${r.overdueCount} obligations / ${yuan(r.interest)}; ${r.departments} departments`);
    }

    // First render of the arrears view: navigation → the aging table and the chart are drawn.
    for (const label of ['cold', 'warm']) {
      await page.goto(`${url}index.html#/contracts/arrears?asOf=2026-11-24`);
      await page.getByTestId('aging-table').waitFor();
      await page.getByTestId('aging-chart').waitFor();
      const ms = await page.evaluate(() => Math.round(performance.now()));
      log(`arrears view first render, ${label} (navigation → aging table)`, `${ms} ms`);
    }
    const t0 = Date.now();
    const before = await page.getByTestId('arrears-total-overdue').innerText();
    await page.getByTestId('asof-input').fill('2024-12-31');
    await page.waitForFunction((b) => document.querySelector('[data-testid="arrears-total-overdue"]')?.textContent !== b, before);
    log('change the as-of date (recompute + re-render)', `${Date.now() - t0} ms`);
  },
};
