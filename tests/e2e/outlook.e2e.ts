// The fiscal outlook in Chromium on the demo portfolio: budgets entered on the budgets screen, a
// year pushed over the PPP red line, the items behind a figure opened, the late-payment scenario
// kept across a reload, and the XLSX export read back cell by cell.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

const AS_OF = '2026-11-24';

/** '¥1,234,567.80' → 123456780 fen. */
const fen = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const pending = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  const d = await pending;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** Rows of one IndexedDB store of the app's database, read in the page. */
function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('smart-city-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).count();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

async function enterBudget(page: Page, kind: 'general-expenditure' | 'appropriation', year: number, wan: string, department = '') {
  await page.getByTestId('budget-kind').selectOption(kind);
  if (department) await page.getByTestId('budget-department').selectOption({ label: department });
  await page.getByTestId('budget-year').fill(String(year));
  await page.getByTestId('budget-amount').fill(wan);
  await page.getByTestId('budget-unit').selectOption('wan');
  await page.getByTestId('budget-save').click();
}

describe('fiscal outlook', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '张晓明');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is in the main navigation and shows the years ahead with the red line', async () => {
    const { page } = app;
    await go(page, '#/dashboard');
    await page.getByTestId('nav-outlook').click();
    await page.getByTestId('outlook-chart').waitFor();
    await see(page.getByTestId('red-line-row')).toHaveCount(10);
    // The demo's 2027 budget expenditure (398,100万) is far above its PPP spending.
    await see(page.locator('[data-testid="red-line-row"][data-year="2027"]')).toHaveAttribute('data-status', 'ok');
  });

  it('enters budgets; a year whose budget expenditure is too small breaches the red line', async () => {
    const { page } = app;
    await go(page, '#/outlook/budgets');
    // A new year's figure and a new appropriation are entered; a second figure for a year that has one is refused.
    await enterBudget(page, 'general-expenditure', 2032, '461,400');
    await see(page.locator('[data-testid="general-row"][data-year="2032"] [data-testid="general-amount"]')).toHaveText('¥4,614,000,000.00');
    await enterBudget(page, 'general-expenditure', 2027, '1000');
    await see(page.locator('#bf-year-error')).toContainText('2027 年已有这一项');
    await enterBudget(page, 'appropriation', 2029, '2,500', '市应急管理局');
    await see(page.locator('[data-testid="appropriation-row"]').filter({ hasText: '市应急管理局' }).locator('[data-testid="appropriation-cell"][data-year="2029"]')).toHaveText('¥25,000,000.00');

    // Correct 2027 down to 20,000万: the PPP spending of about 3,000万 is now over 10% of it.
    await page.locator('[data-testid="general-row"][data-year="2027"]').getByRole('button', { name: '修改' }).click();
    await see(page.getByTestId('budget-amount')).toHaveValue('398100');
    await page.getByTestId('budget-amount').fill('20000');
    await page.getByTestId('budget-save').click();
    await see(page.locator('[data-testid="general-row"][data-year="2027"] [data-testid="general-amount"]')).toHaveText('¥200,000,000.00');

    await go(page, `#/outlook?asOf=${AS_OF}`);
    const row = page.locator('[data-testid="red-line-row"][data-year="2027"]');
    await see(row).toHaveAttribute('data-status', 'breach');
    await see(row.getByTestId('red-line-status')).toHaveText('超出红线');
    const ppp = fen(await row.getByTestId('red-line-ppp').innerText());
    const ratio = Number((await row.getByTestId('red-line-ratio').innerText()).replace('%', ''));
    expect(ppp).toBeGreaterThan(20_000_000_00);
    expect(Math.abs(ratio - (ppp / 200_000_000_00) * 100)).toBeLessThan(0.01);
    await see(page.locator('[data-testid="red-line-row"][data-year="2032"]')).toHaveAttribute('data-status', 'ok');
    await see(page.getByTestId('kpi-ppp')).toContainText('2027');
  });

  it('opens the obligations behind a figure: the lines add up to it and name their contracts', async () => {
    const { page } = app;
    await go(page, `#/outlook?asOf=${AS_OF}`);
    const row = page.locator('[data-testid="red-line-row"][data-year="2027"]');
    const ppp = fen(await row.getByTestId('red-line-ppp').innerText());
    await row.getByTestId('red-line-ppp').click();
    const dialog = page.getByTestId('outlook-lines');
    await dialog.getByTestId('outlook-line').first().waitFor();
    const amounts = await dialog.getByTestId('line-amount').allInnerTexts();
    expect(amounts.reduce((s, a) => s + fen(a), 0)).toBe(ppp);
    const text = await dialog.innerText();
    expect(text).toContain('JT-PPP-2021-01');
    expect(text).toContain('YJ-PPP-2024-02');
    // A scheduled obligation is named by its own record.
    expect(await dialog.locator('[data-testid="outlook-line"]:not([data-obligation=""])').count()).toBeGreaterThan(0);
    await dialog.getByTestId('lines-close').click();

    // By project: 城市生命线's PPP is scheduled to 2029-05-31 and projected after it, indexed 1.5% a year.
    await go(page, `#/outlook?asOf=${AS_OF}&dim=project&m=projected`);
    const project = page.getByTestId('outlook-row').filter({ hasText: 'ZH-2024-015' });
    await project.locator('[data-testid="outlook-cell"][data-year="2030"]').click();
    await see(dialog.getByTestId('lines-summary')).toContainText('¥9,947,000.00');
    await see(dialog.getByTestId('line-item')).toContainText('测算：可用性付费');
    await dialog.getByTestId('lines-close').click();
  });

  it('a late-payment scenario changes the figures, never the data, and survives a reload', async () => {
    const { page } = app;
    await go(page, `#/outlook?asOf=${AS_OF}`);
    const total = page.getByTestId('kpi-total');
    await total.waitFor();
    const base = await total.innerText();
    const logBefore = await countRows(page, 'changeLog');
    await page.getByTestId('scenario-late').fill('120');
    await page.getByTestId('scenario-late').dispatchEvent('change');
    await page.waitForFunction(() => location.hash.includes('late=120'));
    await see(page.getByTestId('scenario-banner')).toContainText('120 天');
    await page.waitForFunction((b) => document.querySelector('[data-testid="kpi-total"]')?.textContent !== b, base);
    // Nothing was written: the change log has not grown.
    expect(await countRows(page, 'changeLog')).toBe(logBefore);
    await page.reload();
    await see(page.getByTestId('scenario-late')).toHaveValue('120');
    await see(page.getByTestId('scenario-banner')).toContainText('120 天');
    await page.getByTestId('scenario-reset').click();
    await see(total).toHaveText(base);
  });

  it('exports the outlook as XLSX, one sheet per view, and the figures read back', async () => {
    const { page } = app;
    await go(page, `#/outlook?asOf=${AS_OF}`);
    const row = page.locator('[data-testid="red-line-row"][data-year="2027"]');
    const ppp = fen(await row.getByTestId('red-line-ppp').innerText());
    const xlsx = await download(page, 'outlook-export');
    expect(xlsx.name).toBe(`财政支出责任测算-${AS_OF}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按年度', '按付款部门', '按合同类型', '按项目', '测算口径']);
    const byYear = wb.getWorksheet('按年度')!;
    const header = (byYear.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['年度', '已排期应付', '测算未排期费用', '欠款及跨年结转', '逾期利息', '合计', '其中绩效挂钩', 'PPP 支出责任', '一般公共预算支出', '占比', '状态', '依据']);
    const y2027 = (byYear.getRow(3).values as unknown[]).slice(1);
    expect(y2027[0]).toBe(2027);
    expect(Math.round((y2027[7] as number) * 100)).toBe(ppp);
    expect(y2027[8]).toBe(200_000_000);
    expect(y2027[10]).toBe('超出红线');
    expect(y2027[11]).toBe('财金〔2019〕10号');
    const kinds = wb.getWorksheet('按合同类型')!;
    const kindTypes = new Set<unknown>();
    kinds.eachRow((r, i) => void (i > 1 && kindTypes.add((r.values as unknown[])[1])));
    expect(kindTypes).toContain('政府和社会资本合作（PPP）');
    const assumptions = wb.getWorksheet('测算口径')!;
    expect((assumptions.getRow(2).values as unknown[]).slice(1)).toEqual(['测算基准日', AS_OF]);
  });
});
