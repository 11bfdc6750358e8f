// Performance reviews end to end: the 重建轻运 watch list flags an overdue operating project; a
// review is entered with live scoring, evidence attached, finalised, survives a reload locked,
// joins the trend chart and takes the project off the watch list; re-opening needs a
// justification; the indicator names follow the UI language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

const OVERDUE = 'ZH-2018-003';

describe('performance reviews', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('scores, finalises and locks a review; the watch list and trend follow', async () => {
    const { page } = app;
    await setOperator(page, '李静');
    await loadDemo(page);

    // The watch list shows the overdue project (overdue rows first) and the one with no cycle.
    await go(page, '#/reviews');
    const overdueRow = page.locator(`[data-testid="watch-row"][data-code="${OVERDUE}"]`);
    await see(overdueRow).toHaveAttribute('data-status', 'overdue');
    await see(overdueRow.getByTestId('watch-days')).toContainText('逾期');
    await see(page.locator('[data-testid="watch-row"][data-code="ZH-2019-016"]')).toHaveAttribute('data-status', 'no-cycle');
    await see(page.getByTestId('watch-row').first()).toHaveAttribute('data-status', 'overdue');

    await overdueRow.getByTestId('watch-project').click();
    await see(page.getByTestId('project-title')).toHaveText('时空信息云平台');
    await see(page.getByTestId('review-due')).toHaveAttribute('data-status', 'overdue');
    await see(page.getByTestId('review-row')).toHaveCount(3);

    // New review: the period comes from the review cycle, the system from the project.
    await page.getByTestId('new-review').click();
    const dialog = page.getByTestId('new-review-dialog');
    await see(dialog.getByTestId('suggested-period')).toContainText('按评价周期建议');
    expect(await dialog.getByTestId('nr-start').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await see(dialog.getByTestId('nr-system').locator('option:checked')).toContainText('运营服务效果评价');
    await dialog.getByTestId('nr-create').click();

    const editor = page.getByTestId('review-editor');
    await see(editor).toHaveAttribute('data-status', 'draft');
    await see(page.getByTestId('review-total')).toHaveText('0.00');

    // Live scoring while typing (before the field is even left).
    await page.getByTestId('value-1.1').fill('15');
    await see(page.getByTestId('score-1.1')).toHaveText('15.00');
    await see(page.getByTestId('review-total')).toHaveText('15.00');
    await page.getByTestId('value-1.1').fill('abc');
    await see(page.getByTestId('score-1.1')).toHaveText('0.00');
    await see(page.getByTestId('indicator-tree')).toContainText('无法计分');

    // Worked example (service-effect system):
    // 1.1 15 min (full at 15)            15.00   1.2 98.5 % (≥98 full)       10.00
    // 1.3 2 tickets × 1 point off         8.00   2.1 88 % → 15 × 28/35       12.00
    // 2.2 4 % (≤5 → 70 %)                 7.00   2.3 良 (80 %)                8.00
    // 3.1 90 → 20 × 30/35 = 17.142…      17.14   3.2 1 complaint × 2 off      8.00
    // total 85.14 → 良, coefficient 95 %.
    const values: [string, string][] = [
      ['1.1', '15'],
      ['1.2', '98.5'],
      ['1.3', '2'],
      ['2.1', '88'],
      ['2.2', '4'],
      ['3.1', '90'],
      ['3.2', '1'],
    ];
    for (const [code, v] of values) {
      await page.getByTestId(`value-${code}`).fill(v);
      await page.getByTestId(`value-${code}`).press('Tab');
    }
    // Finalising with a leaf missing is refused with the reason.
    await page.getByTestId('finalise-review').click();
    const fin = page.getByTestId('finalise-dialog');
    await see(fin.getByTestId('cannot-finalise')).toContainText('2.3');
    await fin.getByRole('button', { name: '取消' }).click();

    await page.getByTestId('value-2.3').selectOption('良');
    await see(page.getByTestId('score-2.3')).toHaveText('8.00');
    await see(page.getByTestId('score-3.1')).toHaveText('17.14');
    await see(page.getByTestId('review-total')).toHaveText('85.14');
    await see(page.getByTestId('review-grade')).toHaveText('良');
    await see(page.getByTestId('review-coefficient')).toHaveText('95%');

    // Evidence: a note and a file on 1.1.
    await page.getByTestId('toggle-evidence-1.1').click();
    await page.getByTestId('note-1.1').fill('工单系统 2025 年度导出');
    await page.getByTestId('note-1.1').press('Tab');
    await page.getByTestId('attach-1.1').setInputFiles({ name: '工单导出.csv', mimeType: 'text/csv', buffer: Buffer.from('id,minutes\n1,12\n2,18\n') });
    await see(page.getByTestId('evidence-file')).toContainText('工单导出.csv');
    await see(page.getByTestId('toggle-evidence-1.1')).toContainText('1');
    await see(page.getByTestId('save-state')).toHaveText('已自动保存');

    await page.getByTestId('finalise-review').click();
    await see(fin).toContainText('定稿后评价内容将被锁定');
    await fin.getByTestId('confirm-finalise').click();
    await see(page.getByTestId('review-locked')).toContainText('李静');
    await see(page.getByTestId('review-status')).toHaveText('已定稿');

    // After a reload: still locked, frozen figures, evidence kept.
    await page.reload();
    await see(page.getByTestId('review-editor')).toHaveAttribute('data-status', 'final');
    await see(page.getByTestId('review-total')).toHaveText('85.14');
    await see(page.getByTestId('review-grade')).toHaveText('良');
    expect(await page.getByTestId('value-1.1').isDisabled()).toBe(true);
    expect(await page.getByTestId('value-1.1').inputValue()).toBe('15');
    await see(page.getByTestId('finalise-review')).toHaveCount(0);
    await page.getByTestId('toggle-evidence-1.1').click();
    await see(page.getByTestId('evidence-file')).toContainText('工单导出.csv');
    await see(page.getByTestId('note-1.1')).toHaveValue('工单系统 2025 年度导出');

    // Back to the list: four finalised reviews, the trend chart drawn on a canvas.
    await page.getByTestId('back-to-reviews').click();
    await see(page.locator('[data-testid="review-row"][data-status="final"]')).toHaveCount(4);
    await see(page.locator('canvas[data-testid="score-trend"]')).toHaveCount(1);
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('canvas[data-testid="score-trend"]');
      return !!c && c.width > 0 && c.height > 0;
    });
    await see(page.getByTestId('review-due')).toHaveAttribute('data-status', 'not-due');

    // The watch list no longer shows the project.
    await go(page, '#/reviews');
    await see(page.locator('[data-testid="watch-row"][data-code="ZH-2019-016"]')).toHaveCount(1);
    await see(page.locator(`[data-testid="watch-row"][data-code="${OVERDUE}"]`)).toHaveCount(0);
  });

  it('re-opens only with a justification, and shows indicator names in English', async () => {
    const { page } = app;
    await go(page, '#/reviews');
    await page.locator('[data-testid="watch-row"][data-code="ZH-2019-016"]').waitFor();
    await go(page, '#/projects');
    await page.getByTestId('register-search').fill(OVERDUE);
    await see(page.getByTestId('project-row')).toHaveCount(1);
    await page.getByTestId('project-row').first().click();
    await page.getByTestId('tab-reviews').click();
    await page.getByTestId('open-review').first().click();
    await see(page.getByTestId('review-editor')).toHaveAttribute('data-status', 'final');

    await page.getByTestId('reopen-review').click();
    const dialog = page.getByTestId('reopen-dialog');
    await dialog.getByTestId('reopen-justification').fill('太短');
    await dialog.getByTestId('confirm-reopen').click();
    await see(dialog.locator('.field-error')).toHaveText('理由至少需要 10 个字。');
    await dialog.getByTestId('reopen-justification').fill('运营单位补交了第四季度满意度调查报告，需要重新核定。');
    await dialog.getByTestId('confirm-reopen').click();
    await see(page.getByTestId('review-editor')).toHaveAttribute('data-status', 'draft');
    await see(page.getByTestId('review-editor')).toContainText('重新打开记录');
    expect(await page.getByTestId('value-1.1').isDisabled()).toBe(false);

    await go(page, '#/settings');
    await page.getByTestId('language-select').selectOption('en');
    await page.goBack();
    await see(page.getByTestId('review-editor')).toHaveAttribute('data-status', 'draft');
    const tree = page.getByTestId('indicator-tree');
    await see(tree).toContainText('Average ticket response time');
    await see(tree).toContainText('User satisfaction');
    await see(page.getByTestId('review-grade')).toHaveText('Good');
    const header = await tree.locator('thead').innerText();
    expect(header).not.toMatch(/[\u3400-\u9fff]/);

    await go(page, '#/reviews/systems');
    await see(page.getByTestId('system-list')).toContainText('Service effect evaluation');
    await go(page, '#/reviews');
    await see(page.getByTestId('watch-list').locator('thead')).toContainText('Period to review');
    await go(page, '#/settings');
    await page.getByTestId('language-select').selectOption('zh-CN');
    await see(page.getByTestId('nav-reviews')).toContainText('绩效评价');
  });

  it('edits a system used by finalised reviews as a new version, with validation next to the rows', async () => {
    const { page } = app;
    await go(page, '#/reviews/systems');
    await page.getByTestId('system-list').getByText('运营服务效果评价').click();
    await see(page.getByTestId('system-view')).toContainText('第 1 版');
    await page.getByTestId('edit-system').click();
    await see(page.getByTestId('fork-warning')).toContainText('将生成第 2 版');

    // 1.1 from 15 to 20 points: the children of 1 no longer add up, shown on row 1.
    await page.getByTestId('edit-weight-1.1').fill('20');
    await see(page.getByTestId('row-issues-1')).toHaveText('指标 1 的下级分值合计为 40，应等于 35。');
    await page.getByTestId('save-system').click();
    await see(page.getByTestId('system-issue-count')).toContainText('共 1 处');

    // 1.2 from 10 to 5 points restores the sums; saving forks version 2.
    await page.getByTestId('edit-weight-1.2').fill('5');
    await see(page.getByTestId('row-issues-1')).toHaveCount(0);
    await page.getByTestId('save-system').click();
    await see(page.getByTestId('system-view')).toContainText('第 2 版');
    await see(page.locator('.toast')).toContainText('已保存为第 2 版');

    await go(page, '#/reviews/systems');
    const row = page.locator('[data-testid="system-row"]', { hasText: '运营服务效果评价' });
    await see(row).toContainText('v2');
    await see(row).toContainText('启用中');

    // Finalised reviews keep version 1; the re-opened draft can move to version 2, where 1.1 is worth 20.
    await go(page, '#/projects');
    await page.getByTestId('register-search').fill(OVERDUE);
    await see(page.getByTestId('project-row')).toHaveCount(1);
    await page.getByTestId('project-row').first().click();
    await page.getByTestId('tab-reviews').click();
    await see(page.locator('[data-testid="review-row"][data-status="final"]').first()).toContainText('v1');
    await page.locator('[data-testid="review-row"][data-status="draft"] [data-testid="open-review"]').click();
    await see(page.getByTestId('score-1.1')).toHaveText('15.00');
    await page.getByTestId('use-newer').click();
    await see(page.getByTestId('review-editor')).toContainText('第 2 版');
    await see(page.getByTestId('score-1.1')).toHaveText('20.00');
    await see(page.getByTestId('value-1.1')).toHaveValue('15');
  });
});
