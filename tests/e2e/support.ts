// Chromium (Debian's /usr/bin/chromium) driven by playwright-core. Each `openApp` gets a fresh
// user-data dir = a separate browser profile, so two profiles can act as "office" and "laptop".
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface AppSession {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  profileDir: string;
  close(): Promise<void>;
}

/** `url`: open this address instead of the shared test server (e.g. a desk server with sync, tests/support/sync-web.ts). */
export async function openApp(opts: { locale?: string; profileDir?: string; url?: string } = {}): Promise<AppSession> {
  const baseUrl = opts.url ?? inject('baseUrl');
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'scw-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: opts.locale ?? 'zh-CN',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl);
  return {
    context,
    page,
    baseUrl,
    profileDir,
    async close() {
      await context.close();
      if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Sets the operator profile (every change is stamped with this name). */
export async function setOperator(page: Page, name: string, department = '市大数据管理局'): Promise<void> {
  await page.goto(new URL('#/settings', page.url()).toString());
  await page.getByTestId('op-name').fill(name);
  await page.getByTestId('op-dept').fill(department);
  await page.getByTestId('op-save').click();
  await page.getByTestId('operator').getByText(name).waitFor();
}

export async function loadDemo(page: Page): Promise<void> {
  await page.goto(new URL('#/settings', page.url()).toString());
  const button = page.getByTestId('load-demo');
  const before = (await button.innerText()).trim();
  await button.click();
  // The button is disabled while loading too; its text changes only once the load has finished,
  // and a reload before then would abort the demo transaction.
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="load-demo"]')?.textContent?.trim() !== text,
    before,
    { timeout: 60_000 },
  );
}

export function go(page: Page, hash: string): Promise<unknown> {
  return page.goto(new URL(hash, page.url()).toString());
}

/**
 * Retrying assertions on a locator (playwright-core has no `expect`): each check polls until it
 * holds or the timeout passes, then fails with what it last saw.
 */
export function see(locator: Locator, timeout = 10_000) {
  async function poll(describe: string, check: () => Promise<{ ok: boolean; got: unknown }>): Promise<void> {
    const until = Date.now() + timeout;
    let last: unknown;
    for (;;) {
      try {
        const r = await check();
        if (r.ok) return;
        last = r.got;
      } catch (e) {
        last = e instanceof Error ? e.message.split('\n')[0] : e;
      }
      if (Date.now() > until) throw new Error(`expected ${describe}; last saw: ${JSON.stringify(last)} (${locator})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const matches = (got: string, want: string | RegExp) => (typeof want === 'string' ? got.trim() === want : want.test(got));
  return {
    toHaveText: (want: string | RegExp) =>
      poll(`text ${String(want)}`, async () => {
        const got = await locator.innerText({ timeout: 1000 });
        return { ok: matches(got, want), got };
      }),
    toContainText: (want: string) =>
      poll(`text containing ${want}`, async () => {
        const got = await locator.innerText({ timeout: 1000 });
        return { ok: got.includes(want), got };
      }),
    toHaveAttribute: (name: string, want: string) =>
      poll(`${name}=${want}`, async () => {
        const got = await locator.getAttribute(name, { timeout: 1000 });
        return { ok: got === want, got };
      }),
    toHaveCount: (want: number) =>
      poll(`count ${want}`, async () => {
        const got = await locator.count();
        return { ok: got === want, got };
      }),
    toHaveValue: (want: string) =>
      poll(`value ${want}`, async () => {
        const got = await locator.inputValue({ timeout: 1000 });
        return { ok: got === want, got };
      }),
  };
}
