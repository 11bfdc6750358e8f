// Report → XLSX: a cover sheet with the report's facts, then one sheet per table, every value in
// the report's language and every sheet set up to print (see data/reports/tabular.ts).
import { sheetsToXlsx, type TabularSheet } from '../../data/reports/tabular';
import type { Translate } from '../../data/reports/translate';
import { tablesOf, type ReportModel } from './model';

export function reportSheets(model: ReportModel, coverTitle: string): TabularSheet[] {
  // The cover is one row of facts under their labels, so its dates can be date cells.
  const cover: TabularSheet = {
    name: coverTitle,
    columns: model.cover.map((c) => ({ header: c.label, kind: c.kind })),
    rows: [model.cover.map((c) => (c.cell !== undefined ? c.cell : c.value))],
  };
  const tables = tablesOf(model).map((tb): TabularSheet => {
    const columns = tb.sheet?.columns ?? tb.columns;
    const values = tb.sheet?.values ?? tb.values;
    return {
      name: tb.title,
      columns: columns.map((c) => ({ header: c.header, kind: c.kind })),
      rows: tb.footer ? [...values, tb.footerValues ?? tb.footer] : values,
    };
  });
  return [cover, ...tables];
}

/** `tr` is the report's language (the UI language it was built in). */
export function reportToXlsx(model: ReportModel, coverTitle: string, creator: string, tr: Translate): Promise<Uint8Array> {
  return sheetsToXlsx(reportSheets(model, coverTitle), { title: `${model.title} · ${model.subtitle}`, asOf: model.asOf, tr, creator });
}
