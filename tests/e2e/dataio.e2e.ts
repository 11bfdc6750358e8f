// Data in and out in Chromium: a spreadsheet with bad rows is refused row by row in the user's
// language and nothing is stored; the corrected sheet (GBK CSV, as Excel on Chinese Windows saves
// it) imports; the OC4IDS example imports with its unmapped report; the portfolio exports as a
// schema-valid OC4IDS package; the register exports as XLSX whose cells read back.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gbk } from '../support/gbk';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

const assetPath = (name: string) => fileURLToPath(new URL(`../../assets/oc4ids/${name}`, import.meta.url));

async function registerCount(page: Page): Promise<number> {
  await go(page, '#/projects');
  await page.getByTestId('project-row').first().waitFor();
  return Number((await page.getByTestId('register-count').innerText()).replace(/\D/g, ''));
}

async function chooseFile(page: Page, button: string, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(button).click();
  await (await chooser).setFiles(path);
}

async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const pending = page.waitForEvent('download');
  await click();
  const d = await pending;
  return { download: d, bytes: readFileSync((await d.path())!) };
}

describe('spreadsheet import, OC4IDS and portfolio exports', () => {
  let app: AppSession;
  let dir: string;
  let badXlsx: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scw-dataio-'));
    // A register as offices keep it: a title row, the header on row 2, amounts in 万元.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目清单');
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = '2025年新增智慧城市项目';
    ws.addRow(['项目编号', '项目名称', '项目类别', '主管部门', '总投资（万元）', '开始日期']);
    ws.addRow(['ZH-2025-101', '城市生命线监测平台', '公共安全', '市应急管理局', 2600, '2025-03-01']);
    ws.addRow(['ZH-2025-102', '数字孪生城市底座', '时空信息', '不存在的局', 4100, '2025-13-01']);
    ws.addRow(['ZH-2020-001', '城市大脑一期（重复）', '城市大脑', '市大数据管理局', 100, '2025-01-01']);
    badXlsx = join(dir, '新增项目.xlsx');
    writeFileSync(badXlsx, new Uint8Array(await wb.xlsx.writeBuffer()));

    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '张晓明');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a sheet with bad rows, row by row in Chinese, and stores nothing; the corrected GBK CSV imports', async () => {
    const { page } = app;
    const before = await registerCount(page);

    await go(page, '#/data/import');
    await chooseFile(page, 'sheet-open', badXlsx);
    const mapping = page.getByTestId('sheet-mapping');
    await see(mapping.getByTestId('header-row')).toHaveValue('2');
    await see(page.getByTestId('map-code')).toHaveValue('0');
    await see(page.getByTestId('map-budget')).toHaveValue('4');
    await see(page.getByTestId('map-phase')).toHaveValue('');
    await see(page.getByTestId('mapping-source')).toContainText('已按列名自动对应');
    await see(page.getByTestId('sheet-preview').locator('tbody tr')).toHaveCount(3);

    await page.getByTestId('sheet-check').click();
    await see(page.getByTestId('sheet-rejected')).toContainText('发现 3 个问题，涉及 2 行。没有导入任何数据');
    const errors = page.getByTestId('sheet-error');
    await see(errors).toHaveCount(3);
    await see(errors.nth(0)).toContainText('4');
    await see(errors.nth(0)).toContainText('牵头部门（D 列）');
    await see(errors.nth(0)).toContainText('组织名录中没有“不存在的局”，请先在组织名录中添加。');
    await see(errors.nth(1)).toContainText('“2025-13-01”不是可识别的日期');
    await see(page.locator('[data-testid="sheet-error"][data-row="5"]')).toContainText('编号“ZH-2020-001”已存在。');

    expect(await registerCount(page)).toBe(before);

    // Corrected in Excel and saved as CSV on Chinese Windows: GBK, header on row 1 this time.
    const fixed = join(dir, '新增项目-修正.csv');
    writeFileSync(
      fixed,
      gbk(
        '项目编号,项目名称,项目类别,主管部门,总投资（万元）,开始日期\r\n' +
          'ZH-2025-101,城市生命线监测平台,公共安全,市应急管理局,2600,2025-03-01\r\n' +
          'ZH-2025-102,数字孪生城市底座,时空信息,市规划和自然资源局,4100,2025/4/1\r\n' +
          'ZH-2025-103,城市大脑一期运营评估,城市大脑,市大数据管理局,100,2025年1月1日\r\n',
      ),
    );
    await go(page, '#/data/import');
    await chooseFile(page, 'sheet-reopen', fixed);
    await see(page.getByTestId('sheet-encoding')).toContainText('GBK / GB18030');
    await see(page.getByTestId('header-row')).toHaveValue('1');
    // Same headers as before: the mapping confirmed then is applied again.
    await see(page.getByTestId('mapping-source')).toContainText('已套用上次');
    await page.getByTestId('sheet-check').click();
    await see(page.getByTestId('sheet-valid')).toContainText('全部 3 行校验通过');
    await page.getByTestId('sheet-apply').click();
    await see(page.getByTestId('sheet-done')).toContainText('新建 3 条记录');
    await page.getByTestId('sheet-open-register').click();
    await see(page.getByTestId('register-count')).toHaveText(`共 ${before + 3} 个项目`);
    await page.getByTestId('register-search').fill('ZH-2025-101');
    await see(page.getByTestId('project-row')).toHaveCount(1);
    await see(page.getByTestId('project-row').first()).toContainText('ZH-2025-101');
    await see(page.getByTestId('project-row').first()).toContainText('2600');
    await page.getByTestId('register-search').fill('');
  });

  it('shows the per-row messages in English when the user works in English', async () => {
    const { page } = app;
    await page.evaluate(() => localStorage.setItem('workbench.locale', 'en'));
    await page.reload();
    await go(page, '#/data/import');
    // A reload starts the import afresh.
    await chooseFile(page, 'sheet-open', badXlsx);
    await page.getByTestId('sheet-check').click();
    // The three rows of the first sheet now all clash or fail.
    await see(page.getByTestId('sheet-rejected')).toContainText('Nothing was imported');
    await see(page.locator('[data-testid="sheet-error"][data-code="badDate"]')).toContainText('“2025-13-01” is not a date we can read');
    await see(page.locator('[data-testid="sheet-error"][data-code="unknownOrg"]')).toContainText('Department (column D)');
    await page.evaluate(() => localStorage.setItem('workbench.locale', 'zh-CN'));
    await page.reload();
  });

  it('imports the OC4IDS example: preview, unmapped report, then the project', async () => {
    const { page } = app;
    await go(page, '#/data/oc4ids');
    await chooseFile(page, 'oc4ids-open', assetPath('example.json'));
    await see(page.getByTestId('oc4ids-count-projects')).toContainText('1');
    await see(page.getByTestId('oc4ids-count-contracts')).toContainText('3');
    await see(page.getByTestId('oc4ids-count-payments')).toContainText('1');
    await see(page.getByTestId('oc4ids-project')).toContainText('M75/SM/4-5');
    await see(page.locator('[data-testid="oc4ids-unmapped-row"][data-path="license"]')).toContainText('工作台没有对应字段，未导入。');
    await see(page.locator('[data-testid="oc4ids-unmapped-row"][data-path="projects[0].contractingProcesses[0]"]')).toContainText('已按“传统采购”导入');
    await see(page.locator('[data-testid="oc4ids-unmapped-row"][data-path="projects[0].transactions"]')).toContainText('没有对应合同');
    await page.getByTestId('oc4ids-apply').click();
    await see(page.getByTestId('oc4ids-imported')).toContainText('已导入 1 个项目');
    await page.getByTestId('oc4ids-open-project').click();
    await see(page.getByTestId('project-title')).toHaveText('M75 Junctions 4 to 5 upgrade smart motorway');

    // The same file again: the code exists, so the project is flagged and nothing would be created.
    await go(page, '#/data/oc4ids');
    await chooseFile(page, 'oc4ids-open', assetPath('example.json'));
    await see(page.getByTestId('oc4ids-clashes')).toContainText('1 个项目');
    await see(page.getByTestId('oc4ids-project')).toContainText('编号已存在，跳过');
    await page.getByTestId('oc4ids-cancel').click();
  });

  it('exports the whole portfolio as an OC4IDS package that validates against the schema', async () => {
    const { page } = app;
    const total = await registerCount(page);
    await go(page, '#/data/oc4ids');
    await page.getByTestId('oc4ids-scope-all').check();
    const { download: d, bytes } = await download(page, () => page.getByTestId('oc4ids-export-button').click());
    expect(d.suggestedFilename()).toMatch(/^OC4IDS项目包-\d{4}-\d{2}-\d{2}\.json$/);
    const pkg = JSON.parse(bytes.toString('utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv as never);
    ajv.addSchema(JSON.parse(readFileSync(assetPath('project-schema.json'), 'utf8')), 'https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json');
    const validate = ajv.compile(JSON.parse(readFileSync(assetPath('project-package-schema.json'), 'utf8')));
    const ok = validate(pkg);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(pkg.projects).toHaveLength(total);
    expect(pkg.publisher.name).toBe('市大数据管理局');
    const m75 = pkg.projects.find((p: { identifiers: { id: string }[] }) => p.identifiers[0].id === 'M75/SM/4-5');
    expect(m75.contractingProcesses).toHaveLength(3);
  });

  it('exports the register as XLSX from the register and reads the cells back', async () => {
    const { page } = app;
    await go(page, '#/projects');
    await page.getByTestId('project-row').first().waitFor();
    await page.getByTestId('register-export').click();
    const { download: d, bytes } = await download(page, () => page.getByTestId('register-export-xlsx').click());
    expect(d.suggestedFilename()).toMatch(/^项目登记表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('项目登记')!;
    expect([1, 2, 3, 4, 5, 7, 8].map((c) => ws.getRow(1).getCell(c).value)).toEqual(['项目编号', '项目名称', '项目类别', '牵头部门', '项目阶段', '总投资', '币种']);
    const rows = ws.getRows(2, ws.rowCount - 1)!;
    const brain = rows.find((r) => r.getCell(1).value === 'ZH-2020-001')!;
    // 38 600 万元 = 386 000 000 yuan.
    expect([2, 3, 4, 5, 7, 8].map((c) => brain.getCell(c).value)).toEqual(['城市大脑一期（城市运行中枢）', '城市大脑', '市大数据管理局', '运营', 386_000_000, 'CNY']);
    const imported = rows.find((r) => r.getCell(1).value === 'ZH-2025-102')!;
    expect([2, 4, 7].map((c) => imported.getCell(c).value)).toEqual(['数字孪生城市底座', '市规划和自然资源局', 41_000_000]);
    expect((imported.getCell(9).value as Date).toISOString().slice(0, 10)).toBe('2025-04-01');

    // The Data section offers the same register and the pipeline by phase as CSV with a BOM.
    await go(page, '#/data/exports');
    const csv = await download(page, () => page.getByTestId('export-pipeline-csv').click());
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    // Words as in the workbook, each worded column followed by its codes; totals rows have none.
    expect(lines[0]).toBe('阶段,阶段代码,类别,类别代码,项目数,币种,总投资');
    expect(lines.some((l) => /^运营,operate,城市大脑,city-brain,\d+,CNY,\d+\.\d{2}$/.test(l))).toBe(true);
    expect(lines.some((l) => /^合计,,小计,,\d+,CNY,\d+\.\d{2}$/.test(l))).toBe(true);
  });
});
