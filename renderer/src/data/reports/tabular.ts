// Rows → an XLSX workbook or a CSV file, shared by every tabular export (register, pipeline,
// portfolio reports, the project report's tables). Columns say what their cells hold, so money
// stays exact: cells carry integer minor units, XLSX shows them as numbers in major units with two
// decimals and thousands separators, CSV writes the exact decimal text.
//
// The XLSX is for people: every value is in the workbook's language (codes from a fixed list are
// turned into words by their column), and every sheet prints on A4, one page wide, with the header
// row repeated and the title, as-of date and page numbers in the page header and footer. The CSV
// is for machines as well: it carries the same words and, beside each worded column, the codes.
// CSV is UTF-8 with a byte-order mark and CRLF line ends: what Excel on Chinese Windows needs to
// open it without garbling the Chinese.
import { minorToDecimalText } from '../../domain/core/money';
import type { IsoDate } from '../../domain/core/types';
import { loadExcelJs } from '../interchange/sheets/exceljs';
import type { Translate } from './translate';

/**
 * text: string as is · integer / decimal: a number · money: integer minor units (fen), with the
 * currency in a column of its own · bp: basis points (3000 = 30%) · date: 'YYYY-MM-DD'.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'money' | 'bp' | 'date';

export interface TabularColumn {
  header: string;
  kind?: ColumnKind;
  /** Width in characters (a CJK character counts two); by default sized to the header and the rows. */
  width?: number;
  /**
   * For a column of codes from a fixed list (phase, contract type, grade, status…): the word a
   * person reads for a code, in the workbook's language. The rows hold the codes; the XLSX shows
   * only the words, the CSV the words and, in a column of its own ("<header> code"), the codes.
   * A cell that is not a code (a subtotal row's "all") returns undefined and is shown as it is.
   */
  words?: (code: string) => string | undefined;
}

export type CellValue = string | number | boolean | null | undefined;

export interface TabularSheet {
  /** Worksheet name (cut to Excel's 31 characters; []:*?/\ replaced). */
  name: string;
  columns: TabularColumn[];
  rows: CellValue[][];
}

export interface WorkbookOptions {
  /** The report or export title, printed at the top of every page. */
  title: string;
  /** The day the figures are as of (the export day for lists of the current state); printed beside the title. */
  asOf?: IsoDate;
  /** The workbook's language (the UI language at export): page numbers, yes/no, code headers. */
  tr: Translate;
  creator?: string;
}

export const CSV_BOM = '\uFEFF';

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  integer: '#,##0',
  decimal: '#,##0.00',
  money: '#,##0.00',
  bp: '0.00%',
  date: 'yyyy-mm-dd',
};

/** Text columns wider than this wrap instead, so a sheet still fits one page wide at a readable scale. */
const MAX_WIDTH = 40;

// Page geometry in inches (exceljs' unit). A4 is 8.27 × 11.69 in.
const MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
const A4_WIDTH_IN = 8.27;
/** Excel's pixel width of a column w characters wide in its default font (Calibri 11, 7 px digits). */
const columnPx = (w: number) => Math.trunc(w * 7 + 5);
/** Printable width of a portrait A4 page in 96-dpi pixels; wider sheets print landscape. */
const PORTRAIT_PX = (A4_WIDTH_IN - MARGINS.left - MARGINS.right) * 96;
/** exceljs' paperSize for A4 (ECMA-376 ST_PaperSize 9). */
const A4 = 9;

/** Builds one workbook with a worksheet per sheet: header row frozen, filterable and printed on every page. */
export async function sheetsToXlsx(sheets: readonly TabularSheet[], opts: WorkbookOptions): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? '';
  wb.title = opts.title;
  wb.created = new Date();
  const used = new Set<string>();
  for (const sheet of sheets) {
    const widths = sheet.columns.map((c, i) => c.width ?? autoWidth(c, sheet.rows, i));
    const ws = wb.addWorksheet(uniqueSheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c, i) => ({
      header: c.header,
      width: widths[i],
      style: columnStyle(c, widths[i]),
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
    for (const row of readableRows(sheet, opts.tr)) ws.addRow(sheet.columns.map((c, i) => xlsxValue(c.kind ?? 'text', row[i])));
    if (sheet.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    printSetup(ws, widths, opts);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

type Worksheet = import('exceljs').Worksheet;

/**
 * A4, one page wide and as many tall as it takes (fitToPage with fitToHeight 0: without fitToPage
 * Excel and LibreOffice ignore fitToWidth), landscape when the columns are wider than a portrait
 * page, the header row repeated, gridlines printed, and title / as-of / page x of y on every page.
 */
function printSetup(ws: Worksheet, widths: readonly number[], opts: WorkbookOptions): void {
  const px = widths.reduce((s, w) => s + columnPx(w), 0);
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4,
    orientation: px > PORTRAIT_PX ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: MARGINS,
    printTitlesRow: '1:1',
    showGridLines: true,
    horizontalCentered: true,
  };
  // Header/footer codes: &L &C &R sections, &A sheet name, &P page, &N pages; a literal & is &&.
  const text = (s: string) => s.replace(/&/g, '&&');
  const asOf = opts.asOf ? opts.tr('dataio.workbook.asOf', { date: opts.asOf }) : '';
  ws.headerFooter = {
    ...ws.headerFooter,
    oddHeader: `&L${text(opts.title)}&C&A&R${text(asOf)}`,
    oddFooter: `&C${text(opts.tr('dataio.workbook.pageOf', { page: '\u0000P', pages: '\u0000N' })).replace(/\u0000/g, '&')}`,
  };
}

function columnStyle(c: TabularColumn, width: number): Partial<import('exceljs').Style> {
  const numFmt = NUM_FMT[c.kind ?? 'text'];
  if (numFmt) return { numFmt, alignment: { vertical: 'top' } };
  return { alignment: { vertical: 'top', wrapText: width >= MAX_WIDTH } };
}

/**
 * One sheet as CSV text (BOM, header row, CRLF); save it as UTF-8. The cells read as in the XLSX,
 * and each worded column is followed by its codes, for programs that key on them.
 */
export function sheetToCsv(sheet: TabularSheet, tr: Translate): string {
  const headers = sheet.columns.flatMap((c) => (c.words ? [c.header, tr('dataio.workbook.codeColumn', { header: c.header })] : [c.header]));
  const readable = readableRows(sheet, tr);
  return rowsToCsv([
    headers,
    ...sheet.rows.map((row, r) =>
      sheet.columns.flatMap((c, i) => {
        const text = csvValue(c.kind ?? 'text', readable[r][i]);
        if (!c.words) return [text];
        const v = row[i];
        const code = v !== null && v !== undefined && v !== '' && c.words(String(v)) !== undefined ? csvValue('text', String(v)) : '';
        return [text, code];
      }),
    ),
  ]);
}

/** Raw cells → CSV text with BOM; each cell written as its text, quoted when it must be. */
export function rowsToCsv(rows: readonly (readonly CellValue[])[]): string {
  return CSV_BOM + rows.map((row) => row.map((cell) => quote(cell == null ? '' : String(cell))).join(',')).join('\r\n') + '\r\n';
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as a person reads them: codes as their words, booleans as yes / no; numbers and dates as they are. */
export function readableRows(sheet: TabularSheet, tr: Translate): CellValue[][] {
  const yes = tr('common.labels.yes');
  const no = tr('common.labels.no');
  return sheet.rows.map((row) =>
    sheet.columns.map((c, i) => {
      const v = row[i];
      if (v === null || v === undefined || v === '') return v;
      if (c.words) return c.words(String(v)) ?? v;
      return typeof v === 'boolean' ? (v ? yes : no) : v;
    }),
  );
}

function xlsxValue(kind: ColumnKind, v: CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined || v === '') return null;
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
  if (v === null || v === undefined || typeof v === 'boolean') return v == null ? '' : String(v);
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

/** Width in Excel characters: CJK ideographs, kana, hangul and full-width forms take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Sized to the longest of the header and the first rows (as the cell will read), within [8, MAX_WIDTH]. */
function autoWidth(col: TabularColumn, rows: readonly CellValue[][], i: number): number {
  let w = Math.min(displayWidth(col.header), 24);
  for (const row of rows.slice(0, 200)) {
    const v = row[i];
    if (v === null || v === undefined || v === '') continue;
    w = Math.max(w, displayWidth(cellText(col, v)));
  }
  return Math.min(MAX_WIDTH, Math.max(8, w + 2));
}

function cellText(col: TabularColumn, v: string | number | boolean): string {
  if (col.words) return col.words(String(v)) ?? String(v);
  if (typeof v !== 'number') return String(v);
  switch (col.kind) {
    case 'money':
      return Number(minorToDecimalText(v)).toLocaleString('en', { minimumFractionDigits: 2 });
    case 'bp':
      return `${(v / 100).toFixed(2)}%`;
    case 'decimal':
      return v.toFixed(2);
    case 'integer':
      return v.toLocaleString('en');
    default:
      return String(v);
  }
}
