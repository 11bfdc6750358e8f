// Field audits of the project and the status of every finding's rectification task as of a date.
import type { TaskRow } from '../../data/rectification';
import type { ProjectReportView } from '../../data/reports/project-report';
import { localText } from '../../domain/core/locale';
import { fmt, i18n, t } from '../../i18n/i18n.svelte';
import type { ReportSection } from './model';

export function auditSection(view: Pick<ProjectReportView, 'audits' | 'tasks'>): { section: ReportSection; figures: { open: number; overdue: number } } {
  const audits = [...view.audits].sort((a, b) => (a.audit.date < b.audit.date ? -1 : 1));
  const tasks = view.tasks;
  const auditStatus = (s: string) => (s === 'signed' ? t('report.audits.signed') : t('report.audits.draft'));
  const severity = (r: TaskRow) => (r.finding ? t(`audits.severity.${r.finding.severity}`) : '');
  const taskStatus = (r: TaskRow) =>
    `${t(`audits.taskStatus.${r.task.status}`)}${r.overdue ? ` · ${t('report.audits.overdueDays', { days: fmt.number(r.daysOverdue) })}` : ''}`;
  const open = tasks.filter((r) => r.task.status === 'open' || r.task.status === 'in-progress');
  return {
    figures: { open: open.length, overdue: open.filter((r) => r.overdue).length },
    section: {
      id: 'audits',
      heading: t('report.sections.audits'),
      blocks: [
        {
          kind: 'table',
          title: t('report.audits.auditsTable'),
          testid: 'report-audits',
          columns: [
            { header: t('report.audits.date'), kind: 'date' },
            { header: t('report.audits.site') },
            { header: t('report.audits.status') },
            { header: t('report.audits.passRate'), kind: 'bp', align: 'right' },
            { header: t('report.audits.findings'), kind: 'integer', align: 'right' },
          ],
          rows: audits.map((a) => [
            fmt.date(a.audit.date),
            a.audit.site,
            auditStatus(a.audit.status),
            a.summary.passRateBp === null ? '—' : fmt.bp(a.summary.passRateBp),
            fmt.number(a.findings),
          ]),
          values: audits.map((a) => [a.audit.date, a.audit.site, auditStatus(a.audit.status), a.summary.passRateBp, a.findings]),
          empty: t('report.audits.emptyAudits'),
        },
        {
          kind: 'table',
          title: t('report.audits.findingsTable'),
          testid: 'report-findings',
          columns: [
            { header: t('report.audits.finding') },
            { header: t('report.audits.severity') },
            { header: t('report.audits.owner') },
            { header: t('report.audits.due'), kind: 'date' },
            { header: t('report.audits.taskStatus') },
          ],
          rows: tasks.map((r) => [
            r.finding?.title || localText(r.itemText, i18n.locale),
            severity(r),
            r.task.owner,
            fmt.date(r.task.dueDate),
            taskStatus(r),
          ]),
          values: tasks.map((r) => [r.finding?.title || localText(r.itemText, i18n.locale), severity(r), r.task.owner, r.task.dueDate, taskStatus(r)]),
          empty: t('report.audits.emptyFindings'),
        },
      ],
    },
  };
}
