// Portfolio benchmark operations (see tests/bench/portfolio.ts): finalised reviews for the
// synthetic operating projects, the dashboard's own load timings, and each portfolio export built
// and written as XLSX (and CSV) in the page, with file sizes. Seeding of projects and contracts is
// contracts-bench.ts's.
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { seedStarterSystems } from '../../../renderer/src/data/indicator-systems';
import { arrearsAgingSheets } from '../../../renderer/src/data/reports/arrears-aging';
import { pipelineByPhaseSheet } from '../../../renderer/src/data/reports/pipeline-by-phase';
import { projectRegisterSheet } from '../../../renderer/src/data/reports/project-register';
import { reviewLeagueSheet } from '../../../renderer/src/data/reports/review-league';
import { sheetsToXlsx, sheetToCsv, type TabularSheet } from '../../../renderer/src/data/reports/tabular';
import { watchListSheet } from '../../../renderer/src/data/reports/watch-list';
import { buildRecord, type Writer } from '../../../renderer/src/data/repo';
import { addDays } from '../../../renderer/src/domain/core/dates';
import { makeRng } from '../../../renderer/src/domain/core/random';
import { cyclePeriod } from '../../../renderer/src/domain/reviews/review-scoring';
import type { PerformanceReview, ReviewGrade } from '../../../renderer/src/domain/reviews/review-types';
import { STARTER_SYSTEM_IDS } from '../../../renderer/src/domain/reviews/starter-systems';
import type { IsoDate } from '../../../renderer/src/domain/core/types';
import { loadDashboardView } from '../../../renderer/src/data/dashboard';
import { buildProjectReport } from '../../../renderer/src/features/reports/build';
import { t } from '../../../renderer/src/i18n/i18n.svelte';

const ms = (t0: number) => Math.round(performance.now() - t0);

function gradeOf(score: number): { grade: ReviewGrade; coefficientBp: number } {
  if (score >= 9000) return { grade: 'excellent', coefficientBp: 10_000 };
  if (score >= 8000) return { grade: 'good', coefficientBp: 9_500 };
  if (score >= 6000) return { grade: 'fair', coefficientBp: 8_500 };
  return { grade: 'poor', coefficientBp: 7_000 };
}

export function portfolioBench(db: WorkbenchDb, w: Writer) {
  return {
    /**
     * Up to `perProject` finalised reviews of the latest ended cycle periods of every operating
     * project; one project in four stops a period or two early, so the watch list has overdue rows.
     */
    async seedReviews(asOf: IsoDate, perProject = 4, seed = 7) {
      const t0 = performance.now();
      await seedStarterSystems(w);
      const rng = makeRng(seed);
      const systems = Object.values(STARTER_SYSTEM_IDS).map((s) => s.id);
      const operating = await db.projects.where('[deleted+phase]').equals([0, 'operate']).toArray();
      const rows: PerformanceReview[] = [];
      for (const p of operating) {
        if (!p.reviewCycle) continue;
        const ended = [];
        for (let k = 0; ; k++) {
          const period = cyclePeriod(p.phaseSince, p.reviewCycle, k);
          if (period.end >= asOf) break;
          ended.push(period);
        }
        const skip = rng.chance(0.25) ? rng.int(1, 2) : 0;
        const chosen = ended.slice(0, Math.max(0, ended.length - skip)).slice(-perProject);
        const systemId = rng.pick(systems);
        for (const period of chosen) {
          const totalScore = rng.int(4500, 9900);
          const at = `${addDays(period.end, 20)}T02:00:00.000Z`;
          rows.push(
            buildRecord<PerformanceReview>(
              w,
              {
                projectId: p.id,
                systemId,
                periodStart: period.start,
                periodEnd: period.end,
                isFinal: false,
                status: 'final',
                entries: [],
                totalScore,
                ...gradeOf(totalScore),
                finalisedAt: at,
                finalisedBy: 'bench',
                reopenings: [],
              },
              at,
            ),
          );
        }
      }
      await db.reviews.bulkAdd(rows);
      return { operating: operating.length, reviews: rows.length, ms: ms(t0) };
    },
    /** loadDashboardView as the dashboard calls it, with its own per-part timings. */
    async dashboard(asOf: IsoDate) {
      const t0 = performance.now();
      const d = await loadDashboardView(db, asOf);
      return { ms: ms(t0), timings: d.timings };
    },
    /** An operating project with contracts and reviews: the one the report benchmark opens. */
    async reportProject() {
      const operating = await db.projects.where('[deleted+phase]').equals([0, 'operate']).primaryKeys();
      const ids = new Set(operating);
      let best: { id: string; contracts: number } | null = null;
      const counts = new Map<string, number>();
      await db.contracts.each((c) => {
        if (ids.has(c.projectId)) counts.set(c.projectId, (counts.get(c.projectId) ?? 0) + 1);
      });
      for (const [id, n] of counts) if (!best || n > best.contracts) best = { id, contracts: n };
      if (!best) throw new Error('no operating project with contracts');
      const obligations = await db.obligations.where('contractId').anyOf((await db.contracts.where('projectId').equals(best.id).primaryKeys()) as string[]).count();
      const reviews = await db.reviews.where('[projectId+periodEnd]').between([best.id, ''], [best.id, '\uffff']).count();
      return { ...best, obligations, reviews };
    },
    /** The review report's model built in the page (what the report screen awaits before drawing). */
    async reportBuild(projectId: string, asOf: IsoDate) {
      const t0 = performance.now();
      const built = await buildProjectReport(db, { projectId, asOf, preparedBy: 'bench', preparedOn: asOf });
      return { ms: ms(t0), sections: built?.model.sections.length ?? 0 };
    },
    /** Each portfolio export: builder, XLSX writer and CSV writer timed apart, with sizes. */
    async portfolioExports(asOf: IsoDate) {
      const builders: [string, () => Promise<TabularSheet[]>][] = [
        ['register', async () => [await projectRegisterSheet(db, t)]],
        ['pipeline', async () => [await pipelineByPhaseSheet(db, t)]],
        ['arrears-aging', () => arrearsAgingSheets(db, t, asOf)],
        ['review-league', async () => [await reviewLeagueSheet(db, t, { asOf, locale: 'zh-CN' })]],
        ['watch-list', async () => [await watchListSheet(db, t, asOf)]],
      ];
      const out = [];
      for (const [id, build] of builders) {
        let t0 = performance.now();
        const sheets = await build();
        const buildMs = ms(t0);
        t0 = performance.now();
        const xlsx = await sheetsToXlsx(sheets, { title: id, asOf, tr: t });
        const xlsxMs = ms(t0);
        t0 = performance.now();
        const csv = new TextEncoder().encode(sheetToCsv(sheets[0], t));
        const csvMs = ms(t0);
        out.push({ id, rows: sheets.map((s) => s.rows.length), buildMs, xlsxMs, xlsxBytes: xlsx.byteLength, csvMs, csvBytes: csv.byteLength });
      }
      return out;
    },
  };
}
