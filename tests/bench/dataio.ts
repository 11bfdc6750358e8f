import type { BenchSection } from './sections';

const N = 5000;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export const dataioBench: BenchSection = {
  id: 'dataio',
  title: `Portfolio exports and spreadsheet import at ${N.toLocaleString('en')} projects`,
  async run({ page, log }) {
    await page.evaluate((n) => window.bench.seedProjects(n), N);
    const reg = await page.evaluate(() => window.bench.exportRegister());
    log('project register: read and label rows', `${reg.readMs} ms (${reg.rows} rows)`);
    log('project register → XLSX', `${reg.xlsxMs} ms → ${kb(reg.xlsxBytes)}`);
    log('project register → CSV (UTF-8 with BOM)', `${reg.csvMs} ms → ${kb(reg.csvBytes)}`);
    const pipe = await page.evaluate(() => window.bench.exportPipeline());
    log('pipeline by phase → XLSX (index reads per phase)', `${pipe.ms} ms → ${kb(pipe.bytes)}`);
    const oc = await page.evaluate(() => window.bench.exportOc4ids());
    log('whole portfolio → OC4IDS package JSON', `${oc.ms} ms → ${kb(oc.bytes)}`);
    const imp = await page.evaluate(() => window.bench.importProjects(2000));
    log('spreadsheet import of 2,000 projects (check + one transaction)', `${imp.ms} ms (${imp.created} created, ${imp.errors} errors)`);
  },
};
