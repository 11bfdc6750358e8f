// Report → XLSX: a cover sheet with the report's facts, then one sheet per table.
import { sheetsToXlsx, type TabularSheet } from '../../data/reports/tabular';
import { tablesOf, type ReportModel } from './model';

export function reportSheets(model: ReportModel, coverTitle: string): TabularSheet[] {
  const cover: TabularSheet = {
    name: coverTitle,
    columns: [{ header: model.title, width: 24 }, { header: model.subtitle, width: 60 }],
    rows: model.cover.map((c) => [c.label, c.value]),
  };
  const tables = tablesOf(model).map((tb) => ({
    name: tb.title,
    columns: tb.columns.map((c) => ({ header: c.header, kind: c.kind })),
    rows: tb.footer ? [...tb.values, tb.footer] : tb.values,
  }));
  return [cover, ...tables];
}

export function reportToXlsx(model: ReportModel, coverTitle: string, creator: string): Promise<Uint8Array> {
  return sheetsToXlsx(reportSheets(model, coverTitle), { creator });
}
