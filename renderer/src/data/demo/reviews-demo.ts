// Demo step: indicator systems attached to the operating projects, finalised reviews over several
// periods (one rising and one falling trend), one draft, and projects left overdue or without a
// review cycle so the 重建轻运 watch list has something to show.
import { addDays, minDate, todayIso } from '../../domain/core/dates';
import { leafIndicators } from '../../domain/reviews/indicators';
import { makeRng, type Rng } from '../../domain/core/random';
import { cyclePeriod, type CyclePeriod } from '../../domain/reviews/review-scoring';
import type { IndicatorSystem, ScoringRule } from '../../domain/reviews/review-types';
import { STARTER_SYSTEM_IDS } from '../../domain/reviews/starter-systems';
import type { IsoDate, Project } from '../../domain/core/types';
import { getIndicatorSystem, seedStarterSystems } from '../indicator-systems';
import { updateRecord, type Writer } from '../repo';
import { createReview, finaliseReview, operateStart, saveReviewEntries } from '../reviews';
import type { DemoStep } from './step';

const DEMO_REVIEWER = '演示数据';
const REVIEWS_DEMO_SEED = 4_2026;

interface ReviewPlan {
  code: string;
  systemId: string;
  /** Quality (0..1) of the oldest and the newest finalised review; values are interpolated. */
  from: number;
  to: number;
  /** How many of the ended cycle periods get a finalised review: the newest ones, or the oldest (`oldestOnly`). */
  count: number;
  oldestOnly?: boolean;
  /** The newest ended period gets a half-filled draft instead of a finalised review. */
  draftLast?: boolean;
}

const PLANS: ReviewPlan[] = [
  // Rising: the city brain's operation improves period by period; its newest review is still a draft.
  { code: 'ZH-2020-001', systemId: STARTER_SYSTEM_IDS.longTermOperation.id, from: 0.55, to: 0.95, count: 6, draftLast: true },
  // Falling: the PPP signal system slips quarter by quarter, and the coefficient cuts its fee.
  { code: 'ZH-2021-006', systemId: STARTER_SYSTEM_IDS.pppPerformance.id, from: 0.97, to: 0.5, count: 8 },
  { code: 'ZH-2019-004', systemId: STARTER_SYSTEM_IDS.serviceEffect.id, from: 0.8, to: 0.9, count: 4 },
  // Reviewed in the first years only, then nothing: overdue (重建轻运).
  { code: 'ZH-2018-003', systemId: STARTER_SYSTEM_IDS.serviceEffect.id, from: 0.85, to: 0.75, count: 3, oldestOnly: true },
  { code: 'ZH-2020-009', systemId: STARTER_SYSTEM_IDS.pppPerformance.id, from: 0.7, to: 0.7, count: 1, oldestOnly: true },
];

/** Projects that get a system attached but no review (ZH-2019-016 also has no review cycle). */
const ATTACH_ONLY: [string, string][] = [['ZH-2019-016', STARTER_SYSTEM_IDS.longTermOperation.id]];

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** A value for a leaf that scores roughly `q` of its weight. Float maths is fine: the result is text. */
function valueFor(rule: ScoringRule, q: number, rng: Rng): string {
  switch (rule.type) {
    case 'target-linear': {
      const target = Number(rule.target);
      const zero = Number(rule.zero);
      return (zero + q * (target - zero)).toFixed(1);
    }
    case 'threshold-bands': {
      const bounds = rule.bands.map((b) => Number(b.bound));
      const first = bounds[0];
      const last = bounds[bounds.length - 1];
      const step = (last - first) / bounds.length || 1;
      const v = rule.direction === 'higher-better' ? first - step + q * (last - first + step) : last + step - q * (last - first + step);
      return v.toFixed(2);
    }
    case 'qualitative-grade': {
      const ranked = [...rule.grades].sort((a, b) => b.scoreShareBp - a.scoreShareBp);
      return ranked[Math.min(ranked.length - 1, Math.round((1 - q) * (ranked.length - 1)))].key;
    }
    case 'deduction-per-incident':
      return String(Math.max(0, Math.round((1 - q) * 4 + (rng.next() - 0.5))));
  }
}

function entriesFor(system: IndicatorSystem, q: number, rng: Rng, period: CyclePeriod, fill = 1) {
  const leaves = leafIndicators(system.indicators);
  return leaves.map((leaf, i) => ({
    indicatorId: leaf.id,
    value: i < Math.ceil(leaves.length * fill) && leaf.rule ? valueFor(leaf.rule, clamp(q + (rng.next() - 0.5) * 0.08), rng) : '',
    note: i === 0 ? `依据 ${period.start} 至 ${period.end} 运营月报及监控报表` : '',
  }));
}

/** A writer whose clock reads a few weeks after the period ended (never later than today). */
function writerAt(w: Writer, period: CyclePeriod, today: IsoDate): Writer {
  const day = minDate(addDays(period.end, 18), today);
  return { ...w, by: DEMO_REVIEWER, now: () => new Date(`${day}T02:30:00.000Z`) };
}

async function reviewProject(w: Writer, rng: Rng, project: Project, plan: ReviewPlan, today: IsoDate): Promise<void> {
  const system = await getIndicatorSystem(w.db, plan.systemId);
  if (!system || !project.reviewCycle) return;
  const start = (await operateStart(w.db, project)) || project.phaseSince;
  const ended: CyclePeriod[] = [];
  for (let k = 0; ; k++) {
    const p = cyclePeriod(start, project.reviewCycle, k);
    if (p.end >= today) break;
    ended.push(p);
  }
  const draft = plan.draftLast ? ended.pop() : undefined;
  const chosen = plan.oldestOnly ? ended.slice(0, plan.count) : ended.slice(-plan.count);
  for (const [i, period] of chosen.entries()) {
    const q = chosen.length === 1 ? plan.from : plan.from + ((plan.to - plan.from) * i) / (chosen.length - 1);
    const at = writerAt(w, period, today);
    const review = await createReview(at, { projectId: project.id, systemId: system.id, periodStart: period.start, periodEnd: period.end, isFinal: false });
    await saveReviewEntries(at, review.id, entriesFor(system, q, rng, period));
    await finaliseReview(at, review.id);
  }
  if (draft) {
    const at = writerAt(w, draft, today);
    const review = await createReview(at, { projectId: project.id, systemId: system.id, periodStart: draft.start, periodEnd: draft.end, isFinal: false });
    await saveReviewEntries(at, review.id, entriesFor(system, plan.to, rng, draft, 0.5));
  }
}

export const reviewsDemoStep: DemoStep = async (w, ctx) => {
  await seedStarterSystems(w);
  const today = todayIso(w.now ? w.now() : new Date());
  // Own seeded stream, so the values do not depend on what earlier demo steps drew.
  const rng = makeRng(REVIEWS_DEMO_SEED);
  const attach = [...PLANS.map((p) => [p.code, p.systemId] as [string, string]), ...ATTACH_ONLY];
  for (const [code, systemId] of attach) {
    const project = ctx.projectByCode.get(code);
    if (project) await updateRecord<Project>(w, 'projects', project.id, { indicatorSystemId: systemId });
  }
  for (const plan of PLANS) {
    const project = ctx.projectByCode.get(plan.code);
    if (project) await reviewProject(w, rng, project, plan, today);
  }
};
