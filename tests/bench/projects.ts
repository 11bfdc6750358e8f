import type { BenchSection } from './sections';
import { timePageLoad } from './page-load';

const N = 5000;

export const projectsBench: BenchSection = {
  id: 'projects',
  title: `Project register at ${N.toLocaleString('en')} projects`,
  async run({ page, url, log }) {
    const seeded = await page.evaluate((n) => window.bench.seedProjects(n), N);
    log('generate 5,000 projects (+240 organisations)', `${seeded.generateMs} ms`);
    log('store in IndexedDB', `${seeded.storeMs} ms (${seeded.projects} rows)`);

    for (const q of [{}, { phase: 'operate' as const }, { search: '城市大脑' }, { category: 'smart-transport' as const, sort: 'budget' as const, desc: true }]) {
      const r = await page.evaluate((query) => window.bench.queryProjects(query), q);
      log(`query ${JSON.stringify(q)}`, `${r.ms} ms → ${r.rows} rows`);
    }

    // First render: navigation to the register until the first virtualised row is painted.
    // Measured in the page from navigation start, twice: cold and warm (browser caches filled).
    for (const label of ['cold', 'warm']) {
      const ms = await timePageLoad(page, `${url}index.html#/projects`, () => page.getByTestId('project-row').first().waitFor());
      log(`register first render, ${label} (navigation → first row)`, `${ms} ms`);
    }
    const rendered = await page.getByTestId('project-row').count();
    log('rows in the DOM (virtualised)', `${rendered} of ${N}`);

    const countText = () => page.getByTestId('register-count').innerText();
    async function timeChange(label: string, act: () => Promise<void>) {
      const before = await countText();
      const t = Date.now();
      await act();
      await page.waitForFunction((b) => document.querySelector('[data-testid="register-count"]')?.textContent !== b, before);
      log(label, `${Date.now() - t} ms → ${await countText()}`);
    }
    await timeChange('filter phase = operate', () => page.getByTestId('filter-phase').selectOption('operate').then(() => undefined));
    await timeChange('filter category = smart-transport', () => page.getByTestId('filter-category').selectOption('smart-transport').then(() => undefined));
    await timeChange('clear filters', () => page.getByText(/清除|Clear/).first().click());
    await timeChange('search "城市大脑" (incl. 150 ms typing debounce)', () => page.getByTestId('register-search').fill('城市大脑'));
    const t1 = Date.now();
    await page.mouse.wheel(0, 40_000);
    await page.waitForTimeout(50);
    log('scroll 40,000 px and settle', `${Date.now() - t1} ms`);
  },
};
