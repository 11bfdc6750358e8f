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

  it('one stored row out of range and one payment in dollars: named and left out, the dashboard and the arrears view still computed', async () => {
    const { page } = app;
    await go(page, '#/dashboard?asOf=2026-06-30');
    await page.getByTestId('chart-aging').waitFor();
    // Written straight into IndexedDB as an old import or a hand-edited backup could have left them,
    // with the contracts marked for a ledger rebuild (as the app's own writes would).
    const ids = await page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = <T,>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as T[]);
          req.onerror = () => reject(req.error);
        });
      type Row = { id: string; contractId: string; deleted: number; amount: { amount: number; currency: string } };
      const obligations = (await all<Row>('obligations')).filter((o) => !o.deleted);
      const payments = (await all<Row & { obligationId: string }>('payments')).filter((p) => !p.deleted);
      const bad = obligations[0];
      const paid = payments.find((p) => p.contractId !== bad.contractId)!;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['obligations', 'payments', 'ledgerStale'], 'readwrite');
        tx.objectStore('obligations').put({ ...bad, amount: { amount: 2 ** 60, currency: bad.amount.currency } });
        tx.objectStore('payments').put({ ...paid, id: 'e2e-usd-payment', voucherNo: 'USD-E2E', amount: { amount: 50_000_000_00, currency: 'USD' } });
        tx.objectStore('ledgerStale').put({ id: bad.contractId });
        tx.objectStore('ledgerStale').put({ id: paid.contractId });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return { badObligation: bad.id, badContract: bad.contractId, usdContract: paid.contractId };
    }, 'smart-city-workbench');

    await page.reload();
    await see(page.getByTestId('dashboard-held-apart')).toContainText('2 条');
    await page.getByTestId('chart-aging').waitFor();
    expect(await page.getByTestId('kpi-overdue').innerText()).toMatch(/¥[\d.,]+万/);

    await page.getByTestId('dashboard-held-apart').click();
    await see(page.getByTestId('arrears-total-overdue')).toContainText('¥');
    const rows = page.getByTestId('held-apart-row');
    await see(rows).toHaveCount(2);
    await see(page.locator(`[data-testid="held-apart-row"][data-row="${ids.badObligation}"]`)).toContainText('不是有效的整数分或超出范围');
    const usd = page.locator('[data-testid="held-apart-row"][data-row="e2e-usd-payment"]');
    await see(usd).toContainText('凭证 USD-E2E');
    await see(usd).toContainText('工作台不做汇率折算');
    // Each names its contract by code, linking to it.
    await see(usd.locator('a')).toContainText('合同 ');
  });
});
