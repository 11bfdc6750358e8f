// Review league table (绩效评价排名): each project's latest finalised review, ranked by its total
// score. Equal scores share a rank and the next rank skips ("1, 2, 2, 4"), as league tables are
// read; among equals the higher average of the recent reviews, then the project code, decides the
// order of the rows only. Averages are in centipoints rounded half up, as the scores themselves.
import { divRoundHalfUp } from '../core/money';
import type { PerformanceReview } from './review-types';
import type { Uuid } from '../core/types';

export type LeagueReview = Pick<PerformanceReview, 'projectId' | 'periodStart' | 'periodEnd' | 'totalScore'>;

export interface LeagueEntry<R extends LeagueReview> {
  projectId: Uuid;
  rank: number;
  /** The latest finalised review (latest period end). */
  latest: R;
  /** Mean total score of the last `lastN` finalised reviews (fewer when the project has fewer). */
  average: number;
  averageOf: number;
  /** Finalised reviews of the project. */
  reviews: number;
}

/** Ranked entries, one per project with at least one review in `finalised`. */
export function reviewLeague<R extends LeagueReview>(finalised: readonly R[], lastN: number, codeOf: (projectId: Uuid) => string): LeagueEntry<R>[] {
  const byProject = new Map<Uuid, R[]>();
  for (const r of finalised) {
    const list = byProject.get(r.projectId);
    if (list) list.push(r);
    else byProject.set(r.projectId, [r]);
  }
  const entries: Omit<LeagueEntry<R>, 'rank'>[] = [];
  for (const [projectId, list] of byProject) {
    list.sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0));
    const recent = list.slice(-Math.max(1, lastN));
    const sum = recent.reduce((s, r) => s + r.totalScore, 0);
    entries.push({
      projectId,
      latest: list[list.length - 1],
      average: Number(divRoundHalfUp(BigInt(sum), BigInt(recent.length))),
      averageOf: recent.length,
      reviews: list.length,
    });
  }
  const codes = new Map(entries.map((e) => [e.projectId, codeOf(e.projectId)]));
  const byCode = (a: Uuid, b: Uuid) => ((codes.get(a) ?? '') < (codes.get(b) ?? '') ? -1 : (codes.get(a) ?? '') > (codes.get(b) ?? '') ? 1 : 0);
  entries.sort((a, b) => b.latest.totalScore - a.latest.totalScore || b.average - a.average || byCode(a.projectId, b.projectId));
  let rank = 0;
  return entries.map((e, i) => {
    if (i === 0 || e.latest.totalScore !== entries[i - 1].latest.totalScore) rank = i + 1;
    return { ...e, rank };
  });
}
