// Screenshots of field audits in zh-CN and en: a signed audit (locked, hash verified), a draft on
// a 1366 × 768 laptop, the rectification task board and the template editor.
// Usage: vite build && node --import tsx tests/screens/audits.ts [outDir]
import type { Page } from 'playwright-core';
import { captureShots, type Shot } from './demo-browser';

const out = process.argv[2] ?? 'docs/screenshots';

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

await captureShots(out, shots, '李明');
