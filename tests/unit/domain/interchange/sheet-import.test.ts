import { describe, expect, it } from 'vitest';
import {
  SHEET_COLUMNS,
  SHEET_ERROR_CODES,
  SHEET_KINDS,
  guessMapping,
  templateExampleRow,
  templateHeaders,
  validateRows,
  type ContractRef,
  type SheetContext,
  type SheetError,
} from '../../../../renderer/src/domain/interchange/sheet-import';
import {
  moneyUnitOfHeader,
  parseSheetBpPercent,
  parseSheetDate,
  parseSheetMoney,
  parseSheetPpmPerDay,
  type MoneyUnit,
  type SheetLocale,
} from '../../../../renderer/src/domain/interchange/sheet-values';
import { OC4IDS_IMPORT_ERROR_CODES, OC4IDS_UNMAPPED_REASONS } from '../../../../renderer/src/domain/interchange/oc4ids';
import { enGB, zhCN } from '../../../../renderer/src/i18n/catalogue';

const orgsByName = new Map([
  ['市大数据管理局', { id: 'org-gov', isSme: false }],
  ['Municipal Big Data Bureau', { id: 'org-gov', isSme: false }],
  ['城市大脑运营有限公司', { id: 'org-spv', isSme: true }],
  ['City Brain Operations Co.', { id: 'org-spv', isSme: true }],
  ['智慧城市集成股份公司', { id: 'org-int', isSme: false }],
]);

const brainContract: ContractRef = {
  id: 'ct-1',
  projectId: 'prj-1',
  currency: 'CNY',
  obligations: [
    // Deliberately out of order: allocation goes by due date.
    { id: 'ob-2024', description: '2024 年运维费', dueDate: '2024-07-31', currency: 'CNY', outstanding: 20_000_000 },
    { id: 'ob-2023', description: '2023 年运维费', dueDate: '2023-07-31', currency: 'CNY', outstanding: 5_000_000 },
    { id: 'ob-2025', description: '2025 年运维费', dueDate: '2025-07-31', currency: 'CNY', outstanding: 20_000_000 },
    { id: 'ob-paid', description: '建设期付费', dueDate: '2022-07-31', currency: 'CNY', outstanding: 0 },
  ],
};
const serviceContract: ContractRef = {
  id: 'ct-2',
  projectId: 'prj-2',
  currency: 'CNY',
  obligations: [{ id: 'ob-s1', description: '服务费第一期', dueDate: '2024-06-30', currency: 'CNY', outstanding: 200_000_000 }],
};

function context(over: Partial<SheetContext> = {}): SheetContext {
  return {
    locale: 'zh-CN',
    existingProjectCodes: new Map([
      ['ZH-2021-001', 'prj-1'],
      ['ZH-2024-001', 'prj-2'],
    ]),
    orgsByName,
    existingContracts: new Map([
      ['HT-2021-001', brainContract],
      ['HT-2024-018', serviceContract],
    ]),
    enumLabels: [zhCN.enums, enGB.enums],
    today: '2025-01-15',
    ...over,
  };
}

const brief = (errors: SheetError[]) => errors.map((e) => [e.row, e.field, e.code]);

describe('cell parsers', () => {
  // [text, locale, expected ISO date or null]
  const dates: [string, SheetLocale, string | null][] = [
    ['2024-03-01', 'zh-CN', '2024-03-01'],
    ['2024/3/1', 'zh-CN', '2024-03-01'],
    ['2024年3月1日', 'zh-CN', '2024-03-01'],
    ['2024 年 3 月 1 日', 'zh-CN', '2024-03-01'],
    ['2024.3.1', 'zh-CN', '2024-03-01'],
    ['20240301', 'zh-CN', '2024-03-01'],
    ['２０２４－０３－０１', 'zh-CN', '2024-03-01'],
    // Excel serial: 2024-03-01 is 19 783 days after 1970-01-01; + 25 569 = 45 352.
    ['45352', 'zh-CN', '2024-03-01'],
    ['45352.75', 'zh-CN', '2024-03-01'],
    // 2024-02-29 exists (leap year): serial 45351.
    ['45351', 'zh-CN', '2024-02-29'],
    ['2024-03-01T08:30:00', 'zh-CN', '2024-03-01'],
    ['01/03/2024', 'en', '2024-03-01'],
    ['1/3/2024', 'zh-CN', null],
    ['2023-02-29', 'zh-CN', null],
    ['2024-13-01', 'zh-CN', null],
    ['2024', 'zh-CN', null],
    // Serial 60 is Excel's phantom 1900-02-29; anything before 1950 is refused as a likely typo.
    ['60', 'zh-CN', null],
    ['3月1日', 'zh-CN', null],
  ];
  it.each(dates)('date %s (%s) → %s', (text, locale, expected) => {
    const r = parseSheetDate(text, locale);
    expect(r.ok ? r.value : null).toBe(expected);
    if (!r.ok) expect(r.code).toBe('badDate');
  });

  // [text, column unit, expected fen or null]
  const amounts: [string, MoneyUnit, number | null][] = [
    // 1.5 万元 = 15 000 yuan = 1 500 000 fen.
    ['1.5', 'wan', 1_500_000],
    ['1500', 'wan', 1_500_000_000],
    ['0.000001', 'wan', 1],
    ['0.0000001', 'wan', null],
    ['1,234.56', 'yuan', 123_456],
    ['¥1234', 'yuan', 123_400],
    ['１２３', 'yuan', 12_300],
    ['1.5万', 'yuan', 1_500_000],
    ['1.5万元', 'yuan', 1_500_000],
    ['1500元', 'wan', 150_000],
    ['1.5E+6', 'yuan', 150_000_000],
    ['1.234', 'yuan', null],
    ['1.2.3', 'yuan', null],
    ['abc', 'yuan', null],
  ];
  it.each(amounts)('money %s (%s) → %s fen', (text, unit, expected) => {
    const r = parseSheetMoney(text, unit);
    expect(r.ok ? r.value : null).toBe(expected);
  });

  const headers: [string, MoneyUnit][] = [
    ['总投资（万元）', 'wan'],
    ['*合同金额(万元)', 'wan'],
    ['支付金额（万）', 'wan'],
    ['Budget (10k CNY)', 'wan'],
    ['总投资（元）', 'yuan'],
    ['Budget', 'yuan'],
  ];
  it.each(headers)('header %s counts in %s', (header, unit) => expect(moneyUnitOfHeader(header)).toBe(unit));

  // [text, expected basis points or null]
  const percents: [string, number | null][] = [
    ['30%', 3000],
    ['30', 3000],
    ['12.5％', 1250],
    ['0.01', 1],
    ['100', 10_000],
    ['101', null],
    ['12.345', null],
    ['-1', null],
  ];
  it.each(percents)('percentage %s → %s bp', (text, bp) => {
    const r = parseSheetBpPercent(text);
    expect(r.ok ? r.value : null).toBe(bp);
  });

  // [text, expected ppm per day or null]: 0.05 % = 0.0005 = 500 ppm; 万分之五 = 5/10 000 = 500 ppm.
  const rates: [string, number | null][] = [
    ['0.05%', 500],
    ['0.05', 500],
    ['万分之五', 500],
    ['日万分之3.5', 350],
    ['0.0365', 365],
    ['0.00001', null],
    ['abc', null],
  ];
  it.each(rates)('daily rate %s → %s ppm', (text, ppm) => {
    const r = parseSheetPpmPerDay(text);
    expect(r.ok ? r.value : null).toBe(ppm);
  });
});

describe('guessMapping', () => {
  it('maps Chinese register headers, with units, stars and spacing variants', () => {
    const m = guessMapping('projects', ['序号', '*项目编号', ' 项目 名称 ', '项目类别', '主管部门', '阶段', '总投资（万元）', '开工日期', '备注']);
    expect(m).toMatchObject({
      code: 1,
      name: 2,
      category: 3,
      department: 4,
      phase: 5,
      budget: 6,
      startDate: 7,
      description: 8,
      operator: null,
      currency: null,
    });
  });

  it('maps English headers case-insensitively', () => {
    const m = guessMapping('projects', ['PROJECT CODE', 'Name', 'Category', 'Budget (CNY)', 'Planned end date']);
    expect(m).toMatchObject({ code: 0, name: 1, category: 2, budget: 3, plannedEndDate: 4 });
  });

  it('tells 项目编号 from 合同编号 and prefers exact names over partial ones', () => {
    const m = guessMapping('contracts', ['合同编号', '项目编号', '合同名称', '合同类型', '乙方', '合同金额（万元）', '甲方']);
    expect(m).toMatchObject({ code: 0, projectCode: 1, title: 2, type: 3, counterparty: 4, value: 5, government: 6 });
  });

  it('falls back to headers that contain a known name', () => {
    const m = guessMapping('payments', ['所属合同编号', '实际支付日期', '本次支付金额（元）']);
    expect(m).toMatchObject({ contractCode: 0, paidOn: 1, amount: 2 });
  });
});

describe('validateRows: projects', () => {
  const header = ['项目编号', '项目名称', '项目类别', '主管部门', '项目阶段', '总投资（万元）', '开始日期', '计划完成日期'];
  const rows = [
    header,
    /* 2 */ ['ZH-2025-001', '城市大脑三期', '城市大脑', '市大数据管理局', '建设', '1.5', '2025/3/1', '2026年6月30日'],
    /* 3 */ ['ZH-2025-002', 'Smart signals', 'Smart transport', '', 'Plan', '', '2025-01-01', ''],
    /* 4 */ ['', '缺编号项目', '城市大脑', '', '', '', '', ''],
    /* 5 */ ['ZH-2025-001', '重复编号', '数据平台', '', '', '', '', ''],
    /* 6 */ ['ZH-2021-001', '已有编号', '数据平台', '', '', '', '', ''],
    /* 7 */ ['ZH-2025-003', '日期错', '其他', '', '', '', '2025-02-30', ''],
    /* 8 */ ['ZH-2025-004', '金额错', '其他', '', '', '1.2.3', '', ''],
    /* 9 */ ['ZH-2025-005', '类别错', '智慧农业', '', '', '', '', ''],
    /* 10 */ ['ZH-2025-006', '部门错', '其他', '不存在的局', '', '', '', ''],
    /* 11 */ ['ZH-2025-007', '名'.repeat(121), '其他', '', '', '', '', ''],
    /* 12 */ ['ZH-2025-008', '日期顺序', '其他', '', '', '', '2025-06-01', '2025-01-01'],
    /* 13 */ ['', '', '', '', '', '', '', ''],
    /* 14 */ ['ZH-2025-009', '空行之后', '其他', '', '运营', '', '45352', ''],
    /* 15 */ ['ZH-2025-010', '两处错误', '智慧农业', '', '', '-3', '', ''],
  ];
  const result = validateRows('projects', rows, guessMapping('projects', header), context());

  it('reports each bad row by its spreadsheet row number, field and code', () => {
    expect(brief(result.errors)).toEqual([
      [4, 'code', 'required'],
      [5, 'code', 'duplicateInFile'],
      [6, 'code', 'codeExists'],
      [7, 'startDate', 'badDate'],
      [8, 'budget', 'badMoney'],
      [9, 'category', 'unknownEnum'],
      [10, 'department', 'unknownOrg'],
      [11, 'name', 'tooLong'],
      [12, 'plannedEndDate', 'dateOrder'],
      [15, 'category', 'unknownEnum'],
      [15, 'budget', 'badMoney'],
    ]);
    expect(result.errors[1].params).toEqual({ firstRow: 2 });
    expect(result.errors[7].params).toEqual({ max: 120 });
    expect(result.errors[5].params).toEqual({ value: '智慧农业' });
  });

  it('builds drafts from the good rows, with labels in either language and 万元 converted', () => {
    expect(result.valid.map((v) => v.row)).toEqual([2, 3, 14]);
    const [a, b, c] = result.valid.map((v) => v.record);
    expect(a).toMatchObject({
      code: 'ZH-2025-001',
      category: 'city-brain',
      departmentId: 'org-gov',
      phase: 'build',
      phaseSince: '2025-03-01',
      // 1.5 万元 = 1 500 000 fen.
      budget: { amount: 1_500_000, currency: 'CNY' },
      startDate: '2025-03-01',
      plannedEndDate: '2026-06-30',
    });
    expect(b).toMatchObject({ category: 'smart-transport', phase: 'plan', departmentId: '', budget: { amount: 0, currency: 'CNY' } });
    expect(c).toMatchObject({ phase: 'operate', startDate: '2024-03-01', phaseSince: '2024-03-01' });
  });

  it('reports a required column the mapping left out, once, on the header row', () => {
    const r = validateRows('projects', [['项目编号'], ['ZH-1']], { code: 0 }, context({ headerRowNumber: 3 }));
    expect(brief(r.errors)).toEqual([
      [3, 'name', 'columnMissing'],
      [3, 'category', 'columnMissing'],
    ]);
  });

  it('refuses a sheet over the row limit', () => {
    const big = [header, ...Array.from({ length: 50_001 }, () => ['x'])];
    expect(brief(validateRows('projects', big, guessMapping('projects', header), context()).errors)).toEqual([[1, '', 'tooManyRows']]);
  });
});

describe('validateRows: enum labels in both languages', () => {
  // [column value, expected code]
  const cases: [string, string, string][] = [
    ['operatingModel', '政府和社会资本合作（PPP）', 'ppp'],
    ['operatingModel', '政府和社会资本合作', 'ppp'],
    ['operatingModel', 'PPP', 'ppp'],
    ['operatingModel', 'Public-private partnership', 'ppp'],
    ['operatingModel', 'state-owned-platform', 'state-owned-platform'],
    ['reviewCycle', '每半年', 'half-yearly'],
    ['reviewCycle', 'Half-yearly', 'half-yearly'],
    ['category', '一网统管', 'city-governance'],
    ['category', 'unified city governance', 'city-governance'],
    ['phase', 'Operate', 'operate'],
    ['phase', '运维', 'operate'],
  ];
  it.each(cases)('%s “%s” → %s', (field, text, code) => {
    const header = ['项目编号', '项目名称', '项目类别', field];
    const row = ['ZH-9', '项目', field === 'category' ? text : '其他', text];
    const mapping = { ...guessMapping('projects', header), [field]: 3 };
    const r = validateRows('projects', [header, row], mapping, context());
    expect(r.errors).toEqual([]);
    expect((r.valid[0].record as unknown as Record<string, unknown>)[field]).toBe(code);
  });
});

describe('validateRows: contracts', () => {
  const header = ['项目编号', '合同编号', '合同名称', '合同类型', 'PPP运作方式', '甲方', '乙方', '是否中小企业', '合同金额（万元）', '绩效挂钩比例', '逾期利息约定', '约定日利率', '运营期开始', '运营期结束'];
  const rows = [
    header,
    /* 2 */ ['ZH-2021-001', 'HT-2025-001', '城市大脑三期 PPP 合同', 'PPP', 'BOT', '市大数据管理局', '城市大脑运营有限公司', '', '12000', '30%', '合同约定', '万分之五', '2026-01-01', '2040-12-31'],
    /* 3 */ ['ZH-2024-001', 'HT-2025-002', '运维服务', 'Purchase of service', '', '市大数据管理局', '城市大脑运营有限公司', '否', '86.5', '', '', '', '2025-01-01', '2025-12-31'],
    /* 4 */ ['ZH-9999', 'HT-2025-003', '项目不存在', '传统采购', '', '', '智慧城市集成股份公司', '', '10', '', '', '', '', ''],
    /* 5 */ ['ZH-2021-001', 'HT-2025-004', '非 PPP 填了运作方式', '租赁', 'BOT', '', '智慧城市集成股份公司', '', '10', '', '', '', '', ''],
    /* 6 */ ['ZH-2021-001', 'HT-2025-005', '约定利率未填', '传统采购', '', '', '智慧城市集成股份公司', '', '10', '', '合同约定', '', '', ''],
    /* 7 */ ['ZH-2021-001', 'HT-2021-001', '编号已存在', '传统采购', '', '', '智慧城市集成股份公司', '', '10', '', '', '', '', ''],
    /* 8 */ ['ZH-2021-001', 'HT-2025-006', '比例错', '传统采购', '', '', '智慧城市集成股份公司', '', '10', '130%', '', '', '', ''],
    /* 9 */ ['ZH-2021-001', 'HT-2025-007', '类型错', '合资经营', '', '', '', '', '', '', '', '', '2025-06-01', '2025-01-01'],
  ];
  const result = validateRows('contracts', rows, guessMapping('contracts', header), context());

  it('reports reference, rule and value errors per row', () => {
    expect(brief(result.errors)).toEqual([
      [4, 'projectCode', 'unknownProject'],
      [5, 'pppModel', 'pppOnly'],
      [6, 'contractRatePpmPerDay', 'required'],
      [7, 'code', 'codeExists'],
      [8, 'performanceLinkedBp', 'badPercent'],
      [9, 'type', 'unknownEnum'],
      [9, 'counterparty', 'required'],
      [9, 'value', 'required'],
      [9, 'operationEnd', 'dateOrder'],
    ]);
  });

  it('an SME counterparty with no late-interest clause gets the statute; "no interest" is never the default for an SME', () => {
    const rows2 = [
      header,
      // SME by the directory, nothing said about interest → the statute.
      ['ZH-2021-001', 'HT-2026-001', 'a', '购买服务', '', '市大数据管理局', '城市大脑运营有限公司', '', '10', '', '', '', '', ''],
      // SME declared in the sheet.
      ['ZH-2021-001', 'HT-2026-002', 'b', '购买服务', '', '市大数据管理局', '智慧城市集成股份公司', '是', '10', '', '', '', '', ''],
      // Not an SME: no clause stays no interest.
      ['ZH-2021-001', 'HT-2026-003', 'c', '购买服务', '', '市大数据管理局', '城市大脑运营有限公司', '否', '10', '', '', '', '', ''],
      // A clause in the sheet is kept as written (and warned about on the contract).
      ['ZH-2021-001', 'HT-2026-004', 'd', '购买服务', '', '市大数据管理局', '城市大脑运营有限公司', '', '10', '', '不计息', '', '', ''],
    ];
    const r = validateRows('contracts', rows2, guessMapping('contracts', header), context());
    expect(r.errors).toEqual([]);
    expect(r.valid.map((v) => v.record.interestPolicy)).toEqual(['cn-sme', 'cn-sme', 'none', 'none']);
  });

  it('builds contracts with parties, the SME flag, 万元 values, bp and ppm', () => {
    expect(result.valid.map((v) => v.row)).toEqual([2, 3]);
    const [ppp, service] = result.valid.map((v) => v.record);
    expect(ppp).toMatchObject({
      projectId: 'prj-1',
      type: 'ppp',
      pppModel: 'BOT',
      // 12 000 万元 = 120 000 000 yuan = 12 000 000 000 fen.
      value: { amount: 12_000_000_000, currency: 'CNY' },
      performanceLinkedBp: 3000,
      interestPolicy: 'contract-rate',
      contractRatePpmPerDay: 500,
      paymentTermDays: 30,
      paymentTermBasis: 'acceptance',
      parties: [
        { orgId: 'org-gov', role: 'government', isSme: false },
        // SME flag from the directory when the sheet says nothing.
        { orgId: 'org-spv', role: 'spv', isSme: true },
      ],
    });
    expect(service).toMatchObject({
      projectId: 'prj-2',
      type: 'purchase-of-service',
      // 86.5 万元 = 865 000 yuan.
      value: { amount: 86_500_000, currency: 'CNY' },
      interestPolicy: 'none',
      // The sheet's 否 overrides the directory: declared status at signing is what counts.
      parties: [
        { orgId: 'org-gov', role: 'government', isSme: false },
        { orgId: 'org-spv', role: 'operator', isSme: false },
      ],
    });
  });
});

describe('validateRows: payments', () => {
  const header = ['合同编号', '项目编号', '款项名称', '支付日期', '支付金额（元）', '币种', '凭证号'];
  const rows = [
    header,
    // Oldest first: 150 000 yuan settles the 50 000 left on 2023, then 100 000 of 2024's 200 000.
    /* 2 */ ['HT-2021-001', 'ZH-2021-001', '', '2024/8/15', '150000', '', '记-001'],
    // Named by description: the 2025 fee takes all 100 000.
    /* 3 */ ['HT-2021-001', '', '2025 年运维费', '2025-08-01', '100000', '人民币', '记-002'],
    // Named by due date: 2024 has 200 000 − 100 000 = 100 000 left after row 2; 120 000 is too much.
    /* 4 */ ['HT-2021-001', '', '2024-07-31', '2024-09-01', '120000', '', '记-003'],
    /* 5 */ ['HT-0000', '', '', '2024-09-01', '100', '', '记-004'],
    /* 6 */ ['HT-2024-018', 'ZH-2021-001', '', '2024-09-01', '100', '', '记-005'],
    /* 7 */ ['HT-2024-018', '', '', '2024-09-01', '100', 'USD', '记-006'],
    /* 8 */ ['HT-2024-018', '', '', '2024-09-01', '0', '', '记-007'],
    /* 9 */ ['HT-2024-018', '', '', '2024-09-01', '100', '', '记-001'],
    /* 10 */ ['HT-2024-018', '', '第九期', '2024-09-01', '100', '', ''],
    /* 11 */ ['HT-2024-018', '', '', '2024年9月1日', '1.5万', '', '记-008'],
  ];
  const result = validateRows('payments', rows, guessMapping('payments', header), context());

  it('reports payment errors per row', () => {
    expect(brief(result.errors)).toEqual([
      [4, 'amount', 'exceedsOutstanding'],
      [5, 'contractCode', 'unknownContract'],
      [6, 'contractCode', 'contractNotInProject'],
      [7, 'currency', 'currencyMismatch'],
      [8, 'amount', 'mustBePositive'],
      [9, 'voucherNo', 'duplicateInFile'],
      [10, 'obligation', 'unknownObligation'],
    ]);
    expect(result.errors[0].params).toEqual({ outstanding: '100000.00', currency: 'CNY' });
  });

  it('allocates to obligations oldest first, splitting a payment, and tracks what earlier rows paid', () => {
    expect(result.valid.map((v) => [v.row, v.record.obligationId, v.record.amount.amount, v.record.paidOn, v.record.voucherNo])).toEqual([
      [2, 'ob-2023', 5_000_000, '2024-08-15', '记-001'],
      [2, 'ob-2024', 10_000_000, '2024-08-15', '记-001'],
      [3, 'ob-2025', 10_000_000, '2025-08-01', '记-002'],
      // 1.5万 in a yuan column: the cell's unit wins → 15 000 yuan.
      [11, 'ob-s1', 1_500_000, '2024-09-01', '记-008'],
    ]);
    expect(result.valid.every((v) => v.record.contractId.startsWith('ct-'))).toBe(true);
  });

  it('settles only obligations in the currency paid in: no conversion, a mismatch is refused', () => {
    // A contract with yuan and euro obligations (an imported one may have both).
    const mixed: ContractRef = {
      id: 'ct-3',
      projectId: 'prj-1',
      currency: 'CNY',
      obligations: [
        { id: 'ob-eur', description: '设备款', dueDate: '2024-03-31', currency: 'EUR', outstanding: 1_000_000 },
        { id: 'ob-cny', description: '运维费', dueDate: '2024-06-30', currency: 'CNY', outstanding: 5_000_000 },
      ],
    };
    const ctx = context({ existingContracts: new Map([['HT-MIX', mixed]]) });
    const r = validateRows(
      'payments',
      [
        header,
        // No currency given: the contract's (yuan) settles the yuan obligation only, though the euro one is older.
        ['HT-MIX', '', '', '2024-08-01', '20000', '', 'V-1'],
        // Euro settles the euro obligation.
        ['HT-MIX', '', '', '2024-08-01', '10000', 'EUR', 'V-2'],
        // Dollars settle nothing here.
        ['HT-MIX', '', '', '2024-08-01', '100', 'USD', 'V-3'],
        // Naming the euro obligation but paying yuan.
        ['HT-MIX', '', '设备款', '2024-08-01', '100', '', 'V-4'],
      ],
      guessMapping('payments', header),
      ctx,
    );
    expect(r.valid.map((v) => [v.row, v.record.obligationId, v.record.amount])).toEqual([
      [2, 'ob-cny', { amount: 2_000_000, currency: 'CNY' }],
      [3, 'ob-eur', { amount: 1_000_000, currency: 'EUR' }],
    ]);
    expect(r.errors).toEqual([
      { row: 4, field: 'currency', code: 'currencyMismatch', params: { value: 'USD', expected: 'EUR/CNY' } },
      { row: 5, field: 'currency', code: 'currencyMismatch', params: { value: 'CNY', expected: 'EUR' } },
    ]);
  });

  it('refuses a payment larger than everything outstanding', () => {
    const r = validateRows('payments', [header, ['HT-2021-001', '', '', '2024-08-15', '460000.01', '', '']], guessMapping('payments', header), context());
    // Outstanding: 50 000 + 200 000 + 200 000 = 450 000 yuan.
    expect(r.errors).toEqual([{ row: 2, field: 'amount', code: 'exceedsOutstanding', params: { outstanding: '450000.00', currency: 'CNY' } }]);
  });
});

describe('templates', () => {
  // The examples refer to project ZH-2024-001 and contract HT-2024-018, which a project or contract
  // template must not find existing and a payment template must.
  const templateContext = (kind: (typeof SHEET_KINDS)[number], locale: SheetLocale) =>
    context({
      locale,
      existingProjectCodes: new Map(kind === 'projects' ? [] : [['ZH-2024-001', 'prj-2']]),
      existingContracts: new Map(kind === 'payments' ? [['HT-2024-018', serviceContract]] : []),
    });
  const cases = SHEET_KINDS.flatMap((kind) => (['zh-CN', 'en'] as const).map((locale) => [kind, locale] as const));
  it.each(cases)('%s template (%s): headers map back to their own columns and the example row passes', (kind, locale) => {
    const headers = templateHeaders(kind, locale);
    const mapping = guessMapping(kind, headers);
    SHEET_COLUMNS[kind].forEach((c, i) => expect([c.field, mapping[c.field]]).toEqual([c.field, i]));
    expect(headers.filter((h) => h.startsWith('*')).length).toBe(SHEET_COLUMNS[kind].filter((c) => c.required).length);
    const r = validateRows(kind, [headers, templateExampleRow(kind, locale)], mapping, templateContext(kind, locale));
    expect(r.errors).toEqual([]);
    expect(r.valid).toHaveLength(1);
  });

  it('the zh and en examples mean the same amounts and dates (万元 in zh, yuan in en)', () => {
    for (const kind of SHEET_KINDS) {
      const records = (['zh-CN', 'en'] as const).map((locale) => {
        const headers = templateHeaders(kind, locale);
        const ctx = templateContext(kind, locale);
        return validateRows(kind, [headers, templateExampleRow(kind, locale)], guessMapping(kind, headers), ctx).valid[0].record as unknown as Record<string, unknown>;
      });
      const pick = (r: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !['name', 'title', 'description', 'voucherNo'].includes(k)));
      expect(pick(records[0])).toEqual(pick(records[1]));
    }
  });
});

describe('i18n coverage of the importing codes', () => {
  it('has a zh and an en message for every code and every column', () => {
    for (const cat of [zhCN, enGB]) {
      for (const code of SHEET_ERROR_CODES) expect(cat.dataio.importing.sheet.errors[code]).toBeTruthy();
      for (const code of OC4IDS_IMPORT_ERROR_CODES) expect(cat.dataio.importing.oc4ids.errors[code]).toBeTruthy();
      for (const reason of OC4IDS_UNMAPPED_REASONS) expect(cat.dataio.importing.oc4ids.unmapped[reason]).toBeTruthy();
      for (const kind of SHEET_KINDS) {
        const labels = cat.dataio.importing.sheet.fields[kind] as Record<string, string>;
        for (const c of SHEET_COLUMNS[kind]) expect([kind, c.field, Boolean(labels[c.field])]).toEqual([kind, c.field, true]);
      }
    }
  });
});
