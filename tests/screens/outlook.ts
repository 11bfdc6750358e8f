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
  { name: 'fiscal-outlook', locale: 'zh-CN', fullPage: true, go: outlook },
  { name: 'fiscal-outlook', locale: 'en', fullPage: true, go: outlook },
  { name: 'fiscal-budgets', locale: 'zh-CN', fullPage: true, go: budgets },
  { name: 'fiscal-policies', locale: 'en', go: policies },
];

await captureShots(out, shots);
