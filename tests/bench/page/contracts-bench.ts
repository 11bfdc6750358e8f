// Contracts and arrears benchmark operations (see tests/bench/contracts.ts): a synthetic portfolio
// of contracts with schedules and payments, and the portfolio arrears roll-up timed in its parts.
import { loadLedgers, rollUpLedgers, arrearsReport } from '../../../renderer/src/data/arrears';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { generatePortfolio, storeSynthetic, type SyntheticPortfolio } from '../../../renderer/src/data/demo/synthetic';
import { storeSyntheticContracts } from '../../../renderer/src/data/demo/synthetic-contracts';
import { putLedgerEntries, staleLedgerIds } from '../../../renderer/src/data/ledger';
import { interestTables } from '../../../renderer/src/data/reference-rates';
import type { Writer } from '../../../renderer/src/data/repo';
import type { Organisation, Project } from '../../../renderer/src/domain/core/types';

const ms = (t0: number) => Math.round(performance.now() - t0);

export function contractsBench(db: WorkbenchDb, w: Writer) {
  let portfolio: SyntheticPortfolio | null = null;
  let pending = new Map<string, string>();
  return {
    /** Projects and organisations (synthetic.ts); contracts follow in ranges (seedContracts). */
    async seedContractPortfolio(projects: number, seed = 42) {
      portfolio = generatePortfolio(seed, projects);
      await storeSynthetic(w, portfolio);
      pending = new Map();
      return { projects: portfolio.projects.length };
    },
    /** Contracts number from … to − 1 with their schedules and payments (ledgers kept for seedContractsEnd). */
    async seedContracts(from: number, to: number, seed = 43, feesPerYear: 1 | 2 = 1) {
      if (!portfolio) throw new Error('seedContractPortfolio first');
      const t0 = performance.now();
      const r = await storeSyntheticContracts(w, {
        seed,
        from,
        to,
        projects: portfolio.projects as Pick<Project, 'id' | 'departmentId'>[],
        companies: portfolio.organisations.filter((o) => o.kind === 'company') as Pick<Organisation, 'id' | 'isSme'>[],
        writeLedgers: false,
        feesPerYear,
      });
      for (const [id, d] of r.ledgers) pending.set(id, d);
      return { contracts: r.contracts, obligations: r.obligations, payments: r.payments, ledgerBytes: r.ledgerBytes, storeMs: ms(t0) };
    },
    /** Writes the ledger pages of every contract seeded. */
    async seedContractsEnd() {
      const t0 = performance.now();
      await putLedgerEntries(db, pending);
      const pages = await db.ledgerPages.count();
      pending = new Map();
      return { pagesMs: ms(t0), pages, stored: { contracts: await db.contracts.count(), obligations: await db.obligations.count(), payments: await db.payments.count() } };
    },
    /** The roll-up in its parts: ledger read (+ decode), compute; then end to end. */
    async arrears(asOf: string) {
      const refreshed = (await staleLedgerIds(db)).length;
      let t0 = performance.now();
      const tables = await interestTables(db);
      const snapshot = await loadLedgers(db);
      const loadMs = ms(t0);
      t0 = performance.now();
      const r = rollUpLedgers(snapshot, tables, asOf);
      const computeMs = ms(t0);
      t0 = performance.now();
      const again = rollUpLedgers(snapshot, tables, '2025-06-30');
      const recomputeMs = ms(t0);
      t0 = performance.now();
      const whole = await arrearsReport(db, asOf);
      const totalMs = ms(t0);
      const cny = r.report.total.currencies.find((c) => c.currency === 'CNY');
      return {
        refreshed,
        readMs: snapshot.readMs,
        decodeMs: snapshot.decodeMs,
        loadMs,
        computeMs,
        recomputeMs,
        totalMs,
        ledgers: snapshot.set.count,
        obligations: r.report.total.count,
        overdueCount: cny?.overdueCount ?? 0,
        overdue: cny?.overdue ?? 0,
        interest: cny?.interest ?? 0,
        departments: whole.report.byDepartment.size,
        againOverdue: again.report.total.currencies[0]?.overdue ?? 0,
      };
    },
  };
}
