// Saving a built table or file through the platform (a save dialog on the desktop, a download in
// the browser), with the progress panel while it is built. Reused by every report export.
import type { TabularSheet } from '../../data/reports/tabular';
import { datedFileName } from '../../data/reports/translate';
import { t } from '../../i18n/i18n.svelte';
import { platform, type FileFilter } from '../../platform';
import { notify } from '../../ui/notify.svelte';
import { runTask } from '../../ui/task.svelte';
import type { TableExport, TableFormat } from './table-file';

export type { TableExport, TableFormat } from './table-file';

export const xlsxFilter = (): FileFilter => ({ name: 'Excel (XLSX)', extensions: ['xlsx'] });
export const csvFilter = (): FileFilter => ({ name: 'CSV', extensions: ['csv'] });
export const jsonFilter = (): FileFilter => ({ name: 'JSON', extensions: ['json'] });

/**
 * Builds the sheets and saves them as one workbook (XLSX) or, for CSV, the first sheet, in the UI
 * language. Returns the file name when saved, null when cancelled or failed (the user has seen why).
 */
export async function saveTables(format: TableFormat, x: TableExport, build: (signal: AbortSignal) => Promise<TabularSheet[]>): Promise<string | null> {
  const name = datedFileName(x.fileName, format, x.asOf ? new Date(`${x.asOf}T00:00:00`) : undefined);
  const saved = await runTask(t('dataio.exports.task', { name }), async (signal) => {
    const sheets = await build(signal);
    signal.throwIfAborted();
    // The writers (and the workbook library behind them) are fetched when a table is saved, not with
    // every screen that offers an export.
    const { tableFile } = await import('./table-file');
    const data = await tableFile(format, x, sheets);
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
