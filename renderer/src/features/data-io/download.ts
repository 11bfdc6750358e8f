// Saving a built table or file through the platform (a save dialog on the desktop, a download in
// the browser), with the progress panel while it is built. Reused by every report export.
import { sheetsToXlsx, sheetToCsv, type TabularSheet } from '../../data/reports/tabular';
import { datedFileName } from '../../data/reports/translate';
import { todayIso } from '../../domain/core/dates';
import type { IsoDate } from '../../domain/core/types';
import { t } from '../../i18n/i18n.svelte';
import { platform, type FileFilter } from '../../platform';
import { notify } from '../../ui/notify.svelte';
import { runTask } from '../../ui/task.svelte';

export type TableFormat = 'xlsx' | 'csv';

export const xlsxFilter = (): FileFilter => ({ name: 'Excel (XLSX)', extensions: ['xlsx'] });
export const csvFilter = (): FileFilter => ({ name: 'CSV', extensions: ['csv'] });
export const jsonFilter = (): FileFilter => ({ name: 'JSON', extensions: ['json'] });

export interface TableExport {
  /** The export's title, printed at the top of every page of the workbook. */
  title: string;
  /** Base of the file name, translated; the date is added. */
  fileName: string;
  /** The day the figures are as of (a report's as-of date): in the page header and the file name. Else today. */
  asOf?: IsoDate;
}

/**
 * Builds the sheets and saves them as one workbook (XLSX) or, for CSV, the first sheet, in the UI
 * language. Returns the file name when saved, null when cancelled or failed (the user has seen why).
 */
export async function saveTables(format: TableFormat, x: TableExport, build: (signal: AbortSignal) => Promise<TabularSheet[]>): Promise<string | null> {
  const name = datedFileName(x.fileName, format, x.asOf ? new Date(`${x.asOf}T00:00:00`) : undefined);
  const saved = await runTask(t('dataio.exports.task', { name }), async (signal) => {
    const sheets = await build(signal);
    signal.throwIfAborted();
    const data = format === 'xlsx' ? await sheetsToXlsx(sheets, { title: x.title, asOf: x.asOf ?? todayIso(), tr: t }) : sheetToCsv(sheets[0], t);
    signal.throwIfAborted();
    return platform.saveFile({ suggestedName: name, data, filters: [format === 'xlsx' ? xlsxFilter() : csvFilter()] });
  });
  if (!saved?.saved) return null;
  notify(t('dataio.exports.saved', { name }), 'success');
  return name;
}

/** Saves bytes or text already built (templates, OC4IDS JSON). */
export async function saveBuilt(name: string, data: Uint8Array | string): Promise<boolean> {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  const filters = ext === 'xlsx' ? [xlsxFilter()] : ext === 'csv' ? [csvFilter()] : ext === 'json' ? [jsonFilter()] : undefined;
  const r = await platform.saveFile({ suggestedName: name, data, filters });
  if (r.saved) notify(t('dataio.exports.saved', { name }), 'success');
  return r.saved;
}
