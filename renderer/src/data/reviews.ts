// Performance reviews (绩效评价): drafts, evidence files, finalisation with its payment deductions,
// re-opening with a justification, and the 重建轻运 watch list.
//
// Finalising and re-opening each run in ONE transaction with the deduction lines they create or
// reverse, so a review is never final without its deductions nor re-opened with them still active.
import Dexie from 'dexie';
import { compareDates, isIsoDate } from '../domain/core/dates';
import { evaluateReview, leafIndicators, validateIndicatorSystem, type ReviewEvaluation } from '../domain/reviews/indicators';
import { problem, ProblemsError, type Problem } from '../domain/core/problems';
import { MIN_JUSTIFICATION } from '../domain/projects/lifecycle';
import { performanceDeductions } from '../domain/reviews/review-scoring';
import type { IndicatorSystem, PerformanceDeduction, PerformanceReview, ReviewEntry } from '../domain/reviews/review-types';
import type { IsoDate, PaymentObligation, Project, ReviewCycle, Uuid } from '../domain/core/types';
import type { StoredFile, WorkbenchDb } from './db';
import { getIndicatorSystem } from './indicator-systems';
import { deleteFile, listFiles, storeFile } from './files';
import { deleteRecord, insertMany, insertRecord, updateRecord, type Writer } from './repo';
import { isActiveDeduction } from '../domain/contracts/payable';
import { compareObligations } from '../domain/contracts/schedule';
import { compareWatch, watchItem, type WatchItem } from '../domain/reviews/watch-list';

export type ReviewErrorCode =
  | 'missing'
  | 'project-missing'
  | 'not-draft'
  | 'not-final'
  | 'was-final'
  | 'period-invalid'
  | 'period-overlap'
  | 'system-missing'
  | 'system-invalid'
  | 'indicator-unknown'
  | 'incomplete'
  | 'no-band'
  | 'justification-short';

/**
 * A write refused by a review rule: the problem is the refusal (`code`); `details` are what the
 * rule found (e.g. the indicators still missing a value), which the editor lists where they are.
 */
export class ReviewRuleError extends ProblemsError<ReviewErrorCode> {
  constructor(
    readonly code: ReviewErrorCode,
    readonly details: Problem[] = [],
  ) {
    super('reviews', [problem(code)]);
    this.name = 'ReviewRuleError';
  }
}

const OWNER_TYPE = 'reviews';

function stamp(w: Writer): string {
  return (w.now ? w.now() : new Date()).toISOString();
}

// ---------------------------------------------------------------- queries

/** A project's live reviews, oldest period first (read through [projectId+periodEnd]). */
export async function listReviews(db: WorkbenchDb, projectId: Uuid): Promise<PerformanceReview[]> {
  const rows = await db.reviews.where('[projectId+periodEnd]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).toArray();
  return rows.filter((r) => !r.deleted);
}

export async function getReview(db: WorkbenchDb, id: Uuid): Promise<PerformanceReview | undefined> {
  const r = await db.reviews.get(id);
  return r && !r.deleted ? r : undefined;
}

/** Every live finalised review of the portfolio (for league tables and reports). */
export function listFinalisedReviews(db: WorkbenchDb): Promise<PerformanceReview[]> {
  return db.reviews.where('[deleted+status]').equals([0, 'final']).toArray();
}

export interface TrendPoint {
  reviewId: Uuid;
  periodEnd: IsoDate;
  totalScore: number;
  grade: PerformanceReview['grade'];
  coefficientBp: number;
}

/** Finalised totals of a project by period end, oldest first: the score trend. */
export async function reviewTrend(db: WorkbenchDb, projectId: Uuid): Promise<TrendPoint[]> {
  return (await listReviews(db, projectId))
    .filter((r) => r.status === 'final')
    .map((r) => ({ reviewId: r.id, periodEnd: r.periodEnd, totalScore: r.totalScore, grade: r.grade, coefficientBp: r.coefficientBp }));
}

export interface DeductionLineView {
  deduction: PerformanceDeduction;
  /** The obligation it adjusts, when still stored. */
  obligation: PaymentObligation | undefined;
}

/** A review's deduction lines with the obligations they adjust, for display and reports. */
export async function reviewDeductionLines(db: WorkbenchDb, reviewId: Uuid): Promise<DeductionLineView[]> {
  const deductions = await listReviewDeductions(db, reviewId);
  const obligations = await db.obligations.bulkGet(deductions.map((d) => d.obligationId));
  const lines = deductions.map((deduction, i) => ({ deduction, obligation: obligations[i] }));
  // Newest finalisation first, then by the obligation's due date.
  return lines.sort(
    (a, b) => b.deduction.createdAt.localeCompare(a.deduction.createdAt) || (a.obligation?.dueDate ?? '').localeCompare(b.obligation?.dueDate ?? ''),
  );
}

/** Deduction lines a review created (active and reversed), oldest first. */
export async function listReviewDeductions(db: WorkbenchDb, reviewId: Uuid): Promise<PerformanceDeduction[]> {
  const rows = await db.deductions.where('reviewId').equals(reviewId).toArray();
  return rows.filter((d) => !d.deleted).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.obligationId.localeCompare(b.obligationId));
}

export async function listProjectDeductions(db: WorkbenchDb, projectId: Uuid): Promise<PerformanceDeduction[]> {
  const rows = await db.deductions.where('projectId').equals(projectId).toArray();
  return rows.filter((d) => !d.deleted);
}

/**
 * ACTIVE deduction lines against the given obligations, by obligation id: what payments subtract
 * from the performance-linked part (reversed lines are history only).
 */
export async function activeDeductionsByObligation(db: WorkbenchDb, obligationIds: readonly Uuid[]): Promise<Map<Uuid, PerformanceDeduction[]>> {
  const out = new Map<Uuid, PerformanceDeduction[]>();
  if (obligationIds.length === 0) return out;
  const rows = await db.deductions.where('obligationId').anyOf([...obligationIds]).toArray();
  for (const d of rows) {
    if (isActiveDeduction(d)) out.set(d.obligationId, [...(out.get(d.obligationId) ?? []), d]);
  }
  return out;
}

/** Evidence files of a review, oldest first (records only; read the Blob from `blob` when needed). */
export function listReviewFiles(db: WorkbenchDb, reviewId: Uuid): Promise<StoredFile[]> {
  return listFiles(db, OWNER_TYPE, reviewId);
}

/** Score, grade and coefficient of the review's current entries against its own system version. */
export function evaluateStored(system: IndicatorSystem, review: Pick<PerformanceReview, 'entries'>): ReviewEvaluation {
  return evaluateReview(system, review.entries);
}

// ---------------------------------------------------------------- drafts

export interface NewReview {
  projectId: Uuid;
  systemId: Uuid;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  isFinal: boolean;
}

function totalsOf(ev: ReviewEvaluation): Pick<PerformanceReview, 'totalScore' | 'grade' | 'coefficientBp'> {
  return { totalScore: ev.total, grade: ev.grade ?? '', coefficientBp: ev.coefficientBp ?? 0 };
}

async function usableSystem(db: WorkbenchDb, systemId: Uuid): Promise<IndicatorSystem> {
  const system = await getIndicatorSystem(db, systemId);
  if (!system) throw new ReviewRuleError('system-missing');
  const issues = validateIndicatorSystem(system);
  if (issues.length > 0) throw new ReviewRuleError('system-invalid', issues);
  return system;
}

/** Two reviews of one project may not cover the same day: each obligation must match one review. */
async function assertPeriod(db: WorkbenchDb, projectId: Uuid, start: IsoDate, end: IsoDate, exceptId?: Uuid): Promise<void> {
  if (!isIsoDate(start) || !isIsoDate(end) || compareDates(start, end) > 0) throw new ReviewRuleError('period-invalid');
  const endingLater = await db.reviews.where('[projectId+periodEnd]').between([projectId, start], [projectId, Dexie.maxKey]).toArray();
  if (endingLater.some((r) => !r.deleted && r.id !== exceptId && compareDates(r.periodStart, end) <= 0)) throw new ReviewRuleError('period-overlap');
}

function blankEntries(system: IndicatorSystem): ReviewEntry[] {
  return leafIndicators(system.indicators).map((n) => ({ indicatorId: n.id, value: '', note: '', attachmentIds: [] }));
}

async function draftOf(db: WorkbenchDb, id: Uuid): Promise<PerformanceReview> {
  const review = await getReview(db, id);
  if (!review) throw new ReviewRuleError('missing');
  if (review.status !== 'draft') throw new ReviewRuleError('not-draft');
  return review;
}

export async function createReview(w: Writer, input: NewReview): Promise<PerformanceReview> {
  return w.db.transaction('rw', ['projects', 'indicatorSystems', 'reviews', 'changeLog'], async () => {
    const project = await w.db.projects.get(input.projectId);
    if (!project || project.deleted) throw new ReviewRuleError('project-missing');
    const system = await usableSystem(w.db, input.systemId);
    await assertPeriod(w.db, input.projectId, input.periodStart, input.periodEnd);
    const entries = blankEntries(system);
    return insertRecord<PerformanceReview>(w, 'reviews', {
      projectId: input.projectId,
      systemId: system.id,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      isFinal: input.isFinal,
      status: 'draft',
      entries,
      ...totalsOf(evaluateReview(system, entries)),
      finalisedAt: '',
      finalisedBy: '',
      reopenings: [],
    });
  });
}

/** Header of a draft: period, final-review flag, system version (entries follow by indicator id). */
export async function updateDraftReview(
  w: Writer,
  id: Uuid,
  patch: Partial<Pick<PerformanceReview, 'periodStart' | 'periodEnd' | 'isFinal' | 'systemId'>>,
): Promise<PerformanceReview> {
  return w.db.transaction('rw', ['indicatorSystems', 'reviews', 'changeLog'], async () => {
    const review = await draftOf(w.db, id);
    const next = { ...review, ...patch };
    if (patch.periodStart !== undefined || patch.periodEnd !== undefined) await assertPeriod(w.db, review.projectId, next.periodStart, next.periodEnd, id);
    const system = await usableSystem(w.db, next.systemId);
    // Node ids are kept across versions, so values follow their indicator to the new version.
    const previous = new Map(review.entries.map((e) => [e.indicatorId, e]));
    const entries = blankEntries(system).map((blank) => previous.get(blank.indicatorId) ?? blank);
    return updateRecord<PerformanceReview>(w, 'reviews', id, { ...patch, entries, ...totalsOf(evaluateReview(system, entries)) });
  });
}

export type EntryEdit = Pick<ReviewEntry, 'indicatorId' | 'value' | 'note'>;

/** Values and notes of a draft; attachments are kept as stored. Totals are recomputed. */
export async function saveReviewEntries(w: Writer, id: Uuid, edits: readonly EntryEdit[]): Promise<PerformanceReview> {
  return w.db.transaction('rw', ['indicatorSystems', 'reviews', 'changeLog'], async () => {
    const review = await draftOf(w.db, id);
    const system = await usableSystem(w.db, review.systemId);
    const byId = new Map(edits.map((e) => [e.indicatorId, e]));
    const known = new Set(review.entries.map((e) => e.indicatorId));
    if (edits.some((e) => !known.has(e.indicatorId))) throw new ReviewRuleError('indicator-unknown');
    const entries = review.entries.map((e) => {
      const edit = byId.get(e.indicatorId);
      return edit ? { ...e, value: edit.value.trim(), note: edit.note } : e;
    });
    return updateRecord<PerformanceReview>(w, 'reviews', id, { entries, ...totalsOf(evaluateReview(system, entries)) });
  });
}

/** Stores a file as evidence for one indicator of a draft (Blob kept, SHA-256 recorded). */
export async function attachEvidence(w: Writer, reviewId: Uuid, indicatorId: string, file: Blob, name: string): Promise<StoredFile> {
  return w.db.transaction('rw', ['reviews', 'files', 'changeLog'], async () => {
    const review = await draftOf(w.db, reviewId);
    if (!review.entries.some((e) => e.indicatorId === indicatorId)) throw new ReviewRuleError('indicator-unknown');
    const stored = await storeFile(w, { ownerType: OWNER_TYPE, ownerId: reviewId, name: name.slice(0, 255), blob: file });
    const entries = review.entries.map((e) => (e.indicatorId === indicatorId ? { ...e, attachmentIds: [...e.attachmentIds, stored.id] } : e));
    await updateRecord<PerformanceReview>(w, 'reviews', reviewId, { entries });
    return stored;
  });
}

/** Detaches a file from a draft; the file record is tombstoned, never erased. */
export async function removeEvidence(w: Writer, reviewId: Uuid, fileId: Uuid): Promise<void> {
  await w.db.transaction('rw', ['reviews', 'files', 'changeLog'], async () => {
    const review = await draftOf(w.db, reviewId);
    const entries = review.entries.map((e) => ({ ...e, attachmentIds: e.attachmentIds.filter((x) => x !== fileId) }));
    await updateRecord<PerformanceReview>(w, 'reviews', reviewId, { entries });
    await deleteFile(w, fileId);
  });
}

/** Deletes a draft that was never finalised (a once-final review stays, with its history). */
export async function deleteReview(w: Writer, id: Uuid): Promise<void> {
  await w.db.transaction('rw', ['reviews', 'files', 'changeLog'], async () => {
    const review = await draftOf(w.db, id);
    if (review.reopenings.length > 0) throw new ReviewRuleError('was-final');
    for (const f of await listReviewFiles(w.db, id)) await deleteFile(w, f.id);
    await deleteRecord<PerformanceReview>(w, 'reviews', id);
  });
}

// ---------------------------------------------------------------- finalise / re-open

export interface FinaliseResult {
  review: PerformanceReview;
  deductions: PerformanceDeduction[];
}

/**
 * Locks a draft: every leaf must have a usable value; the total, grade and coefficient are frozen;
 * the coefficient is applied to the performance-linked part of the project's obligations whose
 * trigger date falls in the period, as separate deduction lines.
 */
export async function finaliseReview(w: Writer, id: Uuid): Promise<FinaliseResult> {
  return w.db.transaction('rw', ['indicatorSystems', 'reviews', 'obligations', 'deductions', 'changeLog'], async () => {
    const review = await draftOf(w.db, id);
    const system = await usableSystem(w.db, review.systemId);
    const ev = evaluateReview(system, review.entries);
    if (!ev.complete) throw new ReviewRuleError('incomplete', ev.issues);
    if (ev.grade === null || ev.coefficientBp === null) throw new ReviewRuleError('no-band');
    const at = stamp(w);
    const finalised = await updateRecord<PerformanceReview>(w, 'reviews', id, {
      status: 'final',
      totalScore: ev.total,
      grade: ev.grade,
      coefficientBp: ev.coefficientBp,
      finalisedAt: at,
      finalisedBy: w.by,
    });
    const obligations = (await w.db.obligations.where('projectId').equals(review.projectId).toArray()).sort(compareObligations);
    const lines = performanceDeductions(review, ev.coefficientBp, obligations);
    const deductions = await insertMany<PerformanceDeduction>(
      w,
      'deductions',
      lines.map((l) => ({
        reviewId: id,
        obligationId: l.obligationId,
        contractId: l.contractId,
        projectId: review.projectId,
        performanceLinkedAmount: l.performanceLinkedAmount,
        coefficientBp: l.coefficientBp,
        amount: { amount: l.deduction, currency: l.currency },
        status: 'active',
        reversedAt: '',
        reversedBy: '',
        reversalJustification: '',
      })),
    );
    return { review: finalised, deductions };
  });
}

export interface ReopenResult {
  review: PerformanceReview;
  reversed: PerformanceDeduction[];
}

/**
 * Unlocks a finalised review for correction. The justification is kept on the review, and every
 * active deduction line it created is reversed (status, who, when, why) — never deleted.
 */
export async function reopenReview(w: Writer, id: Uuid, justification: string): Promise<ReopenResult> {
  const why = justification.trim();
  if ([...why].length < MIN_JUSTIFICATION) throw new ReviewRuleError('justification-short');
  return w.db.transaction('rw', ['reviews', 'deductions', 'changeLog'], async () => {
    const review = await getReview(w.db, id);
    if (!review) throw new ReviewRuleError('missing');
    if (review.status !== 'final') throw new ReviewRuleError('not-final');
    const at = stamp(w);
    const reopened = await updateRecord<PerformanceReview>(w, 'reviews', id, {
      status: 'draft',
      finalisedAt: '',
      finalisedBy: '',
      reopenings: [...review.reopenings, { at, by: w.by, justification: why }],
    });
    const reversed: PerformanceDeduction[] = [];
    for (const d of await listReviewDeductions(w.db, id)) {
      if (d.status !== 'active') continue;
      reversed.push(
        await updateRecord<PerformanceDeduction>(w, 'deductions', d.id, { status: 'reversed', reversedAt: at, reversedBy: w.by, reversalJustification: why }),
      );
    }
    return { review: reopened, reversed };
  });
}

// ---------------------------------------------------------------- review cycle and watch list

/**
 * When the project's operating phase began: the latest recorded move into 'operate', else the
 * project's phaseSince (a project created directly in operation has no transition).
 */
export async function operateStart(db: WorkbenchDb, project: Pick<Project, 'id' | 'phase' | 'phaseSince'>): Promise<IsoDate | ''> {
  const moves = await db.phaseTransitions.where('projectId').equals(project.id).toArray();
  const latest = moves.filter((m) => !m.deleted && m.to === 'operate').reduce<string>((max, m) => (m.at > max ? m.at : max), '');
  if (latest) return latest.slice(0, 10);
  return project.phase === 'operate' ? project.phaseSince : '';
}

/** Review-cycle status of one project as of a date (also for its reviews tab). */
export async function projectWatchItem(db: WorkbenchDb, project: Project, asOf: IsoDate, graceDays?: number): Promise<WatchItem> {
  const [start, reviews] = await Promise.all([operateStart(db, project), listReviews(db, project.id)]);
  const ends = reviews.filter((r) => r.status === 'final').map((r) => r.periodEnd);
  return watchItem(project, start, ends, asOf, graceDays);
}

/**
 * The 重建轻运 watch list as of `asOf`: operating projects whose review is overdue or due, and
 * those with no review cycle set; overdue first (most days first), then due (fewest days left),
 * then no cycle. Projects come from the [deleted+phase] index and reviews from
 * [projectId+periodEnd]. `includeNotDue` adds the projects that are up to date (for reports).
 */
export async function watchList(db: WorkbenchDb, asOf: IsoDate, opts: { graceDays?: number; includeNotDue?: boolean } = {}): Promise<WatchItem[]> {
  const operating = await db.projects.where('[deleted+phase]').equals([0, 'operate']).toArray();
  if (operating.length === 0) return [];
  // Three bulk reads instead of two queries per project: at thousands of operating projects the
  // per-project round trips, not the data, were the cost.
  const [moves, finals] = await Promise.all([
    db.phaseTransitions.where('projectId').anyOf(operating.map((p) => p.id)).toArray(),
    listFinalisedReviews(db),
  ]);
  const startOf = new Map<string, string>();
  for (const m of moves) if (!m.deleted && m.to === 'operate' && m.at > (startOf.get(m.projectId) ?? '')) startOf.set(m.projectId, m.at);
  const endsOf = new Map<string, IsoDate[]>();
  for (const r of finals) endsOf.set(r.projectId, [...(endsOf.get(r.projectId) ?? []), r.periodEnd]);
  const items = operating.map((p) => watchItem(p, (startOf.get(p.id) ?? '').slice(0, 10), endsOf.get(p.id) ?? [], asOf, opts.graceDays));
  return items.filter((i) => opts.includeNotDue || i.status !== 'not-due').sort(compareWatch);
}
