// Dashboard figures from index-backed counts and the compact per-contract ledgers: nothing here
// reads a whole large table of raw records.
import { PHASES, type Phase } from '../domain/core/types';
import { RECTIFICATION_STATUSES, type RectificationStatus } from '../domain/audits/audit-types';
import type { IsoDate } from '../domain/core/types';
import { isTaskOverdue } from '../domain/audits/rectification';
import type { WorkbenchDb } from './db';
import { watchList } from './reviews';

export type PhaseCounts = Record<Phase, number>;

/** Projects per phase: six index counts on [deleted+phase]. */
export async function projectsByPhase(db: WorkbenchDb): Promise<PhaseCounts> {
  const counts = await Promise.all(PHASES.map((p) => db.projects.where('[deleted+phase]').equals([0, p]).count()));
  return Object.fromEntries(PHASES.map((p, i) => [p, counts[i]])) as PhaseCounts;
}

export interface WatchCounts {
  overdue: number;
  due: number;
  noCycle: number;
}

export async function watchCounts(db: WorkbenchDb, asOf: IsoDate): Promise<WatchCounts> {
  const items = await watchList(db, asOf);
  return {
    overdue: items.filter((i) => i.status === 'overdue').length,
    due: items.filter((i) => i.status === 'due').length,
    noCycle: items.filter((i) => i.status === 'no-cycle').length,
  };
}

export type TaskCounts = Record<RectificationStatus, number> & { overdue: number };

/** Rectification tasks per status from [deleted+status]; only open ones are read, to count the overdue. */
export async function taskCounts(db: WorkbenchDb, asOf: IsoDate): Promise<TaskCounts> {
  const counts = await Promise.all(RECTIFICATION_STATUSES.map((s) => db.rectifications.where('[deleted+status]').equals([0, s]).count()));
  const open = await db.rectifications.where('[deleted+status]').anyOf([0, 'open'], [0, 'in-progress']).toArray();
  const out = Object.fromEntries(RECTIFICATION_STATUSES.map((s, i) => [s, counts[i]])) as TaskCounts;
  out.overdue = open.filter((t) => isTaskOverdue(t, asOf)).length;
  return out;
}
