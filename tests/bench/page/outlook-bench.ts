// Fiscal outlook benchmark operations (see tests/bench/outlook.ts): the fixture written as raw rows
// (the synthetic portfolio of the contracts bench, with half-yearly fees), the outlook over it timed
// in its parts — beside a raw read of the same rows from IndexedDB in the same run — a scenario
// change, the lines behind a figure and the export.
import { decodeSnapshot } from '../../../renderer/src/data/arrears';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { generatePortfolio, storeSynthetic, type SyntheticPortfolio } from '../../../renderer/src/data/demo/synthetic';
import { syntheticContractChunks } from '../../../renderer/src/data/demo/synthetic-contracts';
import { putLedgerEntries, readLedgerRows } from '../../../renderer/src/data/ledger';
import { loadOutlookInputs, outlookBase, outlookReport, outlookView } from '../../../renderer/src/data/outlook';
import { fiscalOutlookSheetsFromView } from '../../../renderer/src/data/reports/fiscal-outlook';
import { sheetsToXlsx } from '../../../renderer/src/data/reports/tabular';
import { buildRecord, type Writer } from '../../../renderer/src/data/repo';
import { buildLedger, encodeLedger } from '../../../renderer/src/domain/contracts/contract-ledger';
import { contractWarnings } from '../../../renderer/src/domain/contracts/contract-rules';
import type { BudgetLine } from '../../../renderer/src/domain/fiscal/budgets';
import { figure, outlookLines, rowTotal } from '../../../renderer/src/domain/fiscal/outlook';
import type { IsoDate, Organisation, Project } from '../../../renderer/src/domain/core/types';
import { t } from '../../../renderer/src/i18n/i18n.svelte';
import { committed } from './raw-idb';

const ms = (t0: number) => Math.round(performance.now() - t0);

export function outlookBench(db: WorkbenchDb, w: Writer) {
  /** The fixture's row counts as stored. */
  const storedCounts = async () => ({
    contracts: await db.contracts.count(),
    obligations: await db.obligations.count(),
    payments: await db.payments.count(),
    budgets: await db.budgets.count(),
    ledgerPages: await db.ledgerPages.count(),
    staleLedgers: await db.ledgerStale.count(),
  });
  let portfolio: SyntheticPortfolio | null = null;
  const ledgers = new Map<string, string>();
  return {
    /** Projects and organisations (synthetic.ts, stored as the register expects them); contracts follow. */
    async seedOutlookPortfolio(projects: number, seed = 42) {
      const t0 = performance.now();
      portfolio = generatePortfolio(seed, projects);
      await storeSynthetic(w, portfolio);
      ledgers.clear();
      return { ms: ms(t0), projects: portfolio.projects.length };
    },
    /**
     * Contracts number from … to − 1 with their obligations and payments (syntheticContractChunks: the
     * rows the contracts and sync benches use, with half-yearly fees), written as raw rows — bench
     * fixture data, not officers' edits, so no repository, change log or middleware — in native
     * IndexedDB transactions with relaxed durability, each committing while the next is filled.
     * A transaction holds about as many rows as `perTx` contracts make (about 40 KB of rows and
     * index entries each), near the 1 MiB that Chromium's IndexedDB writes as one batch; past it, it
     * writes an undo log as well (transactions of 25 contracts seeded 1,000 in 23–28 s here, of 250
     * or 2,500 in 32–36 s). Order 'key' (the default) generates every row of the range first and
     * writes each store's rows in primary-key order: random ids written as they come cost more per
     * row the larger the database grows (its LevelDB keeps rewriting overlapping key ranges), so
     * 8,000 contracts took 230 s contract by contract and 132 s in key order, the last 3,000 of them
     * 123 s and 55 s. The ledgers are kept for seedOutlookEnd.
     */
    async seedOutlookContracts(from: number, to: number, order: 'contract' | 'key' = 'key', seed = 43, feesPerYear: 1 | 2 = 2, perTx = 25) {
      if (!portfolio) throw new Error('seedOutlookPortfolio first');
      const idb = db.backendDB();
      const counts = { contracts: 0, obligations: 0, payments: 0 };
      let generateMs = 0;
      let waitMs = 0;
      let pending: Promise<void> | null = null;
      const t0 = performance.now();
      let t = performance.now();
      /** Commits a filled transaction, then waits for the one before it (so one fills while one commits). */
      const send = async (tx: IDBTransaction) => {
        const done = committed(tx);
        tx.commit();
        generateMs += performance.now() - t;
        t = performance.now();
        if (pending) await pending;
        waitMs += performance.now() - t;
        pending = done;
        t = performance.now();
      };
      const chunks = syntheticContractChunks(w, {
        seed,
        from,
        to,
        projects: portfolio.projects as Pick<Project, 'id' | 'departmentId'>[],
        companies: portfolio.organisations.filter((o) => o.kind === 'company') as Pick<Organisation, 'id' | 'isSme'>[],
        feesPerYear,
      });
      const rows: Record<'contracts' | 'obligations' | 'payments', { id: string }[]> = { contracts: [], obligations: [], payments: [] };
      for (const made of chunks) {
        for (let at = 0; at < made.length; at += perTx) {
          const tx = order === 'contract' ? idb.transaction(['contracts', 'obligations', 'payments'], 'readwrite', { durability: 'relaxed' }) : null;
          for (const c of made.slice(at, at + perTx)) {
            if (tx) {
              tx.objectStore('contracts').add(c.contract);
              for (const o of c.obligations) tx.objectStore('obligations').add(o);
              for (const p of c.payments) tx.objectStore('payments').add(p);
            } else {
              rows.contracts.push(c.contract);
              for (const o of c.obligations) rows.obligations.push(o);
              for (const p of c.payments) rows.payments.push(p);
            }
            ledgers.set(c.contract.id, encodeLedger(buildLedger({ contract: c.contract, warnings: contractWarnings(c.contract), obligations: c.obligations, payments: c.payments })));
            counts.contracts += 1;
            counts.obligations += c.obligations.length;
            counts.payments += c.payments.length;
          }
          if (tx) await send(tx);
        }
      }
      const rowsPerTx = Math.max(1, Math.round((perTx * (counts.contracts + counts.obligations + counts.payments)) / Math.max(1, counts.contracts)));
      for (const name of ['contracts', 'obligations', 'payments'] as const) {
        const list = rows[name].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        for (let at = 0; at < list.length; at += rowsPerTx) {
          const tx = idb.transaction([name], 'readwrite', { durability: 'relaxed' });
          const store = tx.objectStore(name);
          for (let k = at; k < Math.min(list.length, at + rowsPerTx); k++) store.add(list[k]);
          await send(tx);
        }
      }
      generateMs += performance.now() - t;
      t = performance.now();
      if (pending) await pending;
      waitMs += performance.now() - t;
      return { ...counts, ms: ms(t0), generateMs: Math.round(generateMs), waitMs: Math.round(waitMs) };
    },
    /**
     * The ledger pages of every contract seeded, and the budgets: the general public budget
     * expenditure and every department's appropriation for `years` years (raw rows too).
     */
    async seedOutlookEnd(fromYear: number, years: number, generalFen: number, appropriationFen: number) {
      let t0 = performance.now();
      await putLedgerEntries(db, ledgers);
      ledgers.clear();
      const pagesMs = ms(t0);
      t0 = performance.now();
      const depts = (portfolio?.organisations ?? []).filter((o) => o.kind === 'government');
      const rows: BudgetLine[] = [];
      const line = (kind: BudgetLine['kind'], year: number, departmentId: string, amount: number) =>
        rows.push(buildRecord<BudgetLine>(w, { kind, year, departmentId, amount: { amount, currency: 'CNY' }, note: '' }));
      for (let y = fromYear; y < fromYear + years; y++) {
        line('general-expenditure', y, '', generalFen);
        for (const d of depts) line('appropriation', y, d.id!, appropriationFen);
      }
      await db.budgets.bulkAdd(rows);
      return {
        pagesMs,
        budgetsMs: ms(t0),
        stored: await storedCounts(),
      };
    },
    /** What an earlier run in a kept profile left: the fixture's row counts (all zero in a new profile). */
    outlookStored: storedCounts,
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
