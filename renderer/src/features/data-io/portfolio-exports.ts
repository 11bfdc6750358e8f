// Portfolio exports offered in Data → Portfolio exports, each as XLSX and CSV (UTF-8 with BOM).
// A new portfolio report adds an entry here: a builder in data/reports/ returning its sheets
// (the first sheet is the CSV one).
import { getDb } from '../../data/context';
import { arrearsAgingSheets } from '../../data/reports/arrears-aging';
import { pipelineByPhaseSheet } from '../../data/reports/pipeline-by-phase';
import { projectRegisterSheet } from '../../data/reports/project-register';
import { LEAGUE_LAST_N, reviewLeagueSheet } from '../../data/reports/review-league';
import type { TabularSheet } from '../../data/reports/tabular';
import { watchListSheet } from '../../data/reports/watch-list';
import { fiscalOutlookSheets } from '../../data/reports/fiscal-outlook';
import { DEFAULT_HORIZON_YEARS } from '../../domain/fiscal/outlook';
import type { IsoDate } from '../../domain/core/types';
import { i18n, t, type MessageKey } from '../../i18n/i18n.svelte';
import type { TableExport } from './table-file';

export interface ExportRequest {
  /** The panel's as-of date (default today); used by the entries marked `asOf`. */
  asOf: IsoDate;
  signal: AbortSignal;
}

export interface PortfolioExport {
  id: string;
  title: MessageKey;
  hint: MessageKey;
  /** Parameters of the hint text. */
  hintParams?: Record<string, string | number>;
  /** Base of the file name, translated (the date is added: the as-of date when `asOf`, else today). */
  fileName: MessageKey;
  /** The figures are as of a date: the panel's as-of input applies. */
  asOf?: boolean;
  build: (req: ExportRequest) => Promise<TabularSheet[]>;
}

export const portfolioExports: PortfolioExport[] = [
  {
    id: 'register',
    title: 'dataio.exports.register.title',
    hint: 'dataio.exports.register.hint',
    fileName: 'dataio.exports.register.fileName',
    build: async () => [await projectRegisterSheet(getDb(), t)],
  },
  {
    id: 'pipeline',
    title: 'dataio.exports.pipeline.title',
    hint: 'dataio.exports.pipeline.hint',
    fileName: 'dataio.exports.pipeline.fileName',
    build: async () => [await pipelineByPhaseSheet(getDb(), t)],
  },
  {
    id: 'arrears-aging',
    title: 'portfolio.arrears.title',
    hint: 'portfolio.arrears.hint',
    fileName: 'portfolio.arrears.fileName',
    asOf: true,
    build: ({ asOf }) => arrearsAgingSheets(getDb(), t, asOf),
  },
  {
    id: 'review-league',
    title: 'portfolio.league.title',
    hint: 'portfolio.league.hint',
    hintParams: { count: LEAGUE_LAST_N },
    fileName: 'portfolio.league.fileName',
    asOf: true,
    build: async ({ asOf }) => [await reviewLeagueSheet(getDb(), t, { asOf, locale: i18n.locale })],
  },
  {
    id: 'watch-list',
    title: 'portfolio.watch.title',
    hint: 'portfolio.watch.hint',
    fileName: 'portfolio.watch.fileName',
    asOf: true,
    build: async ({ asOf }) => [await watchListSheet(getDb(), t, asOf)],
  },
  {
    id: 'fiscal-outlook',
    title: 'fiscal.exports.title',
    hint: 'fiscal.exports.hint',
    hintParams: { years: DEFAULT_HORIZON_YEARS },
    fileName: 'fiscal.exports.fileName',
    asOf: true,
    build: ({ asOf }) => fiscalOutlookSheets(getDb(), t, { asOf }),
  },
];

/** An entry's file: translated title and name, and the panel's as-of date where the entry is as of a date. */
export function tableExportOf(x: PortfolioExport, asOf: IsoDate): TableExport {
  return { title: t(x.title), fileName: t(x.fileName), asOf: x.asOf ? asOf : undefined };
}
