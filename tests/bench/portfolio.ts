// The portfolio screens and exports at the benchmark scale (5,000 projects, 20,000 contracts, 500,000 obligations and
// payments): dashboard load, one project review report to PDF, the portfolio exports as XLSX.
// Figures only. Projects and contracts are seeded by the contracts bench operations (its
// seedContractPortfolio stores the same 5,000 synthetic projects as seedProjects, and keeps them
// for the contracts that follow); finalised reviews are added for the operating projects.
import type { BenchSection } from './sections';
import { timeInAppNavigation, timePageLoad } from './page-load';

const PROJECTS = 5000;
const CONTRACTS = 20_000;
const AS_OF = '2026-11-24';

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);

export const portfolioBench: BenchSection = {
  id: 'portfolio',
  title: `Dashboard, review report PDF and portfolio exports at ${PROJECTS.toLocaleString('en')} projects, ${CONTRACTS.toLocaleString('en')} contracts`,
  async run({ page, url, log }) {
    // ---- seeding (the contracts section's operations, in ranges of 5,000 contracts)
    const t0 = Date.now();
    await page.evaluate((p) => window.bench.seedContractPortfolio(p), PROJECTS);
    for (let from = 0; from < CONTRACTS; from += 5000) {
      await page.evaluate(([a, b]) => window.bench.seedContracts(a, b), [from, Math.min(CONTRACTS, from + 5000)] as const);
    }
    const end = await page.evaluate(() => window.bench.seedContractsEnd());
    const reviews = await page.evaluate((d) => window.bench.seedReviews(d), AS_OF);
    log(
      'seed projects, contracts, obligations, payments, reviews',
      `${Date.now() - t0} ms (${end.stored.contracts} contracts, ${end.stored.obligations} obligations, ${end.stored.payments} payments, ` +
        `${reviews.reviews} finalised reviews of ${reviews.operating} operating projects)`,
    );

    // ---- dashboard: the loader alone (in the bench page), then the screen until its charts are drawn
    for (const label of ['cold', 'warm']) {
      const d = await page.evaluate((a) => window.bench.dashboard(a), AS_OF);
      log(`[${label}] loadDashboardView`, `${d.ms} ms (${Object.entries(d.timings).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    }

    // ---- portfolio exports built and written in the page
    const exports = await page.evaluate((a) => window.bench.portfolioExports(a), AS_OF);
    for (const x of exports) {
      log(
        `export ${x.id} (${x.rows.join(' + ')} rows)`,
        `build ${x.buildMs} ms + XLSX ${x.xlsxMs} ms → ${kb(x.xlsxBytes)}; CSV ${x.csvMs} ms → ${kb(x.csvBytes)}`,
      );
    }
    const report = await page.evaluate(() => window.bench.reportProject());
    for (const label of ['cold', 'warm']) {
      const r = await page.evaluate(([id, a]) => window.bench.reportBuild(id, a), [report.id, AS_OF] as const);
      log(`[${label}] review report model built in the page (${r.sections} sections)`, `${r.ms} ms`);
    }

    for (const label of ['cold', 'warm']) {
      const ms = await timePageLoad(page, `${url}index.html#/dashboard?asOf=${AS_OF}`, async () => {
        for (const id of ['chart-phase', 'chart-type', 'chart-aging', 'chart-department', 'chart-reviews', 'chart-tasks']) await page.getByTestId(id).waitFor();
      });
      log(`dashboard first render, ${label} (navigation → six charts drawn)`, `${ms} ms`);
    }

    // ---- the arrears aging export from the Data screen, click to saved file
    await page.goto(`${url}index.html#/data/exports?asOf=${AS_OF}`);
    await page.getByTestId('export-arrears-aging-xlsx').waitFor();
    let t1 = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-arrears-aging-xlsx').click()]);
    await download.path();
    log('arrears aging XLSX from the Data screen (click → file saved)', `${Date.now() - t1} ms`);

    // ---- one project review report: render, then print to PDF (Electron's printToPDF pipeline)
    const fromRegister = await timeInAppNavigation(page, `#/projects/${report.id}/overview`, () => page.getByTestId('project-title').waitFor());
    log('project workspace, in the app (link → project title)', `${fromRegister} ms`);
    const header = await timePageLoad(page, `${url}index.html#/projects/${report.id}/report`, () => page.getByTestId('project-title').waitFor());
    log('project workspace, page load (navigation → project title)', `${header} ms`);
    await page.getByTestId('report-document').waitFor();
    await page.getByTestId('report-arrears').waitFor();
    if (report.reviews > 0) await page.getByTestId('report-chart-review-trend').waitFor();
    log(
      `review report render (${report.contracts} contracts, ${report.obligations} obligations, ${report.reviews} reviews; navigation → document)`,
      `${await page.evaluate(() => Math.round(performance.now()))} ms`,
    );
    await page.waitForTimeout(300);
    t1 = Date.now();
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    log('review report to PDF (page.pdf)', `${Date.now() - t1} ms → ${kb(pdf.byteLength)}, ${pages} pages`);
  },
};
