// Review results: a table of every review and the trend chart of finalised scores.
import type { ProjectReportView } from '../../data/reports/project-report';
import type { CellValue } from '../../data/reports/tabular';
import { localText } from '../../domain/core/locale';
import type { PerformanceReview } from '../../domain/reviews/review-types';
import { fmt, i18n, t } from '../../i18n/i18n.svelte';
import type { ReportColumn, ReportSection } from './model';

export function reviewSection(view: Pick<ProjectReportView, 'reviews' | 'systems'>): { section: ReportSection; latest: { score: string; grade: string; period: string } | null } {
  const { reviews, systems } = view;
  const score = (cp: number) => fmt.number(cp / 100, 2);
  const period = (r: { periodStart: string; periodEnd: string }) => `${fmt.date(r.periodStart)} – ${fmt.date(r.periodEnd)}`;
  const finals = reviews.filter((r) => r.status === 'final');
  const last = finals[finals.length - 1];
  const columns: ReportColumn[] = [
    { header: t('report.reviews.period') },
    { header: t('report.reviews.system') },
    { header: t('report.reviews.score'), kind: 'decimal', align: 'right' },
    { header: t('report.reviews.grade') },
    { header: t('report.reviews.coefficient'), kind: 'bp', align: 'right' },
    { header: t('report.reviews.status') },
  ];
  const systemName = (r: PerformanceReview) => {
    const sys = systems.get(r.systemId);
    return sys ? `${localText(sys.name, i18n.locale)} v${sys.version}` : '';
  };
  const grade = (r: PerformanceReview) => (r.status === 'final' && r.grade ? t(`reviews.grade.${r.grade}`) : '—');
  const status = (r: PerformanceReview) => (r.status === 'final' ? t('report.reviews.final') : t('report.reviews.draft'));
  /** Score, grade, coefficient and status as numbers and words; a draft has no score yet. */
  const cells = (r: PerformanceReview): CellValue[] => [
    systemName(r),
    r.status === 'final' ? r.totalScore / 100 : null,
    r.status === 'final' && r.grade ? grade(r) : '',
    r.status === 'final' ? r.coefficientBp : null,
    status(r),
  ];
  return {
    latest: last ? { score: score(last.totalScore), grade: last.grade ? t(`reviews.grade.${last.grade}`) : '', period: period(last) } : null,
    section: {
      id: 'reviews',
      heading: t('report.sections.reviews'),
      blocks: [
        {
          kind: 'table',
          title: t('report.sections.reviews').replace(/^[^、.]+[、.]\s*/, ''),
          testid: 'report-reviews',
          columns,
          rows: reviews.map((r) => [
            period(r),
            systemName(r),
            r.status === 'final' ? score(r.totalScore) : '—',
            grade(r),
            r.status === 'final' ? fmt.bp(r.coefficientBp) : '—',
            status(r),
          ]),
          values: reviews.map((r) => [period(r), ...cells(r)]),
          // The spreadsheet gives the period as two date cells.
          sheet: {
            columns: [{ header: t('report.reviews.periodStart'), kind: 'date' }, { header: t('report.reviews.periodEnd'), kind: 'date' }, ...columns.slice(1)],
            values: reviews.map((r) => [r.periodStart, r.periodEnd, ...cells(r)]),
          },
          empty: t('report.reviews.empty'),
        },
        ...(finals.length > 0
          ? [
              {
                kind: 'chart' as const,
                id: 'review-trend',
                title: t('report.reviews.trend'),
                width: 720,
                height: 300,
                config: {
                  type: 'line' as const,
                  data: {
                    labels: finals.map((r) => fmt.date(r.periodEnd)),
                    datasets: [{ label: t('report.reviews.score'), data: finals.map((r) => r.totalScore / 100), borderColor: '#1f5fa8', backgroundColor: '#1f5fa8', tension: 0.2 }],
                  },
                  options: { animation: false as const, responsive: false, scales: { y: { min: 0, max: 100, title: { display: true, text: t('report.reviews.scoreAxis') } } }, plugins: { legend: { display: false } } },
                },
              },
            ]
          : []),
      ],
    },
  };
}
