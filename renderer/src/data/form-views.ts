// Read models of the edit forms and dialogs: the choices each one offers (organisations, indicator
// systems, templates), read together so a form has one read to wait for and one error to
// show, never an empty list that looks like "nothing to choose".
import type { ChecklistTemplate } from '../domain/audits/audit-types';
import type { Organisation, Uuid } from '../domain/core/types';
import type { IndicatorSystem, PerformanceReview } from '../domain/reviews/review-types';
import { listTemplates } from './checklists';
import type { WorkbenchDb } from './db';
import { selectableSystems } from './indicator-systems';
import { listOrganisations } from './organisations';
import { listReviews } from './reviews';

export interface ProjectFormView {
  organisations: Organisation[];
  /** Active systems, and the one the project is attached to even when it is no longer active. */
  systems: IndicatorSystem[];
}

export async function loadProjectFormView(db: WorkbenchDb, keepSystemId: Uuid | '' | undefined): Promise<ProjectFormView> {
  const [organisations, systems] = await Promise.all([listOrganisations(db), selectableSystems(db, keepSystemId)]);
  return { organisations, systems };
}

export interface ContractFormView {
  organisations: Organisation[];
}

export async function loadContractFormView(db: WorkbenchDb): Promise<ContractFormView> {
  return { organisations: await listOrganisations(db) };
}

export interface NewAuditView {
  templates: ChecklistTemplate[];
}

/** The new-audit dialog's templates (its projects come from the register index). */
export async function loadNewAuditView(db: WorkbenchDb): Promise<NewAuditView> {
  return { templates: await listTemplates(db) };
}

export interface NewReviewView {
  /** The project's reviews, to find a draft already open for the period. */
  reviews: PerformanceReview[];
  systems: IndicatorSystem[];
}

export async function loadNewReviewView(db: WorkbenchDb, projectId: Uuid, keepSystemId: Uuid | '' | undefined): Promise<NewReviewView> {
  const [reviews, systems] = await Promise.all([listReviews(db, projectId), selectableSystems(db, keepSystemId)]);
  return { reviews, systems };
}
