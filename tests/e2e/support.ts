// Chromium (Debian's /usr/bin/chromium) driven by playwright-core. Each `openApp` gets a fresh
// user-data dir = a separate browser profile, so two profiles can act as "office" and "laptop".
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject } from 'vitest';

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

/** This desk's fingerprint and public key, as Settings shows them. */
export async function deskIdentity(page: Page): Promise<{ fingerprint: string; publicKey: string }> {
  await page.goto(new URL('#/settings', page.url()).toString());
  const fingerprint = (await page.getByTestId('desk-fingerprint').innerText()).trim();
  const publicKey = await page.getByTestId('desk-public-key').inputValue();
  return { fingerprint, publicKey };
}

/** `page` trusts the desk `other`: its key pasted, its fingerprint typed as read from its Settings. */
export async function trustDesk(page: Page, name: string, other: { fingerprint: string; publicKey: string }): Promise<void> {
  await page.goto(new URL('#/settings', page.url()).toString());
  const form = page.getByTestId('trust-form');
  await form.getByTestId('trust-name').fill(name);
  await form.getByTestId('trust-key').fill(other.publicKey);
  await form.getByTestId('trust-confirm').fill(other.fingerprint);
  await form.getByTestId('trust-add').click();
  await page.getByTestId('trusted-desks').getByText(other.fingerprint).waitFor();
}

/** Two desks compare fingerprints and trust each other, as two officers would by phone. */
export async function trustEachOther(a: { page: Page; name: string }, b: { page: Page; name: string }): Promise<void> {
  const ia = await deskIdentity(a.page);
  const ib = await deskIdentity(b.page);
  await trustDesk(a.page, b.name, ib);
  await trustDesk(b.page, a.name, ia);
}

/** Every object store, every row; Blobs as their size, type and SHA-256 (byte-exact evidence). */
export function dumpDb(page: Page, dbName = 'smart-city-workbench'): Promise<string> {
  return page.evaluate(async (name) => {
    const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
    const plain = async (v: unknown): Promise<unknown> => {
      if (v instanceof Blob) return { blob: v.type, size: v.size, sha256: hex(await crypto.subtle.digest('SHA-256', await v.arrayBuffer())) };
      if (Array.isArray(v)) return Promise.all(v.map(plain));
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v).sort()) out[k] = await plain((v as Record<string, unknown>)[k]);
        return out;
      }
      return v;
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, unknown> = {};
    for (const store of Array.from(db.objectStoreNames).sort()) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      out[store] = await plain(rows);
    }
    db.close();
    return JSON.stringify(out);
  }, dbName);
}

export async function exportProject(page: Page, code: string, to: string): Promise<Buffer> {
  await go(page, '#/data/exchange');
  const card = page.getByTestId('exchange-export');
  await card.getByTestId('picker-search').fill(code);
  await see(card.getByTestId('picker-item')).toHaveCount(1);
  await card.getByTestId('picker-item').check();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), card.getByTestId('exchange-export-button').click()]);
  expect(download.suggestedFilename()).toMatch(/^exchange-\d{8}-\d{4}\.scwx$/);
  await download.saveAs(to);
  return readFileSync(to);
}

export async function importFile(page: Page, path: string): Promise<void> {
  await go(page, '#/data/exchange');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('exchange-import-button').click()]);
  await chooser.setFiles(path);
}

