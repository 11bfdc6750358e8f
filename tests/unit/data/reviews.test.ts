import { describe, expect, it } from 'vitest';
import {
  activateVersion,
  createIndicatorSystem,
  deleteIndicatorSystem,
  getIndicatorSystem,
  lineageVersions,
  listActiveSystems,
  listIndicatorSystems,
  saveIndicatorSystem,
  seedStarterSystems,
  SystemRuleError,
  type SystemContent,
} from '../../../renderer/src/data/indicator-systems';
import {
  activeDeductionsByObligation,
  attachEvidence,
  createReview,
  deleteReview,
  finaliseReview,
  listReviewDeductions,
  listReviewFiles,
  listReviews,
  removeEvidence,
  reopenReview,
  reviewTrend,
  ReviewRuleError,
  saveReviewEntries,
  updateDraftReview,
  watchList,
  type NewReview,
} from '../../../renderer/src/data/reviews';
import { createProject, deleteProject, gateChecks, getProject } from '../../../renderer/src/data/projects';
import { loadDemo } from '../../../renderer/src/data/demo';
import { insertMany, insertRecord, deleteRecord, type Writer } from '../../../renderer/src/data/repo';
import { emptyProjectDraft } from '../../../renderer/src/domain/projects/project-rules';
import { DEFAULT_COEFFICIENT_BANDS, DEFAULT_GRADE_BANDS } from '../../../renderer/src/domain/reviews/review-scoring';
import { STARTER_SYSTEM_CREATE_CHANGE_IDS, STARTER_SYSTEM_IDS } from '../../../renderer/src/domain/reviews/starter-systems';
import type { PaymentObligation, PhaseTransition, Project } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';
import { suggestedPeriod } from '../../../renderer/src/domain/reviews/watch-list';

const t = (zh: string, en: string) => ({ zh, en });

/**
 * Two leaves, easy to score by hand:
 *   1 可用率 60 points, target-linear higher-better, full at 100, zero at 0;
 *   2 安全事件 40 points, 5 points off per incident.
 */
function simpleSystem(): SystemContent {
  return {
    name: t('测试体系', 'Test system'),
    description: t('', ''),
    gradeBands: structuredClone([...DEFAULT_GRADE_BANDS]),
    coefficientBands: structuredClone([...DEFAULT_COEFFICIENT_BANDS]),
    indicators: [
      { id: 'a', code: '1', name: t('可用率', 'Availability'), weight: 6000, unit: t('%', '%'), evidenceHint: t('', ''), rule: { type: 'target-linear', direction: 'higher-better', target: '100', zero: '0' }, children: [] },
      { id: 'b', code: '2', name: t('安全事件', 'Incidents'), weight: 4000, unit: t('次', 'incidents'), evidenceHint: t('', ''), rule: { type: 'deduction-per-incident', pointsPerIncident: 500 }, children: [] },
    ],
  };
}

async function project(w: Writer, code: string, extra: Partial<Project> = {}): Promise<Project> {
  return createProject(w, { ...emptyProjectDraft('2026-01-01'), code, name: `项目 ${code}`, ...extra });
}

function obligation(projectId: string, triggerDate: string, linked: number, extra: Partial<PaymentObligation> = {}) {
  return {
    contractId: 'contract-1',
    projectId,
    payeeId: '',
    payerDepartmentId: '',
    kind: 'om-fee' as const,
    description: `运维费 ${triggerDate}`,
    triggerDate,
    dueDate: triggerDate,
    amount: { amount: linked * 2, currency: 'CNY' },
    performanceLinkedAmount: linked,
    disputedAmount: 0,
    ...extra,
  };
}

async function reviewOf(w: Writer, input: Partial<NewReview> & { projectId: string; systemId: string }) {
  return createReview(w, { periodStart: '2026-01-01', periodEnd: '2026-06-30', isFinal: false, ...input });
}

describe('starter systems', () => {
  it('seeds the three starter systems once, logging their creation under the fixed change ids', async () => {
    const { db, w } = await freshDb();
    expect(await seedStarterSystems(w)).toBe(3);
    const ids = Object.values(STARTER_SYSTEM_IDS).map((s) => s.id);
    expect((await listActiveSystems(db)).map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const log = await db.changeLog.where('[entity+entityId]').equals(['indicatorSystems', id]).toArray();
      expect(log.map((e) => e.id)).toEqual([STARTER_SYSTEM_CREATE_CHANGE_IDS[id]]);
      expect(log[0].by).toBe('system');
    }
    const logged = await db.changeLog.count();

    // Second start: nothing written.
    expect(await seedStarterSystems(w)).toBe(0);
    expect(await db.indicatorSystems.count()).toBe(3);
    expect(await db.changeLog.count()).toBe(logged);

    // A starter the office deleted stays deleted.
    await deleteIndicatorSystem(w, STARTER_SYSTEM_IDS.serviceEffect.id);
    expect(await seedStarterSystems(w)).toBe(0);
    expect((await listIndicatorSystems(db)).map((s) => s.id)).not.toContain(STARTER_SYSTEM_IDS.serviceEffect.id);
  });
});

describe('indicator system versioning', () => {
  it('edits an unused system in place, and forks a new version once a finalised review uses it', async () => {
    const { db, w } = await freshDb();
    const sys = await createIndicatorSystem(w, simpleSystem());
    expect([sys.version, sys.status]).toEqual([1, 'active']);

    // No review yet: the edit stays on version 1.
    const renamed = { ...simpleSystem(), name: t('测试体系（修订）', 'Test system (revised)') };
    const inPlace = await saveIndicatorSystem(w, sys.id, renamed);
    expect(inPlace.forked).toBe(false);
    expect(inPlace.system.id).toBe(sys.id);
    expect(inPlace.system.name.zh).toBe('测试体系（修订）');

    // A draft review does not freeze the system either.
    const p = await project(w, 'P-1');
    const review = await reviewOf(w, { projectId: p.id, systemId: sys.id });
    expect((await saveIndicatorSystem(w, sys.id, renamed)).forked).toBe(false);

    await saveReviewEntries(w, review.id, [
      { indicatorId: 'a', value: '90', note: '' },
      { indicatorId: 'b', value: '0', note: '' },
    ]);
    await finaliseReview(w, review.id);

    // Now used by a finalised review: the edit becomes version 2, version 1 is superseded and untouched.
    const heavier = simpleSystem();
    heavier.indicators[0].weight = 7000;
    heavier.indicators[1].weight = 3000;
    const forked = await saveIndicatorSystem(w, sys.id, heavier);
    expect(forked.forked).toBe(true);
    expect(forked.system.id).not.toBe(sys.id);
    expect([forked.system.lineageId, forked.system.version, forked.system.status]).toEqual([sys.lineageId, 2, 'active']);
    const old = await getIndicatorSystem(db, sys.id);
    expect(old?.status).toBe('superseded');
    expect(old?.indicators[0].weight).toBe(6000);
    expect((await listReviews(db, p.id))[0].systemId).toBe(sys.id);
    expect((await listActiveSystems(db)).map((s) => s.id)).toEqual([forked.system.id]);

    // Editing the superseded version again never reuses version 2.
    const third = await saveIndicatorSystem(w, sys.id, simpleSystem());
    expect([third.forked, third.system.version]).toEqual([true, 3]);
    expect((await lineageVersions(db, sys.lineageId)).map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'active'],
    ]);
    // And an old version can be made active again.
    await activateVersion(w, forked.system.id);
    expect((await lineageVersions(db, sys.lineageId)).map((v) => v.status)).toEqual(['superseded', 'active', 'superseded']);
  });

  it('refuses an invalid system with the validation issues, and deleting a used one', async () => {
    const { w } = await freshDb();
    const bad = simpleSystem();
    bad.indicators[1].weight = 3000;
    const err = await createIndicatorSystem(w, bad).catch((e) => e);
    expect(err).toBeInstanceOf(SystemRuleError);
    expect((err as SystemRuleError).details.map((i) => i.code)).toEqual(['weights.top-sum']);

    const sys = await createIndicatorSystem(w, simpleSystem());
    const p = await project(w, 'P-2');
    await reviewOf(w, { projectId: p.id, systemId: sys.id });
    await expect(deleteIndicatorSystem(w, sys.id)).rejects.toMatchObject({ code: 'in-use' });
  });
});

describe('reviews', () => {
  it('recomputes a draft, refuses to finalise it incomplete, then locks it with frozen totals', async () => {
    const { db, w } = await freshDb();
    const sys = await createIndicatorSystem(w, simpleSystem());
    const p = await project(w, 'R-1');
    const r = await reviewOf(w, { projectId: p.id, systemId: sys.id });
    expect(r.entries.map((e) => e.indicatorId)).toEqual(['a', 'b']);
    expect([r.status, r.totalScore]).toEqual(['draft', 0]);

    // a = 85 → 60 × 85 % = 51.00 points; b not entered → counts 0 and blocks finalising.
    const partial = await saveReviewEntries(w, r.id, [{ indicatorId: 'a', value: ' 85 ', note: '监控月报' }]);
    expect(partial.totalScore).toBe(5100);
    expect(partial.entries[0]).toMatchObject({ value: '85', note: '监控月报' });
    const err = await finaliseReview(w, r.id).catch((e) => e);
    expect(err).toBeInstanceOf(ReviewRuleError);
    expect((err as ReviewRuleError).code).toBe('incomplete');
    expect((err as ReviewRuleError).details).toEqual([{ code: 'value.missing', params: { code: '2' } }]);
    expect((await listReviews(db, p.id))[0].status).toBe('draft');

    // b = 1 incident → 40 − 5 = 35 points; total 86.00 → 良, coefficient 95 %.
    await saveReviewEntries(w, r.id, [{ indicatorId: 'b', value: '1', note: '' }]);
    const { review } = await finaliseReview(w, r.id);
    expect(review).toMatchObject({ status: 'final', totalScore: 8600, grade: 'good', coefficientBp: 9500, finalisedBy: '张晓明' });
    expect(review.finalisedAt).toMatch(/^2026-11-24T/);

    // Locked: no edits, no evidence, no second finalisation, no delete.
    await expect(saveReviewEntries(w, r.id, [{ indicatorId: 'a', value: '100', note: '' }])).rejects.toMatchObject({ code: 'not-draft' });
    await expect(attachEvidence(w, r.id, 'a', new Blob(['x']), 'x.txt')).rejects.toMatchObject({ code: 'not-draft' });
    await expect(finaliseReview(w, r.id)).rejects.toMatchObject({ code: 'not-draft' });
    await expect(deleteReview(w, r.id)).rejects.toMatchObject({ code: 'not-draft' });
    await expect(updateDraftReview(w, r.id, { isFinal: true })).rejects.toMatchObject({ code: 'not-draft' });
    expect(await reviewTrend(db, p.id)).toEqual([{ reviewId: r.id, periodEnd: '2026-06-30', totalScore: 8600, grade: 'good', coefficientBp: 9500 }]);
  });

  it('refuses overlapping or reversed periods and unknown systems', async () => {
    const { w } = await freshDb();
    const sys = await createIndicatorSystem(w, simpleSystem());
    const p = await project(w, 'R-2');
    await reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2026-01-01', periodEnd: '2026-06-30' });
    await expect(reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2026-06-30', periodEnd: '2026-12-31' })).rejects.toMatchObject({ code: 'period-overlap' });
    await expect(reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2025-07-01', periodEnd: '2026-01-01' })).rejects.toMatchObject({ code: 'period-overlap' });
    await expect(reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2026-12-31', periodEnd: '2026-07-01' })).rejects.toMatchObject({ code: 'period-invalid' });
    await expect(reviewOf(w, { projectId: p.id, systemId: 'nope', periodStart: '2026-07-01', periodEnd: '2026-12-31' })).rejects.toMatchObject({ code: 'system-missing' });
    // Adjacent periods are fine.
    const next = await reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2026-07-01', periodEnd: '2026-12-31' });
    expect(next.periodStart).toBe('2026-07-01');
    // A draft can be deleted (and its period reused).
    await deleteReview(w, next.id);
    expect((await reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2026-07-01', periodEnd: '2026-12-31' })).id).not.toBe(next.id);
  });

  it('stores evidence files with their SHA-256 and detaches them as tombstones', async () => {
    const { db, w } = await freshDb();
    const sys = await createIndicatorSystem(w, simpleSystem());
    const p = await project(w, 'R-3');
    const r = await reviewOf(w, { projectId: p.id, systemId: sys.id });
    const file = await attachEvidence(w, r.id, 'a', new Blob(['hello'], { type: 'text/plain' }), '监控月报.txt');
    // sha256("hello"), the well-known test vector.
    expect(file).toMatchObject({ ownerType: 'reviews', ownerId: r.id, name: '监控月报.txt', mime: 'text/plain', size: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    expect(await (file.blob as Blob).text()).toBe('hello');
    expect((await listReviews(db, p.id))[0].entries[0].attachmentIds).toEqual([file.id]);
    expect((await listReviewFiles(db, r.id)).map((f) => f.name)).toEqual(['监控月报.txt']);
    await expect(attachEvidence(w, r.id, 'zz', new Blob(['x']), 'x')).rejects.toMatchObject({ code: 'indicator-unknown' });

    await removeEvidence(w, r.id, file.id);
    expect(await listReviewFiles(db, r.id)).toEqual([]);
    expect((await db.files.get(file.id))?.deleted).toBe(1);
    expect((await listReviews(db, p.id))[0].entries[0].attachmentIds).toEqual([]);
  });
});

describe('payment deductions', () => {
  it('finalising deducts from the matching obligations; re-opening needs a justification and reverses them', async () => {
    const { db, w } = await freshDb();
    const sys = await createIndicatorSystem(w, simpleSystem());
    const p = await project(w, 'D-1');
    const other = await project(w, 'D-2');
    const [o1, o2, , , , gone] = await insertMany<PaymentObligation>(w, 'obligations', [
      obligation(p.id, '2026-03-31', 1_234_567),
      obligation(p.id, '2026-06-30', 100_001),
      obligation(p.id, '2026-07-01', 500_000), // after the period
      obligation(p.id, '2026-05-15', 0), // nothing linked to performance
      obligation(other.id, '2026-03-31', 500_000), // another project
      obligation(p.id, '2026-04-30', 500_000), // deleted below
    ]);
    await deleteRecord(w, 'obligations', gone.id);

    const r = await reviewOf(w, { projectId: p.id, systemId: sys.id });
    await saveReviewEntries(w, r.id, [
      { indicatorId: 'a', value: '85', note: '' },
      { indicatorId: 'b', value: '1', note: '' },
    ]);
    const { deductions } = await finaliseReview(w, r.id);
    // Total 86.00 → coefficient 95 %.
    // o1: payable = 1,234,567 × 95 % = 1,172,838.65 → 1,172,839 fen; deduction 1,234,567 − 1,172,839 = 61,728 fen.
    // o2: payable = 100,001 × 95 % = 95,000.95 → 95,001 fen; deduction 100,001 − 95,001 = 5,000 fen.
    expect(deductions.map((d) => [d.obligationId, d.performanceLinkedAmount, d.coefficientBp, d.amount, d.status])).toEqual([
      [o1.id, 1_234_567, 9500, { amount: 61_728, currency: 'CNY' }, 'active'],
      [o2.id, 100_001, 9500, { amount: 5_000, currency: 'CNY' }, 'active'],
    ]);
    expect(deductions.every((d) => d.reviewId === r.id && d.projectId === p.id && d.contractId === 'contract-1')).toBe(true);
    const byObligation = await activeDeductionsByObligation(db, [o1.id, o2.id]);
    expect(byObligation.get(o1.id)?.map((d) => d.amount.amount)).toEqual([61_728]);

    // Re-opening without a real justification changes nothing.
    await expect(reopenReview(w, r.id, '  太短  ')).rejects.toMatchObject({ code: 'justification-short' });
    expect((await listReviewDeductions(db, r.id)).map((d) => d.status)).toEqual(['active', 'active']);

    const why = '运营单位补交了第二季度监控报表，可用率需重新核定。';
    const { review, reversed } = await reopenReview(w, r.id, why);
    expect(review).toMatchObject({ status: 'draft', finalisedAt: '', finalisedBy: '' });
    expect(review.reopenings).toEqual([{ at: expect.stringMatching(/^2026-11-24T/), by: '张晓明', justification: why }]);
    expect(reversed).toHaveLength(2);
    const after = (await listReviewDeductions(db, r.id)).sort((a, b) => b.amount.amount - a.amount.amount);
    expect(after.map((d) => [d.status, d.reversedBy, d.reversalJustification, d.amount.amount])).toEqual([
      ['reversed', '张晓明', why, 61_728],
      ['reversed', '张晓明', why, 5_000],
    ]);
    expect(after.every((d) => d.reversedAt === review.reopenings[0].at)).toBe(true);
    expect((await activeDeductionsByObligation(db, [o1.id, o2.id])).size).toBe(0);
    await expect(reopenReview(w, r.id, why)).rejects.toMatchObject({ code: 'not-final' });

    // Corrected and finalised again: a = 100 → 60 + 35 = 95.00 → 优, 100 %: no deduction at all.
    await saveReviewEntries(w, r.id, [{ indicatorId: 'a', value: '100', note: '' }]);
    const again = await finaliseReview(w, r.id);
    expect([again.review.grade, again.review.coefficientBp, again.deductions]).toEqual(['excellent', 10_000, []]);
    expect((await listReviewDeductions(db, r.id)).map((d) => d.status)).toEqual(['reversed', 'reversed']);
    // A once-final review cannot be deleted after re-opening.
    await reopenReview(w, r.id, why);
    await expect(deleteReview(w, r.id)).rejects.toMatchObject({ code: 'was-final' });
  });
});

describe('重建轻运 watch list', () => {
  it('lists overdue, due and no-cycle operating projects from the indexes, overdue first', async () => {
    const { db, w } = await freshDb();
    const sys = await createIndicatorSystem(w, simpleSystem());
    const finalised = async (projectId: string, periodStart: string, periodEnd: string) => {
      const r = await reviewOf(w, { projectId, systemId: sys.id, periodStart, periodEnd });
      await saveReviewEntries(w, r.id, [
        { indicatorId: 'a', value: '90', note: '' },
        { indicatorId: 'b', value: '0', note: '' },
      ]);
      await finaliseReview(w, r.id);
    };

    // A: quarterly, moved into operation on 2025-01-01 (the transition wins over phaseSince).
    // Quarters: … Q6 2026-07-01..09-30, Q7 2026-10-01..12-31. Reviewed to 2026-06-30, so Q6 is
    // next: due from 10-01, deadline 09-30 + 30 = 10-30; on 11-24 that is 25 days overdue.
    const a = await project(w, 'W-A', { phase: 'operate', phaseSince: '2026-02-01', reviewCycle: 'quarterly' });
    await insertRecord<PhaseTransition>(w, 'phaseTransitions', { projectId: a.id, from: 'build', to: 'operate', at: '2025-01-01T01:30:00.000Z', by: 'x', failedChecks: [], justification: '' });
    await finalised(a.id, '2026-04-01', '2026-06-30');
    // A draft for Q6 does not count.
    await reviewOf(w, { projectId: a.id, systemId: sys.id, periodStart: '2026-07-01', periodEnd: '2026-09-30' });

    // B: half-yearly from phaseSince 2025-05-01 (no transition). Reviewed to 2026-04-30, so the
    // period 2026-05-01..10-31 is due: deadline 11-30, 6 days left on 11-24.
    const b = await project(w, 'W-B', { phase: 'operate', phaseSince: '2025-05-01', reviewCycle: 'half-yearly' });
    await finalised(b.id, '2025-11-01', '2026-04-30');

    // C: operating with no cycle; D: not operating; E: deleted.
    const c = await project(w, 'W-C', { phase: 'operate', phaseSince: '2024-01-01' });
    await project(w, 'W-D', { phase: 'build', reviewCycle: 'yearly' });
    const e = await project(w, 'W-E', { phase: 'operate', phaseSince: '2020-01-01', reviewCycle: 'yearly' });
    await deleteProject(w, e.id);

    const list = await watchList(db, '2026-11-24');
    expect(list.map((i) => [i.code, i.status])).toEqual([
      ['W-A', 'overdue'],
      ['W-B', 'due'],
      ['W-C', 'no-cycle'],
    ]);
    const [ia, ib, ic] = list;
    expect(ia).toMatchObject({ projectId: a.id, operateStart: '2025-01-01', lastReviewedTo: '2026-06-30' });
    expect(ia.due).toMatchObject({ status: 'overdue', daysOverdue: 25, missedPeriods: 1, deadline: '2026-10-30', period: { start: '2026-07-01', end: '2026-09-30' } });
    expect(ib.due).toMatchObject({ status: 'due', daysLeft: 6, deadline: '2026-11-30', period: { start: '2026-05-01', end: '2026-10-31' } });
    expect([ic.due, ic.projectId]).toEqual([null, c.id]);
    expect(suggestedPeriod(ia, '2026-11-24')).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });

    // By 2027-04-15 Q6 and Q7 (deadline 2027-01-30) are missed and Q8 (to 03-31) has ended too;
    // the suggestion is the latest ended quarter, whose review covers the earlier ones.
    const later = (await watchList(db, '2027-04-15'))[0];
    expect(later.due).toMatchObject({ status: 'overdue', missedPeriods: 2 });
    expect(suggestedPeriod(later, '2027-04-15')).toMatchObject({ start: '2027-01-01', end: '2027-03-31' });

    // Reviewing A's Q6 takes it off the list; includeNotDue still reports it.
    const draft = (await listReviews(db, a.id)).find((r) => r.status === 'draft')!;
    await saveReviewEntries(w, draft.id, [
      { indicatorId: 'a', value: '70', note: '' },
      { indicatorId: 'b', value: '2', note: '' },
    ]);
    await finaliseReview(w, draft.id);
    expect((await watchList(db, '2026-11-24')).map((i) => i.code)).toEqual(['W-B', 'W-C']);
    const all = await watchList(db, '2026-11-24', { includeNotDue: true });
    expect(all.map((i) => [i.code, i.status])).toEqual([
      ['W-B', 'due'],
      ['W-C', 'no-cycle'],
      ['W-A', 'not-due'],
    ]);
  });
});

describe('gate checks read indicator systems and reviews', () => {
  const statusOf = async (db: Parameters<typeof gateChecks>[0], id: string, to: Parameters<typeof gateChecks>[2], check: string) => {
    const p = (await getProject(db, id))!;
    return (await gateChecks(db, p, to)).find((c) => c.id === check)?.status;
  };

  it('plan → build: an attached system that exists', async () => {
    const { db, w } = await freshDb();
    await seedStarterSystems(w);
    const none = await project(w, 'G-1');
    const attached = await project(w, 'G-2', { indicatorSystemId: STARTER_SYSTEM_IDS.pppPerformance.id });
    const dangling = await project(w, 'G-3', { indicatorSystemId: 'no-such-system' });
    expect(await statusOf(db, none.id, 'build', 'indicator-system')).toBe('not-recorded');
    expect(await statusOf(db, attached.id, 'build', 'indicator-system')).toBe('met');
    expect(await statusOf(db, dangling.id, 'build', 'indicator-system')).toBe('unmet');
    await deleteIndicatorSystem(w, STARTER_SYSTEM_IDS.pppPerformance.id);
    expect(await statusOf(db, attached.id, 'build', 'indicator-system')).toBe('unmet');
  });

  it('operate → transferred: a finalised review marked as the final one', async () => {
    const { db, w } = await freshDb();
    const sys = await createIndicatorSystem(w, simpleSystem());
    const p = await project(w, 'G-4', { phase: 'operate', reviewCycle: 'yearly' });
    const check = () => statusOf(db, p.id, 'transferred', 'final-review');
    expect(await check()).toBe('not-recorded');

    const fill = (id: string) =>
      saveReviewEntries(w, id, [
        { indicatorId: 'a', value: '80', note: '' },
        { indicatorId: 'b', value: '0', note: '' },
      ]);
    const ordinary = await reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    await fill(ordinary.id);
    await finaliseReview(w, ordinary.id);
    expect(await check()).toBe('unmet');

    const last = await reviewOf(w, { projectId: p.id, systemId: sys.id, periodStart: '2026-01-01', periodEnd: '2026-06-30', isFinal: true });
    await fill(last.id);
    expect(await check()).toBe('unmet'); // a draft final review is not enough
    await finaliseReview(w, last.id);
    expect(await check()).toBe('met');
    await reopenReview(w, last.id, '终期评价数据需要复核，退回修改。');
    expect(await check()).toBe('unmet');
  });
});

describe('demo reviews', () => {
  it('attaches systems, finalises reviews with trends, leaves one draft and an overdue project', async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    const byCode = new Map((await db.projects.toArray()).map((p) => [p.code, p]));
    const brain = byCode.get('ZH-2020-001')!;
    const signals = byCode.get('ZH-2021-006')!;
    expect(brain.indicatorSystemId).toBe(STARTER_SYSTEM_IDS.longTermOperation.id);
    expect(byCode.get('ZH-2019-016')!.indicatorSystemId).toBe(STARTER_SYSTEM_IDS.longTermOperation.id);

    const rising = (await reviewTrend(db, brain.id)).map((p) => p.totalScore);
    const falling = (await reviewTrend(db, signals.id)).map((p) => p.totalScore);
    expect(rising.length).toBeGreaterThanOrEqual(5);
    expect(falling.length).toBeGreaterThanOrEqual(6);
    expect(rising.at(-1)!).toBeGreaterThan(rising[0] + 2000);
    expect(falling.at(-1)!).toBeLessThan(falling[0] - 2000);
    const drafts = (await db.reviews.toArray()).filter((r) => r.status === 'draft');
    expect(drafts.map((r) => r.projectId)).toEqual([brain.id]);

    const list = await watchList(db, '2026-11-24');
    const status = new Map(list.map((i) => [i.code, i.status]));
    expect(status.get('ZH-2018-003')).toBe('overdue');
    expect(status.get('ZH-2019-016')).toBe('no-cycle');
    expect(status.has('ZH-2021-006')).toBe(false);
    expect(list[0].status).toBe('overdue');
  });
});
