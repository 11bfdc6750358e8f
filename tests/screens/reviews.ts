// Screenshots of performance reviews in zh-CN and en: the 重建轻运 watch list, a project's reviews
// tab with the score trend, a draft review in the editor (evidence open), a finalised one, and the
// indicator-system editor with a validation message.
// Usage: vite build && node --import tsx tests/screens/reviews.ts [outDir]
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openProject, useLocale, withDemoBrowser, type Locale } from './demo-browser';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });

async function reviewsTab(page: Page, code: string): Promise<void> {
  await openProject(page, code);
  await page.getByTestId('tab-reviews').click();
  await page.getByTestId('review-row').first().waitFor();
}

const shots: { name: string; fullPage?: boolean; go: (page: Page, url: string) => Promise<void> }[] = [
  { name: 'review-watch-list', go: async (p, url) => void (await p.goto(`${url}#/reviews`), await p.getByTestId('watch-row').first().waitFor()) },
  { name: 'review-trend', go: async (p) => void (await reviewsTab(p, 'ZH-2021-006'), await p.waitForTimeout(600)) },
  {
    name: 'review-editor',
    fullPage: true,
    go: async (p) => {
      await reviewsTab(p, 'ZH-2020-001');
      await p.locator('[data-testid="review-row"][data-status="draft"] [data-testid="open-review"]').click();
      await p.getByTestId('toggle-evidence-1.1').click();
    },
  },
  { name: 'review-final', go: async (p) => void (await reviewsTab(p, 'ZH-2021-006'), await p.getByTestId('open-review').first().click(), await p.getByTestId('review-locked').waitFor()) },
  {
    name: 'indicator-system-editor',
    go: async (p, url) => {
      await p.goto(`${url}#/reviews/systems`);
      await p.getByTestId('system-name').first().click();
      await p.getByTestId('edit-system').click();
      await p.getByTestId('edit-weight-1.1').fill('12');
    },
  },
];

await withDemoBrowser(async (page, url) => {
  for (const locale of ['zh-CN', 'en'] as Locale[]) {
    await useLocale(page, url, locale);
    for (const s of shots) {
      await s.go(page, url);
      await page.waitForTimeout(400);
      const file = join(out, `${s.name}-${locale === 'zh-CN' ? 'zh' : 'en'}.png`);
      await page.screenshot({ path: file, fullPage: s.fullPage });
      console.log(file);
    }
  }
});
