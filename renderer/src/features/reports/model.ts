// One model of a report, rendered three ways: the print-ready HTML page (→ PDF through the
// browser's or Electron's print), DOCX (editable in Word/WPS) and XLSX (one sheet per table). Builders
// produce this model in the user's language; renderers never look anything up.
import type { ChartConfiguration } from 'chart.js';
import type { ColumnKind, CellValue } from '../../data/reports/tabular';

export interface ReportColumn {
  header: string;
  kind?: ColumnKind;
  /** Right-align numbers, money and dates in print. */
  align?: 'left' | 'right';
  /** Keep on one line (codes, dates, amounts) so text columns get the room to wrap. */
  nowrap?: boolean;
}

export interface ReportTable {
  kind: 'table';
  /** Also the XLSX sheet name. */
  title: string;
  columns: ReportColumn[];
  /** Display text per cell for HTML/DOCX. */
  rows: string[][];
  /**
   * Cell values for XLSX, same shape as rows: numbers as numbers (money in minor units), dates
   * ISO, and everything a person reads in words, as in `rows` (never a code).
   */
  values: CellValue[][];
  /** A totals row shown in bold after the rows. */
  footer?: string[];
  /** The totals row for XLSX (a total in one currency as a number); `footer` when absent. */
  footerValues?: CellValue[];
  /** The table's spreadsheet form when it differs from the page's (a period split into its two dates). */
  sheet?: { columns: ReportColumn[]; values: CellValue[][] };
  empty?: string;
  testid?: string;
}

export interface ReportFacts {
  kind: 'facts';
  items: { label: string; value: string; testid?: string }[];
}

export interface ReportParagraph {
  kind: 'paragraph';
  text: string;
  tone?: 'normal' | 'muted' | 'warning';
}

export interface ReportChart {
  kind: 'chart';
  id: string;
  title: string;
  config: ChartConfiguration;
  /** Pixel size of the rendered image (DOCX/PDF). */
  width: number;
  height: number;
}

/** The officer's own conclusions, editable on the report page and stored with the project. */
export interface ReportConclusions {
  kind: 'conclusions';
  text: string;
  placeholder: string;
}

export type ReportBlock = ReportTable | ReportFacts | ReportParagraph | ReportChart | ReportConclusions;

export interface ReportSection {
  id: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface CoverFact {
  label: string;
  /** As shown on the page. */
  value: string;
  /** For XLSX when it differs from `value`: a date as YYYY-MM-DD with `kind: 'date'`. */
  cell?: CellValue;
  kind?: ColumnKind;
}

export interface ReportModel {
  title: string;
  subtitle: string;
  /** Cover facts: project, code, department, as-of date, prepared by, date. */
  cover: CoverFact[];
  /** The day the figures are as of (YYYY-MM-DD). */
  asOf: string;
  sections: ReportSection[];
  /** Footer line on every printed page. */
  footer: string;
  fileBaseName: string;
}

export function tablesOf(model: ReportModel): ReportTable[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is ReportTable => b.kind === 'table'));
}

export function chartsOf(model: ReportModel): ReportChart[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is ReportChart => b.kind === 'chart'));
}
