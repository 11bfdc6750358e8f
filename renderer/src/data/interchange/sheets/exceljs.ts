// exceljs is large (≈1 MB in the browser build), so it is loaded only when a workbook is read or
// written. Node resolves the CommonJS build (named exports plus `default`), the browser build is a
// UMD bundle that arrives as `default`; callers get the namespace either way.
export type ExcelJs = typeof import('exceljs');

let loading: Promise<ExcelJs> | null = null;

export function loadExcelJs(): Promise<ExcelJs> {
  loading ??= import('exceljs').then((mod) => {
    const m = mod as ExcelJs & { default?: ExcelJs };
    return m.Workbook ? m : (m.default as ExcelJs);
  });
  return loading;
}
