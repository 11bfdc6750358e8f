// Tabular exports: the shared XLSX/CSV writer, the project register and the pipeline by phase,
// read back the way a user's spreadsheet program would see them.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../../renderer/src/data/organisations';
import { createProject } from '../../../renderer/src/data/projects';
import { templateCsv, templateXlsx } from '../../../renderer/src/data/interchange/sheets/sheet-templates';
import { readSheetFile } from '../../../renderer/src/data/interchange/sheets/sheet-file';
import { pipelineByPhaseSheet } from '../../../renderer/src/data/reports/pipeline-by-phase';
import { projectRegisterSheet } from '../../../renderer/src/data/reports/project-register';
import { CSV_BOM, rowsToCsv, sheetsToXlsx, sheetToCsv, type TabularSheet } from '../../../renderer/src/data/reports/tabular';
import type { Translate } from '../../../renderer/src/data/reports/translate';
import { emptyProjectDraft } from '../../../renderer/src/domain/projects/project-rules';
import { guessMapping, SHEET_KINDS, validateRows } from '../../../renderer/src/domain/interchange/sheet-import';
import { enGB, lookup, zhCN } from '../../../renderer/src/i18n/catalogue';
import { interpolate } from '../../../renderer/src/i18n/format';
import { freshDb } from './helpers';

const zh: Translate = (key, params) => interpolate(lookup(zhCN, key) ?? key, params);
const en: Translate = (key, params) => interpolate(lookup(enGB, key) ?? key, params);

async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

const sample: TabularSheet = {
  name: '台账: 2024/一季度',
  columns: [
    { header: '名称' },
    { header: '金额', kind: 'money' },
    { header: '比例', kind: 'bp' },
    { header: '日期', kind: 'date' },
    { header: '数量', kind: 'integer' },
  ],
  rows: [
    ['城市大脑, "二期"', 123_456_789, 3000, '2024-03-01', 12],
    ['=HYPERLINK("x")', -5, null, '', 0],
  ],
};

describe('tabular: rows → CSV with BOM', () => {
  it('writes BOM, CRLF, quotes where needed, exact money and guards formula-like text', () => {
    expect(sheetToCsv(sample)).toBe(
      CSV_BOM +
        '名称,金额,比例,日期,数量\r\n' +
        // 123 456 789 fen = 1 234 567.89 yuan, written exactly; 3000 bp = 30.00 %.
        '"城市大脑, ""二期""",1234567.89,30.00%,2024-03-01,12\r\n' +
        '"\'=HYPERLINK(""x"")",-0.05,,,0\r\n',
    );
    expect(rowsToCsv([['a', null, 3]])).toBe(`${CSV_BOM}a,,3\r\n`);
  });
});

describe('tabular: rows → XLSX', () => {
  it('writes typed cells with number formats, a frozen filterable header and a legal sheet name', async () => {
    const wb = await readXlsx(await sheetsToXlsx([sample, { ...sample, name: sample.name }]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['台账  2024 一季度', '台账  2024 一季度-2']);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '名称', '金额', '比例', '日期', '数量']);
    expect(ws.getCell('A2').value).toBe('城市大脑, "二期"');
    expect(ws.getCell('B2').value).toBe(1234567.89);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C2').value).toBe(0.3);
    expect(ws.getCell('C2').numFmt).toBe('0.00%');
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('D3').value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('project register export', () => {
  it('lists the projects with translated labels and reads back as the same cells', async () => {
    const { db, w } = await freshDb();
    const dept = await createOrganisation(w, { name: '市大数据管理局', kind: 'government', creditCode: '', isSme: false, contact: '' });
    await createProject(w, { ...emptyProjectDraft('2024-01-05'), code: 'ZH-2', name: '一网通办', category: 'gov-services', departmentId: dept.id, budget: { amount: 8_205_000_050, currency: 'CNY' }, startDate: '2024-02-01', reviewCycle: 'yearly' });
    await createProject(w, { ...emptyProjectDraft('2024-01-05'), code: 'ZH-1', name: '城市大脑', category: 'city-brain', phase: 'operate', phaseSince: '2023-06-30' });

    const sheet = await projectRegisterSheet(db, zh);
    const wb = await readXlsx(await sheetsToXlsx([sheet]));
    const ws = wb.getWorksheet('项目登记')!;
    expect(ws.getRow(1).values).toEqual([undefined, '项目编号', '项目名称', '项目类别', '牵头部门', '项目阶段', '阶段起始日期', '总投资', '币种', '开始日期', '计划完成日期', '运营单位', '运营模式', '评价周期', '验收日期', '更新日期']);
    expect([1, 2, 3, 4, 5].map((c) => ws.getRow(2).getCell(c).value)).toEqual(['ZH-1', '城市大脑', '城市大脑', null, '运营']);
    expect([1, 2, 3, 4, 5, 7, 8].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['ZH-2', '一网通办', '一网通办', '市大数据管理局', '规划', 82050000.5, 'CNY']);
    expect(ws.getRow(3).getCell(13).value).toBe('每年');

    // The exported register is a valid import sheet (once its codes are new).
    const rows = (await readSheetFile(await sheetsToXlsx([sheet]))).rows.map((r, i) => (i === 0 ? r : [`NEW-${r[0]}`, ...r.slice(1)]));
    const orgsByName = new Map([['市大数据管理局', { id: dept.id, isSme: false }]]);
    const check = validateRows('projects', rows, guessMapping('projects', rows[0]), {
      locale: 'zh-CN', existingProjectCodes: new Map(), orgsByName, enumLabels: [zhCN.enums, enGB.enums], today: '2026-11-24',
    });
    expect(check.errors).toEqual([]);
    expect(check.valid.map((v) => [v.record.code, v.record.phase, v.record.budget.amount, v.record.reviewCycle])).toEqual([
      ['NEW-ZH-1', 'operate', 0, ''],
      ['NEW-ZH-2', 'plan', 8_205_000_050, 'yearly'],
    ]);
  });

  it('applies the register filters and speaks English when asked', async () => {
    const { db, w } = await freshDb();
    await createProject(w, { ...emptyProjectDraft('2024-01-05'), code: 'A', name: 'Brain', category: 'city-brain' });
    await createProject(w, { ...emptyProjectDraft('2024-01-05'), code: 'B', name: 'Portal', category: 'gov-services' });
    const sheet = await projectRegisterSheet(db, en, { category: 'gov-services' });
    expect(sheet.columns[0].header).toBe('Project code');
    expect(sheet.rows.map((r) => r.slice(0, 5))).toEqual([['B', 'Portal', 'One-stop government services', '', 'Plan']]);
  });
});

describe('pipeline by phase export', () => {
  it('counts projects and sums budgets per phase and category, with subtotals and totals per currency', async () => {
    const { db, w } = await freshDb();
    const add = (code: string, category: 'city-brain' | 'gov-services', phase: 'plan' | 'build', amount: number, currency = 'CNY') =>
      createProject(w, { ...emptyProjectDraft('2024-01-05'), code, name: code, category, phase, budget: { amount, currency } });
    await add('1', 'city-brain', 'plan', 100);
    await add('2', 'city-brain', 'plan', 250);
    await add('3', 'gov-services', 'plan', 1);
    await add('4', 'gov-services', 'build', 1000);
    await add('5', 'gov-services', 'build', 7, 'EUR');
    const sheet = await pipelineByPhaseSheet(db, zh);
    expect(sheet.rows).toEqual([
      ['规划', '城市大脑', 2, 'CNY', 350],
      ['规划', '一网通办', 1, 'CNY', 1],
      ['规划', '小计', 3, 'CNY', 351],
      ['建设', '一网通办', 1, 'CNY', 1000],
      ['建设', '一网通办', 1, 'EUR', 7],
      ['建设', '小计', 1, 'CNY', 1000],
      ['建设', '小计', 1, 'EUR', 7],
      ['合计', '小计', 4, 'CNY', 1351],
      ['合计', '小计', 1, 'EUR', 7],
    ]);
    expect(sheetToCsv(sheet).split('\r\n')[3]).toBe('规划,小计,3,CNY,3.51');
  });
});

describe('import templates', () => {
  it.each(SHEET_KINDS)('the %s template (CSV and XLSX) reads back as its own headers and example', async (kind) => {
    for (const [locale, tr, labels] of [['zh-CN', zh, zhCN.enums], ['en', en, enGB.enums]] as const) {
      const csv = templateCsv(kind, locale);
      expect(csv.startsWith(CSV_BOM)).toBe(true);
      const fromCsv = await readSheetFile(new TextEncoder().encode(csv));
      const fromXlsx = await readSheetFile(await templateXlsx(kind, locale, tr, labels));
      expect(fromXlsx.rows).toEqual(fromCsv.rows.map((r) => { const out = [...r]; while (out.length && out[out.length - 1] === '') out.pop(); return out; }));
      expect(Object.values(guessMapping(kind, fromCsv.rows[0])).every((col) => col !== null)).toBe(true);
    }
  });

  it('the XLSX template explains each column and lists the allowed values in the user’s language', async () => {
    const wb = await readXlsx(await templateXlsx('contracts', 'zh-CN', zh, zhCN.enums));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['导入数据', '填写说明']);
    const guide = wb.getWorksheet('填写说明')!;
    const typeRow = guide.getRows(2, guide.rowCount - 1)!.find((r) => r.getCell(1).value === '合同类型')!;
    expect(typeRow.getCell(2).value).toBe('是');
    expect(typeRow.getCell(3).value).toBe('建设-运营-移交（BOT）、政府和社会资本合作（PPP）、政府购买服务、传统采购（总集成+分包）、企业投资建设、政府租赁服务');
  });
});
