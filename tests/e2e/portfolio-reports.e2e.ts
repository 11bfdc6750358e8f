// Portfolio reports from Data → 报表导出 in Chromium: the arrears aging workbook for a chosen as-of
// date read back cell by cell (and checked against the arrears screen for the same date), the
// department CSV with its BOM, and the review league table and 重建轻运 watch list workbooks.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

const AS_OF = '2026-06-30';

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const pending = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  const d = await pending;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) out.push((ws.getRow(r).values as unknown[]).slice(1));
  return out;
}

/** '7,910,000.00' → 791000000 fen; '—' → 0. */
const fen = (text: string) => (text.trim() === '—' ? 0 : Math.round(Number(text.replace(/,/g, '')) * 100));

describe('portfolio reports', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '张晓明');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exports the arrears aging workbook as of a chosen date; its cells match the arrears screen', async () => {
    const { page } = app;
    // What the arrears screen shows for the department owed most, as of the same date.
    await go(page, `#/contracts/arrears?asOf=${AS_OF}&by=department`);
    const first = page.getByTestId('aging-row').first();
    await first.waitFor();
    const deptName = (await first.locator('td').first().innerText()).trim();
    const screen = {
      y2p: fen(await first.getByTestId('aging-cell-y2p').innerText()),
      overdue: fen(await first.getByTestId('aging-overdue').innerText()),
      interest: fen(await first.getByTestId('aging-interest').innerText()),
    };
    expect(screen.overdue).toBeGreaterThan(0);

    await go(page, '#/data/exports');
    await page.getByTestId('exports-asof').fill(AS_OF);
    await page.getByTestId('exports-asof').dispatchEvent('change');
    await see(page.getByTestId('export-arrears-aging-asof')).toContainText('2026');
    await page.waitForFunction(() => location.hash.includes('asOf=2026-06-30'));

    const xlsx = await download(page, 'export-arrears-aging-xlsx');
    expect(xlsx.name).toBe(`欠款账龄分析-${AS_OF}.xlsx`);
    const wb = await workbook(xlsx.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按付款部门', '按合同类型', '按收款方']);
    const dept = rowsOf(wb.getWorksheet('按付款部门')!);
    expect(dept[0]).toEqual(['付款部门', '币种', '逾期笔数', '未付金额（含未到期）', '逾期未付', '30 天以内', '31–90 天', '91–180 天', '181–365 天', '1–2 年', '2 年以上', '逾期利息', '争议/暂扣']);
    // Largest overdue first, as on the screen: same department, same figures (yuan in the workbook).
    expect(dept[1][0]).toBe(deptName);
    expect(dept[1][1]).toBe('CNY');
    expect(typeof dept[1][4]).toBe('number');
    expect(Math.round((dept[1][4] as number) * 100)).toBe(screen.overdue);
    expect(Math.round(((dept[1][10] as number | null) ?? 0) * 100)).toBe(screen.y2p);
    expect(Math.round((dept[1][11] as number) * 100)).toBe(screen.interest);
    expect(dept.at(-1)![0]).toBe('合计');

    const payee = rowsOf(wb.getWorksheet('按收款方')!);
    expect(payee[0].slice(0, 3)).toEqual(['收款方', '中小企业', '币种']);
    expect(payee[1][1]).toBe('是');

    const csv = await download(page, 'export-arrears-aging-csv');
    expect(csv.name).toBe(`欠款账龄分析-${AS_OF}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe((dept[0] as string[]).join(','));
    expect(lines[1].startsWith(`${deptName},CNY,`)).toBe(true);
  });

  it('exports the review league table and the watch list in English', async () => {
    const { page } = app;
    await page.evaluate(() => localStorage.setItem('workbench.locale', 'en'));
    await go(page, `#/data/exports?asOf=${AS_OF}`);
    await page.reload();
    await see(page.getByTestId('export-review-league')).toContainText('Review league table');

    const league = await download(page, 'export-review-league-xlsx');
    expect(league.name).toBe(`review-league-table-${AS_OF}.xlsx`);
    const rows = rowsOf((await workbook(league.bytes)).getWorksheet('Review league table')!);
    expect(rows[0].slice(0, 3)).toEqual(['Rank', 'Project code', 'Project']);
    expect(rows[1][0]).toBe(1);
    const scores = rows.slice(1).filter((r) => typeof r[0] === 'number').map((r) => r[8] as number);
    expect(scores.length).toBeGreaterThanOrEqual(4);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const watch = await download(page, 'export-watch-list-xlsx');
    const wrows = rowsOf((await workbook(watch.bytes)).getWorksheet('Review watch list')!);
    expect(wrows[0].slice(0, 2)).toEqual(['Status', 'Project code']);
    const byCode = new Map(wrows.slice(1).map((r) => [r[1], r[0]]));
    expect(byCode.get('ZH-2018-003')).toBe('Overdue');
    expect(byCode.get('ZH-2019-016')).toBe('No review cycle');
    await page.evaluate(() => localStorage.setItem('workbench.locale', 'zh-CN'));
  });
});
