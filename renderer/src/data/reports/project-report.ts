// The project review report's read model: everything its sections show, read in one place through
// the repositories' queries, so the report's figures are the ones the screens show (its arrears are
// the arrears view's: payable amounts after active deductions, payments by obligation).
import type { IndicatorSystem, PerformanceReview } from '../../domain/reviews/review-types';
import type { IsoDate, PhaseTransition, Project, Uuid } from '../../domain/core/types';
import { projectArrears, type ProjectArrears } from '../arrears';
import { listAuditRows, type AuditListRow } from '../audits';
import type { WorkbenchDb } from '../db';
import { listIndicatorSystems } from '../indicator-systems';
import { listOrganisations } from '../organisations';
import { getProject, phaseHistory } from '../projects';
import { listTaskRows, type TaskRow } from '../rectification';
import { listReviews } from '../reviews';
import { projectOutlook, type OutlookView } from '../outlook';

export interface ProjectReportView {
  project: Project;
  asOf: IsoDate;
  /** Organisation names by id (departments, operators, contract parties). */
  orgNames: Map<Uuid, string>;
  /** Phase moves, newest first. */
  phases: PhaseTransition[];
  arrears: ProjectArrears;
  /** Reviews, oldest period first, and the indicator systems they were scored with. */
  reviews: PerformanceReview[];
  systems: Map<Uuid, IndicatorSystem>;
  audits: AuditListRow[];
  tasks: TaskRow[];
  /** The project's own future fiscal commitments over the default horizon (the portfolio outlook's figures). */
  outlook: OutlookView;
}

/** The report's records as of `asOf`; undefined when the project does not exist (or was deleted). */
export async function loadProjectReportView(db: WorkbenchDb, projectId: Uuid, asOf: IsoDate): Promise<ProjectReportView | undefined> {
  const project = await getProject(db, projectId);
  if (!project) return undefined;
  const [orgs, phases, arrears, reviews, systems, audits, tasks, outlook] = await Promise.all([
    listOrganisations(db),
    phaseHistory(db, projectId),
    projectArrears(db, projectId, asOf),
    listReviews(db, projectId),
    listIndicatorSystems(db),
    listAuditRows(db, projectId),
    listTaskRows(db, { projectId }, asOf),
    projectOutlook(db, projectId, { asOf }),
  ]);
  return {
    project,
    asOf,
    orgNames: new Map(orgs.map((o) => [o.id, o.name])),
    phases,
    arrears,
    reviews,
    systems: new Map(systems.map((s) => [s.id, s])),
    audits,
    tasks,
    outlook,
  };
}
