import type { BenchSection } from './sections';
import { timePageLoad } from './page-load';
import { median, rawRead, spread, timeStep, type Step } from './in-page';

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

    // The portfolio contract list: filters and each keystroke in its search box are answered from
    // the in-memory contract index; only the (at most 300) contracts shown are read whole.
    for (const label of ['cold', 'warm']) {
      const first = await timePageLoad(page, `${url}index.html#/contracts/list`, () => page.getByTestId('portfolio-contract-row').first().waitFor());
      log(`contract list first render, ${label} (navigation → first row)`, `${first} ms`);
    }
    const raws: number[] = [];
    const times = new Map<string, number[]>(LIST_STEPS.map((s) => [s.label, []]));
    for (let round = 0; round < 3; round++) {
      raws.push(await rawRead(page, 'contracts'));
      for (const s of LIST_STEPS) times.get(s.label)!.push(await timeStep(page, s, ['portfolio-count', 'portfolio-contract-row']));
    }
    const raw = median(raws);
    log(`RAW BASELINE: IndexedDB getAll of all ${CONTRACTS.toLocaleString('en')} contract rows`, spread(raws));
    for (const s of LIST_STEPS) log(`  contract list: ${s.label}`, `${spread(times.get(s.label)!)} = ${(median(times.get(s.label)!) / raw).toFixed(2)}× raw`);
  },
};

// One round leaves the list as it found it (every type, no search).
const LIST_STEPS: Step[] = [
  { label: 'search "SYC-0123" (per keystroke)', kind: 'input', target: 'filter-search', value: 'SYC-0123' },
  { label: 'clear the search', kind: 'input', target: 'filter-search', value: '' },
  { label: 'search "运维服务合同 1999"', kind: 'input', target: 'filter-search', value: '运维服务合同 1999' },
  { label: 'clear the search', kind: 'input', target: 'filter-search', value: '' },
];
