// Portfolio exports offered in Data → Portfolio exports, each as XLSX and CSV (UTF-8 with BOM).
// A new portfolio report adds an entry here: a builder in data/reports/ returning its sheets
// (the first sheet is the CSV one).
import { getDb } from '../../data/context';
import { pipelineByPhaseSheet } from '../../data/reports/pipeline-by-phase';
import { projectRegisterSheet } from '../../data/reports/project-register';
import type { TabularSheet } from '../../data/reports/tabular';
import { t, type MessageKey } from '../../i18n/i18n.svelte';

export interface PortfolioExport {
  id: string;
  title: MessageKey;
  hint: MessageKey;
  /** Base of the file name, translated (the date is added). */
  fileName: MessageKey;
  build: (signal: AbortSignal) => Promise<TabularSheet[]>;
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
];
