// Review league table as a table: each project's latest finalised review ranked by score (ranking
// in domain/reviews/review-league.ts), then the operating projects that have no finalised review, which
// the league cannot place. "As of" counts the reviews finalised on or before that day.
import { localText, type Locale } from '../../domain/core/locale';
import { reviewLeague } from '../../domain/reviews/review-league';
import type { IndicatorSystem, PerformanceReview, ReviewGrade } from '../../domain/reviews/review-types';
import type { IsoDate, Phase, Project } from '../../domain/core/types';
import type { WorkbenchDb } from '../db';
import { listIndicatorSystems } from '../indicator-systems';
import { listFinalisedReviews } from '../reviews';
import type { CellValue, TabularSheet } from './tabular';
import type { Translate } from './translate';

export const LEAGUE_LAST_N = 3;

export interface LeagueOptions {
  asOf: IsoDate;
  /** Language of indicator system names (stored in both). */
  locale: Locale;
  /** How many recent reviews the average covers. */
  lastN?: number;
}

export async function reviewLeagueSheet(db: WorkbenchDb, tr: Translate, opts: LeagueOptions): Promise<TabularSheet> {
  const lastN = opts.lastN ?? LEAGUE_LAST_N;
  const [finals, operating, systems, orgs] = await Promise.all([
    listFinalisedReviews(db),
    db.projects.where('[deleted+phase]').equals([0, 'operate']).toArray(),
    listIndicatorSystems(db),
    db.organisations.toArray(),
  ]);
  const counted = finals.filter((r) => (r.finalisedAt ? r.finalisedAt.slice(0, 10) : r.periodEnd) <= opts.asOf);
  const projects = new Map<string, Project>(operating.map((p) => [p.id, p]));
  const missing = [...new Set(counted.map((r) => r.projectId))].filter((id) => !projects.has(id));
  for (const p of await db.projects.bulkGet(missing)) if (p && !p.deleted) projects.set(p.id, p);

  const league = reviewLeague(
    counted.filter((r) => projects.has(r.projectId)),
    lastN,
    (id) => projects.get(id)?.code ?? '',
  );
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const systemById = new Map<string, IndicatorSystem>(systems.map((s) => [s.id, s]));
  const systemName = (r: PerformanceReview) => {
    const s = systemById.get(r.systemId);
    return s ? `${localText(s.name, opts.locale)} v${s.version}` : '';
  };
  const projectCells = (p: Project): CellValue[] => [p.code, p.name, p.departmentId ? (orgName.get(p.departmentId) ?? '') : '', p.phase];

  const rows: CellValue[][] = league.map((e) => {
    const r = e.latest;
    return [
      e.rank,
      ...projectCells(projects.get(e.projectId) as Project),
      r.periodStart,
      r.periodEnd,
      systemName(r),
      r.totalScore / 100,
      r.grade,
      r.coefficientBp,
      e.average / 100,
      e.reviews,
      '',
    ];
  });
  const ranked = new Set(league.map((e) => e.projectId));
  const unreviewed = operating.filter((p) => !ranked.has(p.id)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const p of unreviewed) rows.push(['', ...projectCells(p), '', '', '', null, '', null, null, 0, tr('portfolio.league.noReview')]);

  return {
    name: tr('portfolio.league.sheet'),
    columns: [
      { header: tr('portfolio.league.columns.rank'), kind: 'integer' },
      { header: tr('portfolio.league.columns.code') },
      { header: tr('portfolio.league.columns.name') },
      { header: tr('portfolio.league.columns.department') },
      { header: tr('portfolio.league.columns.phase'), words: (c) => tr(`enums.phase.${c as Phase}`) },
      { header: tr('portfolio.league.columns.periodStart'), kind: 'date' },
      { header: tr('portfolio.league.columns.periodEnd'), kind: 'date' },
      { header: tr('portfolio.league.columns.system') },
      { header: tr('portfolio.league.columns.score'), kind: 'decimal' },
      { header: tr('portfolio.league.columns.grade'), words: (c) => tr(`reviews.grade.${c as ReviewGrade}`) },
      { header: tr('portfolio.league.columns.coefficient'), kind: 'bp' },
      { header: tr('portfolio.league.columns.average', { count: lastN }), kind: 'decimal' },
      { header: tr('portfolio.league.columns.reviews'), kind: 'integer' },
      { header: tr('portfolio.league.columns.note') },
    ],
    rows,
  };
}
