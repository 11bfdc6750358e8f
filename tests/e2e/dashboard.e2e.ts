// Dashboard on the demo office: the figures add up from the stored records and every chart opens
// the matching filtered list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

/** Clicks the middle of bar `index` of `count` in a vertical bar chart, low enough to hit any bar. */
async function clickBar(app: AppSession, testid: string, index: number, count: number): Promise<void> {
  await app.page.getByTestId(testid).scrollIntoViewIfNeeded();
  const box = await app.page.getByTestId(testid).boundingBox();
  if (!box) throw new Error(`${testid} not visible`);
  const left = box.x + 45; // y-axis ticks and title
  const x = left + ((box.width - 45) * (index + 0.5)) / count;
  await app.page.mouse.click(x, box.y + box.height - 40);
}

describe('dashboard', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '王芳');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the portfolio figures and opens the register filtered by the clicked phase', async () => {
    const { page } = app;
    await go(page, '#/dashboard?asOf=2026-06-30');
    await see(page.getByTestId('kpi-projects')).toContainText('16');
    await page.getByTestId('chart-phase').waitFor();
    await page.getByTestId('chart-department').waitFor();
    // Overdue money and late interest come from the demo's late O&M payments.
    expect(await page.getByTestId('kpi-overdue').innerText()).toMatch(/¥[\d.,]+万/);
    expect(await page.getByTestId('kpi-interest').innerText()).toMatch(/¥[\d.,]+万/);
    await page.waitForTimeout(300); // chart layout settles
    await clickBar(app, 'chart-phase', 2, 6); // 规划, 建设, [运营], …
    await page.waitForFunction(() => location.hash.startsWith('#/projects?phase=operate'));
    await see(page.getByTestId('filter-phase')).toHaveValue('operate');
    await see(page.getByTestId('register-count')).toHaveText('共 6 个项目');
  });

  it('opens the task board filtered by the clicked task status', async () => {
    const { page } = app;
    await go(page, '#/dashboard?asOf=2026-06-30');
    await page.getByTestId('chart-tasks').waitFor();
    await page.waitForTimeout(300);
    await clickBar(app, 'chart-tasks', 0, 5); // [待整改], 整改中, 已整改, 已验证, 其中逾期
    await page.waitForFunction(() => location.hash.startsWith('#/audits/tasks?status=open'));
    await see(page.getByTestId('task-filter-status')).toHaveValue('open');
  });

  it('opens the arrears view for the same date from the aging chart', async () => {
    const { page } = app;
    await go(page, '#/dashboard?asOf=2026-06-30');
    await page.getByTestId('chart-aging').waitFor();
    await page.waitForTimeout(300);
    await clickBar(app, 'chart-aging', 5, 6); // > 2 years
    await page.waitForFunction(() => location.hash.startsWith('#/contracts/arrears') && location.hash.includes('asOf=2026-06-30'));
    await see(page.getByTestId('asof-input')).toHaveValue('2026-06-30');
  });
});
