// Spreadsheet and OC4IDS import against a real (fake-indexeddb) database: all-or-nothing apply,
// remembered mappings, file decoding (BOM, GBK, XLSX written by exceljs), the OC4IDS example, and
// the demo portfolio exported as a package that validates against the OC4IDS schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../../renderer/src/data/demo';
import { exportOc4idsPackage } from '../../../renderer/src/data/interchange/oc4ids/oc4ids-package';
import { applyOc4idsImport, planOc4idsImport } from '../../../renderer/src/data/interchange/oc4ids/oc4ids-apply';
import { applySheet, checkSheet, type SheetCheckOptions } from '../../../renderer/src/data/interchange/sheets/sheet-apply';
import { recallMapping, rememberMapping } from '../../../renderer/src/data/interchange/sheets/sheet-mappings';
import { readSheetFile, SheetFileError } from '../../../renderer/src/data/interchange/sheets/sheet-file';
import { decodeText } from '../../../renderer/src/data/interchange/sheets/text-decode';
import { createOrganisation } from '../../../renderer/src/data/organisations';
import { insertMany } from '../../../renderer/src/data/repo';
import { fromOc4idsPackage } from '../../../renderer/src/domain/interchange/oc4ids';
import { detectHeaderRow } from '../../../renderer/src/domain/interchange/sheet-header';
import { guessMapping } from '../../../renderer/src/domain/interchange/sheet-import';
import type { Contract, Organisation, PaymentObligation } from '../../../renderer/src/domain/core/types';
import { enGB, zhCN } from '../../../renderer/src/i18n/catalogue';
import { gbk } from '../../support/gbk';
import { freshDb } from './helpers';

const asset = (name: string) => readFileSync(fileURLToPath(new URL(`../../../assets/oc4ids/${name}`, import.meta.url)), 'utf8');
const opts: SheetCheckOptions = { locale: 'zh-CN', enumLabels: [zhCN.enums, enGB.enums], today: '2026-11-24' };
const utf8 = (s: string) => new TextEncoder().encode(s);

const PROJECT_HEADER = ['项目编号', '项目名称', '项目类别', '主管部门', '项目阶段', '总投资（万元）', '开始日期'];

describe('spreadsheet import: all or nothing', () => {
  it('stores nothing, not even a change-log entry, when one row is bad; stores every row once fixed', async () => {
    const { db, w } = await freshDb();
    await createOrganisation(w, { name: '市大数据管理局', kind: 'government', creditCode: '', isSme: false, contact: '' });
    const logBefore = await db.changeLog.count();
    const rows = [
      PROJECT_HEADER,
      ['ZH-IMP-001', '城市大脑三期', '城市大脑', '市大数据管理局', '建设', '1500', '2024-03-01'],
      ['ZH-IMP-002', '一网通办升级', '一网通办', '市大数据管理局', '规划', '820.5', '2024/5/6'],
      // Bad date and an unknown department: two messages for spreadsheet row 4.
      ['ZH-IMP-003', '数据平台扩容', '数据平台', '不存在的局', '规划', '300', '2024-13-01'],
    ];
    const mapping = guessMapping('projects', rows[0]);

    const checked = await checkSheet(db, 'projects', rows, mapping, opts);
    expect(checked.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4, 'department', 'unknownOrg'],
      [4, 'startDate', 'badDate'],
    ]);
    const refused = await applySheet(w, 'projects', rows, mapping, opts);
    expect(refused.created).toBe(0);
    expect(refused.errors).toHaveLength(2);
    expect(await db.projects.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(logBefore);

    rows[3] = ['ZH-IMP-003', '数据平台扩容', '数据平台', '市大数据管理局', '规划', '300', '2024-12-01'];
    const done = await applySheet(w, 'projects', rows, mapping, opts);
    expect(done).toEqual({ errors: [], created: 3 });
    const stored = (await db.projects.toArray()).sort((a, b) => a.code.localeCompare(b.code));
    expect(stored.map((p) => [p.code, p.phase, p.category, p.budget.amount, p.startDate, p.searchText])).toEqual([
      // 1500 万元 = 15 000 000 yuan = 1 500 000 000 fen; 820.5 万元 = 820 500 000 fen.
      ['ZH-IMP-001', 'build', 'city-brain', 1_500_000_000, '2024-03-01', '城市大脑三期 zh-imp-001'],
      ['ZH-IMP-002', 'plan', 'gov-services', 820_500_000, '2024-05-06', '一网通办升级 zh-imp-002'],
      ['ZH-IMP-003', 'plan', 'data-platform', 300_000_000, '2024-12-01', '数据平台扩容 zh-imp-003'],
    ]);
    expect(await db.changeLog.count()).toBe(logBefore + 3);
    const entry = await db.changeLog.where('[entity+entityId]').equals(['projects', stored[0].id]).first();
    expect(entry).toMatchObject({ op: 'create', by: '张晓明', rev: 1 });

    // Importing the same sheet again: every code now exists, so nothing is written.
    const again = await applySheet(w, 'projects', rows, mapping, opts);
    expect(again.errors.map((e) => e.code)).toEqual(['codeExists', 'codeExists', 'codeExists']);
    expect(await db.projects.count()).toBe(3);
  });

  it('rolls back everything written so far when cancelled mid-way', async () => {
    const { db, w } = await freshDb();
    const rows = [['项目编号', '项目名称', '项目类别']];
    for (let i = 1; i <= 1200; i++) rows.push([`P-${String(i).padStart(4, '0')}`, `项目 ${i}`, '其他']);
    const controller = new AbortController();
    const reports: number[] = [];
    const run = applySheet(w, 'projects', rows, guessMapping('projects', rows[0]), opts, {
      signal: controller.signal,
      report: ({ done }) => {
        reports.push(done);
        // Cancel once the first chunk of 500 is in the transaction.
        if (done >= 500) controller.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(reports).toEqual([0, 500]);
    expect(await db.projects.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(0);
  });

  it('imports contracts and payments through the repository, allocating a payment to the oldest obligations', async () => {
    const { db, w } = await freshDb();
    const gov = await createOrganisation(w, { name: '市大数据管理局', kind: 'government', creditCode: '', isSme: false, contact: '' });
    await createOrganisation(w, { name: '城市大脑运营有限公司', kind: 'company', creditCode: '', isSme: true, contact: '' });
    await applySheet(w, 'projects', [['项目编号', '项目名称', '项目类别'], ['ZH-1', '城市大脑', '城市大脑']], { code: 0, name: 1, category: 2 }, opts);

    const contractRows = [
      ['项目编号', '合同编号', '合同名称', '合同类型', '甲方', '乙方', '签订日期', '合同金额（万元）', '付款期限（天）'],
      ['ZH-1', 'HT-1', '运营服务合同', '政府购买服务', '市大数据管理局', '城市大脑运营有限公司', '2024-02-20', '100', '30'],
    ];
    const c = await applySheet(w, 'contracts', contractRows, guessMapping('contracts', contractRows[0]), opts);
    expect(c).toEqual({ errors: [], created: 1 });
    const [contract] = await db.contracts.toArray();
    expect(contract).toMatchObject({ code: 'HT-1', type: 'purchase-of-service', value: { amount: 100_000_000, currency: 'CNY' } });
    expect(contract.parties).toEqual([
      { orgId: gov.id, role: 'government', isSme: false },
      { orgId: expect.any(String), role: 'operator', isSme: true },
    ]);

    // Two obligations of 300 000 yuan each; a 400 000 payment settles the older one and 100 000 of the next.
    const [older, newer] = await insertMany<PaymentObligation>(w, 'obligations', [
      { contractId: contract.id, projectId: contract.projectId, payeeId: '', payerDepartmentId: gov.id, kind: 'service-fee', description: '第一期', triggerDate: '2024-03-01', dueDate: '2024-03-31', amount: { amount: 30_000_000, currency: 'CNY' }, performanceLinkedAmount: 0, disputedAmount: 0 },
      { contractId: contract.id, projectId: contract.projectId, payeeId: '', payerDepartmentId: gov.id, kind: 'service-fee', description: '第二期', triggerDate: '2024-06-01', dueDate: '2024-06-30', amount: { amount: 30_000_000, currency: 'CNY' }, performanceLinkedAmount: 0, disputedAmount: 0 },
    ]);
    const paymentRows = [
      ['合同编号', '支付日期', '支付金额', '凭证号'],
      ['HT-1', '2024-07-10', '400000', '记-001'],
    ];
    const p = await applySheet(w, 'payments', paymentRows, guessMapping('payments', paymentRows[0]), opts);
    expect(p).toEqual({ errors: [], created: 2 });
    const payments = (await db.payments.toArray()).sort((a, b) => b.amount.amount - a.amount.amount);
    expect(payments.map((x) => [x.obligationId, x.amount.amount, x.voucherNo])).toEqual([
      [older.id, 30_000_000, '记-001'],
      [newer.id, 10_000_000, '记-001'],
    ]);
    // What is left (200 000 yuan) is what a further row may pay: 250 000 is refused.
    const over = await checkSheet(db, 'payments', [paymentRows[0], ['HT-1', '2024-08-10', '250000', '记-002']], guessMapping('payments', paymentRows[0]), opts);
    expect(over.errors.map((e) => [e.row, e.code, e.params?.outstanding])).toEqual([[2, 'exceedsOutstanding', '200000.00']]);
  });
});

describe('remembered column mappings', () => {
  it('recalls a mapping for the same headers (ignoring case, width and spaces) and not for others', async () => {
    const { db } = await freshDb();
    const headers = ['编号', '名称', '备注', '类别'];
    const mapping = { ...guessMapping('projects', headers), description: null, code: 0, name: 1, category: 3 };
    await rememberMapping(db, 'projects', headers, mapping);
    expect(await recallMapping(db, 'projects', [' 编号', '名称', '备注', '类别'])).toEqual(mapping);
    expect(await recallMapping(db, 'projects', ['编号', '名称', '类别'])).toBeNull();
    expect(await recallMapping(db, 'contracts', headers)).toBeNull();
  });
});

describe('reading spreadsheet files', () => {
  it('reads UTF-8 CSV with a byte-order mark', async () => {
    const table = await readSheetFile(utf8('\uFEFF项目编号,项目名称\r\nZH-1,"城市大脑,二期"\r\n'));
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', rows: [['项目编号', '项目名称'], ['ZH-1', '城市大脑,二期']] });
  });

  it('reads GBK CSV as saved by Excel on Chinese Windows', async () => {
    const bytes = gbk('项目编号,项目名称,总投资（万元）\r\nZH-1,城市大脑二期,1500\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes).encoding).toBe('gb18030');
    const table = await readSheetFile(bytes);
    expect(table.rows).toEqual([
      ['项目编号', '项目名称', '总投资（万元）'],
      ['ZH-1', '城市大脑二期', '1500'],
    ]);
  });

  it('reads UTF-16 "Unicode text" (tab-separated) and keeps blank lines so row numbers stay true', async () => {
    const text = '项目编号\t项目名称\r\n\r\nZH-2\t一网通办\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const table = await readSheetFile(bytes);
    expect(table.encoding).toBe('utf-16le');
    expect(table.rows).toEqual([['项目编号', '项目名称'], [], ['ZH-2', '一网通办']]);
  });

  it('reads an XLSX written by exceljs: title row, dates, percentages, float noise, rich text, formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目清单');
    ws.mergeCells('A1:E1');
    ws.getCell('A1').value = '2024年智慧城市项目清单';
    ws.addRow(['项目编号', '项目名称', '开始日期', '总投资（万元）', '绩效挂钩比例']);
    ws.addRow(['ZH-1', { richText: [{ text: '城市' }, { text: '大脑', font: { bold: true } }] }, new Date(Date.UTC(2024, 2, 1)), 0.1 + 0.2, 0.3]);
    ws.getCell('C3').numFmt = 'yyyy-mm-dd';
    ws.getCell('E3').numFmt = '0%';
    ws.addRow([]);
    ws.addRow(['ZH-2', '一网通办', 45352, { formula: 'D3*2', result: 1500.5 }, true]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const table = await readSheetFile(bytes);
    expect(table.format).toBe('xlsx');
    expect(table.sheetName).toBe('项目清单');
    expect(table.rows[1]).toEqual(['项目编号', '项目名称', '开始日期', '总投资（万元）', '绩效挂钩比例']);
    expect(table.rows[2]).toEqual(['ZH-1', '城市大脑', '2024-03-01', '0.3', '30%']);
    expect(table.rows[3]).toEqual([]);
    expect(table.rows[4]).toEqual(['ZH-2', '一网通办', '45352', '1500.5', 'true']);
    expect(detectHeaderRow('projects', table.rows)).toBe(1);
  });

  it('refuses binary content that is neither a workbook nor text, instead of reading it as CSV', async () => {
    // Deterministic "random" bytes, as a PDF or a damaged .xlsx renamed by hand would give.
    const bytes = new Uint8Array(3000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    bytes[0] = 0x25; // not "PK", not the .xls signature
    const err = await readSheetFile(bytes).catch((e) => e);
    expect(err).toBeInstanceOf(SheetFileError);
    expect(err.code).toBe('unreadable');
    // A real register with a stray control character pasted into one cell still reads.
    const lines = ['项目编号,项目名称,牵头部门', ...Array.from({ length: 10 }, (_, i) => `ZH-${i},城市大脑${i}期（城市运行中枢）,市大数据管理局`)];
    lines[3] += '\u0001';
    const table = await readSheetFile(new TextEncoder().encode(lines.join('\r\n')));
    expect(table.rows[3]).toEqual(['ZH-2', '城市大脑2期（城市运行中枢）', '市大数据管理局\u0001']);
  });

  it('refuses the old binary .xls format with its own code', async () => {
    const err = await readSheetFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])).catch((e) => e);
    expect(err).toBeInstanceOf(SheetFileError);
    expect(err.code).toBe('legacyXls');
  });
});

function packageValidator() {
  // strict: false because the OC4IDS schema carries its own keywords (codelist, openCodelist, …).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv as never);
  ajv.addSchema(JSON.parse(asset('project-schema.json')), 'https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json');
  return ajv.compile(JSON.parse(asset('project-package-schema.json')));
}

describe('OC4IDS import into the database', () => {
  it('creates the example project with its organisations, contracts, amendments, payments and phase history', async () => {
    const { db, w } = await freshDb();
    // An organisation already in the directory is matched by name, not duplicated.
    const existing = await createOrganisation(w, { name: 'Motorways UK', kind: 'government', creditCode: '', isSme: false, contact: '' });
    const result = fromOc4idsPackage(asset('example.json'), { today: '2026-11-24' });
    expect(result.errors).toEqual([]);

    const plan = await planOc4idsImport(db, result);
    expect(plan.counts).toMatchObject({ projects: 1, skippedProjects: 0, contracts: 3, amendments: 3, obligations: 1, payments: 1, transitions: 2, matchedOrganisations: 1 });
    expect(plan.organisations.find((o) => o.name === 'Motorways UK')?.existingId).toBe(existing.id);

    const logBefore = await db.changeLog.count();
    const done = await applyOc4idsImport(w, result);
    expect(done.projectIds).toHaveLength(1);
    const project = (await db.projects.get(done.projectIds[0]))!;
    expect(project).toMatchObject({ code: 'M75/SM/4-5', phase: 'operate', category: 'smart-transport', departmentId: existing.id, budget: { amount: 4_000_000_000, currency: 'GBP' } });

    const contracts: Contract[] = await db.contracts.where('projectId').equals(project.id).toArray();
    expect(contracts.map((c) => c.code).sort()).toEqual(['2016-SMP-M75-J4_J5-construction', '2016-SMP-M75-J4_J5-design', '2016-SMP-M75-J4_J5-supervision']);
    const construction = contracts.find((c) => c.code.endsWith('construction'))!;
    const orgs = new Map((await db.organisations.toArray()).map((o: Organisation) => [o.id, o.name]));
    expect(construction.parties.map((p) => [orgs.get(p.orgId), p.role])).toEqual([
      ['Motorways UK', 'government'],
      ['Motorways Administrator UK', 'government'],
      ['Concrete Motorways Construction', 'general-integrator'],
    ]);
    expect(await db.amendments.where('contractId').equals(construction.id).count()).toBe(3);
    const [obligation] = await db.obligations.where('projectId').equals(project.id).toArray();
    expect(obligation).toMatchObject({ contractId: construction.id, dueDate: '2017-08-07', payerDepartmentId: existing.id, amount: { amount: 195_000_000, currency: 'GBP' } });
    expect(orgs.get(obligation.payeeId)).toBe('Concrete Motorways Construction');
    const [payment] = await db.payments.where('obligationId').equals(obligation.id).toArray();
    expect(payment).toMatchObject({ contractId: construction.id, paidOn: '2017-08-07', amount: { amount: 195_000_000, currency: 'GBP' } });
    const transitions = await db.phaseTransitions.where('projectId').equals(project.id).toArray();
    expect(transitions.map((t) => [t.from, t.to, t.by]).sort()).toEqual([
      ['build', 'operate', '张晓明'],
      ['plan', 'build', '张晓明'],
    ]);
    expect(await db.organisations.where('name').equals('Motorways UK').count()).toBe(1);

    // One change-log entry per record written.
    const written = (await db.organisations.count()) - 1 + 1 + 3 + 3 + 1 + 1 + 2;
    expect(await db.changeLog.count()).toBe(logBefore + written);

    // The same package again: the project code exists, so it and everything under it is skipped.
    const second = await planOc4idsImport(db, result);
    expect(second.counts).toMatchObject({ projects: 0, skippedProjects: 1, contracts: 0, payments: 0 });
    expect(second.projects[0].clash).toBe(true);
    const again = await applyOc4idsImport(w, result);
    expect(again.projectIds).toEqual([]);
    expect(await db.projects.count()).toBe(1);
  });

  it('refuses to plan a package with errors', async () => {
    const { db } = await freshDb();
    const result = fromOc4idsPackage('{"projects": []}');
    expect(result.errors.length).toBeGreaterThan(0);
    await expect(planOc4idsImport(db, result)).rejects.toThrow(RangeError);
  });
});

// Loading the demo portfolio (every feature's demo steps) takes seconds on a busy machine.
describe('OC4IDS export from the database', { timeout: 60_000 }, () => {
  const validate = packageValidator();

  it('exports the demo portfolio as a package that validates against the OC4IDS schema', async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    const pkg = await exportOc4idsPackage(db, { publisher: '某市大数据管理局', uriBase: 'urn:smart-city-workbench', idPrefix: '', publishedDate: '2026-11-24T02:00:00.000Z' });
    const ok = validate(pkg);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const live = await db.projects.filter((p) => !p.deleted).count();
    expect(pkg.projects).toHaveLength(live);
    expect(pkg.uri).toBe('urn:smart-city-workbench/oc4ids/package-20261124T020000Z.json');
  });

  it('exports a selection, and what it exports imports back', async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    const two = (await db.projects.orderBy('code').limit(2).toArray()).map((p) => p.id);
    const pkg = await exportOc4idsPackage(db, { publisher: '某市大数据管理局', uriBase: 'https://data.example.gov.cn/smartcity', idPrefix: 'oc4ids-abc123', projectIds: two });
    expect(validate(pkg)).toBe(true);
    expect(pkg.projects.map((p) => p.id.startsWith('oc4ids-abc123-'))).toEqual([true, true]);
    const back = fromOc4idsPackage(JSON.parse(JSON.stringify(pkg)));
    expect(back.errors).toEqual([]);
    const codes = (await db.projects.bulkGet(two)).map((p) => p!.code);
    expect(back.projects.map((p) => p.record.code).sort()).toEqual(codes.sort());
    // Both already exist here: an import would skip them.
    expect((await planOc4idsImport(db, back)).counts.skippedProjects).toBe(2);
  });
});

describe('spreadsheet import of budget figures', () => {
  const HEADER = ['类别', '付款部门', '年度', '金额（万元）', '说明'];
  it('refuses the whole sheet for one bad row; once fixed, adds new figures and replaces those the office has', async () => {
    const { db, w } = await freshDb();
    const dept = await createOrganisation(w, { name: '市交通运输局', kind: 'government', creditCode: '', isSme: false, contact: '' });
    const { saveBudgetLine, listBudgetLines } = await import('../../../renderer/src/data/budgets');
    await saveBudgetLine(w, { kind: 'appropriation', year: 2027, departmentId: dept.id, amount: { amount: 1_000 * 1_000_000, currency: 'CNY' }, note: '' });
    const rows = [
      HEADER,
      ['预算安排', '市交通运输局', '2027', '1,800', '按 2026 年执行数压减'],
      ['一般公共预算支出', '', '2027', '398100', '中期财政规划'],
      // No department for an appropriation; a year out of range; the same slot twice.
      ['预算安排', '', '2028', '2400', ''],
      ['一般公共预算支出', '', '1999', '1', ''],
      ['Budget expenditure', '', '2027', '1', ''],
    ];
    const mapping = guessMapping('budgets', rows[0]);
    const logBefore = await db.changeLog.count();
    const refused = await applySheet(w, 'budgets', rows, mapping, opts);
    expect(refused.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4, 'department', 'required'],
      [5, 'year', 'badInteger'],
      [6, 'year', 'duplicateInFile'],
    ]);
    expect(await db.changeLog.count()).toBe(logBefore);
    expect((await listBudgetLines(db)).map((b) => b.amount.amount)).toEqual([1_000 * 1_000_000]);

    const fixed = [HEADER, rows[1], rows[2], ['预算安排', '市交通运输局', '2028', '2400', '']];
    expect(await applySheet(w, 'budgets', fixed, mapping, opts)).toEqual({ errors: [], created: 3 });
    expect((await listBudgetLines(db)).map((b) => [b.kind, b.year, b.departmentId, b.amount.amount / 1_000_000, b.note])).toEqual([
      ['appropriation', 2027, dept.id, 1_800, '按 2026 年执行数压减'],
      ['general-expenditure', 2027, '', 398_100, '中期财政规划'],
      ['appropriation', 2028, dept.id, 2_400, ''],
    ]);
  });
});
