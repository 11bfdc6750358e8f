// Screenshots of contracts and arrears in zh-CN and en: a contract with its payment schedule, the
// portfolio arrears view with the aging chart, and a statement of arrears (欠款确认书).
// Usage: vite build && node --import tsx tests/screens/contracts.ts [outDir]
import { chromium, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
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

type Shot = { name: string; locale: 'zh-CN' | 'en'; fullPage?: boolean; go: (page: Page) => Promise<void> };

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

const shots: Shot[] = [
  { name: 'contract-schedule', locale: 'zh-CN', fullPage: true, go: detail },
  { name: 'contract-schedule', locale: 'en', fullPage: true, go: detail },
  { name: 'contract-ppp', locale: 'zh-CN', go: pppDetail },
  { name: 'arrears', locale: 'zh-CN', fullPage: true, go: arrears },
  { name: 'arrears', locale: 'en', fullPage: true, go: arrears },
  { name: 'statement-of-arrears', locale: 'zh-CN', fullPage: true, go: statement },
  { name: 'statement-of-arrears', locale: 'en', fullPage: true, go: statement },
  { name: 'contract-warnings', locale: 'zh-CN', go: warnings },
];

const { server, url } = (await startStaticServer({ root: 'dist', port: 0 })) as { server: import('node:http').Server; url: string };
const profile = mkdtempSync(join(tmpdir(), 'scw-contract-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 900 },
  locale: 'zh-CN',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = context.pages()[0] ?? (await context.newPage());
try {
  await page.goto(`${url}#/settings`);
  await page.getByTestId('op-name').fill('王海燕');
  await page.getByTestId('op-dept').fill('市大数据管理局项目管理处');
  await page.getByTestId('op-save').click();
  const before = await page.getByTestId('load-demo').innerText();
  await page.getByTestId('load-demo').click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="load-demo"]')?.textContent?.trim() !== t.trim(), before, { timeout: 60_000 });
  for (const s of shots) {
    await page.evaluate((l) => localStorage.setItem('workbench.locale', l), s.locale);
    await page.goto(`${url}#/projects`);
    await page.reload();
    await s.go(page);
    await page.waitForTimeout(600);
    const file = join(out, `${s.name}-${s.locale === 'zh-CN' ? 'zh' : 'en'}.png`);
    await page.screenshot({ path: file, fullPage: s.fullPage ?? false });
    console.log(file);
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
