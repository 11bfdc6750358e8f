// The project register at 5,000 and 50,000 projects. Every register figure is printed beside a raw
// IndexedDB read of all project rows (one getAll on the store, no Dexie) measured in the same page,
// in the same run, so a loaded machine shows in both. Goals (from the register's design): each
// interaction at most 0.5× that raw read at 5,000 projects and under 100 ms at 50,000; the first
// render under 0.5 s at 5,000. Figures only: nothing here passes or fails.
import type { Page } from 'playwright-core';
import type { BenchSection } from './sections';
import type { ProjectQuery } from '../../renderer/src/domain/projects/register';
import { timeFirstPaint } from './page-load';
import { median, ms, rawRead, spread, timeStep, type Step } from './in-page';

// BENCH_PROJECT_SIZES=5000 runs one size (while working); the recorded figures use both.
const SIZES = process.env.BENCH_PROJECT_SIZES ? process.env.BENCH_PROJECT_SIZES.split(',').map(Number) : [5000, 50_000];
const ROUNDS = 3;
/** Warm loads at 5,000 (fewer at 50,000, where each takes seconds). */
const FIRST_RENDERS = (n: number) => (n <= 5000 ? 5 : 2);

// One round leaves the register as it found it (all projects, by code), so rounds repeat exactly.
const STEPS: Step[] = [
  { label: 'filter phase = operate', kind: 'select', target: 'filter-phase', value: 'operate' },
  { label: 'filter category = smart-transport (with the phase)', kind: 'select', target: 'filter-category', value: 'smart-transport' },
  { label: 'clear filters', kind: 'click', target: 'register-clear' },
  { label: 'search "城市大脑" (no debounce: answered per keystroke)', kind: 'input', target: 'register-search', value: '城市大脑' },
  { label: 'clear the search', kind: 'input', target: 'register-search', value: '' },
  { label: 'sort by budget, all rows (descending)', kind: 'click', target: 'sort-budget' },
  { label: 'sort by name, all rows', kind: 'click', target: 'sort-name' },
  { label: 'sort by code, all rows', kind: 'click', target: 'sort-code' },
];

// The same interactions as the register's queries, timed on the index alone (no screen, no driver).
const QUERIES: { label: string; q: ProjectQuery }[] = [
  { label: 'phase = operate', q: { phase: 'operate', sort: 'code' } },
  { label: 'phase + category', q: { phase: 'operate', category: 'smart-transport', sort: 'code' } },
  { label: 'no filter (clear)', q: { sort: 'code' } },
  { label: 'search "城市大脑"', q: { search: '城市大脑', sort: 'code' } },
  { label: 'sort by budget, descending', q: { sort: 'budget', desc: true } },
  { label: 'sort by name', q: { sort: 'name' } },
];

async function marks(page: Page): Promise<Record<string, { at: number; detail: unknown }>> {
  return (await page.evaluate(`Object.fromEntries(performance.getEntriesByType('mark').reverse().map((m) => [m.name, { at: m.startTime, detail: m.detail }]))`)) as Record<
    string,
    { at: number; detail: unknown }
  >;
}

export const projectsBench: BenchSection = {
  id: 'projects',
  title: `Project register at ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')} projects`,
  async run({ page, url, log }) {
    for (const n of SIZES) {
      const size = n.toLocaleString('en');
      log(`--- ${size} projects`, '');
      if (n !== SIZES[0]) {
        await page.goto(new URL('../tests/bench/page/index.html', url).toString());
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
        await page.evaluate(() => window.bench.reset());
      }
      const seeded = await page.evaluate((count) => window.bench.seedProjects(count), n);
      log(`generate ${size} projects (+240 organisations)`, `${seeded.generateMs} ms`);
      log('store in IndexedDB', `${seeded.storeMs} ms (${seeded.projects} rows)`);
      const packed = await page.evaluate(() => window.bench.compactRegister());
      log('fold the load into the register pages', `${packed.ms} ms (${packed.marks} marks → ${packed.pages} pages)`);

      // Whole records as the register export reads them (IndexedDB, not the in-memory index).
      for (const q of [{}, { phase: 'operate' as const }, { search: '城市大脑' }]) {
        const r = await page.evaluate((query) => window.bench.queryProjects(query), q);
        log(`whole-record query for exports ${JSON.stringify(q)}`, `${r.ms} ms → ${r.rows} rows`);
      }

      // First render: a new document on the register until its first row is painted; one cold load,
      // then several warm ones with a raw read after each, as the load on the machine varies.
      const warm: number[] = [];
      const seen: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i <= FIRST_RENDERS(n); i++) {
        const t = await timeFirstPaint(page, `${url}index.html#/projects`, '[data-testid="project-row"]');
        const first = t.page;
        const m = await marks(page);
        if (i > 0) {
          warm.push(first);
          seen.push(t.driver);
        }
        if (i <= 1)
          log(
            `register first render, ${i === 0 ? 'cold' : 'warm'} (navigation → first row, next frame)`,
            `${first} ms, seen by the driver at ${t.driver} ms (database open ${ms(m['session:open'].at)}–${ms(m['session:opened'].at)}${m['desk:attach'] ? ` with the desk attached ${ms(m['desk:attach'].at)}–${ms(m['session:opened'].at)}, its key read by ${ms(m['desk:key'].at)}` : ''}, starter code ${ms(m['starters:code']?.at ?? 0)}, starters checked ${ms(m['starters:checked']?.at ?? 0)}, session ready ${ms(m['session:ready'].at)}, section code ${m['section:loaded'] ? ms(m['section:loaded'].at) : '–'}; ` +
              `index: ${ms(m['register-index:sort'].at - m['register-index:read'].at)} reading ${JSON.stringify(m['register-index:ready'].detail)}, ` +
              `${ms(m['register-index:ready'].at - m['register-index:sort'].at)} unpacking, first order ${JSON.stringify(m['register-index:order']?.detail)})`,
          );
        raws.push(await rawRead(page, 'projects'));
      }

      const times = new Map<string, number[]>(STEPS.map((s) => [s.label, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const s of STEPS) {
          const t = await timeStep(page, s, ['register-count', 'project-row']);
          times.get(s.label)!.push(t);
        }
        // Raw reads between the rounds too, so the baseline comes from the same stretch of load.
        raws.push(await rawRead(page, 'projects'));
      }
      const raw = median(raws);
      log(`RAW BASELINE: IndexedDB getAll of all ${size} project rows (${raws.length} reads)`, spread(raws));
      const goal = n <= 5000 ? 'goal ≤ 0.5× raw' : 'goal < 100 ms';
      log(`  register first render, warm (${warm.length} loads)`, `${spread(warm)} = ${(median(warm) / raw).toFixed(2)}× raw (${n <= 5000 ? 'goal < 0.5 s' : 'no goal at this size'})`);
      log(`    the same loads as the driver saw the first row`, spread(seen));
      for (const s of STEPS) {
        const xs = times.get(s.label)!;
        log(`  ${s.label}`, `${spread(xs)} = ${(median(xs) / raw).toFixed(2)}× raw (${goal})`);
      }

      const row = page.getByTestId('project-row').first();
      const top = await row.getAttribute('data-code');
      await row.hover();
      const t1 = Date.now();
      await page.mouse.wheel(0, 40_000);
      await page.waitForFunction((code) => document.querySelector('[data-testid="project-row"]')?.getAttribute('data-code') !== code, top);
      log('scroll 40,000 px (until other rows are shown)', ms(Date.now() - t1));
      log('rows in the DOM (virtualised)', `${await page.getByTestId('project-row').count()} of ${size}`);
      await page.goto(new URL('../tests/bench/page/index.html', url).toString());
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const answers = await page.evaluate(`window.bench.registerIndexAnswers(${JSON.stringify(QUERIES.map((x) => x.q))})`) as {
        startMs: number;
        answers: { ms: number; rows: number }[];
      };
      log(`  the index alone (in memory, no screen): start from the pages`, ms(answers.startMs));
      QUERIES.forEach((x, i) => log(`    answer: ${x.label}`, `${answers.answers[i].ms} ms → ${answers.answers[i].rows} rows`));
    }
  },
};
