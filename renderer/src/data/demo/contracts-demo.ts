// Demo step: contracts of every type on the demo projects, their schedules generated as the app
// generates them, and payments on time, partial, late and very late — among them the seed's O&M
// fees "拖欠两年以上" of the spatio-temporal cloud platform and one withheld (disputed) amount.
// Ids come from the demo's seeded random stream, so every machine builds the same portfolio.
import { addDays } from '../../domain/core/dates';
import { applyBp } from '../../domain/core/money';
import {
  generateMilestoneObligations,
  generatePeriodicObligations,
  type MilestoneSpec,
  type ObligationDraft,
  type PeriodicSpec,
} from '../../domain/contracts/schedule';
import type { Contract, ContractAmendment, ContractParty, Payment, PaymentObligation } from '../../domain/core/types';
import { emptyContractDraft } from '../contracts';
import { refreshLedgers } from '../ledger';
import { insertMany, type NewRecord, type Writer } from '../repo';
import type { DemoContext, DemoStep } from './step';

const WAN = 1_000_000; // 万元 in fen

type Pay = { on: string; amount?: number; voucher?: string; note?: string };

interface ContractPlan {
  project: string;
  code: string;
  title: string;
  contract: Partial<Omit<Contract, 'parties'>>;
  parties: [key: string, role: ContractParty['role'], isSme?: boolean][];
  schedules: ({ periodic: PeriodicSpec } | { milestones: MilestoneSpec[] })[];
  /** Payments per obligation, in schedule order (due date order within a schedule); missing = unpaid. */
  payments: (k: number, o: ObligationDraft) => Pay[];
  /** Disputed (withheld) amount per obligation index. */
  disputed?: Record<number, number>;
  amendments?: Omit<NewRecord<ContractAmendment>, 'contractId'>[];
}

const onTime = (o: ObligationDraft, early = 5): Pay[] => [{ on: addDays(o.dueDate, -early) }];
const late = (o: ObligationDraft, days: number, amount?: number): Pay => ({ on: addDays(o.dueDate, days), amount });

const PLANS: ContractPlan[] = [
  {
    // PPP 12 years: quarterly availability payments and yearly O&M performance payments.
    project: 'ZH-2021-006',
    code: 'JT-PPP-2021-01',
    title: '智慧交通信号优化系统 PPP 项目合同',
    contract: {
      type: 'ppp', pppModel: 'BOT', pppPaymentMechanism: 'government-pays', signedOn: '2021-02-26',
      constructionStart: '2021-03-15', constructionEnd: '2022-06-30', operationStart: '2022-07-01', operationEnd: '2034-06-30',
      value: { amount: 21_500 * WAN, currency: 'CNY' }, paymentTermDays: 30, performanceLinkedBp: 3000, interestPolicy: 'cn-sme',
      riskAllocation: '建设、运营风险由社会资本承担；政策与法律变更风险由政府承担；需求风险共担。',
      benefitSharing: '信号配时优化带来的通行效率收益不另行分成；增值数据服务收入按 3:7（政府:社会资本）分享。',
    },
    parties: [['transport', 'government'], ['finance', 'government'], ['changxing', 'spv', true]],
    schedules: [
      { periodic: { frequency: 'quarterly', start: '2022-07-01', end: '2034-06-30', total: 16_800 * WAN, kind: 'availability', description: '可用性付费' } },
      { periodic: { frequency: 'yearly', start: '2022-07-01', end: '2034-06-30', amountPerPeriod: 260 * WAN, kind: 'om-fee', description: '运维绩效付费' } },
    ],
    payments: (k, o) => {
      if (o.dueDate > '2026-09-30') return [];
      if (o.kind === 'availability') {
        // On time through 2024; 2025 slips; the latest quarter is half paid.
        if (o.dueDate < '2025-01-01') return onTime(o, 3);
        if (o.dueDate < '2026-01-01') return [late(o, 45)];
        if (o.dueDate < '2026-07-01') return [late(o, 20, Math.floor(o.amount.amount / 2))];
        return [];
      }
      if (k === 0) return onTime(o);
      if (k === 1) return [late(o, 95)];
      // The 2025 O&M performance payment: part paid, the rest withheld pending the review dispute.
      if (k === 2) return [{ on: addDays(o.dueDate, 30), amount: 180 * WAN, note: '绩效评价争议部分暂扣' }];
      return [];
    },
    disputed: { 50: 80 * WAN },
  },
  {
    // BOT 10 years, transferred at the end of 2024: fees all paid, several late.
    project: 'ZH-2012-014',
    code: 'GA-BOT-2012-01',
    title: '雪亮工程视频共享平台 BOT 特许经营协议',
    contract: {
      type: 'bot', signedOn: '2012-05-18', constructionStart: '2012-06-01', constructionEnd: '2013-12-31',
      operationStart: '2014-01-01', operationEnd: '2023-12-31', value: { amount: 13_200 * WAN, currency: 'CNY' },
      paymentTermDays: 60, paymentTermBasis: 'invoice', performanceLinkedBp: 2000, interestPolicy: 'contract-rate', contractRatePpmPerDay: 300,
      riskAllocation: '融资、建设和运营风险由项目公司承担，期满无偿移交。',
    },
    parties: [['police', 'government'], ['anshi', 'operator', true]],
    schedules: [{ periodic: { frequency: 'yearly', start: '2014-01-01', end: '2023-12-31', amountPerPeriod: 1_150 * WAN, kind: 'service-fee', description: '特许经营服务费' } }],
    payments: (k, o) => (k % 3 === 1 ? [late(o, 40 + k * 7)] : onTime(o, 10)),
  },
  {
    // Purchase of service from an SME with a 90-day payment term: warnings on the contract.
    project: 'ZH-2019-004',
    code: 'ZW-GM-2020-07',
    title: '一网通办平台运营服务采购合同',
    contract: {
      type: 'purchase-of-service', signedOn: '2020-10-16', operationStart: '2020-11-01', operationEnd: '2023-10-31',
      value: { amount: 1_440 * WAN, currency: 'CNY' }, paymentTermDays: 90, paymentTermBasis: 'invoice', performanceLinkedBp: 0, interestPolicy: 'cn-sme',
    },
    parties: [['govsvc', 'government'], ['zhengtong', 'operator', true]],
    schedules: [{ periodic: { frequency: 'quarterly', start: '2020-11-01', end: '2023-10-31', total: 1_440 * WAN, kind: 'service-fee', description: '运营服务费' } }],
    payments: (k, o) => (k < 4 ? onTime(o, 15) : k < 9 ? [late(o, 12 + k * 4)] : k === 9 ? [late(o, 70, 60 * WAN), late(o, 160)] : [late(o, 220)]),
    amendments: [
      // The amendment that moved the term to 90 days (now flagged: over 60 days to an SME).
      { signedOn: '2021-06-01', summary: '补充协议：因财政集中支付流程调整，付款期限由 60 天改为 90 天', valueDelta: 0, changes: [{ field: 'paymentTermDays', before: 60, after: 90 }] },
    ],
  },
  {
    // The seed's case: O&M fees of the spatio-temporal cloud platform unpaid for more than two years.
    project: 'ZH-2018-003',
    code: 'GZ-YW-2019-12',
    title: '时空信息云平台运维服务合同',
    contract: {
      type: 'purchase-of-service', signedOn: '2019-12-20', operationStart: '2020-01-01', operationEnd: '2025-12-31',
      value: { amount: 1_800 * WAN, currency: 'CNY' }, paymentTermDays: 30, performanceLinkedBp: 2000, interestPolicy: 'cn-sme',
    },
    parties: [['planning', 'government'], ['yuntu', 'operator', true]],
    schedules: [{ periodic: { frequency: 'yearly', start: '2020-01-01', end: '2025-12-31', amountPerPeriod: 300 * WAN, kind: 'om-fee', description: '年度运维费' } }],
    payments: (k, o) => (k === 0 ? [late(o, 44, undefined)] : k === 1 ? [{ on: addDays(o.dueDate, 151), amount: 100 * WAN, note: '财政资金紧张，先行支付部分' }] : []),
  },
  {
    // Traditional procurement: general integrator with an SME subcontractor, paid by milestones.
    project: 'ZH-2020-001',
    code: 'DN-ZJ-2020-02',
    title: '城市大脑一期总集成合同',
    contract: {
      type: 'traditional', signedOn: '2020-02-21', constructionStart: '2020-03-01', constructionEnd: '2021-12-31',
      value: { amount: 36_800 * WAN, currency: 'CNY' }, paymentTermDays: 30, performanceLinkedBp: 0, interestPolicy: 'contract-rate', contractRatePpmPerDay: 150,
      riskAllocation: '总集成商对分包工作承担连带责任。',
    },
    parties: [['bigdata', 'government'], ['huaxin', 'general-integrator'], ['shuzhi', 'subcontractor', true]],
    schedules: [
      {
        milestones: [
          { triggerDate: '2020-03-01', description: '合同签订预付款', shareBp: 3000 },
          { triggerDate: '2021-06-30', description: '初验合格', shareBp: 4000 },
          { triggerDate: '2022-01-20', description: '终验合格', shareBp: 2500 },
          { triggerDate: '2024-01-20', description: '质保期满', shareBp: 500 },
        ],
      },
    ],
    payments: (k, o) =>
      k === 0 ? onTime(o, 2) : k === 1 ? [late(o, 20)] : k === 2 ? [{ on: o.dueDate, amount: applyBp(o.amount.amount, 9000) }, late(o, 400, applyBp(o.amount.amount, 1000))] : [],
  },
  {
    // Company invests and builds, the government leases the service (seed 001).
    project: 'ZH-2024-005',
    code: 'YJ-ZL-2024-01',
    title: '城市运行管理指挥中心租赁服务合同',
    contract: {
      type: 'lease', signedOn: '2024-01-15', operationStart: '2024-07-01', operationEnd: '2029-06-30',
      value: { amount: 3_000 * WAN, currency: 'CNY' }, paymentTermDays: 30, paymentTermBasis: 'invoice', performanceLinkedBp: 1000, interestPolicy: 'contract-rate', contractRatePpmPerDay: 200,
    },
    parties: [['emergency', 'government'], ['chengtou', 'lessor']],
    schedules: [{ periodic: { frequency: 'quarterly', start: '2024-07-01', end: '2029-06-30', total: 3_000 * WAN, kind: 'lease-fee', description: '租赁服务费' } }],
    payments: (k, o) => (o.dueDate > '2026-10-31' ? [] : k === 7 ? [] : onTime(o, 1)),
  },
  {
    // PPP with user charges and viability-gap funding (10 years).
    project: 'ZH-2020-009',
    code: 'JT-PPP-2020-03',
    title: '智慧停车 PPP 项目合同（可行性缺口补助）',
    contract: {
      type: 'ppp', pppModel: 'ROT', pppPaymentMechanism: 'viability-gap', signedOn: '2020-04-20', constructionStart: '2020-05-01', constructionEnd: '2021-04-30',
      operationStart: '2021-05-01', operationEnd: '2031-04-30', value: { amount: 7_800 * WAN, currency: 'CNY' }, paymentTermDays: 45, performanceLinkedBp: 3000, interestPolicy: 'cn-sme',
    },
    parties: [['transport', 'government'], ['changxing', 'operator', true]],
    schedules: [{ periodic: { frequency: 'yearly', start: '2021-05-01', end: '2031-04-30', amountPerPeriod: 420 * WAN, kind: 'availability', description: '可行性缺口补助' } }],
    payments: (k, o) => (k < 3 ? onTime(o, 8) : k === 3 ? [late(o, 210)] : []),
  },
  {
    // A PPP signed after the new mechanism took effect (国办函〔2023〕115号, 2023-11-03) with
    // government payment: a serious warning. Availability payments are scheduled for the first three
    // operating years only, so the fiscal outlook projects the rest to the operation end, indexed.
    project: 'ZH-2024-015',
    code: 'YJ-PPP-2024-02',
    title: '城市生命线安全监测 PPP 项目合同',
    contract: {
      type: 'ppp', pppModel: 'BOT', pppPaymentMechanism: 'government-pays', signedOn: '2024-03-08', constructionStart: '2024-06-01', constructionEnd: '2026-05-31',
      operationStart: '2026-06-01', operationEnd: '2036-05-31', value: { amount: 9_800 * WAN, currency: 'CNY' }, paymentTermDays: 30, performanceLinkedBp: 3000,
      interestPolicy: 'cn-sme', indexationBp: 150,
      riskAllocation: '建设和运营风险由社会资本承担；监测设备更新风险共担。',
    },
    parties: [['emergency', 'government'], ['finance', 'government'], ['shuzhi', 'spv', true]],
    schedules: [{ periodic: { frequency: 'yearly', start: '2026-06-01', end: '2029-05-31', amountPerPeriod: 980 * WAN, kind: 'availability', description: '可用性付费' } }],
    payments: () => [],
  },
  {
    // A franchise (特许经营) under the 2024 measures: user-pays for 25 years, so no government fees.
    project: 'ZH-2025-008',
    code: 'SJ-TX-2026-01',
    title: '公共数据授权运营特许经营协议',
    contract: {
      type: 'franchise', pppModel: 'BOT', pppPaymentMechanism: 'user-pays', signedOn: '2026-05-20', constructionStart: '2026-06-01', constructionEnd: '2027-06-30',
      operationStart: '2027-07-01', operationEnd: '2051-06-30', value: { amount: 4_200 * WAN, currency: 'CNY' }, paymentTermDays: 30, performanceLinkedBp: 0, interestPolicy: 'cn-sme',
      benefitSharing: '数据产品经营收入超过协议约定收益率部分，按 3:7（政府:特许经营者）分享。',
    },
    parties: [['bigdata', 'government'], ['opsgroup', 'operator']],
    schedules: [],
    payments: () => [],
  },
];

function contractRecord(ctx: DemoContext, plan: ContractPlan, projectId: string): NewRecord<Contract> {
  return {
    ...emptyContractDraft(projectId),
    id: ctx.rng.uuid(),
    code: plan.code,
    title: plan.title,
    ...plan.contract,
    parties: plan.parties.map(([key, role, isSme]) => ({ orgId: ctx.orgId(key), role, isSme: !!isSme, signedOn: '' })),
  };
}

export const contractsDemoStep: DemoStep = async (w: Writer, ctx: DemoContext) => {
  const contracts: NewRecord<Contract>[] = [];
  const obligations: NewRecord<PaymentObligation>[] = [];
  const payments: NewRecord<Payment>[] = [];
  const amendments: NewRecord<ContractAmendment>[] = [];
  for (const plan of PLANS) {
    const project = ctx.projectByCode.get(plan.project);
    if (!project) throw new Error(`demo project ${plan.project} missing`);
    const c = contractRecord(ctx, plan, project.id);
    contracts.push(c);
    const contract = { ...c, id: c.id as string };
    const gov = c.parties.find((p) => p.role === 'government');
    const parties = {
      payeeId: c.parties.find((p) => p.role !== 'government')?.orgId ?? '',
      payerDepartmentId: gov?.orgId ?? project.departmentId,
    };
    let index = 0;
    for (const s of plan.schedules) {
      const drafts = 'periodic' in s ? generatePeriodicObligations(contract, parties, s.periodic) : generateMilestoneObligations(contract, parties, s.milestones);
      drafts.forEach((d, k) => {
        const id = ctx.rng.uuid();
        obligations.push({ ...d, id, disputedAmount: plan.disputed?.[index] ?? 0 });
        plan.payments(k, d).forEach((p, j) => {
          payments.push({
            id: ctx.rng.uuid(),
            obligationId: id,
            contractId: contract.id,
            paidOn: p.on,
            amount: { amount: p.amount ?? d.amount.amount, currency: d.amount.currency },
            voucherNo: p.voucher ?? `记-${p.on.slice(0, 4)}-${String(((index * 7 + j * 3) % 900) + 100)}`,
            note: p.note ?? '',
          });
        });
        index++;
      });
    }
    for (const a of plan.amendments ?? []) amendments.push({ ...a, id: ctx.rng.uuid(), contractId: contract.id });
  }
  await insertMany<Contract>(w, 'contracts', contracts);
  await insertMany<ContractAmendment>(w, 'amendments', amendments);
  await insertMany<PaymentObligation>(w, 'obligations', obligations);
  await insertMany<Payment>(w, 'payments', payments);
};

/**
 * Demo step run last: the ledgers of every demo contract, built once the reviews step has cut
 * performance-linked fees (the demo loader's transaction names every table, so its writes mark no
 * ledger stale on their own).
 */
export const contractLedgersDemoStep: DemoStep = async (w: Writer) => {
  await refreshLedgers(w.db, (await w.db.contracts.toCollection().primaryKeys()) as string[]);
};
