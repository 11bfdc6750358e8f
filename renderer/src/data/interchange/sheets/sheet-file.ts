// A spreadsheet file (XLSX or CSV) → rows of cell text, ready for domain/interchange/sheet-import.ts. Cells
// are turned into the text a person sees: dates as YYYY-MM-DD, percentages as "30%", numbers
// without binary-float noise, so the domain parsers see one shape whatever program wrote the file.
import { numberToDecimalText } from '../../../domain/core/scaled-decimal';
import { loadExcelJs } from './exceljs';
import { decodeText, type TextEncodingName } from './text-decode';

export interface SheetTable {
  format: 'xlsx' | 'csv';
  /** rows[i] is spreadsheet row i + 1; blank rows are kept (as []) so row numbers stay true. */
  rows: string[][];
  /** CSV: the encoding it was decoded from. */
  encoding?: TextEncodingName;
  /** XLSX: the worksheet read (the first one with data). */
  sheetName?: string;
}

export type SheetFileErrorCode = 'legacyXls' | 'unreadable' | 'empty';

export class SheetFileError extends Error {
  constructor(
    readonly code: SheetFileErrorCode,
    detail = '',
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'SheetFileError';
  }
}

/** Far beyond what validateRows accepts (50 000), so its own "too many rows" message is shown. */
const MAX_READ_ROWS = 50_100;
const MAX_COLUMNS = 200;

export async function readSheetFile(bytes: Uint8Array): Promise<SheetTable> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new SheetFileError('legacyXls');
  const table = bytes[0] === 0x50 && bytes[1] === 0x4b ? await readXlsx(bytes) : await readCsv(bytes);
  if (!table.rows.some((r) => r.some((c) => c.trim()))) throw new SheetFileError('empty');
  return table;
}

/**
 * Text files hold almost no control characters; a PDF, an image or a damaged workbook decoded as
 * text is full of them (and of U+FFFD where no encoding fits). Read as CSV, such a file would show
 * a column mapping of garbage instead of saying it cannot be read.
 */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  if (!sample) return false;
  const odd = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd / sample.length > 0.01;
}

async function readCsv(bytes: Uint8Array): Promise<SheetTable> {
  const { text, encoding } = decodeText(bytes);
  if (looksBinary(text)) throw new SheetFileError('unreadable', 'binary content');
  const Papa = (await import('papaparse')).default;
  // Empty lines are kept so that reported row numbers match the file's lines.
  const parsed = Papa.parse<string[]>(text, { delimiter: guessDelimiter(text), skipEmptyLines: false, preview: MAX_READ_ROWS });
  const rows = parsed.data.map((r) => (r.length === 1 && r[0] === '' ? [] : r.slice(0, MAX_COLUMNS)));
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return { format: 'csv', rows, encoding };
}

/**
 * The delimiter that splits the first non-blank line (the header) most often. Papa Parse's own guess
 * wants the same field count on every line, which blank lines (kept for row numbers) defeat.
 */
function guessDelimiter(text: string): string {
  const line = /^[^\r\n]*\S[^\r\n]*$/m.exec(text.slice(0, 64 * 1024))?.[0] ?? '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const n = unquoted.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

type ExcelCellValue = import('exceljs').CellValue;

async function readXlsx(bytes: Uint8Array): Promise<SheetTable> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as never);
  } catch (e) {
    throw new SheetFileError('unreadable', e instanceof Error ? e.message : '');
  }
  const ws = wb.worksheets.find((s) => s.state !== 'hidden' && s.rowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw new SheetFileError('empty');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > MAX_READ_ROWS) return;
    const cells: string[] = [];
    const last = Math.min(row.cellCount, MAX_COLUMNS);
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cells.push(cellText(cell.value, cell.numFmt ?? ''));
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { format: 'xlsx', rows, sheetName: ws.name };
}

/** What the cell shows, as the sheet parsers expect it. */
export function cellText(v: ExcelCellValue, numFmt: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return numberText(v, numFmt);
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return '';
    if ('result' in v) return cellText((v.result ?? null) as ExcelCellValue, numFmt);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelCellValue, numFmt);
  }
  return '';
}

/**
 * A percentage cell holds the fraction (30% is 0.3), so it is written back as "30%". Doubles are
 * cut to the 15 significant digits Excel itself shows, so a sum stored as 1234.5600000000002
 * reads as 1234.56.
 */
function numberText(n: number, numFmt: string): string {
  if (!Number.isFinite(n)) return '';
  const percent = /%/.test(numFmt.replace(/"[^"]*"/g, ''));
  const shown = Number((percent ? n * 100 : n).toPrecision(15));
  const text = numberToDecimalText(shown) ?? String(shown);
  return percent ? `${text}%` : text;
}

/** exceljs gives date cells as the instant of the serial at UTC; the day is read in UTC. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  // A time of day one millisecond short of midnight is a rounding of the next day.
  const t = new Date(d.getTime() + 500);
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}
