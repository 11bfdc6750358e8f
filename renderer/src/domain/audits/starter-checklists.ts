// The two checklist templates the app ships (editable): a server room / data centre site check
// and a command-centre operations check. Fixed ids so every machine seeds the same records.
// Thresholds follow common practice (GB 50174 data-centre environment ranges, 等级保护 testing
// validity); offices adjust them to their contracts.
import type { ChecklistItem, ChecklistSection, ChecklistTemplate, Severity } from './audit-types';
import type { DecimalText } from '../core/decimal';
import type { LocalizedText } from '../reviews/review-types';

export type StarterChecklistTemplate = Omit<ChecklistTemplate, 'createdAt' | 'updatedAt' | 'updatedBy' | 'rev' | 'deleted'>;

export const STARTER_CHECKLIST_IDS = {
  dataCentre: '00a4a9e7-bed5-4ac3-a060-bc60b8f9540e',
  commandCentre: '6ca26399-ccad-4836-967a-c584e6d36646',
} as const;

/** Id of the change-log entry that creates each starter template (see STARTER_SYSTEM_CREATE_CHANGE_IDS). */
export const STARTER_CHECKLIST_CREATE_CHANGE_IDS: Readonly<Record<string, string>> = {
  [STARTER_CHECKLIST_IDS.dataCentre]: 'ac21a06f-e9b3-4838-a714-63f211e2b065',
  [STARTER_CHECKLIST_IDS.commandCentre]: 'a9ef243a-0803-47d5-a185-73edf823ede8',
};

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

const check = (id: string, text: LocalizedText, severityIfFailed: Severity, photoRequired = false): ChecklistItem => ({
  id, text, answerType: 'pass-fail-na', photoRequired, severityIfFailed,
});
const measure = (id: string, text: LocalizedText, unit: LocalizedText, range: { min?: DecimalText; max?: DecimalText }, severityIfFailed: Severity, photoRequired = false): ChecklistItem => ({
  id, text, answerType: 'number', photoRequired, severityIfFailed, range, unit,
});
const score = (id: string, text: LocalizedText, maxScore: number, passScore: number, severityIfFailed: Severity): ChecklistItem => ({
  id, text, answerType: 'score', photoRequired: false, severityIfFailed, maxScore, passScore,
});
const remark = (id: string, text: LocalizedText): ChecklistItem => ({ id, text, answerType: 'text', photoRequired: false, severityIfFailed: 'low' });

const dataCentreSections: ChecklistSection[] = [
  {
    id: 'dc-env',
    title: t('环境与动力', 'Environment and power'),
    items: [
      measure('dc-env-1', t('冷通道温度', 'Cold-aisle temperature'), t('℃', '°C'), { min: '18', max: '27' }, 'medium'),
      measure('dc-env-2', t('相对湿度', 'Relative humidity'), t('%', '%'), { min: '20', max: '60' }, 'medium'),
      check('dc-env-3', t('UPS运行正常，电池后备时间满足设计要求', 'UPS running normally; battery autonomy meets the design'), 'high', true),
      check('dc-env-4', t('精密空调运行正常，无未处理告警', 'Precision air conditioning running with no open alarms'), 'medium'),
      check('dc-env-5', t('柴油发电机按期试运行并有记录', 'Diesel generator test-run on schedule, with records'), 'medium'),
    ],
  },
  {
    id: 'dc-safe',
    title: t('消防与安防', 'Fire protection and physical security'),
    items: [
      check('dc-safe-1', t('气体灭火系统压力正常、药剂在有效期内', 'Gas suppression system at pressure and within its service date'), 'critical', true),
      check('dc-safe-2', t('门禁和视频监控覆盖机房出入口', 'Access control and CCTV cover every entrance'), 'high'),
      check('dc-safe-3', t('人员出入登记记录完整', 'Visitor and staff entry log complete'), 'medium'),
    ],
  },
  {
    id: 'dc-eqp',
    title: t('设备与布线', 'Equipment and cabling'),
    items: [
      score('dc-eqp-1', t('机柜及设备标识清晰，与资产台账一致', 'Racks and devices labelled and matching the asset register'), 10, 6, 'low'),
      score('dc-eqp-2', t('布线整齐规范，强弱电分离', 'Cabling tidy, power and data separated'), 10, 6, 'low'),
      measure('dc-eqp-3', t('设备告警灯异常数量', 'Devices showing alarm lights'), t('台', 'devices'), { max: '0' }, 'high', true),
    ],
  },
  {
    id: 'dc-om',
    title: t('运维管理', 'O&M management'),
    items: [
      check('dc-om-1', t('巡检记录按规定频次填写', 'Inspection log kept at the required frequency'), 'medium'),
      check('dc-om-2', t('数据备份按策略执行，有恢复演练记录', 'Backups run as planned, with restore drill records'), 'critical'),
      check('dc-om-3', t('应急预案完备并按期演练', 'Emergency plan in place and rehearsed on schedule'), 'high'),
      remark('dc-om-4', t('其他情况说明', 'Other observations')),
    ],
  },
];

const commandCentreSections: ChecklistSection[] = [
  {
    id: 'cc-duty',
    title: t('值守与人员', 'Duty and staffing'),
    items: [
      check('cc-duty-1', t('7×24小时值班表落实，值班人员在岗', '24/7 duty roster in force and staff on duty'), 'high', true),
      check('cc-duty-2', t('值班人员经过培训，持证上岗', 'Duty staff trained and certified'), 'medium'),
      check('cc-duty-3', t('交接班记录完整', 'Shift handover log complete'), 'low'),
    ],
  },
  {
    id: 'cc-sys',
    title: t('系统运行', 'Systems in operation'),
    items: [
      check('cc-sys-1', t('大屏显示系统运行正常，无坏点黑屏', 'Video wall working, no dead or blank panels'), 'medium', true),
      measure('cc-sys-2', t('视频监控资源在线率', 'Video sources online'), t('%', '%'), { min: '95' }, 'high'),
      check('cc-sys-3', t('城市运行体征指标数据按时更新', 'City operation indicators updated on time'), 'medium'),
      score('cc-sys-4', t('平台操作流畅度（抽查演示）', 'Platform responsiveness in a spot demonstration'), 10, 6, 'low'),
    ],
  },
  {
    id: 'cc-evt',
    title: t('事件处置', 'Incident handling'),
    items: [
      check('cc-evt-1', t('抽查事件工单按时派发、按时处置', 'Sampled incident tickets dispatched and handled on time'), 'high'),
      measure('cc-evt-2', t('抽查工单平均处置时长', 'Average handling time of sampled tickets'), t('小时', 'hours'), { max: '24' }, 'medium'),
      check('cc-evt-3', t('跨部门应急联动演练有记录', 'Cross-department emergency drill on record'), 'high'),
    ],
  },
  {
    id: 'cc-sec',
    title: t('安全与保障', 'Security and resilience'),
    items: [
      check('cc-sec-1', t('网络安全等级保护测评在有效期内', 'Cyber-security classified protection (等保) assessment still valid'), 'critical'),
      check('cc-sec-2', t('备用电源和通信链路冗余切换测试通过', 'Backup power and redundant links pass a switch-over test'), 'high'),
      remark('cc-sec-3', t('核查意见', 'Auditor’s opinion')),
    ],
  },
];

/** Fresh copies of the starter templates, ready to insert with their fixed ids. */
export function starterChecklistTemplates(): StarterChecklistTemplate[] {
  return [
    {
      id: STARTER_CHECKLIST_IDS.dataCentre,
      name: t('机房/数据中心现场核查', 'Server room / data centre site check'),
      description: t('环境与动力、消防安防、设备布线、运维管理的现场核查。', 'On-site check of environment and power, fire and security, equipment and cabling, O&M management.'),
      sections: structuredClone(dataCentreSections),
    },
    {
      id: STARTER_CHECKLIST_IDS.commandCentre,
      name: t('指挥中心运行核查', 'Command centre operations check'),
      description: t('值守、系统运行、事件处置和安全保障的运行核查。', 'Operations check of duty staffing, systems, incident handling and resilience.'),
      sections: structuredClone(commandCentreSections),
    },
  ];
}
