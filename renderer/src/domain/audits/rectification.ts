// Rectification tasks (整改) raised from audit findings. A task is overdue while it is still open
// or in progress after its due date: the due date itself is on time (same reading as payment
// aging), and a task marked done stops the clock even before it is verified.
import { addDays, daysBetween } from '../core/dates';
import { problem, type Problem } from '../core/problems';
import type { RectificationStatus, RectificationTask, Severity } from './audit-types';
import type { IsoDate } from '../core/types';

/** Default time allowed to rectify, by the severity of the finding (editable per task). */
export const DEFAULT_RECTIFICATION_DAYS: Record<Severity, number> = { critical: 7, high: 15, medium: 30, low: 60 };

export function defaultDueDate(severity: Severity, raisedOn: IsoDate): IsoDate {
  return addDays(raisedOn, DEFAULT_RECTIFICATION_DAYS[severity]);
}

function isOpen(status: RectificationStatus): boolean {
  return status === 'open' || status === 'in-progress';
}

export function isTaskOverdue(task: Pick<RectificationTask, 'status' | 'dueDate'>, asOf: IsoDate): boolean {
  return isOpen(task.status) && asOf > task.dueDate;
}

/** Days past the due date for an open task; 0 when not overdue. */
export function taskDaysOverdue(task: Pick<RectificationTask, 'status' | 'dueDate'>, asOf: IsoDate): number {
  return isTaskOverdue(task, asOf) ? daysBetween(task.dueDate, asOf) : 0;
}

/**
 * Allowed moves. 'done' can go back to 'in-progress' when verification finds the fix lacking;
 * 'verified' is final.
 */
const TRANSITIONS: Record<RectificationStatus, readonly RectificationStatus[]> = {
  open: ['in-progress', 'done'],
  'in-progress': ['open', 'done'],
  done: ['in-progress', 'verified'],
  verified: [],
};

export function canTransition(from: RectificationStatus, to: RectificationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Problems with moving a task to `to`; verifying requires a verification note. */
export function validateTransition(task: Pick<RectificationTask, 'status'>, to: RectificationStatus, verificationNote: string): Problem[] {
  const out: Problem[] = [];
  if (!canTransition(task.status, to)) out.push(problem('rectification.transition-invalid', { from: task.status, to }));
  if (to === 'verified' && !verificationNote.trim()) out.push(problem('rectification.verification-note-missing'));
  return out;
}

/** Most urgent first: overdue tasks by days overdue (most first), then open tasks by due date, then closed ones. */
export function compareTaskUrgency(asOf: IsoDate) {
  return (a: Pick<RectificationTask, 'status' | 'dueDate'>, b: Pick<RectificationTask, 'status' | 'dueDate'>): number => {
    const rank = (x: typeof a) => (isTaskOverdue(x, asOf) ? 0 : isOpen(x.status) ? 1 : 2);
    return rank(a) - rank(b) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0);
  };
}
