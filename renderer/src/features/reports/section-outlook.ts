// The project's own future fiscal commitments for the review report: the outlook of its contracts
// from their raw rows (data/outlook.ts projectOutlook, read with the report's view: the same figures as the portfolio outlook's
// row for the project), year by year over the default horizon.
import type { ProjectReportView } from '../../data/reports/project-report';
import { figure, OWED_MEASURES, rowTotal } from '../../domain/fiscal/outlook';
import { fmt, t } from '../../i18n/i18n.svelte';
import type { ReportSection } from './model';

export function outlookSection({ outlook, asOf }: ProjectReportView): ReportSection {
  const r = outlook.result;
  const H = r.years.length;
  const money = (amount: number) => fmt.money({ amount, currency: r.currency });
  const measures = ['owed', ...OWED_MEASURES, 'linked'] as const;
  const years = r.years.map((year, y) => ({ year, y })).filter(({ y }) => figure(r.total, H, y, 'owed') !== 0 || figure(r.total, H, y, 'linked') !== 0);
  const heading = t('report.sections.outlook');
  return {
    id: 'outlook',
    heading,
    blocks: [
      { kind: 'paragraph', text: t('fiscal.report.explain', { asOf: fmt.date(asOf), years: H }), tone: 'muted' },
      {
        kind: 'table',
        title: t('fiscal.report.table'),
        testid: 'report-outlook',
        columns: [
          { header: t('fiscal.exports.columns.year'), nowrap: true },
          ...measures.map((m) => ({ header: t(`fiscal.measures.${m}`), kind: 'money' as const, align: 'right' as const, nowrap: true })),
        ],
        rows: years.map(({ year, y }) => [String(year), ...measures.map((m) => money(figure(r.total, H, y, m)))]),
        values: years.map(({ year, y }) => [year, ...measures.map((m) => figure(r.total, H, y, m))]),
        footer: [t('fiscal.report.total'), ...measures.map((m) => money(rowTotal(r.total, H, m)))],
        footerValues: [t('fiscal.report.total'), ...measures.map((m) => rowTotal(r.total, H, m))],
        empty: t('fiscal.report.none', { years: H }),
      },
    ],
  };
}
