// Rectification tasks (整改) raised from audit findings when an audit is signed, and the task
// board's query. Unlike the signed audit, a task stays editable: owner, due date, status and the
// verification note move until it is verified, which is final.
import { RECTIFICATION_STATUSES, type AuditFinding, type AuditRun, type RectificationStatus, type RectificationTask } from '../domain/audits/audit-types';
import type { LocalizedText } from '../domain/reviews/review-types';
import { isIsoDate } from '../domain/core/dates';
import { problem, ProblemsError, type Problem } from '../domain/core/problems';
import { compareTaskUrgency, defaultDueDate, isTaskOverdue, taskDaysOverdue, validateTransition } from '../domain/audits/rectification';
import type { IsoDate, Project } from '../domain/core/types';
import type { WorkbenchDb } from './db';
import { insertMany, RecordMissingError, updateRecord, type Writer } from './repo';

const MAX_OWNER = 80;
const MAX_NOTE = 2000;

export class TaskInputError extends ProblemsError {
  constructor(problems: Problem[]) {
    super('audits', problems);
    this.name = 'TaskInputError';
  }
}

export async function getTask(db: WorkbenchDb, id: string): Promise<RectificationTask | undefined> {
  const t = await db.rectifications.get(id);
  return t && !t.deleted ? t : undefined;
}

/** findingId → its live task. */
export async function tasksByFinding(db: WorkbenchDb, findingIds: readonly string[]): Promise<Map<string, RectificationTask>> {
  const rows = await db.rectifications.where('findingId').anyOf([...findingIds]).toArray();
  return new Map(rows.filter((t) => !t.deleted).map((t) => [t.findingId, t]));
}

/**
 * One open task per finding that has none, due by the finding's severity (defaultDueDate) and
 * owned by the project's operator when one is recorded. Called inside the sign-off transaction.
 */
export async function createTasksForFindings(w: Writer, findings: readonly AuditFinding[]): Promise<RectificationTask[]> {
  const live = findings.filter((f) => !f.deleted);
  if (live.length === 0) return [];
  const existing = await tasksByFinding(w.db, live.map((f) => f.id));
  const projects = await w.db.projects.bulkGet([...new Set(live.map((f) => f.projectId))]);
  const operatorIds = projects.map((p) => p?.operatorId).filter((id): id is string => !!id);
  const orgs = await w.db.organisations.bulkGet(operatorIds);
  const orgName = new Map(orgs.filter((o) => o && !o.deleted).map((o) => [o!.id, o!.name]));
  const ownerOf = new Map(projects.filter((p): p is Project => !!p).map((p) => [p.id, orgName.get(p.operatorId) ?? '']));
  const fresh = live.filter((f) => !existing.has(f.id));
  return insertMany<RectificationTask>(
    w,
    'rectifications',
    fresh.map((f) => ({
      findingId: f.id,
      projectId: f.projectId,
      owner: ownerOf.get(f.projectId) ?? '',
      dueDate: defaultDueDate(f.severity, f.raisedOn),
      status: 'open',
      verificationNote: '',
      verifiedBy: '',
      verifiedAt: '',
    })),
  );
}

export interface TaskPatch {
  owner?: string;
  dueDate?: IsoDate;
  status?: RectificationStatus;
  verificationNote?: string;
}

/** Problems with applying `patch` to `task` (empty = allowed). */
export function taskPatchIssues(task: Pick<RectificationTask, 'status' | 'verificationNote'>, patch: TaskPatch): Problem[] {
  const out: Problem[] = [];
  if (task.status === 'verified') return [problem('rectification.verified-final')];
  if (patch.owner !== undefined && patch.owner.trim().length > MAX_OWNER) out.push(problem('rectification.owner-too-long', { max: MAX_OWNER }));
  if (patch.dueDate !== undefined && !isIsoDate(patch.dueDate)) out.push(problem('rectification.due-date-invalid'));
  if (patch.verificationNote !== undefined && patch.verificationNote.length > MAX_NOTE) out.push(problem('rectification.note-too-long', { max: MAX_NOTE }));
  if (patch.status !== undefined && patch.status !== task.status) {
    if (!RECTIFICATION_STATUSES.includes(patch.status)) out.push(problem('rectification.transition-invalid', { from: task.status, to: String(patch.status) }));
    else out.push(...validateTransition(task, patch.status, patch.verificationNote ?? task.verificationNote));
  }
  return out;
}

/** Edits a task; marking it verified records who verified and when. */
export async function updateTask(w: Writer, id: string, patch: TaskPatch): Promise<RectificationTask> {
  return w.db.transaction('rw', ['rectifications', 'changeLog'], async () => {
    const task = await getTask(w.db, id);
    if (!task) throw new RecordMissingError('rectifications', id);
    const issues = taskPatchIssues(task, patch);
    if (issues.length) throw new TaskInputError(issues);
    const next: Partial<RectificationTask> = {};
    if (patch.owner !== undefined) next.owner = patch.owner.trim();
    if (patch.dueDate !== undefined) next.dueDate = patch.dueDate;
    if (patch.verificationNote !== undefined) next.verificationNote = patch.verificationNote.trim();
    if (patch.status !== undefined) next.status = patch.status;
    if (patch.status === 'verified' && task.status !== 'verified') {
      next.verifiedBy = w.by;
      next.verifiedAt = (w.now ? w.now() : new Date()).toISOString();
    }
    return updateRecord<RectificationTask>(w, 'rectifications', id, next);
  });
}

export type TaskStatusFilter = RectificationStatus | 'overdue' | '';

export interface TaskFilter {
  projectId?: string;
  status?: TaskStatusFilter;
}

export interface TaskRow {
  task: RectificationTask;
  finding: AuditFinding | undefined;
  audit: { id: string; site: string; date: IsoDate } | undefined;
  /** The failed checklist item's text in both languages ('' itemId: undefined). */
  itemText: LocalizedText | undefined;
  /** undefined when the project was deleted (its tasks stay, as its audits do). */
  project: Pick<Project, 'id' | 'code' | 'name'> | undefined;
  overdue: boolean;
  daysOverdue: number;
}

/** Whether a live task passes the board's filter as of `asOf`. */
export function taskMatches(task: RectificationTask, filter: TaskFilter, asOf: IsoDate): boolean {
  return (
    (!filter.projectId || task.projectId === filter.projectId) &&
    (!filter.status || (filter.status === 'overdue' ? isTaskOverdue(task, asOf) : task.status === filter.status))
  );
}

/** The task board: tasks with their finding, audit and project, most urgent first (as of `asOf`). */
export async function listTaskRows(db: WorkbenchDb, filter: TaskFilter, asOf: IsoDate): Promise<TaskRow[]> {
  const all = filter.projectId
    ? await db.rectifications.where('projectId').equals(filter.projectId).toArray()
    : await db.rectifications.toArray();
  const tasks = all
    .filter((t) => !t.deleted)
    .filter((t) => taskMatches(t, filter, asOf))
    .sort(compareTaskUrgency(asOf));
  const findings = await db.findings.bulkGet(tasks.map((t) => t.findingId));
  const findingById = new Map(findings.filter((f): f is AuditFinding => !!f).map((f) => [f.id, f]));
  const audits = await db.audits.bulkGet([...new Set([...findingById.values()].map((f) => f.auditId))]);
  const auditById = new Map(audits.filter((a): a is AuditRun => !!a).map((a) => [a.id, a]));
  const projects = await db.projects.bulkGet([...new Set(tasks.map((t) => t.projectId))]);
  const projectById = new Map(projects.filter((p): p is Project => !!p && !p.deleted).map((p) => [p.id, { id: p.id, code: p.code, name: p.name }]));
  return tasks.map((task) => {
    const finding = findingById.get(task.findingId);
    const audit = finding ? auditById.get(finding.auditId) : undefined;
    const item = finding?.itemId ? audit?.template.sections.flatMap((s) => s.items).find((i) => i.id === finding.itemId) : undefined;
    return {
      task,
      finding,
      audit: audit ? { id: audit.id, site: audit.site, date: audit.date } : undefined,
      itemText: item?.text,
      project: projectById.get(task.projectId),
      overdue: isTaskOverdue(task, asOf),
      daysOverdue: taskDaysOverdue(task, asOf),
    };
  });
}
