// `npm run screens`: screenshots of the main screens in zh-CN and en for the README and for review.
// Usage: node --import tsx tests/screens/capture.ts [outDir]
import type { Page } from 'playwright-core';
import { captureShots, openProject, type Shot } from './demo-browser';

const out = process.argv[2] ?? 'docs/screenshots';

const visit = (hash: string) => async (p: Page, url: string) => void (await p.goto(`${url}${hash}`));
const dashboard = async (p: Page, url: string) => {
  await visit('#/dashboard')(p, url);
  await p.getByTestId('chart-department').waitFor();
};
const report = async (p: Page) => {
  await openProject(p, 'ZH-2018-003');
  await p.getByTestId('tab-report').click();
  await p.getByTestId('report-chart-review-trend').waitFor();
};
const gate = (p: Page) => openProject(p, 'ZH-2025-007');
const history = async (p: Page) => {
  await openProject(p, 'ZH-2024-005');
  await p.getByTestId('tab-history').click();
};

// The register is where each shot starts, so it needs no navigation.
const shots: Shot[] = [
  { name: 'dashboard', locale: 'zh-CN', go: dashboard },
  { name: 'dashboard', locale: 'en', go: dashboard },
  { name: 'report', locale: 'zh-CN', go: report },
  { name: 'register', locale: 'zh-CN' },
  { name: 'register', locale: 'en' },
  { name: 'gate', locale: 'zh-CN', go: gate },
  { name: 'gate', locale: 'en', go: gate },
  { name: 'history', locale: 'zh-CN', go: history },
  { name: 'organisations', locale: 'zh-CN', go: visit('#/organisations') },
  { name: 'settings', locale: 'en', go: visit('#/settings') },
];

await captureShots(out, shots);
