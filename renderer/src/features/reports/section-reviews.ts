// Review results: a table of every review and the trend chart of finalised scores.
import type { WorkbenchDb } from '../../data/db';
import { listReviews } from '../../data/reviews';
import { listIndicatorSystems } from '../../data/indicator-systems';
import type { Project } from '../../domain/core/types';
import { fmt, t } from '../../i18n/i18n.svelte';
import type { ReportSection } from './model';
import { local } from './build';

export async function reviewSection(db: WorkbenchDb, p: Project): Promise<{ section: ReportSection; latest: { score: string; grade: string; period: string } | null }> {
  const reviews = await listReviews(db, p.id);
  const systems = new Map((await listIndicatorSystems(db)).map((s) => [s.id, s]));
  const score = (cp: number) => fmt.number(cp / 100, 2);
  const period = (r: { periodStart: string; periodEnd: string }) => `${fmt.date(r.periodStart)} – ${fmt.date(r.periodEnd)}`;
  const finals = reviews.filter((r) => r.status === 'final');
  const last = finals[finals.length - 1];
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
          columns: [
            { header: t('report.reviews.period') },
            { header: t('report.reviews.system') },
            { header: t('report.reviews.score'), kind: 'decimal', align: 'right' },
            { header: t('report.reviews.grade') },
            { header: t('report.reviews.coefficient'), kind: 'bp', align: 'right' },
            { header: t('report.reviews.status') },
          ],
          rows: reviews.map((r) => {
            const sys = systems.get(r.systemId);
            return [
              period(r),
              sys ? `${local(sys.name)} v${sys.version}` : '',
              r.status === 'final' ? score(r.totalScore) : '—',
              r.status === 'final' && r.grade ? t(`reviews.grade.${r.grade}`) : '—',
              r.status === 'final' ? fmt.bp(r.coefficientBp) : '—',
              r.status === 'final' ? t('report.reviews.final') : t('report.reviews.draft'),
            ];
          }),
          values: reviews.map((r) => [
            `${r.periodStart}/${r.periodEnd}`,
            systems.get(r.systemId) ? local(systems.get(r.systemId)!.name) : '',
            r.status === 'final' ? r.totalScore / 100 : null,
            r.grade,
            r.status === 'final' ? r.coefficientBp : null,
            r.status,
          ]),
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
