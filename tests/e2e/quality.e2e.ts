// Regressions from a walk through every screen on the demo portfolio: unknown addresses, the
// organisation form (Enter, credit-code check character, refusing to delete one in use), the
// register's export menu closing on Esc, Enter in the backup passphrase, a second draft review for a period already in draft,
// audits of a deleted project, and English text without Chinese punctuation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

async function openProject(app: AppSession, code: string): Promise<string> {
  const { page } = app;
  await go(page, '#/projects');
  await page.getByTestId('register-search').fill(code);
  // The register keeps its last search, so wait for this code's row, not just any single row.
  await page.locator(`[data-testid="project-row"][data-code="${code}"]`).click();
  await page.getByTestId('project-title').waitFor();
  return page.url();
}

describe('quality pass regressions', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '张晓明');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the first section for an unknown one and the overview for an unknown tab; a missing template says so', async () => {
    const { page } = app;
    // The first section opens plainly: its nav entry is marked and nothing says "not found".
    await go(page, '#/nonsense/whatever');
    await see(page.locator('nav a.active')).toHaveCount(1);
    expect(await page.locator('nav a.active').getAttribute('data-testid')).toBe(await page.locator('nav a').first().getAttribute('data-testid'));
    await page.waitForTimeout(500);
    expect(await page.locator('main').innerText()).not.toContain('未找到');

    const url = await openProject(app, 'ZH-2020-001');
    await page.goto(url.replace(/\/overview$/, '/no-such-tab'));
    await see(page.getByTestId('gate-panel')).toContainText('阶段推进');
    expect(await page.getByTestId('tab-overview').evaluate((a) => a.classList.contains('active'))).toBe(true);

    await go(page, '#/audits/templates/no-such-template');
    await see(page.getByTestId('template-missing')).toHaveText('未找到该记录，可能已被删除。');
  });

  it('organisations: Enter saves, the check character is verified, codes are upper-cased, one in use is not deleted', async () => {
    const { page } = app;
    await go(page, '#/organisations');
    const form = page.getByTestId('org-form');

    // A demo organisation can be edited without touching its code.
    await page.getByTestId('org-row').filter({ hasText: '市城市管理和综合执法局' }).getByRole('button').first().click();
    await form.locator('#of-contact').fill('信息中心 020-8310 0013');
    await form.locator('#of-contact').press('Enter');
    await see(page.getByTestId('org-row').filter({ hasText: '市城市管理和综合执法局' })).toContainText('020-8310 0013');

    await page.getByTestId('new-org').click();
    await form.getByTestId('of-name').fill('校验位测试科技有限公司');
    await form.getByTestId('of-credit').fill('91350100M000100Y44');
    await form.getByTestId('of-name').press('Enter');
    await see(form.locator('#of-credit-error')).toHaveText('统一社会信用代码的校验位不符，请核对是否录错。');
    await form.getByTestId('of-credit').fill(' 91350100m000100y43 ');
    await form.getByTestId('of-name').press('Enter');
    const row = page.getByTestId('org-row').filter({ hasText: '校验位测试科技有限公司' });
    await see(row).toContainText('91350100M000100Y43');

    // 市应急管理局 leads two demo projects: refused, and the projects keep their department.
    let asked = 0;
    const accept = (d: import('playwright-core').Dialog) => {
      asked++;
      void d.accept();
    };
    page.on('dialog', accept);
    await page.getByTestId('org-row').filter({ hasText: '市应急管理局' }).getByRole('button').nth(1).click();
    await see(page.locator('.toast.error')).toContainText('“市应急管理局”仍被 2 个项目');
    expect(asked).toBe(0);
    await see(page.getByTestId('org-row').filter({ hasText: '市应急管理局' })).toHaveCount(1);

    // An unused one is deleted after the confirmation.
    await row.getByRole('button').nth(1).click();
    await see(page.getByTestId('org-row').filter({ hasText: '校验位测试科技有限公司' })).toHaveCount(0);
    expect(asked).toBe(1);
    page.off('dialog', accept);
  });

  it('closes the register export menu with Esc', async () => {
    const { page } = app;
    await go(page, '#/projects');
    await page.getByTestId('register-export').click();
    await page.getByTestId('register-export-xlsx').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector<HTMLDetailsElement>('details.export-menu')?.open, null, { timeout: 5000 });
    // Focus goes back to the button, so the menu can be reopened from the keyboard.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('register-export');
  });

  it('starts an encrypted backup with Enter in the passphrase field', async () => {
    const { page } = app;
    await go(page, '#/data/backup');
    await page.getByTestId('backup-encrypt').check();
    await page.getByTestId('backup-passphrase').fill('正确的口令八个字以上');
    await page.getByTestId('backup-passphrase-repeat').fill('正确的口令八个字以上');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('backup-passphrase-repeat').press('Enter');
    expect((await download).suggestedFilename()).toMatch(/\.scwb$/);
  });

  it('points to the open draft instead of suggesting the same period again', async () => {
    const { page } = app;
    await openProject(app, 'ZH-2020-001');
    await page.getByTestId('tab-reviews').click();
    await page.getByTestId('new-review').click();
    const dialog = page.getByTestId('new-review-dialog');
    await see(dialog.getByTestId('draft-exists')).toContainText('已有一份评价草稿');
    await dialog.getByTestId('open-draft').click();
    await see(page.getByTestId('review-editor')).toHaveAttribute('data-status', 'draft');
    await see(page.getByTestId('review-status')).toContainText('草稿');
  });

  it('marks audits whose project was deleted', async () => {
    const { page } = app;
    await openProject(app, 'ZH-2021-006');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('delete-project').click();
    await see(page.getByTestId('register-count')).toContainText('个项目');
    await go(page, '#/audits');
    const row = page.getByTestId('audit-row').filter({ hasText: '信号控制中心' });
    await see(row.getByTestId('audit-project-deleted')).toHaveText('（项目已删除）');
  });

  it('English rule summaries and counts use English punctuation and wording', async () => {
    const { page } = app;
    await go(page, '#/settings');
    await page.getByTestId('language-select').selectOption('en');
    await go(page, '#/reviews/systems');
    await page.getByTestId('system-name').first().click();
    const tree = page.getByTestId('system-tree');
    await see(tree).toContainText('Qualitative grade');
    const text = await tree.innerText();
    expect(text).not.toMatch(/[，；]/);
    expect(text).toContain('100%, ');
    await go(page, '#/projects');
    await see(page.getByTestId('register-count')).toHaveText(/^Projects: \d+$/);
    await go(page, '#/settings');
    await page.getByTestId('language-select').selectOption('zh-CN');
  });
});
