// A table export's file as it is saved, in the UI language: all sheets as one workbook (XLSX) or
// the first sheet as CSV.
import { sheetsToXlsx, sheetToCsv, type TabularSheet } from '../../data/reports/tabular';
import { todayIso } from '../../domain/core/dates';
import type { IsoDate } from '../../domain/core/types';
import { t } from '../../i18n/i18n.svelte';

export type TableFormat = 'xlsx' | 'csv';

export interface TableExport {
  /** The export's title, printed at the top of every page of the workbook. */
  title: string;
  /** Base of the file name, translated; the date is added. */
  fileName: string;
  /** The day the figures are as of (a report's as-of date): in the page header and the file name. Else today. */
  asOf?: IsoDate;
}

export async function tableFile(format: TableFormat, x: TableExport, sheets: readonly TabularSheet[]): Promise<Uint8Array | string> {
  return format === 'xlsx' ? sheetsToXlsx(sheets, { title: x.title, asOf: x.asOf ?? todayIso(), tr: t }) : sheetToCsv(sheets[0], t);
}
