// Portfolio reports on the demo office: arrears aging (by department, contract type and payee),
// the review league table and the 重建轻运 watch list — cells checked against figures computed
// from the raw rows, then read back from XLSX and CSV as a spreadsheet program would.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { loadDemo } from '../../../renderer/src/data/demo';
import { activeDeductionTotals, payableObligations } from '../../../renderer/src/domain/contracts/payable';
import { interestTables } from '../../../renderer/src/data/reference-rates';
import { arrearsAgingSheets, arrearsAgingSheetsOf } from '../../../renderer/src/data/reports/arrears-aging';
import { reviewLeagueSheet } from '../../../renderer/src/data/reports/review-league';
import { CSV_BOM, readableRows, sheetsToXlsx, sheetToCsv, type TabularSheet } from '../../../renderer/src/data/reports/tabular';
import type { Translate } from '../../../renderer/src/data/reports/translate';
import { watchListSheet } from '../../../renderer/src/data/reports/watch-list';
import { listFinalisedReviews, watchList } from '../../../renderer/src/data/reviews';
import { AGING_BUCKETS } from '../../../renderer/src/domain/contracts/aging';
import { computeArrears, groupPaymentsByObligation, type ArrearsContract, type ArrearsObligation, type ObligationArrears } from '../../../renderer/src/domain/contracts/arrears';
import { regroupRollups } from '../../../renderer/src/domain/contracts/arrears-views';
import { DEFAULT_INTEREST_TABLES } from '../../../renderer/src/domain/contracts/interest';
import type { Contract } from '../../../renderer/src/domain/core/types';
import { enGB, lookup, zhCN } from '../../../renderer/src/i18n/catalogue';
import { interpolate } from '../../../renderer/src/i18n/format';
import { freshDb } from './helpers';

const zh: Translate = (key, params) => interpolate(lookup(zhCN, key) ?? key, params);
const en: Translate = (key, params) => interpolate(lookup(enGB, key) ?? key, params);
// freshDb's clock reads 2026-11-24: the demo's reviews are written up to that day.
const AS_OF = '2026-11-24';

async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** Worksheet rows after the header as arrays of cell values (1-based columns → 0-based). */
function body(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) out.push((ws.getRow(r).values as unknown[]).slice(1));
  return out;
}

const headers = (s: TabularSheet) => s.columns.map((c) => c.header);
const rowNamed = (s: TabularSheet, name: string) => s.rows.filter((r) => r[0] === name);

/** Every live obligation's arrears from the raw rows (not the ledgers), performance deductions applied. */
async function rawArrears(db: WorkbenchDb): Promise<ObligationArrears[]> {
  const obligations = (await db.obligations.toArray()).filter((o) => !o.deleted);
  const contracts = new Map<string, Contract>((await db.contracts.toArray()).filter((c) => !c.deleted).map((c) => [c.id, c]));
  const live = obligations.filter((o) => contracts.has(o.contractId));
  const payments = groupPaymentsByObligation(await db.payments.toArray());
  const deductions = activeDeductionTotals(await db.deductions.toArray());
  return computeArrears(payableObligations(live, deductions), payments, contracts, await interestTables(db), AS_OF).rows;
}

const sum = (rows: ObligationArrears[], f: (r: ObligationArrears) => number) => rows.reduce((s, r) => s + f(r), 0);

describe('portfolio reports on the demo office', () => {
  let db: WorkbenchDb;
  let orgName: Map<string, string>;
  let raw: ObligationArrears[];
  beforeAll(async () => {
    const fresh = await freshDb();
    db = fresh.db;
    await loadDemo(fresh.w);
    orgName = new Map((await db.organisations.toArray()).map((o) => [o.id, o.name]));
    raw = await rawArrears(db);
  }, 60_000);

  it('arrears aging by department: buckets, interest and counts equal the sums of the raw obligations', async () => {
    const [dept, type, payee] = await arrearsAgingSheets(db, zh, AS_OF);
    expect([dept.name, type.name, payee.name]).toEqual(['按付款部门', '按合同类型', '按收款方']);
    expect(headers(dept)).toEqual([
      '付款部门', '币种', '逾期笔数', '未付金额（含未到期）', '逾期未付',
      '30 天以内', '31–90 天', '91–180 天', '181–365 天', '1–2 年', '2 年以上', '逾期利息', '争议/暂扣',
    ]);
    expect(dept.columns.slice(3, 13).every((c) => c.kind === 'money')).toBe(true);

    // The department owed most more than two years: the demo's O&M fees left unpaid since 2019–2022.
    const y2p = new Map<string, number>();
    for (const r of raw) if (r.bucket === 'y2p') y2p.set(r.payerDepartmentId, (y2p.get(r.payerDepartmentId) ?? 0) + r.overdue);
    const [deptId, oldest] = [...y2p].sort((a, b) => b[1] - a[1])[0];
    expect(oldest).toBeGreaterThan(0);
    const mine = raw.filter((r) => r.payerDepartmentId === deptId);
    const rows = rowNamed(dept, orgName.get(deptId)!);
    expect(rows).toHaveLength(1); // the demo is all CNY
    expect(rows[0]).toEqual([
      orgName.get(deptId),
      'CNY',
      mine.filter((r) => r.overdue > 0).length,
      sum(mine, (r) => r.outstanding),
      sum(mine, (r) => r.overdue),
      ...AGING_BUCKETS.map((b) => sum(mine.filter((r) => r.bucket === b), (r) => r.overdue)),
      sum(mine, (r) => r.interest),
      sum(mine, (r) => r.disputed),
    ]);
    expect(rows[0][10]).toBe(oldest);

    // Largest overdue first, the totals row last and equal to the whole portfolio.
    const overdue = dept.rows.slice(0, -1).map((r) => r[4] as number);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    expect(dept.rows.at(-1)).toEqual([
      '合计', 'CNY', raw.filter((r) => r.overdue > 0).length, sum(raw, (r) => r.outstanding), sum(raw, (r) => r.overdue),
      ...AGING_BUCKETS.map((b) => sum(raw.filter((r) => r.bucket === b), (r) => r.overdue)),
      sum(raw, (r) => r.interest), sum(raw, (r) => r.disputed),
    ]);
    // Each sheet splits the same total.
    expect(type.rows.at(-1)).toEqual(dept.rows.at(-1));
    expect(payee.rows.at(-1)).toEqual(['合计', null, ...dept.rows.at(-1)!.slice(1)]);
    for (const s of [dept, type]) {
      const named = s.rows.slice(0, -1);
      for (let col = 2; col < 13; col++) expect(named.reduce((t, r) => t + (r[col] as number), 0)).toBe(s.rows.at(-1)![col]);
    }
  });

  it('arrears aging by contract type and by payee: translated types, SMEs first with their flag', async () => {
    const [, type, payee] = await arrearsAgingSheets(db, zh, AS_OF);
    // The withheld 800,000.00 of the PPP's O&M payment is the only disputed amount, on the PPP row.
    const ppp = rowNamed(type, 'ppp')[0];
    const disputed = raw.filter((r) => r.disputed > 0);
    expect(disputed).toHaveLength(1);
    expect(ppp[12]).toBe(disputed[0].disputed);
    // Rows keep the type codes; what a person reads (XLSX, CSV) is the type's name.
    expect(type.rows.map((r) => r[0])).toContain('traditional');
    expect(readableRows(type, zh).map((r) => r[0])).toContain('传统采购（总集成+分包）');

    expect(headers(payee).slice(0, 3)).toEqual(['收款方', '中小企业', '币种']);
    const flags = readableRows(payee, zh).slice(0, -1).map((r) => r[1]);
    expect(flags.indexOf('否')).toBeGreaterThan(0);
    expect(flags.slice(flags.indexOf('否')).every((f) => f === '否')).toBe(true);
    expect(flags.slice(0, flags.indexOf('否')).every((f) => f === '是')).toBe(true);
    // A counterparty's figures are those of the obligations payable to it.
    const smeId = [...orgName].find(([, n]) => n === payee.rows[0][0])![0];
    const its = raw.filter((r) => r.payeeId === smeId);
    expect(payee.rows[0].slice(3, 6)).toEqual([its.filter((r) => r.overdue > 0).length, sum(its, (r) => r.outstanding), sum(its, (r) => r.overdue)]);
    // Paid (late) in full but owing late interest: listed, with nothing overdue.
    expect(payee.rows.some((r) => r[5] === 0 && (r[12] as number) > 0)).toBe(true);
  });

  it('writes the aging workbook with money as numbers in yuan and the department CSV with a BOM', async () => {
    const sheets = await arrearsAgingSheets(db, zh, AS_OF);
    const wb = await readXlsx(await sheetsToXlsx(sheets, { title: '欠款账龄分析', asOf: AS_OF, tr: zh }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按付款部门', '按合同类型', '按收款方']);
    const ws = wb.getWorksheet('按付款部门')!;
    expect(ws.getRow(1).getCell(11).value).toBe('2 年以上');
    const cells = body(ws);
    expect(cells).toHaveLength(sheets[0].rows.length);
    sheets[0].rows.forEach((row, i) => {
      expect(cells[i][0]).toBe(row[0]);
      expect(cells[i][2]).toBe(row[2]);
      for (let c = 3; c < 13; c++) {
        // Fen in the sheet, yuan with two decimals in the workbook: e.g. 791 000 000 fen = 7 910 000.00.
        expect(typeof cells[i][c]).toBe('number');
        expect(Math.round((cells[i][c] as number) * 100)).toBe(row[c]);
      }
    });
    expect(ws.getRow(2).getCell(5).numFmt).toBe('#,##0.00');

    const csv = sheetToCsv(sheets[0], zh);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('付款部门,币种,逾期笔数,未付金额（含未到期）,逾期未付,30 天以内,31–90 天,91–180 天,181–365 天,1–2 年,2 年以上,逾期利息,争议/暂扣');
    // Exact decimal text of the fen: 4 993 100 000 fen → 49931000.00.
    const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    const total = sheets[0].rows.at(-1)!;
    expect(lines).toContain(`合计,CNY,${total[2]},${total.slice(3).map((v) => yuan(v as number)).join(',')}`);
    expect(lines.at(-1)).toBe('');
  });

  it('speaks English when asked', async () => {
    const [dept, type, payee] = await arrearsAgingSheets(db, en, AS_OF);
    expect([dept.name, type.name, payee.name]).toEqual(['By department', 'By contract type', 'By payee']);
    expect(headers(dept).slice(0, 5)).toEqual(['Paying department', 'Currency', 'Overdue items', 'Outstanding (incl. not yet due)', 'Overdue']);
    expect(headers(dept).slice(5, 11)).toEqual(['≤ 30 days', '31–90 days', '91–180 days', '181–365 days', '1–2 years', '> 2 years']);
    expect(readableRows(type, en).map((r) => r[0])).toContain('Public-private partnership (PPP)');
    expect(new Set(readableRows(payee, en).slice(0, -1).map((r) => r[1]))).toEqual(new Set(['Yes', 'No']));
    expect(dept.rows.at(-1)![0]).toBe('Total');
  });

  it('ranks the latest finalised reviews by score, with the average of the last three; unreviewed operating projects last', async () => {
    const sheet = await reviewLeagueSheet(db, zh, { asOf: AS_OF, locale: 'zh-CN' });
    expect(headers(sheet)).toEqual([
      '排名', '项目编号', '项目名称', '牵头部门', '项目阶段', '评价期间起', '评价期间止', '指标体系', '得分', '等级', '付费系数', '近 3 次平均得分', '已定稿评价次数', '备注',
    ]);
    const finals = await listFinalisedReviews(db);
    const projects = new Map((await db.projects.toArray()).map((p) => [p.id, p]));
    const byCode = new Map<string, typeof finals>();
    for (const r of finals) {
      const code = projects.get(r.projectId)!.code;
      byCode.set(code, [...(byCode.get(code) ?? []), r].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd)));
    }
    // Highest latest score first: the demo's five reviewed projects, then ZH-2019-016 (system, no review).
    const expected = [...byCode].map(([code, list]) => ({ code, latest: list.at(-1)! })).sort((a, b) => b.latest.totalScore - a.latest.totalScore);
    expect(sheet.rows.map((r) => r[1])).toEqual([...expected.map((e) => e.code), 'ZH-2019-016']);
    expect(sheet.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, '']);

    // The falling PPP: 8 reviews, the latest one the lowest, so its recent average is above its score.
    const ppp = sheet.rows.find((r) => r[1] === 'ZH-2021-006')!;
    const pppReviews = byCode.get('ZH-2021-006')!;
    const last3 = pppReviews.slice(-3).map((r) => r.totalScore);
    // Mean in centipoints rounded half up: (a + b + c) / 3, here (6304 + 5963 + 5630) / 3 = 5965.67 → 5966 → 59.66.
    const mean = Math.floor((2 * (last3[0] + last3[1] + last3[2]) + 3) / 6);
    expect(ppp.slice(5, 14)).toEqual([
      pppReviews.at(-1)!.periodStart, pppReviews.at(-1)!.periodEnd, 'PPP项目绩效评价（运营期） v1',
      pppReviews.at(-1)!.totalScore / 100, pppReviews.at(-1)!.grade, pppReviews.at(-1)!.coefficientBp, mean / 100, 8, '',
    ]);
    expect(readableRows(sheet, zh).find((r) => r[1] === 'ZH-2021-006')![9]).toBe(zh(`reviews.grade.${pppReviews.at(-1)!.grade as 'poor'}`));
    expect(ppp[11] as number).toBeGreaterThan(ppp[8] as number);
    expect(readableRows(sheet, zh).at(-1)!.slice(1, 5)).toEqual(['ZH-2019-016', '政务云平台扩容', '市大数据管理局', '运营']);
    expect(sheet.rows.at(-1)![13]).toBe('尚无已定稿的绩效评价');

    // As of a day before any review was finalised, nobody is ranked.
    const early = await reviewLeagueSheet(db, zh, { asOf: '2019-01-01', locale: 'zh-CN' });
    expect(early.rows.every((r) => r[0] === '')).toBe(true);

    const english = await reviewLeagueSheet(db, en, { asOf: AS_OF, locale: 'en' });
    expect(english.rows[0][7]).toMatch(/ v1$/);
    expect(english.rows[0][7]).not.toMatch(/[\u4e00-\u9fff]/);
    expect(['Excellent', 'Good', 'Fair', 'Poor']).toContain(readableRows(english, en)[0][9]);

    const wb = await readXlsx(await sheetsToXlsx([sheet], { title: '绩效评价排名', asOf: AS_OF, tr: zh }));
    const cells = body(wb.getWorksheet('绩效评价排名')!);
    expect(cells[0][0]).toBe(1);
    expect(typeof cells[0][8]).toBe('number');
    expect(cells[0][10]).toBe((sheet.rows[0][10] as number) / 10_000);
    expect((cells[0][6] as Date).toISOString().slice(0, 10)).toBe(sheet.rows[0][6]);
  });

  it('lists the 重建轻运 watch list: overdue longest first, then no cycle, with translated statuses and cycles', async () => {
    const sheet = await watchListSheet(db, zh, AS_OF);
    const items = await watchList(db, AS_OF);
    expect(sheet.rows.map((r) => r[1])).toEqual(items.map((i) => i.code));
    const status = new Map(readableRows(sheet, zh).map((r) => [r[1], r[0]]));
    // Reviewed in the first years only (ZH-2018-003, ZH-2020-009), and a newest period left in draft (ZH-2020-001).
    expect(status.get('ZH-2018-003')).toBe('逾期');
    expect(status.get('ZH-2020-009')).toBe('逾期');
    expect(status.get('ZH-2020-001')).toBe('逾期');
    expect(status.get('ZH-2019-016')).toBe('未设评价周期');
    expect(sheet.rows.at(-1)![1]).toBe('ZH-2019-016');
    const days = sheet.rows.filter((r) => r[0] === 'overdue').map((r) => r[10] as number);
    expect(days).toEqual([...days].sort((a, b) => b - a));

    const old = readableRows(sheet, zh).find((r) => r[1] === 'ZH-2018-003')!;
    const item = items.find((i) => i.code === 'ZH-2018-003')!;
    expect(old.slice(2, 7)).toEqual(['时空信息云平台', '市规划和自然资源局', '每年', item.operateStart, item.lastReviewedTo]);
    expect(item.due?.status).toBe('overdue');
    if (item.due?.status !== 'overdue') return;
    expect(old.slice(7, 13)).toEqual([item.due.period.start, item.due.period.end, item.due.deadline, item.due.daysOverdue, null, item.due.missedPeriods]);
    const noCycle = items.find((i) => i.code === 'ZH-2019-016')!;
    expect(readableRows(sheet, zh).at(-1)!.slice(4, 13)).toEqual(['', noCycle.operateStart, '从未评价', '', '', '', null, null, null]);

    const english = await watchListSheet(db, en, AS_OF);
    expect(readableRows(english, en).find((r) => r[1] === 'ZH-2018-003')!.slice(0, 5)).toEqual(['Overdue', 'ZH-2018-003', '时空信息云平台', '市规划和自然资源局', 'Yearly']);
    expect(english.rows.at(-1)![6]).toBe('Never reviewed');
  });
});

describe('arrears aging with several currencies', () => {
  // Policy 'none' (no interest), as of 2025-03-31:
  //   D1 ← P1: CNY 1 000.00 due 2025-01-01, unpaid → 89 days (30 + 28 + 31) → 31–90 days
  //   D1 ← P1: EUR   500.00 due 2022-12-31, unpaid → 365 + 366 + 90 = 821 days → > 2 years
  //   D2 ← P2: CNY   200.00 due 2025-03-21, 50.00 paid 03-25 → 150.00 overdue, 10 days → ≤ 30 days
  const contract: ArrearsContract = { id: 'C', interestPolicy: 'none', contractRatePpmPerDay: 0, parties: [{ orgId: 'P1', role: 'operator', isSme: true }] };
  const o = (id: string, dept: string, payee: string, dueDate: string, amount: number, currency: string): ArrearsObligation => ({
    id, contractId: 'C', projectId: 'PR', payeeId: payee, payerDepartmentId: dept, dueDate, amount: { amount, currency }, disputedAmount: 0,
  });
  const report = computeArrears(
    [o('A', 'D1', 'P1', '2025-01-01', 100_000, 'CNY'), o('B', 'D1', 'P1', '2022-12-31', 50_000, 'EUR'), o('C2', 'D2', 'P2', '2025-03-21', 20_000, 'CNY')],
    groupPaymentsByObligation([{ obligationId: 'C2', paidOn: '2025-03-25', amount: { amount: 5_000, currency: 'CNY' } }]),
    new Map([['C', contract]]),
    DEFAULT_INTEREST_TABLES,
    '2025-03-31',
  );
  const byType = regroupRollups(report.byContract, () => 'ppp');
  const names = new Map([['D1', '市大数据管理局'], ['D2', '市交通运输局'], ['P1', '甲公司'], ['P2', '乙公司']]);
  const [dept, type, payee] = arrearsAgingSheetsOf({ report, byType }, names, zh);

  it('gives a name owed in two currencies a row per currency, and a totals row per currency', () => {
    expect(dept.rows).toEqual([
      ['市大数据管理局', 'CNY', 1, 100_000, 100_000, 0, 100_000, 0, 0, 0, 0, 0, 0],
      ['市大数据管理局', 'EUR', 1, 50_000, 50_000, 0, 0, 0, 0, 0, 50_000, 0, 0],
      ['市交通运输局', 'CNY', 1, 15_000, 15_000, 15_000, 0, 0, 0, 0, 0, 0, 0],
      ['合计', 'CNY', 2, 115_000, 115_000, 15_000, 100_000, 0, 0, 0, 0, 0, 0],
      ['合计', 'EUR', 1, 50_000, 50_000, 0, 0, 0, 0, 0, 50_000, 0, 0],
    ]);
    expect(readableRows(type, zh).map((r) => r.slice(0, 2))).toEqual([['政府和社会资本合作（PPP）', 'CNY'], ['政府和社会资本合作（PPP）', 'EUR'], ['合计', 'CNY'], ['合计', 'EUR']]);
    // P1 is an SME on the contract: first, flagged; P2 is not a party, so not flagged.
    expect(readableRows(payee, zh).map((r) => r.slice(0, 3))).toEqual([['甲公司', '是', 'CNY'], ['甲公司', '是', 'EUR'], ['乙公司', '否', 'CNY'], ['合计', null, 'CNY'], ['合计', null, 'EUR']]);
  });
});
