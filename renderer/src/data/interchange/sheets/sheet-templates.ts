// Downloadable import templates: the header row the importer recognises and one example row that
// passes its checks. The XLSX template adds a sheet explaining each column and its allowed values.
import {
  SHEET_COLUMNS,
  templateExampleRow,
  templateHeaders,
  type ColumnSpec,
  type EnumLabelSet,
  type SheetKind,
  type SheetLocale,
} from '../../../domain/interchange/sheet-import';
import { rowsToCsv, sheetsToXlsx, type TabularSheet } from '../../reports/tabular';
import type { Translate } from '../../reports/translate';

export function templateCsv(kind: SheetKind, locale: SheetLocale): string {
  return rowsToCsv([templateHeaders(kind, locale), templateExampleRow(kind, locale)]);
}

/** `labels` is the code-list label set of the template's language (i18n `enums`). */
export function templateXlsx(kind: SheetKind, locale: SheetLocale, tr: Translate, labels: EnumLabelSet): Promise<Uint8Array> {
  const headers = templateHeaders(kind, locale);
  const data: TabularSheet = {
    name: tr('dataio.sheet.template.dataSheet'),
    columns: headers.map((header) => ({ header })),
    rows: [templateExampleRow(kind, locale)],
  };
  const guide: TabularSheet = {
    name: tr('dataio.sheet.template.guideSheet'),
    columns: [
      { header: tr('dataio.sheet.template.column') },
      { header: tr('dataio.sheet.template.required') },
      { header: tr('dataio.sheet.template.accepts') },
    ],
    rows: SHEET_COLUMNS[kind].map((spec, i) => [
      headers[i].replace(/^\*/, ''),
      spec.required ? tr('common.labels.yes') : tr('common.labels.no'),
      accepts(spec, locale, tr, labels),
    ]),
  };
  return sheetsToXlsx([data, guide], { title: tr('dataio.sheet.template.fileName', { kind: tr(`dataio.importing.kinds.${kind}`) }), tr });
}

function accepts(spec: ColumnSpec, locale: SheetLocale, tr: Translate, labels: EnumLabelSet): string {
  if (spec.type !== 'enum') return tr(`dataio.sheet.template.types.${spec.type}`);
  return allowedValues(spec, locale, labels).join(locale === 'zh-CN' ? '、' : ', ');
}

/** What a code-list column accepts, as the user would write it: labels, else the usual word. */
export function allowedValues(spec: ColumnSpec, locale: SheetLocale, labels: EnumLabelSet): string[] {
  if (spec.type !== 'enum') return [];
  const set = labels[spec.enumName];
  return spec.values.map((code) => set?.[code] ?? (locale === 'zh-CN' ? spec.synonyms?.[code]?.[0] : undefined) ?? code);
}
