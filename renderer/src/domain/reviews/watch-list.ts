// The 重建轻运 watch list's rules: each operating project's review-cycle verdict as of a date, the
// order the list is read in (the longest overdue first, then the closest deadline, then projects
// without a cycle, then those up to date; by project code within each), and the period a new
// review most likely covers.
import { compareDates } from '../core/dates';
import type { IsoDate, Project, ReviewCycle, Uuid } from '../core/types';
import { cyclePeriod, reviewDueStatus, type CyclePeriod, type ReviewDueStatus } from './review-scoring';

export type WatchStatus = 'overdue' | 'due' | 'not-due' | 'no-cycle';

export interface WatchItem {
  projectId: Uuid;
  code: string;
  name: string;
  departmentId: Uuid | '';
  cycle: ReviewCycle | '';
  operateStart: IsoDate;
  /** Period end of the latest finalised review; '' when none. */
  lastReviewedTo: IsoDate | '';
  status: WatchStatus;
  /** The cycle rule's verdict; null when no cycle is set. */
  due: ReviewDueStatus | null;
}

const STATUS_ORDER: Record<WatchStatus, number> = { overdue: 0, due: 1, 'no-cycle': 2, 'not-due': 3 };

/** The watch list's reading order. */
export function compareWatch(a: WatchItem, b: WatchItem): number {
  const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (byStatus !== 0) return byStatus;
  if (a.due?.status === 'overdue' && b.due?.status === 'overdue') return b.due.daysOverdue - a.due.daysOverdue || a.code.localeCompare(b.code);
  if (a.due?.status === 'due' && b.due?.status === 'due') return a.due.daysLeft - b.due.daysLeft || a.code.localeCompare(b.code);
  return a.code.localeCompare(b.code);
}

/**
 * One project's verdict from what was read: when its operation began ('' = not recorded: the
 * project's phaseSince stands in) and the period ends of its finalised reviews.
 */
export function watchItem(
  project: Pick<Project, 'id' | 'code' | 'name' | 'departmentId' | 'reviewCycle' | 'phaseSince'>,
  operateStart: IsoDate | '',
  finalisedEnds: readonly IsoDate[],
  asOf: IsoDate,
  graceDays?: number,
): WatchItem {
  const lastReviewedTo = finalisedEnds.reduce<string>((m, d) => (d > m ? d : m), '');
  const base = {
    projectId: project.id,
    code: project.code,
    name: project.name,
    departmentId: project.departmentId,
    cycle: project.reviewCycle,
    operateStart: operateStart || project.phaseSince,
    lastReviewedTo,
  };
  if (!project.reviewCycle) return { ...base, status: 'no-cycle', due: null };
  const due = reviewDueStatus({ cycle: project.reviewCycle, operateStart: base.operateStart, finalisedPeriodEnds: finalisedEnds, asOf, graceDays });
  return { ...base, status: due.status, due };
}

/**
 * The period a new review of the project most likely covers: the due period, or when several have
 * been missed the latest one that has ended (finalising it covers the earlier ones); null without
 * a cycle.
 */
export function suggestedPeriod(item: WatchItem, asOf: IsoDate): CyclePeriod | null {
  if (!item.due || !item.cycle) return null;
  let period = item.due.period;
  for (let k = period.index + 1; ; k++) {
    const next = cyclePeriod(item.operateStart, item.cycle, k);
    if (compareDates(next.end, asOf) >= 0) return period;
    period = next;
  }
}
