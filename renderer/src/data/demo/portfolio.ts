// The demo office: a municipal smart-city project office with projects drawn from the seed articles
// (城市大脑, 一网通办, 一网统管, 时空信息云平台, 指挥中心, 智慧交通, 数据底座 …) in every phase.
import type { Organisation, OrgKind, Phase, Project, ProjectCategory, OperatingModel, ReviewCycle } from '../../domain/core/types';
import type { Rng } from '../../domain/core/random';
import type { NewRecord } from '../repo';
import { projectSearchText } from '../../domain/projects/project-rules';

interface OrgSeed {
  key: string;
  name: string;
  kind: OrgKind;
  isSme: boolean;
  creditCode: string;
  contact: string;
}

export const DEMO_ORGS: OrgSeed[] = [
  { key: 'bigdata', name: '市大数据管理局', kind: 'government', isSme: false, creditCode: '11440100MB2C12345P', contact: '项目管理处 020-8310 0001' },
  { key: 'govsvc', name: '市政务服务数据管理局', kind: 'government', isSme: false, creditCode: '11440100MB2C22345F', contact: '政务服务处 020-8310 0002' },
  { key: 'urban', name: '市城市管理和综合执法局', kind: 'government', isSme: false, creditCode: '11440100MB2C323457', contact: '信息中心 020-8310 0003' },
  { key: 'transport', name: '市交通运输局', kind: 'government', isSme: false, creditCode: '11440100MB2C42345Y', contact: '科技信息处 020-8310 0004' },
  { key: 'planning', name: '市规划和自然资源局', kind: 'government', isSme: false, creditCode: '11440100MB2C52345N', contact: '测绘地理信息处 020-8310 0005' },
  { key: 'police', name: '市公安局', kind: 'government', isSme: false, creditCode: '11440100MB2C62345E', contact: '科技信息化处 020-8310 0006' },
  { key: 'emergency', name: '市应急管理局', kind: 'government', isSme: false, creditCode: '11440100MB2C723456', contact: '信息化办 020-8310 0007' },
  { key: 'finance', name: '市财政局', kind: 'government', isSme: false, creditCode: '11440100MB2C82345X', contact: '政府和社会资本合作中心 020-8310 0008' },
  { key: 'opsgroup', name: '城市运营发展集团有限公司', kind: 'company', isSme: false, creditCode: '91440100MA5D12345J', contact: '数字运营部 王经理' },
  { key: 'shuzhi', name: '数智城市科技有限公司', kind: 'company', isSme: true, creditCode: '91440100MA5D22345A', contact: '项目经理 李工' },
  { key: 'huaxin', name: '华信系统集成股份有限公司', kind: 'company', isSme: false, creditCode: '91440100MA5D323452', contact: '总集成事业部 陈总' },
  { key: 'yuntu', name: '云图时空信息技术有限公司', kind: 'company', isSme: true, creditCode: '91440100MA5D42345R', contact: '交付中心 赵工' },
  { key: 'changxing', name: '畅行智慧交通科技有限公司', kind: 'company', isSme: true, creditCode: '91440100MA5D52345H', contact: '运营部 周经理' },
  { key: 'chengtou', name: '城投数字科技有限公司', kind: 'company', isSme: false, creditCode: '91440100MA5D623459', contact: '综合部 吴经理' },
  { key: 'anshi', name: '安视智联科技有限公司', kind: 'company', isSme: true, creditCode: '91440100MA5D723451', contact: '售后服务部 郑工' },
  { key: 'zhengtong', name: '政通软件有限公司', kind: 'company', isSme: true, creditCode: '91440100MA5D82345Q', contact: '运维服务部 孙工' },
  { key: 'datacenter', name: '市信息中心', kind: 'institution', isSme: false, creditCode: '12440100MB2C92345J', contact: '运维科 020-8310 0009' },
];

interface ProjectSeed {
  code: string;
  name: string;
  category: ProjectCategory;
  dept: string;
  phase: Phase;
  budgetWan: number;
  start: string;
  end: string;
  operator?: string;
  model?: OperatingModel;
  funding?: string;
  benefit?: string;
  supervision?: string;
  ppp?: boolean;
  acceptance?: [string, string];
  cycle?: ReviewCycle | '';
  transferAudit?: [string, string];
  description: string;
  /** Phase moves with the date and, where the gate was overridden, the officer's justification. */
  history?: { to: Phase; on: string; failed?: string[]; why?: string }[];
}

const PLAN_OK = {
  funding: '市级财政预算（运维经费按年度列支）',
  benefit: '运营收入按协议约定比例分成，数据增值服务收益 30% 归市财政',
  supervision: '市大数据管理局按季度开展运营评价，结果与运维费用挂钩',
};

export const DEMO_PROJECTS: ProjectSeed[] = [
  {
    code: 'ZH-2020-001', name: '城市大脑一期（城市运行中枢）', category: 'city-brain', dept: 'bigdata', phase: 'operate', budgetWan: 38600,
    start: '2020-03-01', end: '2021-12-31', operator: 'opsgroup', model: 'state-owned-platform', ...PLAN_OK, acceptance: ['2022-01-20', '市数建验〔2022〕3号'], cycle: 'half-yearly',
    description: '建设城市运行中枢、数据中台与 20 个部门应用场景，实现“一屏观全城”。',
    history: [{ to: 'build', on: '2020-03-01' }, { to: 'operate', on: '2022-01-25' }],
  },
  {
    code: 'ZH-2019-004', name: '一网通办政务服务平台升级', category: 'gov-services', dept: 'govsvc', phase: 'operate', budgetWan: 12800,
    start: '2019-06-01', end: '2020-09-30', operator: 'zhengtong', model: 'purchase-of-service', ...PLAN_OK, acceptance: ['2020-10-15', '市政数验〔2020〕11号'], cycle: 'yearly',
    description: '统一身份认证、统一受理、电子证照共享，1,200 项事项“一网通办”。',
    history: [{ to: 'build', on: '2019-06-01' }, { to: 'operate', on: '2020-10-20' }],
  },
  {
    code: 'ZH-2023-002', name: '一网统管城市运行管理平台', category: 'city-governance', dept: 'urban', phase: 'build', budgetWan: 9600,
    start: '2023-05-01', end: '2025-06-30', operator: 'opsgroup', model: 'state-owned-platform', ...PLAN_OK,
    description: '汇聚城管、应急、交通等部门事件，形成“发现—派单—处置—核查”闭环。',
    history: [{ to: 'build', on: '2023-05-10' }],
  },
  {
    code: 'ZH-2018-003', name: '时空信息云平台', category: 'spatiotemporal', dept: 'planning', phase: 'operate', budgetWan: 6200,
    start: '2018-04-01', end: '2019-10-31', operator: 'yuntu', model: 'purchase-of-service', ...PLAN_OK, acceptance: ['2019-12-05', '市规资验〔2019〕8号'], cycle: 'yearly',
    description: '建设基础时空数据库、三维实景模型与位置服务，为各部门提供统一底图。',
    history: [{ to: 'build', on: '2018-04-01' }, { to: 'operate', on: '2019-12-10' }],
  },
  {
    code: 'ZH-2024-005', name: '城市运行管理指挥中心', category: 'command-centre', dept: 'emergency', phase: 'build', budgetWan: 15400,
    start: '2024-02-01', end: '2025-12-31', operator: 'chengtou', model: 'joint-venture', funding: '市级财政与城投公司共同出资', benefit: '', supervision: '',
    description: '建设大屏指挥大厅、融合通信与应急联动系统。',
    history: [{ to: 'build', on: '2024-02-18', failed: ['indicator-system', 'benefit-sharing', 'supervision'], why: '市政府常务会议要求汛期前开工，运营评价机制在建设期内补充完善。' }],
  },
  {
    code: 'ZH-2021-006', name: '智慧交通信号优化系统（PPP）', category: 'smart-transport', dept: 'transport', phase: 'operate', budgetWan: 21500,
    start: '2021-03-01', end: '2022-06-30', operator: 'changxing', model: 'ppp', ...PLAN_OK, ppp: true, acceptance: ['2022-07-18', '市交验〔2022〕21号'], cycle: 'quarterly',
    description: '800 个路口信号灯联网联控，社会资本投资建设并运营 12 年，政府按绩效付费。',
    history: [{ to: 'build', on: '2021-03-15' }, { to: 'operate', on: '2022-07-20' }],
  },
  {
    code: 'ZH-2025-007', name: '城市数据底座（数据中台二期）', category: 'data-platform', dept: 'bigdata', phase: 'plan', budgetWan: 18800,
    start: '2026-03-01', end: '2027-12-31', operator: 'opsgroup', model: 'state-owned-platform', funding: '', benefit: '', supervision: '',
    description: '建设全市统一的数据资源目录、数据治理与共享交换体系，支撑数据资产登记。',
  },
  {
    code: 'ZH-2025-008', name: '公共数据授权运营平台', category: 'data-platform', dept: 'bigdata', phase: 'plan', budgetWan: 4200,
    start: '2026-06-01', end: '2027-06-30', description: '建设公共数据授权运营平台，探索数据要素市场化配置。',
  },
  {
    code: 'ZH-2020-009', name: '智慧停车运营项目', category: 'smart-transport', dept: 'transport', phase: 'operate', budgetWan: 7800,
    start: '2020-05-01', end: '2021-04-30', operator: 'changxing', model: 'ppp', ...PLAN_OK, ppp: true, acceptance: ['2021-05-28', '市交验〔2021〕9号'], cycle: 'yearly',
    description: '路内泊位智能化改造，使用者付费与可行性缺口补助相结合。',
    history: [{ to: 'build', on: '2020-05-01' }, { to: 'operate', on: '2021-06-01' }],
  },
  {
    code: 'ZH-2023-010', name: '智慧灯杆与城市感知网', category: 'city-governance', dept: 'urban', phase: 'build', budgetWan: 5600,
    start: '2023-09-01', end: '2025-03-31', operator: 'anshi', model: 'purchase-of-service', ...PLAN_OK,
    description: '多功能智慧灯杆 3,000 根，集成视频、环境监测与 5G 微站。',
    history: [{ to: 'build', on: '2023-09-12' }],
  },
  {
    code: 'ZH-2017-011', name: '12345 政务服务便民热线智能化改造', category: 'gov-services', dept: 'govsvc', phase: 'closed', budgetWan: 1900,
    start: '2017-05-01', end: '2018-03-31', operator: 'zhengtong', model: 'purchase-of-service', ...PLAN_OK, acceptance: ['2018-04-20', '市政数验〔2018〕2号'], cycle: 'yearly',
    description: '热线智能语音导航、知识库与工单系统改造，服务期满结项。',
    history: [{ to: 'build', on: '2017-05-01' }, { to: 'operate', on: '2018-04-25' }, { to: 'closed', on: '2023-04-30', failed: ['final-review'], why: '服务合同期满，终期评价并入新平台项目统一开展，由市政务服务数据管理局另行组织。' }],
  },
  {
    code: 'ZH-2026-012', name: '数字孪生城市（CIM 基础平台）', category: 'spatiotemporal', dept: 'planning', phase: 'plan', budgetWan: 26000,
    start: '', end: '', description: '以城市信息模型为基础，构建规建管一体化的数字孪生底座。',
  },
  {
    code: 'ZH-2022-013', name: '智慧社区综合服务平台', category: 'other', dept: 'govsvc', phase: 'cancelled', budgetWan: 3100,
    start: '2022-08-01', end: '2023-07-31', description: '因与区级平台功能重复，经领导小组审议终止。',
    history: [{ to: 'cancelled', on: '2022-11-30', why: '经市智慧城市建设领导小组第 5 次会议审议，与区级平台功能重复，终止立项。' }],
  },
  {
    code: 'ZH-2012-014', name: '雪亮工程视频共享平台（BOT）', category: 'public-safety', dept: 'police', phase: 'transferred', budgetWan: 13200,
    start: '2012-06-01', end: '2013-12-31', operator: 'anshi', model: 'ppp', ...PLAN_OK, ppp: true, acceptance: ['2014-01-15', '市公验〔2014〕1号'], cycle: 'yearly', transferAudit: ['2024-12-20', '市公资核〔2024〕17号'],
    description: '视频监控联网共享平台，BOT 模式建设运营 10 年，期满移交市公安局。',
    history: [{ to: 'build', on: '2012-06-01' }, { to: 'operate', on: '2014-01-20' }, { to: 'transferred', on: '2024-12-31' }],
  },
  {
    code: 'ZH-2024-015', name: '城市生命线安全监测', category: 'public-safety', dept: 'emergency', phase: 'build', budgetWan: 8700,
    start: '2024-06-01', end: '2026-05-31', operator: 'shuzhi', model: 'purchase-of-service', ...PLAN_OK,
    description: '燃气、供水、桥梁等城市生命线运行监测与预警。',
    history: [{ to: 'build', on: '2024-06-05' }],
  },
  {
    code: 'ZH-2019-016', name: '政务云平台扩容', category: 'data-platform', dept: 'bigdata', phase: 'operate', budgetWan: 9900,
    start: '2019-03-01', end: '2019-12-31', operator: 'huaxin', model: 'purchase-of-service', ...PLAN_OK, acceptance: ['2020-01-10', '市数建验〔2020〕1号'], cycle: '',
    description: '政务云计算、存储资源扩容及同城灾备。运营期未设定评价周期（典型“重建轻运”）。',
    history: [{ to: 'build', on: '2019-03-01' }, { to: 'operate', on: '2020-01-15', failed: ['review-schedule'], why: '上线时间紧，评价周期待运营方案修订后补充。' }],
  },
];

export function buildDemoOrganisations(rng: Rng): { records: NewRecord<Organisation>[]; idByKey: Map<string, string> } {
  const idByKey = new Map<string, string>();
  const records = DEMO_ORGS.map((o) => {
    const id = rng.uuid();
    idByKey.set(o.key, id);
    return { id, name: o.name, kind: o.kind, isSme: o.isSme, creditCode: o.creditCode, contact: o.contact };
  });
  return { records, idByKey };
}

const emptyDoc = { date: '', reference: '' };

export function buildDemoProject(seed: ProjectSeed, id: string, orgId: (key: string) => string): NewRecord<Project> {
  const lastMove = seed.history?.[seed.history.length - 1]?.on;
  const base = {
    code: seed.code,
    name: seed.name,
    category: seed.category,
    departmentId: orgId(seed.dept),
    phase: seed.phase,
    phaseSince: lastMove ?? seed.start ?? '2025-01-01',
    description: seed.description,
    budget: { amount: seed.budgetWan * 1_000_000, currency: 'CNY' },
    startDate: seed.start,
    plannedEndDate: seed.end,
    operatorId: seed.operator ? orgId(seed.operator) : '',
    operatingModel: seed.model ?? '',
    omFundingSource: seed.funding ?? '',
    benefitSharing: seed.benefit ?? '',
    supervision: seed.supervision ?? '',
    valueForMoney: seed.ppp ? { date: shiftYear(seed.start, -1), reference: `${seed.code} 物有所值评价报告` } : emptyDoc,
    fiscalAffordability: seed.ppp ? { date: shiftYear(seed.start, -1), reference: `${seed.code} 财政承受能力论证报告` } : emptyDoc,
    completionAcceptance: seed.acceptance ? { date: seed.acceptance[0], reference: seed.acceptance[1] } : emptyDoc,
    reviewCycle: seed.cycle ?? '',
    transferAudit: seed.transferAudit ? { date: seed.transferAudit[0], reference: seed.transferAudit[1] } : emptyDoc,
    indicatorSystemId: '',
  } satisfies Omit<Project, 'id' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'rev' | 'deleted' | 'searchText'>;
  if (!base.phaseSince) base.phaseSince = '2025-01-01';
  return { ...base, id, searchText: projectSearchText(base) };
}

function shiftYear(date: string, years: number): string {
  if (!date) return '';
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}
