// Screenshots of the two places where the data proves itself, in zh-CN and en: Backup & restore with
// a backup verified in full (rows, seals, signatures, audit trail) and the safety copies earlier
// restores kept, and Settings → 审计追踪校验 naming a project row edited straight in IndexedDB.
// Usage: vite build && node --import tsx tests/screens/integrity.ts [outDir]
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useLocale, withDemoBrowser, type Locale } from './demo-browser';

const out = process.argv[2] ?? 'docs/screenshots';
const work = mkdtempSync(join(tmpdir(), 'scw-integrity-shots-'));
const DB = 'smart-city-workbench';

async function chooseBackup(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('restore-choose').click()]);
  await chooser.setFiles(path);
  await page.getByTestId('restore-verified').waitFor({ timeout: 300_000 });
}

/** Restores `path` and waits for the app's reload after the swap. */
async function restore(page: Page, url: string, path: string): Promise<void> {
  await page.goto(`${url}#/data/backup`);
  await chooseBackup(page, path);
  await page.getByTestId('restore-understood').check();
  const reloaded = page.waitForEvent('load', { timeout: 300_000 });
  await page.getByTestId('restore-confirm').click();
  await reloaded;
  await page.locator('.toast.success').waitFor({ timeout: 60_000 });
}

/** A budget changed straight in IndexedDB, behind the app's back. */
async function tamper(page: Page, code: string): Promise<void> {
  await page.evaluate(
    async ({ name, code }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const store = db.transaction('projects', 'readwrite').objectStore('projects');
      const rows = await new Promise<{ code: string; budget: { amount: number } }[]>((resolve) => {
        const req = store.getAll();
        req.onsuccess = () => resolve(req.result);
      });
      const p = rows.find((r) => r.code === code)!;
      await new Promise((resolve) => {
        const req = store.put({ ...p, budget: { ...p.budget, amount: 100 } });
        req.onsuccess = resolve;
      });
      db.close();
    },
    { name: DB, code },
  );
}

const file = (name: string, locale: Locale) => join(out, `${name}-${locale === 'zh-CN' ? 'zh' : 'en'}.png`);

try {
  await withDemoBrowser(async (page, url) => {
    await page.setViewportSize({ width: 1440, height: 1800 });
    await page.goto(`${url}#/data/backup`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('backup-now').click()]);
    const backup = join(work, await download.suggestedFilename());
    await download.saveAs(backup);
    // Two restores leave two safety copies of what they replaced.
    await restore(page, url, backup);
    await restore(page, url, backup);

    for (const locale of ['zh-CN', 'en'] as const) {
      await useLocale(page, url, locale);
      await page.goto(`${url}#/data/backup`);
      await page.getByTestId('safety-copy').first().waitFor();
      await chooseBackup(page, backup);
      await page.screenshot({ path: file('restore-safety-copies', locale) });
      console.log(file('restore-safety-copies', locale));
    }

    await tamper(page, 'ZH-2024-005');
    await page.setViewportSize({ width: 1440, height: 1000 });
    for (const locale of ['zh-CN', 'en'] as const) {
      await useLocale(page, url, locale);
      await page.goto(`${url}#/settings`);
      await page.getByTestId('trail-run').click();
      await page.locator('[data-testid="trail-result"][data-ok="false"]').waitFor({ timeout: 120_000 });
      await page.getByTestId('trail-check').scrollIntoViewIfNeeded();
      await page.screenshot({ path: file('trail-check', locale) });
      console.log(file('trail-check', locale));
    }
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
