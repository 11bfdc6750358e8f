// Screenshots of the fiscal outlook in zh-CN and en: the outlook with its chart, red line and
// breakdown, the budgets screen and the policy tables.
// Usage: vite build && node --import tsx tests/screens/outlook.ts [outDir]
import type { Page } from 'playwright-core';
import { captureShots, type Shot } from './demo-browser';

const out = process.argv[2] ?? 'docs/screenshots';
const AS_OF = '2026-11-24';

const outlook = async (p: Page) => {
  await p.goto(new URL(`#/outlook?asOf=${AS_OF}`, p.url()).toString());
  await p.getByTestId('outlook-chart').waitFor();
  await p.getByTestId('outlook-table').waitFor();
  // The fresh demo profile has never been backed up: the reminder is put off, so the screen shows what it is about.
  const due = p.getByTestId('backup-due');
  if (await due.isVisible()) await due.locator('button.link').click();
};
const budgets = async (p: Page) => {
  await p.goto(new URL('#/outlook/budgets', p.url()).toString());
  await p.getByTestId('general-row').first().waitFor();
};
const policies = async (p: Page) => {
  await p.goto(new URL('#/outlook/policies', p.url()).toString());
  await p.getByTestId('policy-fixed').waitFor();
};

const shots: Shot[] = [
  // As tall as the screen, so what is fixed to the window's foot (the sidebar) sits at the page's foot.
  { name: 'fiscal-outlook', locale: 'zh-CN', size: [1440, 2140], fullPage: true, go: outlook },
  { name: 'fiscal-outlook', locale: 'en', size: [1440, 2140], fullPage: true, go: outlook },
  { name: 'fiscal-budgets', locale: 'zh-CN', fullPage: true, go: budgets },
  { name: 'fiscal-policies', locale: 'en', go: policies },
];

await captureShots(out, shots);
