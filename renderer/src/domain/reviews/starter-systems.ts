// The three indicator systems the app ships (editable by the user, versioned like any other):
// 1. long-term operation (seed 000: 内容覆盖, 机制建设, 运营能力, 运营成效);
// 2. service effect (seed 004: 服务响应度, 问题解决度, 用户满意度);
// 3. PPP performance, operation phase, after the Ministry of Finance guideline
//    财金〔2020〕13号《政府和社会资本合作（PPP）项目绩效管理操作指引》 (产出, 效果, 管理).
// Record ids and lineage ids are fixed constants so every machine seeds the SAME records and an
// exchange file merges them instead of duplicating them.
import type { DecimalText } from '../core/decimal';
import { DEFAULT_COEFFICIENT_BANDS, DEFAULT_GRADE_BANDS } from './review-scoring';
import type { Centipoints, Direction, IndicatorNode, IndicatorSystem, LocalizedText, ScoringRule } from './review-types';

export type StarterIndicatorSystem = Omit<IndicatorSystem, 'createdAt' | 'updatedAt' | 'updatedBy' | 'rev' | 'deleted'>;

export const STARTER_SYSTEM_IDS = {
  longTermOperation: { id: '018e4b34-757d-4384-95d0-68e41a48cec6', lineageId: '026c07a9-d6cf-4732-8db3-9aaf4a4a040f' },
  serviceEffect: { id: '1451ce5b-8c77-43de-90a8-b52dc60d428c', lineageId: '6e5ef12c-3fe3-47e5-9734-4ab244cb16d7' },
  pppPerformance: { id: '2b0d1ad0-8d5d-40e5-ba53-74de29832e22', lineageId: '086cc1fd-5040-48fe-bc7d-56188ed1c648' },
} as const;

/**
 * Id of the change-log entry that creates each starter system (by record id). Seeding logs the
 * creation under this fixed id so every machine shares the same first version and merge.ts sees
 * later edits as descendants of it instead of as conflicts.
 */
export const STARTER_SYSTEM_CREATE_CHANGE_IDS: Readonly<Record<string, string>> = {
  [STARTER_SYSTEM_IDS.longTermOperation.id]: '4fe9ea8f-6234-4d4b-b03f-8d08c522802e',
  [STARTER_SYSTEM_IDS.serviceEffect.id]: '3e6dcd44-f09b-4a19-952a-efb2b85049f3',
  [STARTER_SYSTEM_IDS.pppPerformance.id]: '738561ed-c6f8-4e5a-8d47-d55d45bc0a4f',
};

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

const PERCENT = t('%', '%');
const GRADE_UNIT = t('等级', 'grade');

const linear = (direction: Direction, target: DecimalText, zero: DecimalText): ScoringRule => ({ type: 'target-linear', direction, target, zero });
const bands = (direction: Direction, ...pairs: [DecimalText, number][]): ScoringRule => ({
  type: 'threshold-bands',
  direction,
  bands: pairs.map(([bound, scoreShareBp]) => ({ bound, scoreShareBp })),
});
const deduct = (pointsPerIncident: Centipoints): ScoringRule => ({ type: 'deduction-per-incident', pointsPerIncident });
const GRADES_ZH: ScoringRule = {
  type: 'qualitative-grade',
  grades: [
    { key: '优', scoreShareBp: 10_000 },
    { key: '良', scoreShareBp: 8000 },
    { key: '中', scoreShareBp: 6000 },
    { key: '差', scoreShareBp: 3000 },
  ],
};
const GRADES_ABCD: ScoringRule = {
  type: 'qualitative-grade',
  grades: [
    { key: 'A', scoreShareBp: 10_000 },
    { key: 'B', scoreShareBp: 8000 },
    { key: 'C', scoreShareBp: 6000 },
    { key: 'D', scoreShareBp: 0 },
  ],
};
/** Satisfaction on a 100-point survey: ≥90 full, ≥80 80 %, ≥70 60 %, ≥60 40 %, below 60 nothing. */
const SATISFACTION_BANDS = bands('higher-better', ['60', 4000], ['70', 6000], ['80', 8000], ['90', 10_000]);
/** Availability: ≥99.9 % full, ≥99.5 % 85 %, ≥99 % 60 %, ≥98 % 30 %, below nothing. */
const AVAILABILITY_BANDS = bands('higher-better', ['98', 3000], ['99', 6000], ['99.5', 8500], ['99.9', 10_000]);

function leaf(id: string, code: string, name: LocalizedText, weight: Centipoints, unit: LocalizedText, evidenceHint: LocalizedText, rule: ScoringRule): IndicatorNode {
  return { id, code, name, weight, unit, evidenceHint, rule: structuredClone(rule), children: [] };
}

function group(id: string, code: string, name: LocalizedText, weight: Centipoints, evidenceHint: LocalizedText, children: IndicatorNode[]): IndicatorNode {
  return { id, code, name, weight, unit: t('', ''), evidenceHint, children };
}

/** Version 1, active, with the default grade and coefficient bands. */
function starter(ids: { id: string; lineageId: string }, name: LocalizedText, description: LocalizedText, indicators: IndicatorNode[]): StarterIndicatorSystem {
  return {
    ...ids,
    version: 1,
    status: 'active',
    name,
    description,
    gradeBands: structuredClone([...DEFAULT_GRADE_BANDS]),
    coefficientBands: structuredClone([...DEFAULT_COEFFICIENT_BANDS]),
    indicators,
  };
}

function longTermOperation(): StarterIndicatorSystem {
  return starter(
    STARTER_SYSTEM_IDS.longTermOperation,
    t('智慧城市长效运营评价', 'Smart-city long-term operation evaluation'),
    t(
      '从内容覆盖、机制建设、运营能力、运营成效四个方面评价平台建成后的长效运营水平，以评促改。',
      'Evaluates long-term operation after go-live on content coverage, mechanisms, operating capability and operating effectiveness.',
    ),
    [
      group('lt-1', '1', t('内容覆盖', 'Content coverage'), 2500, t('运营方案及场景清单', 'Operation plan and scenario list'), [
        leaf('lt-1-1', '1.1', t('业务场景覆盖率', 'Business scenario coverage'), 1000, PERCENT,
          t('已上线并常态化运营的场景数 ÷ 运营方案规划场景数 × 100%', 'Scenarios in regular operation ÷ scenarios planned in the operation plan × 100%'),
          linear('higher-better', '95', '50')),
        leaf('lt-1-2', '1.2', t('部门接入率', 'Department onboarding rate'), 800, PERCENT,
          t('已接入并常态化使用的部门数 ÷ 应接入部门数 × 100%', 'Departments connected and using the platform ÷ departments expected × 100%'),
          linear('higher-better', '100', '60')),
        leaf('lt-1-3', '1.3', t('数据资源目录完整性', 'Completeness of the data resource catalogue'), 700, GRADE_UNIT,
          t('政务数据共享目录的编制、更新和资源挂接情况', 'How the shared data catalogue is compiled, kept up to date and linked to resources'),
          GRADES_ZH),
      ]),
      group('lt-2', '2', t('机制建设', 'Mechanism building'), 2000, t('制度文件、会议纪要、协议', 'Rules, meeting minutes, agreements'), [
        leaf('lt-2-1', '2.1', t('运营管理制度', 'Operation management rules'), 800, GRADE_UNIT,
          t('长效运营管理办法、运维管理制度及执行记录', 'Long-term operation measures, O&M rules and records of their use'),
          GRADES_ZH),
        leaf('lt-2-2', '2.2', t('统筹协调与考核机制', 'Coordination and assessment mechanism'), 600, GRADE_UNIT,
          t('领导小组或联席会议记录、运营考核办法', 'Leadership group or joint meeting records, operation assessment measures'),
          GRADES_ABCD),
        leaf('lt-2-3', '2.3', t('利益分配与监督机制', 'Benefit sharing and supervision'), 600, GRADE_UNIT,
          t('合同或协议中的收益分配条款、管运分离的监督记录', 'Benefit-sharing clauses in contracts, supervision records separating management from operation'),
          GRADES_ZH),
      ]),
      group('lt-3', '3', t('运营能力', 'Operating capability'), 2500, t('人员名册、运维监控报表、安全通报', 'Staff list, O&M monitoring reports, security notices'), [
        leaf('lt-3-1', '3.1', t('专业运营团队到位率', 'Professional operations team staffing'), 800, PERCENT,
          t('在岗专业运营人员数 ÷ 合同约定人数 × 100%', 'Professional operations staff in post ÷ staff required by the contract × 100%'),
          linear('higher-better', '100', '60')),
        leaf('lt-3-2', '3.2', t('平台可用率', 'Platform availability'), 900, PERCENT,
          t('评价期内（总时长 − 非计划停机时长）÷ 总时长 × 100%，以监控系统报表为准', '(Period length − unplanned downtime) ÷ period length × 100%, from monitoring reports'),
          AVAILABILITY_BANDS),
        leaf('lt-3-3', '3.3', t('网络安全事件', 'Cyber-security incidents'), 800, t('次', 'incidents'),
          t('评价期内通报的网络安全事件，每次扣2分', 'Security incidents notified in the period; 2 points off per incident'),
          deduct(200)),
      ]),
      group('lt-4', '4', t('运营成效', 'Operating effectiveness'), 3000, t('平台统计数据、满意度调查报告', 'Platform statistics, satisfaction survey report'), [
        leaf('lt-4-1', '4.1', t('月活跃用户增长率', 'Monthly active user growth'), 1000, PERCENT,
          t('与上一评价期相比的月均活跃用户增长，增长10%及以上得满分', 'Growth of average monthly active users over the previous period; 10% or more earns full marks'),
          linear('higher-better', '10', '0')),
        leaf('lt-4-2', '4.2', t('数据共享服务调用量达成率', 'Data-sharing service calls against plan'), 800, PERCENT,
          t('实际调用次数 ÷ 年度计划调用次数 × 100%', 'Actual service calls ÷ calls planned for the year × 100%'),
          linear('higher-better', '100', '50')),
        leaf('lt-4-3', '4.3', t('用户满意度', 'User satisfaction'), 1200, t('分', 'points'),
          t('第三方满意度调查得分（百分制）', 'Score of an independent satisfaction survey (out of 100)'),
          SATISFACTION_BANDS),
      ]),
    ],
  );
}

function serviceEffect(): StarterIndicatorSystem {
  return starter(
    STARTER_SYSTEM_IDS.serviceEffect,
    t('运营服务效果评价', 'Service effect evaluation'),
    t(
      '以服务响应度、问题解决度、用户满意度等应用效果为导向的运营和评价考核。',
      'Operation assessment oriented to results: service responsiveness, problem resolution and user satisfaction.',
    ),
    [
      group('se-1', '1', t('服务响应度', 'Service responsiveness'), 3500, t('工单系统导出数据', 'Ticket system export'), [
        leaf('se-1-1', '1.1', t('工单平均响应时间', 'Average ticket response time'), 1500, t('分钟', 'minutes'),
          t('从工单派发到首次响应的平均时长；15分钟内满分，120分钟及以上不得分', 'Mean time from dispatch to first response; full marks within 15 minutes, none at 120 minutes or more'),
          linear('lower-better', '15', '120')),
        leaf('se-1-2', '1.2', t('按时响应率', 'On-time response rate'), 1000, PERCENT,
          t('在约定时限内响应的工单数 ÷ 工单总数 × 100%', 'Tickets answered within the agreed time ÷ all tickets × 100%'),
          bands('higher-better', ['90', 5000], ['95', 8000], ['98', 10_000])),
        leaf('se-1-3', '1.3', t('超时未响应工单', 'Tickets not answered in time'), 1000, t('件', 'tickets'),
          t('超过约定时限仍未响应的工单，每件扣1分', 'Tickets still unanswered after the agreed time; 1 point off each'),
          deduct(100)),
      ]),
      group('se-2', '2', t('问题解决度', 'Problem resolution'), 3500, t('工单办结记录、回访记录', 'Ticket closure and follow-up records'), [
        leaf('se-2-1', '2.1', t('问题按期办结率', 'Issues closed on time'), 1500, PERCENT,
          t('按期办结的问题数 ÷ 应办结问题数 × 100%', 'Issues closed by their deadline ÷ issues due × 100%'),
          linear('higher-better', '95', '60')),
        leaf('se-2-2', '2.2', t('重复投诉率', 'Repeat complaint rate'), 1000, PERCENT,
          t('同一问题再次投诉的工单数 ÷ 办结工单数 × 100%；越低越好', 'Tickets reopened by a repeat complaint ÷ closed tickets × 100%; lower is better'),
          bands('lower-better', ['2', 10_000], ['5', 7000], ['10', 4000])),
        leaf('se-2-3', '2.3', t('疑难问题闭环管理', 'Closed-loop handling of complex issues'), 1000, GRADE_UNIT,
          t('跨部门疑难问题的会商、督办和销号记录', 'Records of consultation, follow-up and closure of cross-department issues'),
          GRADES_ZH),
      ]),
      group('se-3', '3', t('用户满意度', 'User satisfaction'), 3000, t('满意度调查报告、投诉台账', 'Survey report, complaint register'), [
        leaf('se-3-1', '3.1', t('用户满意度调查得分', 'Satisfaction survey score'), 2000, t('分', 'points'),
          t('面向企业和群众的满意度调查（百分制）；95分满分，60分及以下不得分', 'Survey of businesses and residents (out of 100); full marks at 95, none at 60 or below'),
          linear('higher-better', '95', '60')),
        leaf('se-3-2', '3.2', t('有效投诉', 'Substantiated complaints'), 1000, t('件', 'complaints'),
          t('经核实属实的服务投诉，每件扣2分', 'Service complaints found to be justified; 2 points off each'),
          deduct(200)),
      ]),
    ],
  );
}

function pppPerformance(): StarterIndicatorSystem {
  return starter(
    STARTER_SYSTEM_IDS.pppPerformance,
    t('PPP项目绩效评价（运营期）', 'PPP project performance evaluation (operation phase)'),
    t(
      '参照财政部《政府和社会资本合作（PPP）项目绩效管理操作指引》（财金〔2020〕13号），从产出、效果、管理三方面评价，结果与运营服务费挂钩。',
      'After the Ministry of Finance PPP performance management guideline (Cai Jin [2020] No. 13): output, effect and management indicators, linked to the service fee.',
    ),
    [
      group('ppp-1', '1', t('产出', 'Output'), 4500, t('运维监控报表、服务台账', 'O&M monitoring reports, service log'), [
        leaf('ppp-1-1', '1.1', t('平台可用率', 'Platform availability'), 1500, PERCENT,
          t('（总时长 − 非计划停机时长）÷ 总时长 × 100%', '(Period length − unplanned downtime) ÷ period length × 100%'),
          AVAILABILITY_BANDS),
        leaf('ppp-1-2', '1.2', t('系统平均响应时间', 'Average system response time'), 1000, t('秒', 'seconds'),
          t('核心业务页面或接口的平均响应时间；2秒内满分，10秒及以上不得分', 'Mean response time of core pages or APIs; full marks within 2 s, none at 10 s or more'),
          linear('lower-better', '2', '10')),
        leaf('ppp-1-3', '1.3', t('故障修复及时率', 'Faults repaired on time'), 1000, PERCENT,
          t('在合同约定时限内修复的故障数 ÷ 故障总数 × 100%', 'Faults fixed within the contractual time ÷ all faults × 100%'),
          linear('higher-better', '98', '80')),
        leaf('ppp-1-4', '1.4', t('数据更新及时率', 'Data updated on schedule'), 1000, PERCENT,
          t('按约定频次更新的数据资源数 ÷ 应更新数据资源数 × 100%', 'Data resources refreshed at the agreed frequency ÷ resources due × 100%'),
          bands('higher-better', ['90', 6000], ['95', 8000], ['99', 10_000])),
      ]),
      group('ppp-2', '2', t('效果', 'Effect'), 3500, t('满意度调查、效益评估材料', 'Satisfaction survey, benefit assessment'), [
        leaf('ppp-2-1', '2.1', t('用户满意度', 'User satisfaction'), 1500, t('分', 'points'),
          t('第三方满意度调查得分（百分制）', 'Score of an independent satisfaction survey (out of 100)'),
          SATISFACTION_BANDS),
        leaf('ppp-2-2', '2.2', t('社会效益', 'Social benefit'), 1000, GRADE_UNIT,
          t('服务人次、办事时长压缩、跨部门协同等成效材料', 'Evidence such as people served, shorter processing times, cross-department cooperation'),
          GRADES_ZH),
        leaf('ppp-2-3', '2.3', t('可持续性', 'Sustainability'), 1000, GRADE_UNIT,
          t('运营资金保障、人员和技术能力的可持续情况', 'Whether funding, staff and technical capability can sustain operation'),
          GRADES_ABCD),
      ]),
      group('ppp-3', '3', t('管理', 'Management'), 2000, t('管理制度、档案、公开记录', 'Rules, records, disclosure log'), [
        leaf('ppp-3-1', '3.1', t('运维管理', 'O&M management'), 800, t('次', 'cases'),
          t('运维违规操作或重大运维事故，每次扣2分', 'O&M rule breaches or major O&M failures; 2 points off each'),
          deduct(200)),
        leaf('ppp-3-2', '3.2', t('档案管理', 'Records management'), 600, GRADE_UNIT,
          t('建设、运维、资产档案的完整性和规范性', 'Completeness and order of construction, O&M and asset records'),
          GRADES_ABCD),
        leaf('ppp-3-3', '3.3', t('信息公开', 'Information disclosure'), 600, t('项', 'items'),
          t('应按规定公开而未按期公开的信息，每项扣2分', 'Items that had to be disclosed but were not on time; 2 points off each'),
          deduct(200)),
      ]),
    ],
  );
}

/** Fresh copies of the starter systems (version 1, active), ready to insert with their fixed ids. */
export function starterIndicatorSystems(): StarterIndicatorSystem[] {
  return [longTermOperation(), serviceEffect(), pppPerformance()];
}
