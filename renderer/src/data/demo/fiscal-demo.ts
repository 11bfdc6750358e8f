// Demo step: the office's budget figures for the fiscal outlook — the general public budget
// expenditure of a small city's level of government for 2025–2031, appropriations of the paying
// departments for 2026–2028 (one of them short of what it owes in 2027), and the office's default
// indexation of 2% a year for fees that state none.
import type { BudgetLine, FiscalRule } from '../../domain/fiscal/budgets';
import { insertMany, type NewRecord, type Writer } from '../repo';
import type { DemoContext, DemoStep } from './step';

const WAN = 1_000_000; // 万元 in fen
const CNY = (wan: number) => ({ amount: wan * WAN, currency: 'CNY' });

/** 一般公共预算支出 (万元) by year: about 38亿 growing 3% a year. */
const GENERAL: [number, number][] = [
  [2025, 376_000],
  [2026, 386_500],
  [2027, 398_100],
  [2028, 410_000],
  [2029, 422_300],
  [2030, 435_000],
  [2031, 448_000],
];

/** 预算安排 (万元) of the paying departments for the O&M and service fees they owe. */
const APPROPRIATIONS: [dept: string, year: number, wan: number, note: string][] = [
  ['transport', 2026, 2_600, '交通信号优化 PPP 可用性付费及运维绩效付费、智慧停车缺口补助'],
  ['transport', 2027, 1_800, '按 2026 年执行数压减 30%'],
  ['transport', 2028, 2_400, ''],
  ['emergency', 2026, 800, '指挥中心租赁服务费'],
  ['emergency', 2027, 1_700, '含城市生命线 PPP 首年可用性付费'],
  ['emergency', 2028, 1_700, ''],
  ['planning', 2026, 300, '时空信息云平台运维费（含清偿欠款）'],
  ['bigdata', 2026, 1_840, '城市大脑一期质保金（终验审计后支付）'],
];

export const fiscalDemoStep: DemoStep = async (w: Writer, ctx: DemoContext) => {
  const lines: NewRecord<BudgetLine>[] = [
    ...GENERAL.map(([year, wan]) => ({ id: ctx.rng.uuid(), kind: 'general-expenditure' as const, year, departmentId: '', amount: CNY(wan), note: year <= 2026 ? '市人大批准的预算' : '中期财政规划' })),
    ...APPROPRIATIONS.map(([dept, year, wan, note]) => ({ id: ctx.rng.uuid(), kind: 'appropriation' as const, year, departmentId: ctx.orgId(dept), amount: CNY(wan), note })),
  ];
  await insertMany<BudgetLine>(w, 'budgets', lines);
  await insertMany<FiscalRule>(w, 'fiscalRules', [
    { id: ctx.rng.uuid(), rule: 'default-indexation', effectiveFrom: '2024-01-01', rateBp: 200, warnBp: 0, reference: '市财政局中期财政规划编制口径（演示）' },
  ]);
};
