// `npm run screens`: screenshots of the main screens in zh-CN and en for the README and for review.
// Usage: node --import tsx tests/screens/capture.ts [outDir]
import { chromium, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });

type Shot = { name: string; hash: string; locale: 'zh-CN' | 'en'; prepare?: (page: Page) => Promise<void> };

async function firstProject(page: Page, code: string): Promise<string> {
  await page.goto(new URL('#/projects', page.url()).toString());
  await page.getByTestId('register-search').fill(code);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="project-row"]').length === 1);
  await page.getByTestId('project-row').first().click();
  await page.getByTestId('project-title').waitFor();
  return page.url();
}

const shots: Shot[] = [
  { name: 'dashboard', hash: '#/dashboard', locale: 'zh-CN', prepare: async (p) => void (await p.getByTestId('chart-department').waitFor()) },
  { name: 'dashboard', hash: '#/dashboard', locale: 'en', prepare: async (p) => void (await p.getByTestId('chart-department').waitFor()) },
  { name: 'report', hash: '', locale: 'zh-CN', prepare: async (p) => { await firstProject(p, 'ZH-2018-003'); await p.getByTestId('tab-report').click(); await p.getByTestId('report-chart-review-trend').waitFor(); } },
  { name: 'register', hash: '#/projects', locale: 'zh-CN' },
  { name: 'register', hash: '#/projects', locale: 'en' },
  { name: 'gate', hash: '', locale: 'zh-CN', prepare: async (p) => void (await firstProject(p, 'ZH-2025-007')) },
  { name: 'gate', hash: '', locale: 'en', prepare: async (p) => void (await firstProject(p, 'ZH-2025-007')) },
  { name: 'history', hash: '', locale: 'zh-CN', prepare: async (p) => { await firstProject(p, 'ZH-2024-005'); await p.getByTestId('tab-history').click(); } },
  { name: 'organisations', hash: '#/organisations', locale: 'zh-CN' },
  { name: 'settings', hash: '#/settings', locale: 'en' },
];

const { server, url } = (await startStaticServer({ root: 'dist', port: 0 })) as { server: import('node:http').Server; url: string };
const profile = mkdtempSync(join(tmpdir(), 'scw-shots-'));
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
  await page.getByTestId('op-name').fill('张晓明');
  await page.getByTestId('op-dept').fill('市大数据管理局项目管理处');
  await page.getByTestId('op-save').click();
  const before = (await page.getByTestId('load-demo').innerText()).trim();
  await page.getByTestId('load-demo').click();
  // Disabled while loading too: wait for the label to change, or a reload would abort the load.
  await page.waitForFunction((text) => document.querySelector('[data-testid="load-demo"]')?.textContent?.trim() !== text, before, { timeout: 120_000 });
  for (const s of shots) {
    await page.evaluate((l) => localStorage.setItem('workbench.locale', l), s.locale);
    await page.goto(`${url}${s.hash || '#/projects'}`);
    await page.reload();
    if (s.prepare) await s.prepare(page);
    await page.waitForTimeout(400);
    const file = join(out, `${s.name}-${s.locale === 'zh-CN' ? 'zh' : 'en'}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
