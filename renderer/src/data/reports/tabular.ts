// Rows → an XLSX workbook or a CSV file, shared by every tabular export (register, pipeline,
// report tables). Columns say what their cells hold, so money stays exact: cells carry integer
// minor units, XLSX shows them as numbers with two decimals, CSV writes the exact decimal text.
// CSV is UTF-8 with a byte-order mark and CRLF line ends: what Excel on Chinese Windows needs to
// open it without garbling the Chinese.
import { minorToDecimalText } from '../../domain/core/money';
import { loadExcelJs } from '../interchange/sheets/exceljs';

/**
 * text: string as is · integer / decimal: a number · money: integer minor units (fen), with the
 * currency in a column of its own · bp: basis points (3000 = 30%) · date: 'YYYY-MM-DD'.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'money' | 'bp' | 'date';

export interface TabularColumn {
  header: string;
  kind?: ColumnKind;
  /** Width in characters; by default sized to the header and the first rows. */
  width?: number;
}

export type CellValue = string | number | boolean | null | undefined;

export interface TabularSheet {
  /** Worksheet name (cut to Excel's 31 characters; []:*?/\ replaced). */
  name: string;
  columns: TabularColumn[];
  rows: CellValue[][];
}

export const CSV_BOM = '\uFEFF';

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  integer: '#,##0',
  money: '#,##0.00',
  bp: '0.00%',
  date: 'yyyy-mm-dd',
};

/** Builds one workbook with a worksheet per sheet: header row frozen and filterable. */
export async function sheetsToXlsx(sheets: readonly TabularSheet[], opts: { creator?: string } = {}): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? '';
  wb.created = new Date();
  const used = new Set<string>();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(uniqueSheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c, i) => ({
      header: c.header,
      width: c.width ?? autoWidth(c, sheet.rows, i),
      style: NUM_FMT[c.kind ?? 'text'] ? { numFmt: NUM_FMT[c.kind ?? 'text'] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c, i) => xlsxValue(c.kind ?? 'text', row[i])));
    if (sheet.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** One sheet as CSV text (BOM, header row, CRLF); save it as UTF-8. */
export function sheetToCsv(sheet: TabularSheet): string {
  return rowsToCsv([
    sheet.columns.map((c) => c.header),
    ...sheet.rows.map((row) => sheet.columns.map((c, i) => csvValue(c.kind ?? 'text', row[i]))),
  ]);
}

/** Raw cells → CSV text with BOM; each cell written as its text, quoted when it must be. */
export function rowsToCsv(rows: readonly (readonly CellValue[])[]): string {
  return CSV_BOM + rows.map((row) => row.map((cell) => quote(cell == null ? '' : String(cell))).join(',')).join('\r\n') + '\r\n';
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function xlsxValue(kind: ColumnKind, v: CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v;
  switch (kind) {
    case 'money':
      // Exact for display: the double nearest the two-decimal value (see scaled-decimal.ts).
      return typeof v === 'number' ? v / 100 : v;
    case 'bp':
      return typeof v === 'number' ? v / 10_000 : v;
    case 'date': {
      const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(v);
    }
    default:
      return v;
  }
}

function csvValue(kind: ColumnKind, v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (kind === 'money') return minorToDecimalText(v);
    if (kind === 'bp') return `${minorToDecimalText(v)}%`;
    return String(v);
  }
  // A text cell that starts like a formula would run as one when the CSV is opened in a
  // spreadsheet; a leading apostrophe keeps it text (OWASP "CSV injection").
  return kind === 'text' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function uniqueSheetName(name: string, used: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet').slice(0, 31);
  let out = base;
  for (let n = 2; used.has(out.toLowerCase()); n++) out = `${base.slice(0, 31 - String(n).length - 1)}-${n}`;
  used.add(out.toLowerCase());
  return out;
}

/** CJK characters take about two character widths in Excel's default font. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

function autoWidth(col: TabularColumn, rows: readonly CellValue[][], i: number): number {
  let w = displayWidth(col.header);
  for (const row of rows.slice(0, 200)) {
    const v = row[i];
    if (v === null || v === undefined) continue;
    const text = typeof v === 'number' && col.kind === 'money' ? minorToDecimalText(v) + ',,,' : String(v);
    w = Math.max(w, displayWidth(text));
  }
  return Math.min(60, Math.max(8, w + 2));
}
