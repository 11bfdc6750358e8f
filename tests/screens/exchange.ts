// Screenshots of the exchange-file panel at the office, in zh-CN and en: a merge summary with a
// conflict waiting (the disputed amount of the same payment obligation set differently on a laptop
// and at the office), and a refused (corrupted) file with its problems. The two desks trust each
// other first, as two officers would after comparing fingerprints.
// Usage: vite build && node --import tsx tests/screens/exchange.ts [outDir]
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'scw-exchange-shots-'));
const { server, url } = (await startStaticServer({ root: 'dist', port: 0 })) as { server: import('node:http').Server; url: string };

async function profile(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(join(work, name), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 1200 },
    locale: 'zh-CN',
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}#/settings`);
  await page.getByTestId('op-name').fill(name === 'office' ? '王芳' : '李明');
  await page.getByTestId('op-save').click();
  return { context, page };
}

async function exportProject(page: Page, code: string, to: string): Promise<void> {
  await page.goto(`${url}#/data/exchange`);
  await page.getByTestId('picker-search').fill(code);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="picker-item"]').length === 1);
  await page.getByTestId('picker-item').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exchange-export-button').click()]);
  await download.saveAs(to);
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.goto(`${url}#/data/exchange`);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('exchange-import-button').click()]);
  await chooser.setFiles(path);
  await page.locator('[data-testid="exchange-merged"], [data-testid="exchange-refused"]').first().waitFor();
}

/** `page` trusts `other`'s desk key, its fingerprint typed as read from `other`'s Settings. */
async function trust(page: Page, other: Page, name: string): Promise<void> {
  await other.goto(`${url}#/settings`);
  const fingerprint = (await other.getByTestId('desk-fingerprint').innerText()).trim();
  const publicKey = await other.getByTestId('desk-public-key').inputValue();
  await page.goto(`${url}#/settings`);
  const form = page.getByTestId('trust-form');
  await form.getByTestId('trust-name').fill(name);
  await form.getByTestId('trust-key').fill(publicKey);
  await form.getByTestId('trust-confirm').fill(fingerprint);
  await form.getByTestId('trust-add').click();
  await page.getByTestId('trusted-desks').getByText(fingerprint).waitFor();
}

/** Marks part of the general-integration contract's retention as disputed. */
async function disputeRetention(page: Page, amount: string): Promise<void> {
  await page.goto(`${url}#/projects`);
  await page.getByTestId('register-search').fill('ZH-2020-001');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="project-row"]').length === 1);
  await page.getByTestId('project-row').first().click();
  await page.getByTestId('tab-contracts').click();
  await page.getByTestId('contract-row').filter({ hasText: 'DN-ZJ-2020-02' }).click();
  const retention = page.getByTestId('obligation-row').filter({ hasText: '质保期满' });
  await retention.getByTestId('ob-dispute').click();
  await page.getByTestId('dispute-amount').fill(amount);
  await page.getByTestId('dispute-save').click();
  await retention.getByTestId('ob-disputed').filter({ hasText: amount.slice(0, 1) }).waitFor();
}

const office = await profile('office');
const laptop = await profile('laptop');
try {
  await office.page.goto(`${url}#/settings`);
  await office.page.getByTestId('load-demo').click();
  await office.page.goto(`${url}#/projects`);
  await office.page.getByTestId('project-row').first().waitFor();
  await office.page.waitForTimeout(1500);

  await trust(office.page, laptop.page, '外业笔记本');
  await trust(laptop.page, office.page, '办公室');

  await exportProject(office.page, 'ZH-2020-001', join(work, 'to-laptop.scwx'));
  await importFile(laptop.page, join(work, 'to-laptop.scwx'));
  await disputeRetention(laptop.page, '2000000');
  await disputeRetention(office.page, '1000000');
  await exportProject(laptop.page, 'ZH-2020-001', join(work, 'to-office.scwx'));
  await importFile(office.page, join(work, 'to-office.scwx'));
  await office.page.getByTestId('exchange-conflict').first().waitFor();
  await office.page.waitForTimeout(300);
  await office.page.screenshot({ path: join(out, 'exchange-zh.png'), fullPage: true });
  console.log(join(out, 'exchange-zh.png'));

  const bad = Buffer.from(readFileSync(join(work, 'to-office.scwx')));
  bad[bad.length - 500] ^= 0xff;
  bad[Math.floor(bad.length / 4)] ^= 0xff;
  writeFileSync(join(work, 'corrupted.scwx'), bad);
  await office.page.evaluate(() => localStorage.setItem('workbench.locale', 'en'));
  await office.page.reload();
  await importFile(office.page, join(work, 'corrupted.scwx'));
  await office.page.waitForTimeout(300);
  await office.page.screenshot({ path: join(out, 'exchange-en.png'), fullPage: true });
  console.log(join(out, 'exchange-en.png'));
} finally {
  await office.context.close();
  await laptop.context.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
