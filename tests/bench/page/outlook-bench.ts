// Fiscal outlook benchmark operations (see tests/bench/outlook.ts): the outlook over the contracts
// bench's synthetic portfolio timed in its parts — beside a raw read of the same rows from
// IndexedDB in the same run — a scenario change, the lines behind a figure and the export.
import { decodeSnapshot } from '../../../renderer/src/data/arrears';
import { saveBudgetLine } from '../../../renderer/src/data/budgets';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { readLedgerRows } from '../../../renderer/src/data/ledger';
import { loadOutlookInputs, outlookBase, outlookReport, outlookView } from '../../../renderer/src/data/outlook';
import { fiscalOutlookSheetsFromView } from '../../../renderer/src/data/reports/fiscal-outlook';
import { sheetsToXlsx } from '../../../renderer/src/data/reports/tabular';
import type { Writer } from '../../../renderer/src/data/repo';
import { figure, outlookLines, rowTotal } from '../../../renderer/src/domain/fiscal/outlook';
import type { IsoDate } from '../../../renderer/src/domain/core/types';
import { t } from '../../../renderer/src/i18n/i18n.svelte';

const ms = (t0: number) => Math.round(performance.now() - t0);

export function outlookBench(db: WorkbenchDb, w: Writer) {
  return {
    /** The general public budget expenditure and every department's appropriation, for the checks to have budgets. */
    async seedBudgets(from: number, years: number, generalFen: number, appropriationFen: number) {
      const t0 = performance.now();
      const depts = (await db.organisations.toArray()).filter((o) => o.kind === 'government');
      for (let y = from; y < from + years; y++) {
        await saveBudgetLine(w, { kind: 'general-expenditure', year: y, departmentId: '', amount: { amount: generalFen, currency: 'CNY' }, note: '' });
        for (const d of depts) await saveBudgetLine(w, { kind: 'appropriation', year: y, departmentId: d.id, amount: { amount: appropriationFen, currency: 'CNY' }, note: '' });
      }
      return { ms: ms(t0), lines: await db.budgets.count() };
    },
    /** What the outlook replaces: every contract, obligation and payment row read from IndexedDB. */
    async rawRead() {
      const t0 = performance.now();
      const [contracts, obligations, payments] = await Promise.all([db.contracts.toArray(), db.obligations.toArray(), db.payments.toArray()]);
      return { ms: ms(t0), rows: contracts.length + obligations.length + payments.length, obligations: obligations.length };
    },
    /** The outlook in its parts, then end to end, then a scenario change and the lines behind a figure. */
    async outlook(asOf: IsoDate, horizonYears: number) {
      let t0 = performance.now();
      const rows = await readLedgerRows(db);
      const readMs = ms(t0);
      t0 = performance.now();
      const snapshot = decodeSnapshot(rows, readMs);
      const decodeMs = ms(t0);
      const inputs = { ...(await loadOutlookInputs(db)), snapshot };
      t0 = performance.now();
      const base = outlookBase(inputs, asOf);
      const prepareMs = ms(t0);
      t0 = performance.now();
      const view = outlookView(base, inputs, { asOf, horizonYears });
      const computeMs = ms(t0);
      t0 = performance.now();
      const whole = await outlookReport(db, { asOf, horizonYears });
      const totalMs = ms(t0);
      t0 = performance.now();
      const scenario = outlookView(base, inputs, { asOf, horizonYears, scenario: { lateDays: 90, indexationBp: 300 } });
      const scenarioMs = ms(t0);
      const H = view.result.years.length;
      const dept = view.result.departments.keys[0];
      t0 = performance.now();
      const lines = outlookLines(base, view.options, { dimension: 'department', key: dept, year: 1, measure: 'owed' });
      const linesMs = ms(t0);
      const projectedLines = base.series.length;
      return {
        readMs,
        decodeMs,
        prepareMs,
        computeMs,
        totalMs,
        scenarioMs,
        linesMs,
        lines: lines.length,
        contracts: base.set.count,
        obligations: base.set.obligations,
        series: projectedLines,
        years: H,
        owed: rowTotal(view.result.total, H, 'owed'),
        projected: rowTotal(view.result.total, H, 'projected'),
        scenarioOwed: rowTotal(scenario.result.total, H, 'owed'),
        firstYear: figure(view.result.total, H, 0, 'owed'),
        breaches: whole.redLine.filter((r) => r.status === 'breach').length,
        departments: view.result.departments.keys.length,
      };
    },
    /** The XLSX export of the outlook (names read, sheets built, workbook written). */
    async outlookExport(asOf: IsoDate) {
      const t0 = performance.now();
      const view = await outlookReport(db, { asOf });
      const sheets = await fiscalOutlookSheetsFromView(db, view, t);
      const buildMs = ms(t0);
      const t1 = performance.now();
      const bytes = await sheetsToXlsx(sheets, { title: t('fiscal.exports.title'), asOf, tr: t });
      return { buildMs, xlsxMs: ms(t1), bytes: bytes.byteLength, rows: sheets.map((s) => s.rows.length) };
    },
  };
}
