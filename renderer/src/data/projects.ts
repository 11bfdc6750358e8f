// Project repository: every project write, and whole-record reads.
import Dexie from 'dexie';
import type { Phase, PhaseTransition, Project } from '../domain/core/types';
import { projectSearchText, type ProjectDraft } from '../domain/projects/project-rules';
import { registerFilter, sharedCodes, sortRegister, type ProjectQuery } from '../domain/projects/register';
import { decideMove, evaluateGate, type GateCheck, type GateContext } from '../domain/projects/lifecycle';
import { todayIso } from '../domain/core/dates';
import type { WorkbenchDb } from './db';
import { deleteRecord, insertRecord, updateRecord, type Writer } from './repo';

export type { ProjectQuery, ProjectSortKey } from '../domain/projects/register';

/**
 * Whole project records as the register lists them (for exports, which need every column). Screens
 * answer from the in-memory index instead (register-index.ts). Picks the most selective compound
 * index for the filters, reads it whole (one getAll is far cheaper than a filtered cursor), then
 * filters and sorts by the register's rules. Tombstoned rows are excluded by the index key itself
 * (deleted = 0).
 */
export async function queryProjects(db: WorkbenchDb, q: ProjectQuery): Promise<Project[]> {
  // Whether a code is shared depends on every live project, not only the ones the other filters keep.
  const coll = q.sharedCode
    ? db.projects.where('[deleted+name]').between([0, Dexie.minKey], [0, Dexie.maxKey])
    : q.phase
    ? db.projects.where('[deleted+phase]').equals([0, q.phase])
    : q.departmentId
      ? db.projects.where('[deleted+departmentId]').equals([0, q.departmentId])
      : q.category
        ? db.projects.where('[deleted+category]').equals([0, q.category])
        : db.projects.where('[deleted+name]').between([0, Dexie.minKey], [0, Dexie.maxKey]);
  const rows = await coll.toArray();
  const keep = registerFilter(q, q.sharedCode ? sharedCodes(rows) : undefined);
  return sortRegister(keep ? rows.filter(keep) : rows, q.sort ?? 'name', q.desc ?? false);
}

export async function countProjects(db: WorkbenchDb): Promise<number> {
  return db.projects.where('[deleted+name]').between([0, Dexie.minKey], [0, Dexie.maxKey]).count();
}

export async function getProject(db: WorkbenchDb, id: string): Promise<Project | undefined> {
  const p = await db.projects.get(id);
  return p && !p.deleted ? p : undefined;
}

export async function isCodeTaken(db: WorkbenchDb, code: string, exceptId?: string): Promise<boolean> {
  const same = await db.projects.where('code').equals(code.trim()).toArray();
  return same.some((p) => !p.deleted && p.id !== exceptId);
}

export function createProject(w: Writer, draft: ProjectDraft): Promise<Project> {
  return insertRecord<Project>(w, 'projects', { ...draft, code: draft.code.trim(), name: draft.name.trim(), searchText: projectSearchText(draft) });
}

/** Phase changes go through moveProject so they are gated and kept in the phase history. */
export function updateProject(w: Writer, id: string, draft: ProjectDraft): Promise<Project> {
  const { phase: _phase, phaseSince: _since, ...patch } = draft;
  return updateRecord<Project>(w, 'projects', id, {
    ...patch,
    code: draft.code.trim(),
    name: draft.name.trim(),
    searchText: projectSearchText(draft),
  });
}

export function deleteProject(w: Writer, id: string): Promise<void> {
  return deleteRecord<Project>(w, 'projects', id);
}

/** Gathers what the gates read from the other features' tables. */
export async function gateContext(db: WorkbenchDb, project: Project): Promise<GateContext> {
  const contracts = (await db.contracts.where('projectId').equals(project.id).toArray()).filter((c) => !c.deleted);
  let indicatorSystemExists: boolean | null = null;
  if (project.indicatorSystemId) {
    const sys = await db.indicatorSystems.get(project.indicatorSystemId);
    indicatorSystemExists = !!sys && !sys.deleted;
  }
  const reviews = await gateReviews(db, project.id);
  return {
    project,
    contracts: contracts.map((c) => ({ type: c.type, signedOn: c.signedOn })),
    indicatorSystemExists,
    reviews,
  };
}

async function gateReviews(db: WorkbenchDb, projectId: string): Promise<GateContext['reviews']> {
  const rows = await db.reviews.where('projectId').equals(projectId).toArray();
  return rows.filter((r) => !r.deleted).map((r) => ({ finalised: r.status === 'final', final: r.isFinal === true }));
}

export async function gateChecks(db: WorkbenchDb, project: Project, to: Phase): Promise<GateCheck[]> {
  return evaluateGate(await gateContext(db, project), to);
}

export class MoveRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`move refused: ${reason}`);
    this.name = 'MoveRefusedError';
  }
}

/**
 * Moves a project to another phase, re-evaluating the gate inside the transaction so the recorded
 * failed checks are exactly those in force at the moment of the move.
 */
export async function moveProject(w: Writer, projectId: string, to: Phase, justification: string): Promise<PhaseTransition> {
  const tables = ['projects', 'phaseTransitions', 'changeLog', 'contracts', 'reviews', 'indicatorSystems'];
  return w.db.transaction('rw', tables, async () => {
    const project = await getProject(w.db, projectId);
    if (!project) throw new MoveRefusedError('not-found');
    const decision = decideMove(await gateContext(w.db, project), to, justification);
    if (!decision.ok) throw new MoveRefusedError(decision.reason);
    const now = (w.now ? w.now() : new Date()).toISOString();
    const transition = await insertRecord<PhaseTransition>(w, 'phaseTransitions', {
      projectId,
      from: project.phase,
      to,
      at: now,
      by: w.by,
      failedChecks: decision.failedChecks,
      justification: justification.trim(),
    });
    await updateRecord<Project>(w, 'projects', projectId, { phase: to, phaseSince: todayIso(new Date(now)) });
    return transition;
  });
}

export async function phaseHistory(db: WorkbenchDb, projectId: string): Promise<PhaseTransition[]> {
  const rows = await db.phaseTransitions.where('projectId').equals(projectId).toArray();
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The officer's conclusions for the review report; logged like any other edit. */
export function saveConclusions(w: Writer, id: string, text: string): Promise<Project> {
  return updateRecord<Project>(w, 'projects', id, { conclusions: text.trim() });
}
