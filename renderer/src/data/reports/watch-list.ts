// The 重建轻运 watch list as a table: operating projects whose review is overdue or due, or that
// have no review cycle, in the order of the Reviews screen (longest overdue first).
import type { IsoDate, ReviewCycle } from '../../domain/core/types';
import type { WorkbenchDb } from '../db';
import type { WatchStatus } from '../../domain/reviews/watch-list';
import { watchList } from '../reviews';
import type { CellValue, TabularSheet } from './tabular';
import type { Translate } from './translate';

export async function watchListSheet(db: WorkbenchDb, tr: Translate, asOf: IsoDate): Promise<TabularSheet> {
  const [items, orgs] = await Promise.all([watchList(db, asOf), db.organisations.toArray()]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const rows: CellValue[][] = items.map((i) => [
    i.status,
    i.code,
    i.name,
    i.departmentId ? (orgName.get(i.departmentId) ?? '') : '',
    i.cycle,
    i.operateStart,
    i.lastReviewedTo || tr('portfolio.watch.never'),
    i.due?.period.start ?? '',
    i.due?.period.end ?? '',
    i.due?.deadline ?? '',
    i.due?.status === 'overdue' ? i.due.daysOverdue : null,
    i.due?.status === 'due' ? i.due.daysLeft : null,
    i.due?.status === 'overdue' ? i.due.missedPeriods : null,
  ]);
  return {
    name: tr('portfolio.watch.sheet'),
    columns: [
      { header: tr('portfolio.watch.columns.status'), words: (c) => tr(`reviews.watch.status.${c as WatchStatus}`) },
      { header: tr('portfolio.watch.columns.code') },
      { header: tr('portfolio.watch.columns.name') },
      { header: tr('portfolio.watch.columns.department') },
      { header: tr('portfolio.watch.columns.cycle'), words: (c) => tr(`enums.reviewCycle.${c as ReviewCycle}`) },
      { header: tr('portfolio.watch.columns.operateStart'), kind: 'date' },
      { header: tr('portfolio.watch.columns.lastReviewed'), kind: 'date' },
      { header: tr('portfolio.watch.columns.periodStart'), kind: 'date' },
      { header: tr('portfolio.watch.columns.periodEnd'), kind: 'date' },
      { header: tr('portfolio.watch.columns.deadline'), kind: 'date' },
      { header: tr('portfolio.watch.columns.daysOverdue'), kind: 'integer' },
      { header: tr('portfolio.watch.columns.daysLeft'), kind: 'integer' },
      { header: tr('portfolio.watch.columns.missed'), kind: 'integer' },
    ],
    rows,
  };
}
