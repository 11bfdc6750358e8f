// Screenshots of the spreadsheet import's mapping step and error report, in zh-CN and en.
// Usage: vite build && node --import tsx tests/screens/dataio.ts [outDir]
import { chromium, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'scw-dataio-shots-'));

const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('项目清单');
ws.mergeCells('A1:G1');
ws.getCell('A1').value = '2025年新增智慧城市项目';
ws.addRow(['项目编号', '项目名称', '项目类别', '主管部门', '总投资（万元）', '开始日期', '备注']);
ws.addRow(['ZH-2025-101', '城市生命线监测平台', '公共安全', '市应急管理局', 2600, '2025-03-01', '']);
ws.addRow(['ZH-2025-102', '数字孪生城市底座', '时空信息', '不存在的局', 4100, '2025-13-01', '']);
ws.addRow(['ZH-2020-001', '城市大脑一期（重复）', '城市大脑', '市大数据管理局', '一百万', '2025-01-01', '与已有项目重复']);
ws.addRow(['', '智慧停车二期', '智慧停车', '市交通运输局', 1200, '2025/6/1', '']);
const file = join(work, '新增项目.xlsx');
writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));

const { server, url } = (await startStaticServer({ root: 'dist', port: 0 })) as { server: import('node:http').Server; url: string };
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 1000 },
  locale: 'zh-CN',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page: Page = context.pages()[0] ?? (await context.newPage());
try {
  await page.goto(`${url}#/settings`);
  await page.getByTestId('op-name').fill('张晓明');
  await page.getByTestId('op-dept').fill('市大数据管理局项目管理处');
  await page.getByTestId('op-save').click();
  await page.getByTestId('load-demo').click();
  await page.getByTestId('load-demo').and(page.locator(':disabled')).waitFor();
  // The button is disabled while loading too; the register filling up says the load committed.
  await page.goto(`${url}#/projects`);
  await page.getByTestId('project-row').first().waitFor();
  for (const locale of ['zh-CN', 'en'] as const) {
    await page.evaluate((l) => localStorage.setItem('workbench.locale', l), locale);
    await page.goto(`${url}#/data/import`);
    await page.reload();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('sheet-open').click();
    await (await chooser).setFiles(file);
    await page.getByTestId('sheet-mapping').waitFor();
    await page.waitForTimeout(300);
    const suffix = locale === 'zh-CN' ? 'zh' : 'en';
    await page.screenshot({ path: join(out, `import-mapping-${suffix}.png`), fullPage: true });
    await page.getByTestId('sheet-check').click();
    await page.getByTestId('sheet-rejected').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `import-errors-${suffix}.png`), fullPage: true });
    console.log(`import-mapping-${suffix}.png import-errors-${suffix}.png`);
  }
  await page.evaluate(() => localStorage.setItem('workbench.locale', 'zh-CN'));
  await page.goto(`${url}#/data/oc4ids`);
  await page.reload();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('oc4ids-open').click();
  await (await chooser).setFiles(fileURLToPath(new URL('../../assets/oc4ids/example.json', import.meta.url)));
  await page.getByTestId('oc4ids-unmapped').waitFor();
  await page.screenshot({ path: join(out, 'oc4ids-preview-zh.png'), fullPage: true });
  await page.goto(`${url}#/data/exports`);
  await page.getByTestId('portfolio-exports').waitFor();
  await page.screenshot({ path: join(out, 'exports-zh.png') });
  console.log('oc4ids-preview-zh.png exports-zh.png');
} finally {
  await context.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
