// Read models of the review screens: each screen reads one of these (live, through data/live).
import type { WatchItem } from '../domain/reviews/watch-list';
import type { IndicatorSystem, PerformanceReview } from '../domain/reviews/review-types';
import type { IsoDate, Project, Uuid } from '../domain/core/types';
import type { StoredFile, WorkbenchDb } from './db';
import { getIndicatorSystem, lineageVersions, listIndicatorSystems, systemUsage } from './indicator-systems';
import { listOrganisations } from './organisations';
import { getReview, listReviewFiles, listReviews, projectWatchItem, reviewDeductionLines, reviewTrend, watchList, type DeductionLineView, type TrendPoint } from './reviews';

export interface WatchListView {
  /** Every operating project's verdict, in the list's reading order (up-to-date ones included). */
  items: WatchItem[];
  orgNames: Map<Uuid, string>;
}

/** The 重建轻运 watch list as of `asOf`. */
export async function loadWatchListView(db: WorkbenchDb, asOf: IsoDate): Promise<WatchListView> {
  const [items, orgs] = await Promise.all([watchList(db, asOf, { includeNotDue: true }), listOrganisations(db)]);
  return { items, orgNames: new Map(orgs.map((o) => [o.id, o.name])) };
}

export interface SystemListView {
  systems: IndicatorSystem[];
  /** Reviews scored with each system version. */
  usage: Map<Uuid, { finalised: number; drafts: number }>;
}

/** Indicator systems with how many reviews use each version. */
export async function loadSystemListView(db: WorkbenchDb): Promise<SystemListView> {
  const systems = await listIndicatorSystems(db);
  return { systems, usage: await systemUsage(db, systems.map((s) => s.id)) };
}

export interface ProjectReviewsView {
  /** The project's reviews, oldest period first. */
  reviews: PerformanceReview[];
  trend: TrendPoint[];
  systems: Map<Uuid, IndicatorSystem>;
  /** The review-cycle verdict as of the day asked. */
  watch: WatchItem;
}

/** A project's reviews tab. */
export async function loadProjectReviewsView(db: WorkbenchDb, project: Project, asOf: IsoDate): Promise<ProjectReviewsView> {
  const [reviews, trend, systems, watch] = await Promise.all([
    listReviews(db, project.id),
    reviewTrend(db, project.id),
    listIndicatorSystems(db),
    projectWatchItem(db, project, asOf),
  ]);
  return { reviews, trend, systems: new Map(systems.map((s) => [s.id, s])), watch };
}

export interface ReviewEditorView {
  review: PerformanceReview;
  /** The system version the review is scored with; undefined if it is gone. */
  system: IndicatorSystem | undefined;
  /** An active later version of the same system, when there is one. */
  newer: IndicatorSystem | undefined;
  files: StoredFile[];
  lines: DeductionLineView[];
}

/** One review with its system, evidence and deduction lines; null when the review does not exist. */
export async function loadReviewEditorView(db: WorkbenchDb, reviewId: Uuid): Promise<ReviewEditorView | null> {
  const review = await getReview(db, reviewId);
  if (!review) return null;
  const system = await getIndicatorSystem(db, review.systemId);
  const versions = system ? await lineageVersions(db, system.lineageId) : [];
  const newer = versions.find((v) => v.status === 'active' && system && v.version > system.version);
  const [files, lines] = await Promise.all([listReviewFiles(db, reviewId), reviewDeductionLines(db, reviewId)]);
  return { review, system, newer, files, lines };
}

export interface SystemEditorView {
  system: IndicatorSystem;
  /** The newest version number of the system's lineage. */
  latestVersion: number;
  usage: { finalised: number; drafts: number };
}

/** One indicator system version with its lineage's newest version and its usage; null when it does not exist. */
export async function loadSystemEditorView(db: WorkbenchDb, systemId: Uuid): Promise<SystemEditorView | null> {
  const system = await getIndicatorSystem(db, systemId);
  if (!system) return null;
  const versions = await lineageVersions(db, system.lineageId);
  const usage = (await systemUsage(db, [systemId])).get(systemId)!;
  return { system, latestVersion: Math.max(...versions.map((v) => v.version)), usage };
}
