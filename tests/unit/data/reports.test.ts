// Tabular exports: the shared XLSX/CSV writer, the project register and the pipeline by phase,
// read back the way a user's spreadsheet program would see them.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../../renderer/src/data/organisations';
import { createProject } from '../../../renderer/src/data/projects';
import { templateCsv, templateXlsx } from '../../../renderer/src/data/interchange/sheets/sheet-templates';
import { readSheetFile } from '../../../renderer/src/data/interchange/sheets/sheet-file';
import { pipelineByPhaseSheet } from '../../../renderer/src/data/reports/pipeline-by-phase';
import { projectRegisterSheet } from '../../../renderer/src/data/reports/project-register';
import { CSV_BOM, displayWidth, readableRows, rowsToCsv, sheetsToXlsx, sheetToCsv, type TabularSheet } from '../../../renderer/src/data/reports/tabular';
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
    expect(sheetToCsv(sample, zh)).toBe(
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
    const wb = await readXlsx(await sheetsToXlsx([sample, { ...sample, name: sample.name }], { title: '台账', tr: zh }));
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

describe('tabular: what a person reads, and print setup', () => {
  const coded: TabularSheet = {
    name: '阶段',
    columns: [
      { header: '项目' },
      { header: '阶段', words: (c) => zh(`enums.phase.${c as 'plan'}`) },
      { header: '中小企业' },
      { header: '签订日期', kind: 'date' },
    ],
    rows: [
      ['城市大脑数据底座二期', 'build', true, '2024-03-01'],
      ['ab', 'operate', false, ''],
      ['', '', null, null],
    ],
  };

  it('writes words for codes and yes / no for booleans in XLSX; the CSV adds the codes in a column of their own', async () => {
    const ws = (await readXlsx(await sheetsToXlsx([coded], { title: 't', tr: zh }))).worksheets[0];
    expect([2, 3, 4].map((r) => [ws.getCell(r, 2).value, ws.getCell(r, 3).value])).toEqual([['建设', '是'], ['运营', '否'], [null, null]]);
    expect(ws.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(sheetToCsv(coded, zh).split('\r\n').slice(0, 4)).toEqual([
      `${CSV_BOM}项目,阶段,阶段代码,中小企业,签订日期`,
      '城市大脑数据底座二期,建设,build,是,2024-03-01',
      'ab,运营,operate,否,',
      ',,,,',
    ]);
  });

  it('sizes columns counting a CJK character as two', async () => {
    expect(displayWidth('城市大脑ab')).toBe(10);
    expect(displayWidth('（全角）ＡＢ')).toBe(12);
    const ws = (await readXlsx(await sheetsToXlsx([coded], { title: 't', tr: zh }))).worksheets[0];
    // 10 CJK characters = 20, plus a margin of 2; the narrow columns keep the minimum of 8.
    expect(ws.getColumn(1).width).toBe(22);
    expect(ws.getColumn(2).width).toBe(8);
  });

  it('prints every sheet on A4, one page wide, the header row on every page, title / as-of / page x of y in header and footer', async () => {
    const narrow: TabularSheet = { name: '窄', columns: [{ header: '名称' }, { header: '金额', kind: 'money' }], rows: [['甲', 100]] };
    const wide: TabularSheet = { name: '宽', columns: Array.from({ length: 12 }, (_, i) => ({ header: `第 ${i + 1} 列：较长的表头` })), rows: [] };
    const bytes = await sheetsToXlsx([narrow, wide], { title: '欠款账龄分析 & 附表', asOf: '2026-06-30', tr: zh });
    const wb = await readXlsx(bytes);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', showGridLines: true });
      expect(ws.headerFooter.oddHeader).toBe('&L欠款账龄分析 && 附表&C&A&R截至 2026-06-30');
      expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    }
    // Wider than a portrait page's printable width: landscape.
    expect(wb.worksheets.map((w) => w.pageSetup.orientation)).toEqual(['portrait', 'landscape']);
    // What Excel and LibreOffice read: fit-to-page switched on, 1 page wide, any number tall.
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*fitToWidth="1" fitToHeight="0"/);
    const english = (await readXlsx(await sheetsToXlsx([narrow], { title: 'Aging', asOf: '2026-06-30', tr: en }))).worksheets[0];
    expect(english.headerFooter).toMatchObject({ oddHeader: '&LAging&C&A&RAs of 2026-06-30', oddFooter: '&CPage &P of &N' });
  });
});

describe('project register export', () => {
  it('lists the projects with translated labels and reads back as the same cells', async () => {
    const { db, w } = await freshDb();
    const dept = await createOrganisation(w, { name: '市大数据管理局', kind: 'government', creditCode: '', isSme: false, contact: '' });
    await createProject(w, { ...emptyProjectDraft('2024-01-05'), code: 'ZH-2', name: '一网通办', category: 'gov-services', departmentId: dept.id, budget: { amount: 8_205_000_050, currency: 'CNY' }, startDate: '2024-02-01', reviewCycle: 'yearly' });
    await createProject(w, { ...emptyProjectDraft('2024-01-05'), code: 'ZH-1', name: '城市大脑', category: 'city-brain', phase: 'operate', phaseSince: '2023-06-30' });

    const sheet = await projectRegisterSheet(db, zh);
    const xlsx = await sheetsToXlsx([sheet], { title: '项目登记表', tr: zh });
    const wb = await readXlsx(xlsx);
    const ws = wb.getWorksheet('项目登记')!;
    expect(ws.getRow(1).values).toEqual([undefined, '项目编号', '项目名称', '项目类别', '牵头部门', '项目阶段', '阶段起始日期', '总投资', '币种', '开始日期', '计划完成日期', '运营单位', '运营模式', '评价周期', '验收日期', '更新日期']);
    expect([1, 2, 3, 4, 5].map((c) => ws.getRow(2).getCell(c).value)).toEqual(['ZH-1', '城市大脑', '城市大脑', null, '运营']);
    expect([1, 2, 3, 4, 5, 7, 8].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['ZH-2', '一网通办', '一网通办', '市大数据管理局', '规划', 82050000.5, 'CNY']);
    expect(ws.getRow(3).getCell(13).value).toBe('每年');

    // The exported register is a valid import sheet (once its codes are new).
    const rows = (await readSheetFile(xlsx)).rows.map((r, i) => (i === 0 ? r : [`NEW-${r[0]}`, ...r.slice(1)]));
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
    expect(sheet.rows.map((r) => r.slice(0, 5))).toEqual([['B', 'Portal', 'gov-services', '', 'plan']]);
    expect(readableRows(sheet, en).map((r) => r.slice(0, 5))).toEqual([['B', 'Portal', 'One-stop government services', '', 'Plan']]);
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
    expect(readableRows(sheet, zh)).toEqual([
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
    // The CSV gives each worded column's codes beside it; subtotal and total rows have none.
    const csv = sheetToCsv(sheet, zh).split('\r\n');
    expect(csv[0]).toBe(`${CSV_BOM}阶段,阶段代码,类别,类别代码,项目数,币种,总投资`);
    expect(csv[1]).toBe('规划,plan,城市大脑,city-brain,2,CNY,3.50');
    expect(csv[3]).toBe('规划,plan,小计,,3,CNY,3.51');
    expect(csv[8]).toBe('合计,,小计,,4,CNY,13.51');
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
    expect(typeRow.getCell(3).value).toBe('建设-运营-移交（BOT）、政府和社会资本合作（PPP）、政府购买服务、传统采购（总集成+分包）、企业投资建设、政府租赁服务、特许经营');
  });
});
