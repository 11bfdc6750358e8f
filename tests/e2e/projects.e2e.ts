// Foundation flow: create a project, find it in the register, try plan → build and see the unmet
// checks, override with a justification, see it in the history, reload, switch language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, openApp, see, setOperator, type AppSession } from './support';

const CJK = /[\u3400-\u9fff]/;

describe('project register and lifecycle gates', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a project, gates plan → build, overrides with a justification, and keeps it across a reload', async () => {
    const { page } = app;
    await setOperator(page, '张晓明');

    await go(page, '#/projects');
    await page.getByTestId('new-project').click();
    const form = page.getByTestId('project-form');
    // Bad input is refused next to the field and nothing is stored.
    await form.getByTestId('pf-budget').fill('12.345');
    await form.getByTestId('pf-save').click();
    await see(form.locator('#pf-code-error')).toHaveText('此项必填。');
    await see(form.locator('#pf-budget-error')).toHaveText('请输入有效金额，最多两位小数。');
    await form.getByTestId('pf-code').fill('ZH-E2E-001');
    await form.getByTestId('pf-name').fill('城市大脑二期（端到端测试）');
    await form.getByTestId('pf-budget').fill('12,345,678.90');
    await form.getByTestId('pf-funding').fill('市级财政预算');
    await form.getByTestId('pf-save').click();

    await see(page.getByTestId('project-title')).toHaveText('城市大脑二期（端到端测试）');

    await go(page, '#/projects');
    await page.getByTestId('register-search').fill('端到端');
    await see(page.getByTestId('project-row')).toHaveCount(1);
    await page.getByTestId('project-row').first().click();

    const gate = page.getByTestId('gate-build');
    await see(gate.getByTestId('check-signed-contract')).toHaveAttribute('data-status', 'not-recorded');
    await see(gate.getByTestId('check-operation-plan-funding')).toHaveAttribute('data-status', 'met');
    await see(gate.getByTestId('check-ppp-value-for-money')).toHaveAttribute('data-status', 'not-applicable');
    await see(gate.getByTestId('unmet-summary')).toHaveText('6 项检查未满足');
    await see(gate).toContainText('已签订合同');
    await see(gate).toContainText('已挂接绩效评价指标体系');

    await gate.getByTestId('override-build').click();
    const dialog = page.getByTestId('justify-dialog');
    await dialog.getByTestId('justification').fill('太短');
    await dialog.getByTestId('confirm-move').click();
    await see(dialog.locator('.field-error')).toHaveText('理由至少需要 10 个字。');
    const why = '市政府专题会议要求年内开工，合同与评价体系在开工后一个月内补齐。';
    await dialog.getByTestId('justification').fill(why);
    await dialog.getByTestId('confirm-move').click();
    await see(page.locator('.head [data-phase]')).toHaveText('建设');

    await page.getByTestId('tab-history').click();
    const row = page.getByTestId('transition-row').first();
    await see(row).toContainText('规划');
    await see(row).toContainText('建设');
    await see(row).toContainText('张晓明');
    await see(row).toContainText(why);
    await see(row).toContainText('已签订合同');
    await see(page.getByTestId('change-log')).toContainText('阶段');

    await page.reload();
    await see(page.getByTestId('project-title')).toHaveText('城市大脑二期（端到端测试）');
    await see(page.getByTestId('transition-row')).toHaveCount(1);
    await see(page.getByTestId('transition-row').first()).toContainText(why);
    await go(page, '#/projects');
    await see(page.getByTestId('project-row')).toHaveCount(1);
  });

  it('switches the whole UI to English and back', async () => {
    const { page } = app;
    await go(page, '#/settings');
    await page.getByTestId('language-select').selectOption('en');
    await see(page.getByTestId('nav-projects')).toHaveText(/Projects/);
    await go(page, '#/projects');
    await page.getByTestId('project-row').first().click();
    await see(page.getByTestId('tab-overview')).toHaveText('Overview');
    // Chrome of the app (navigation, tabs, gate panel, section headings) has no Chinese left;
    // only the officer's own data (project name, justification) stays as typed.
    for (const sel of ['.sidebar nav', '.tabs', '[data-testid="gate-panel"]']) {
      const text = await page.locator(sel).innerText();
      expect(text, sel).not.toMatch(CJK);
    }
    await page.getByTestId('tab-history').click();
    const header = await page.getByTestId('phase-history').locator('thead').innerText();
    expect(header).not.toMatch(CJK);
    await see(page.getByTestId('transition-row').first()).toContainText('A signed contract');
    await page.reload();
    await see(page.getByTestId('tab-history')).toHaveText('History');
    await go(page, '#/settings');
    await page.getByTestId('language-select').selectOption('zh-CN');
    await see(page.getByTestId('nav-projects')).toHaveText(/项目登记/);
  });
});
