// Shared by screenshot scripts: serves dist/, opens Chromium on a fresh profile, sets an operator,
// loads the demo office (waiting until it has finished), then hands the page over.
import { chromium, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

export type Locale = 'zh-CN' | 'en';

export async function withDemoBrowser(work: (page: Page, url: string) => Promise<void>, operator = '张晓明'): Promise<void> {
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
    await page.getByTestId('op-name').fill(operator);
    await page.getByTestId('op-dept').fill('市大数据管理局项目管理处');
    await page.getByTestId('op-save').click();
    const before = (await page.getByTestId('load-demo').innerText()).trim();
    await page.getByTestId('load-demo').click();
    // Disabled already means "busy": wait for the label to change, or a reload would abort the load.
    await page.waitForFunction((t) => document.querySelector('[data-testid="load-demo"]')?.textContent?.trim() !== t, before, { timeout: 120_000 });
    await work(page, url);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Switches the UI language the way Settings stores it, and reloads. */
export async function useLocale(page: Page, url: string, locale: Locale): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('workbench.locale', l), locale);
  await page.goto(`${url}#/projects`);
  await page.reload();
}

/** Opens a demo project's workspace by its code. */
export async function openProject(page: Page, code: string): Promise<void> {
  await page.goto(new URL('#/projects', page.url()).toString());
  await page.getByTestId('register-search').fill(code);
  await page.locator('[data-testid="project-row"]', { hasText: code }).click();
  await page.getByTestId('project-title').waitFor();
}

export interface Shot {
  name: string;
  locale: Locale;
  size?: [number, number];
  fullPage?: boolean;
  /** Navigates from a freshly reloaded register to what the screenshot shows. */
  go?: (page: Page, url: string) => Promise<void>;
}

/** One PNG per shot, named `<name>-zh.png` / `<name>-en.png`, each taken after a reload in its locale. */
export async function captureShots(out: string, shots: readonly Shot[], operator?: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  await withDemoBrowser(async (page, url) => {
    for (const s of shots) {
      await page.setViewportSize({ width: s.size?.[0] ?? 1440, height: s.size?.[1] ?? 900 });
      await useLocale(page, url, s.locale);
      if (s.go) await s.go(page, url);
      await page.waitForTimeout(500);
      const file = join(out, `${s.name}-${s.locale === 'zh-CN' ? 'zh' : 'en'}.png`);
      await page.screenshot({ path: file, fullPage: s.fullPage ?? false });
      console.log(file);
    }
  }, operator);
}
