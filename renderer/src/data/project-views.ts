// Read models of the project workspace: each screen reads one of these (live, through data/live).
import type { ChangeLogEntry, PhaseTransition, Project, Uuid } from '../domain/core/types';
import type { WorkbenchDb } from './db';
import { listOrganisations } from './organisations';
import { getProject, phaseHistory } from './projects';
import { historyOf } from './repo';

export interface ProjectWorkspaceView {
  /** Undefined when there is no such project (or it was deleted). */
  project: Project | undefined;
  orgNames: Map<Uuid, string>;
}

export async function loadProjectWorkspaceView(db: WorkbenchDb, projectId: Uuid): Promise<ProjectWorkspaceView> {
  const [project, orgs] = await Promise.all([getProject(db, projectId), listOrganisations(db)]);
  return { project, orgNames: new Map(orgs.map((o) => [o.id, o.name])) };
}

export interface ProjectHistoryView {
  /** Phase changes, newest first. */
  transitions: PhaseTransition[];
  /** The change log of the project record, newest first. */
  changes: ChangeLogEntry[];
}

export async function loadProjectHistoryView(db: WorkbenchDb, projectId: Uuid): Promise<ProjectHistoryView> {
  const [transitions, changes] = await Promise.all([phaseHistory(db, projectId), historyOf(db, 'projects', projectId)]);
  return { transitions, changes: changes.reverse() };
}
