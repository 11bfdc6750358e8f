// Read models of the audit screens: each screen reads one of these (live, through data/live).
import type { IsoDate, Uuid } from '../domain/core/types';
import { listAuditRows, type AuditListRow } from './audits';
import type { WorkbenchDb } from './db';
import { listTaskRows, type TaskRow } from './rectification';

export interface ProjectAuditsView {
  audits: AuditListRow[];
  tasks: TaskRow[];
}

/** A project's audits tab: its audits and its rectification tasks as of `asOf`. */
export async function loadProjectAuditsView(db: WorkbenchDb, projectId: Uuid, asOf: IsoDate): Promise<ProjectAuditsView> {
  const [audits, tasks] = await Promise.all([listAuditRows(db, projectId), listTaskRows(db, { projectId }, asOf)]);
  return { audits, tasks };
}
