// Screenshots of contracts and arrears in zh-CN and en: a contract with its payment schedule, the
// portfolio arrears view with the aging chart, and a statement of arrears (欠款确认书).
// Usage: vite build && node --import tsx tests/screens/contracts.ts [outDir]
import type { Page } from 'playwright-core';
import { captureShots, type Shot } from './demo-browser';

const out = process.argv[2] ?? 'docs/screenshots';
const AS_OF = '2026-11-24';

async function openContract(page: Page, projectCode: string, contractCode: string): Promise<void> {
  await page.goto(new URL('#/projects', page.url()).toString());
  await page.getByTestId('register-search').fill(projectCode);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="project-row"]').length === 1);
  await page.getByTestId('project-row').first().click();
  await page.getByTestId('tab-contracts').click();
  await page.getByTestId('contract-row').filter({ hasText: contractCode }).click();
  await page.getByTestId('schedule-table').waitFor();
  await page.getByTestId('schedule-asof').fill(AS_OF);
  await page.getByTestId('schedule-asof').dispatchEvent('change');
  await page.waitForFunction((d) => location.hash.includes(`asOf=${d}`), AS_OF);
}


const detail = (p: Page) => openContract(p, 'ZH-2018-003', 'GZ-YW-2019-12');
const pppDetail = (p: Page) => openContract(p, 'ZH-2021-006', 'JT-PPP-2021-01');
const arrears = async (p: Page) => {
  await p.goto(new URL(`#/contracts/arrears?asOf=${AS_OF}`, p.url()).toString());
  await p.getByTestId('aging-table').waitFor();
  await p.getByTestId('aging-chart').waitFor();
};
const statement = async (p: Page) => {
  await p.goto(new URL(`#/contracts/arrears?asOf=${AS_OF}&by=counterparty`, p.url()).toString());
  await p.getByTestId('aging-row').filter({ hasText: /云图|Yuntu|云图时空/ }).getByTestId('statement-link').click();
  await p.getByTestId('statement-line').first().waitFor();
};
const warnings = async (p: Page) => {
  await p.goto(new URL('#/contracts/warnings', p.url()).toString());
  await p.getByTestId('portfolio-warning').first().waitFor();
};

const rates = async (p: Page) => {
  await p.goto(new URL('#/contracts/rates', p.url()).toString());
  await p.getByTestId('rates-lpr').waitFor();
};

const shots: Shot[] = [
  { name: 'contract-schedule', locale: 'zh-CN', fullPage: true, go: detail },
  { name: 'contract-schedule', locale: 'en', fullPage: true, go: detail },
  { name: 'contract-ppp', locale: 'zh-CN', go: pppDetail },
  { name: 'arrears', locale: 'zh-CN', fullPage: true, go: arrears },
  { name: 'arrears', locale: 'en', fullPage: true, go: arrears },
  { name: 'statement-of-arrears', locale: 'zh-CN', fullPage: true, go: statement },
  { name: 'statement-of-arrears', locale: 'en', fullPage: true, go: statement },
  { name: 'contract-warnings', locale: 'zh-CN', go: warnings },
  { name: 'rate-tables', locale: 'zh-CN', go: rates },
  { name: 'rate-tables', locale: 'en', go: rates },
];

await captureShots(out, shots, '王海燕');
