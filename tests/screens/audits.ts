// Screenshots of field audits in zh-CN and en: a signed audit (locked, hash verified), a draft on
// a 1366 × 768 laptop, the rectification task board and the template editor.
// Usage: vite build && node --import tsx tests/screens/audits.ts [outDir]
import { chromium, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });

async function openDemoAudit(page: Page, code: string, site: string): Promise<void> {
  await openProjectAudits(page, code);
  await page.getByTestId('audit-row').filter({ hasText: site }).getByTestId('open-audit').click();
  await page.getByTestId('audit-title').waitFor();
}

async function openProjectAudits(page: Page, code: string): Promise<void> {
  await page.goto(new URL('#/projects', page.url()).toString());
  await page.getByTestId('register-search').fill(code);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="project-row"]').length === 1);
  await page.getByTestId('project-row').first().click();
  await page.getByTestId('tab-audits').click();
  await page.getByTestId('audit-row').first().waitFor();
}

type Shot = { name: string; locale: 'zh-CN' | 'en'; size?: [number, number]; go: (page: Page) => Promise<void> };

const signed = async (p: Page) => {
  await openDemoAudit(p, 'ZH-2020-001', 'A 栋三层主机房');
  await p.locator('[data-testid="hash-status"][data-status="ok"]').waitFor();
};
const draft = async (p: Page) => {
  await openDemoAudit(p, 'ZH-2020-001', 'B 栋灾备机房');
  await p.getByTestId('item-dc-env-5').scrollIntoViewIfNeeded();
};
const board = async (p: Page) => {
  await p.goto(new URL('#/audits/tasks', p.url()).toString());
  await p.getByTestId('task-row').first().waitFor();
};
const editor = async (p: Page) => {
  await p.goto(new URL('#/audits/templates', p.url()).toString());
  await p.getByTestId('template-row').first().locator('a').first().click();
  await p.getByTestId('tpl-section').first().waitFor();
};

const projectTab = (p: Page) => openProjectAudits(p, 'ZH-2020-001');

const shots: Shot[] = [
  { name: 'audits-project-tab', locale: 'zh-CN', go: projectTab },
  { name: 'audit-signed', locale: 'zh-CN', go: signed },
  { name: 'audit-signed', locale: 'en', go: signed },
  { name: 'audit-draft-laptop', locale: 'zh-CN', size: [1366, 768], go: draft },
  { name: 'audit-draft-laptop', locale: 'en', size: [1366, 768], go: draft },
  { name: 'rectification-board', locale: 'zh-CN', go: board },
  { name: 'rectification-board', locale: 'en', go: board },
  { name: 'checklist-editor', locale: 'zh-CN', go: editor },
];

const { server, url } = (await startStaticServer({ root: 'dist', port: 0 })) as { server: import('node:http').Server; url: string };
const profile = mkdtempSync(join(tmpdir(), 'scw-audit-shots-'));
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
  await page.getByTestId('op-name').fill('李明');
  await page.getByTestId('op-dept').fill('市大数据管理局项目管理处');
  await page.getByTestId('op-save').click();
  const before = await page.getByTestId('load-demo').innerText();
  await page.getByTestId('load-demo').click();
  // Disabled already means "busy": wait for the label to change, or a reload would abort the load.
  await page.waitForFunction((t) => document.querySelector('[data-testid="load-demo"]')?.textContent?.trim() !== t.trim(), before, { timeout: 60_000 });
  for (const s of shots) {
    await page.setViewportSize({ width: s.size?.[0] ?? 1440, height: s.size?.[1] ?? 900 });
    await page.evaluate((l) => localStorage.setItem('workbench.locale', l), s.locale);
    await page.goto(`${url}#/projects`);
    await page.reload();
    await s.go(page);
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
