// Demo field audits: signed audits (typed and drawn signatures, photos) and drafts on operating
// projects, findings of every severity and rectification tasks in every status, some overdue.
// Photos are PNGs built from bytes, so the step runs in Node tests as in the browser.
import type { ChecklistItem, RectificationStatus } from '../../domain/audits/audit-types';
import { STARTER_CHECKLIST_IDS } from '../../domain/audits/starter-checklists';
import type { Project } from '../../domain/core/types';
import { addAuditPhoto, addFinding, createAudit, listFindings, saveAnswer, signAuditRun } from '../audits';
import { ensureStarterChecklists } from '../checklists';
import { tasksByFinding, updateTask } from '../rectification';
import type { Writer } from '../repo';
import type { DemoContext, DemoStep } from './step';
import { placeholderPhoto, placeholderSignature } from './placeholder-png';

/** A value that passes the item (midpoint of a number range, pass score, 'pass'). */
function passingValue(item: ChecklistItem): string {
  switch (item.answerType) {
    case 'pass-fail-na':
      return 'pass';
    case 'score':
      return String(Math.max(item.passScore ?? 0, Math.ceil((item.maxScore ?? 0) * 0.8)));
    case 'number': {
      const min = item.range?.min === undefined ? null : Number(item.range.min);
      const max = item.range?.max === undefined ? null : Number(item.range.max);
      return String(min !== null && max !== null ? Math.round((min + max) / 2) : (min ?? max ?? 0));
    }
    case 'text':
      return '';
  }
}

const at = (w: Writer, iso: string): Writer => {
  let t = Date.parse(iso);
  return { ...w, now: () => new Date((t += 1000)) };
};

const png = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });

interface DemoAudit {
  code: string;
  template: string;
  site: string;
  date: string;
  auditors: string[];
  /** Item id → [value, note]; every other item gets a passing answer unless `partial`. */
  answers: Record<string, [string, string]>;
  /** Answer only the items listed (an audit still in progress). */
  partial?: boolean;
  /** Photo-required items get a photo; plus general site photos. */
  sitePhotos?: number;
  handFindings?: { severity: 'low' | 'medium' | 'high' | 'critical'; title: string; description: string }[];
  sign?: { name: string; drawn: boolean; at: string };
  /** Per finding (in creation order): status, optional due date, verification note, when. */
  tasks?: { status: RectificationStatus; due?: string; note?: string; on: string }[];
}

const AUDITS: DemoAudit[] = [
  {
    code: 'ZH-2019-016', template: STARTER_CHECKLIST_IDS.dataCentre, site: '政务云主数据中心（科学城机房）', date: '2026-06-10', auditors: ['李明', '王芳'],
    answers: { 'dc-env-4': ['fail', '2 号精密空调高压告警未处理，已持续 3 天。'], 'dc-om-4': ['', ''] },
    sitePhotos: 1,
    sign: { name: '李明', drawn: false, at: '2026-06-10T08:40:00.000Z' },
    tasks: [{ status: 'verified', note: '6 月 20 日复查：空调已更换压缩机，告警消除，运行记录完整。', on: '2026-06-20T03:00:00.000Z' }],
  },
  {
    code: 'ZH-2020-001', template: STARTER_CHECKLIST_IDS.dataCentre, site: '市大数据中心 A 栋三层主机房', date: '2026-09-15', auditors: ['李明', '赵磊'],
    answers: {
      'dc-env-1': ['28.5', '冷通道 B 列温度偏高，盲板缺失。'],
      'dc-om-2': ['fail', '近三个月无备份恢复演练记录。'],
      'dc-eqp-2': ['5', '部分机柜强弱电线缆混扎。'],
      'dc-om-4': ['机房整体运行平稳，建议补充动环监控短信告警。', ''],
    },
    sitePhotos: 2,
    handFindings: [{ severity: 'medium', title: '消防通道堆放设备包装纸箱', description: '机房东侧消防通道堆放纸箱约 20 个，影响疏散。' }],
    sign: { name: '李明', drawn: true, at: '2026-09-15T09:10:00.000Z' },
    // Findings in checklist order (dc-env-1, dc-eqp-2, dc-om-2), then the hand-recorded one.
    tasks: [
      { status: 'in-progress', on: '2026-09-25T02:00:00.000Z' },
      { status: 'done', on: '2026-11-10T02:00:00.000Z' },
      { status: 'verified', note: '9 月 21 日已完成恢复演练，查阅演练报告和恢复日志。', on: '2026-09-23T02:00:00.000Z' },
      { status: 'open', on: '2026-09-16T02:00:00.000Z' },
    ],
  },
  {
    code: 'ZH-2021-006', template: STARTER_CHECKLIST_IDS.commandCentre, site: '市交通指挥中心（信号控制中心）', date: '2026-11-02', auditors: ['陈静'],
    answers: {
      'cc-sys-2': ['91.5', '路口视频在线率低于 95% 的合同要求。'],
      'cc-evt-2': ['30', '抽查 20 张信号故障工单，平均处置 30 小时。'],
      'cc-duty-3': ['fail', '10 月下旬交接班记录缺 4 天。'],
      'cc-sec-3': ['信号优化效果总体达到合同约定，视频在线率需限期整改。', ''],
    },
    sitePhotos: 1,
    sign: { name: '陈静', drawn: false, at: '2026-11-02T07:20:00.000Z' },
    // cc-duty-3 (low), cc-sys-2 (high, due 11-17: overdue), cc-evt-2 (medium, due 12-02).
    tasks: [
      { status: 'in-progress', due: '2027-01-15', on: '2026-11-05T02:00:00.000Z' },
      { status: 'open', on: '2026-11-03T02:00:00.000Z' },
      { status: 'open', on: '2026-11-03T02:00:00.000Z' },
    ],
  },
  {
    code: 'ZH-2020-001', template: STARTER_CHECKLIST_IDS.dataCentre, site: '市大数据中心 B 栋灾备机房', date: '2026-11-20', auditors: ['赵磊'],
    answers: {
      'dc-env-1': ['23', ''],
      'dc-env-2': ['45', ''],
      'dc-env-3': ['pass', ''],
      'dc-env-4': ['pass', ''],
      'dc-env-5': ['fail', '柴油发电机 10 月未试运行。'],
    },
    partial: true,
    sitePhotos: 0,
  },
];

let photoSeed = 1;

async function demoAudit(w: Writer, project: Project, d: DemoAudit): Promise<void> {
  const ww = at(w, `${d.date}T01:30:00.000Z`);
  const audit = await createAudit(ww, { projectId: project.id, templateId: d.template, site: d.site, date: d.date, auditors: d.auditors });
  for (const item of audit.template.sections.flatMap((s) => s.items)) {
    const given = d.answers[item.id];
    if (!given && d.partial) continue;
    const [value, note] = given ?? [passingValue(item), ''];
    if (value || note) await saveAnswer(ww, audit.id, item.id, { value, note });
    if (item.photoRequired && value !== 'na' && (!d.partial || given)) {
      await addAuditPhoto(ww, audit.id, { name: `${item.id}.png`, blob: png(placeholderPhoto(photoSeed++)), width: 128, height: 96 }, { itemId: item.id, caption: '' });
    }
  }
  for (let i = 0; i < (d.sitePhotos ?? 0); i++) {
    await addAuditPhoto(ww, audit.id, { name: `site-${i + 1}.png`, blob: png(placeholderPhoto(photoSeed++)), width: 128, height: 96 }, { itemId: '', caption: i === 0 ? '机房全景' : '现场细节' });
  }
  for (const f of d.handFindings ?? []) await addFinding(ww, audit.id, f);
  if (!d.sign) return;
  await signAuditRun(at(w, d.sign.at), audit.id, { name: d.sign.name, drawing: d.sign.drawn ? png(placeholderSignature()) : undefined });

  const findings = await listFindings(w.db, audit.id);
  const tasks = await tasksByFinding(w.db, findings.map((f) => f.id));
  for (const [i, plan] of (d.tasks ?? []).entries()) {
    const task = tasks.get(findings[i]?.id ?? '');
    if (!task) continue;
    const tw = at({ ...w, by: d.sign.name }, plan.on);
    if (plan.due) await updateTask(tw, task.id, { dueDate: plan.due });
    const path: RectificationStatus[] =
      plan.status === 'verified' ? ['in-progress', 'done', 'verified'] : plan.status === 'done' ? ['in-progress', 'done'] : plan.status === 'in-progress' ? ['in-progress'] : [];
    for (const status of path) await updateTask(tw, task.id, status === 'verified' ? { status, verificationNote: plan.note ?? '' } : { status });
  }
}

export const auditsDemoStep: DemoStep = async (w: Writer, ctx: DemoContext) => {
  await ensureStarterChecklists(w);
  photoSeed = 1;
  for (const d of AUDITS) {
    const project = ctx.projectByCode.get(d.code);
    if (project) await demoAudit(w, project, d);
  }
};
