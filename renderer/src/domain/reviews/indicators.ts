// Indicator systems: validation of the weighted tree, the four scoring rules, and versioning.
//
// Arithmetic convention: a leaf's score is an integer number of centipoints (hundredths of a
// point), computed from exact values (BigInt over DecimalText) and rounded half up ONCE per leaf.
// Parents and the total are plain integer sums of their leaves, so the total never drifts from
// the sum of the figures a reviewer sees in the table.
import { alignDecimals, compareDecimal, parseDecimal, type Decimal } from '../core/decimal';
import { problem, type Problem } from '../core/problems';
import { divRoundHalfUp } from '../core/money';
import { coefficientFor, gradeFor, validateCoefficientBands, validateGradeBands } from './review-scoring';
import {
  FULL_MARKS,
  SCORING_RULE_TYPES,
  type Centipoints,
  type IndicatorNode,
  type IndicatorSystem,
  type ReviewEntry,
  type ReviewGrade,
  type ScoringRule,
} from './review-types';
import type { IsoDateTime, Uuid } from '../core/types';

const BP = 10_000n;

// ---------------------------------------------------------------- tree helpers

/** Depth-first, parents before children. */
export function walkIndicators(nodes: readonly IndicatorNode[], visit: (node: IndicatorNode, depth: number) => void, depth = 0): void {
  for (const n of nodes) {
    visit(n, depth);
    walkIndicators(n.children, visit, depth + 1);
  }
}

export function isLeaf(node: IndicatorNode): boolean {
  return node.children.length === 0;
}

export function leafIndicators(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  walkIndicators(nodes, (n) => {
    if (isLeaf(n)) out.push(n);
  });
  return out;
}

export function sumWeights(nodes: readonly IndicatorNode[]): Centipoints {
  return nodes.reduce((s, n) => s + n.weight, 0);
}

// ---------------------------------------------------------------- validation

function isShareBp(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000;
}

/** Problems with one rule's parameters; `code` is the indicator's display code, for the message. */
export function validateRule(rule: ScoringRule, code: string): Problem[] {
  const out: Problem[] = [];
  if (!SCORING_RULE_TYPES.includes(rule.type)) return [problem('rule.type-unknown', { code, type: String(rule.type) })];
  switch (rule.type) {
    case 'target-linear': {
      const directionOk = rule.direction === 'higher-better' || rule.direction === 'lower-better';
      if (!directionOk) out.push(problem('rule.direction-invalid', { code }));
      const target = parseDecimal(rule.target);
      const zero = parseDecimal(rule.zero);
      if (!target) out.push(problem('rule.decimal-invalid', { code, field: 'target' }));
      if (!zero) out.push(problem('rule.decimal-invalid', { code, field: 'zero' }));
      if (target && zero) {
        const [t, z] = alignDecimals([target, zero]);
        if (t === z) out.push(problem('rule.target-equals-zero', { code }));
        else if (directionOk && (rule.direction === 'higher-better') !== t > z) out.push(problem('rule.direction-mismatch', { code }));
      }
      break;
    }
    case 'threshold-bands': {
      if (rule.direction !== 'higher-better' && rule.direction !== 'lower-better') out.push(problem('rule.direction-invalid', { code }));
      if (!Array.isArray(rule.bands) || rule.bands.length === 0) {
        out.push(problem('rule.bands-empty', { code }));
        break;
      }
      let prev: Decimal | null = null;
      let prevShare: number | null = null;
      rule.bands.forEach((b, index) => {
        const bound = parseDecimal(b.bound);
        if (!bound) out.push(problem('rule.decimal-invalid', { code, field: `bands.${index}.bound` }));
        if (!isShareBp(b.scoreShareBp)) out.push(problem('rule.share-invalid', { code, index }));
        if (bound && prev && compareDecimal(bound, prev) <= 0) out.push(problem('rule.bands-order', { code, index }));
        // Higher bounds must never pay less (higher-better) or more (lower-better) than lower ones.
        if (prevShare !== null && isShareBp(b.scoreShareBp)) {
          const worse = rule.direction === 'higher-better' ? b.scoreShareBp < prevShare : b.scoreShareBp > prevShare;
          if (worse) out.push(problem('rule.bands-not-monotonic', { code, index }));
        }
        prev = bound ?? prev;
        if (isShareBp(b.scoreShareBp)) prevShare = b.scoreShareBp;
      });
      break;
    }
    case 'qualitative-grade': {
      if (!Array.isArray(rule.grades) || rule.grades.length === 0) {
        out.push(problem('rule.grades-empty', { code }));
        break;
      }
      const seen = new Set<string>();
      rule.grades.forEach((g, index) => {
        const key = typeof g.key === 'string' ? g.key.trim() : '';
        if (!key) out.push(problem('rule.grade-key-missing', { code, index }));
        else if (seen.has(key)) out.push(problem('rule.grade-duplicate', { code, key }));
        seen.add(key);
        if (!isShareBp(g.scoreShareBp)) out.push(problem('rule.share-invalid', { code, index }));
      });
      break;
    }
    case 'deduction-per-incident':
      if (!Number.isSafeInteger(rule.pointsPerIncident) || rule.pointsPerIncident <= 0) out.push(problem('rule.deduction-invalid', { code }));
      break;
  }
  return out;
}

/**
 * Structural checks of an indicator tree: ids and codes present and unique, names present,
 * weights positive integers, children summing to their parent, top level summing to 100 points,
 * a valid rule on every leaf and none on parents.
 */
export function validateIndicators(nodes: readonly IndicatorNode[]): Problem[] {
  const out: Problem[] = [];
  if (nodes.length === 0) return [problem('system.no-indicators')];
  const ids = new Set<string>();
  const codes = new Set<string>();
  walkIndicators(nodes, (n) => {
    const code = n.code?.trim() ?? '';
    if (!n.id) out.push(problem('indicator.id-missing', { code }));
    else if (ids.has(n.id)) out.push(problem('indicator.id-duplicate', { id: n.id }));
    ids.add(n.id);
    if (!code) out.push(problem('indicator.code-missing', { id: n.id }));
    else if (codes.has(code)) out.push(problem('indicator.code-duplicate', { code }));
    codes.add(code);
    if (!n.name?.zh?.trim()) out.push(problem('indicator.name-missing', { code }));
    if (!Number.isSafeInteger(n.weight) || n.weight <= 0) out.push(problem('indicator.weight-invalid', { code, weight: n.weight }));
    if (isLeaf(n)) {
      if (!n.rule) out.push(problem('indicator.rule-missing', { code }));
      else out.push(...validateRule(n.rule, code));
    } else {
      if (n.rule) out.push(problem('indicator.rule-on-parent', { code }));
      const actual = sumWeights(n.children);
      if (actual !== n.weight) out.push(problem('weights.children-sum', { code, expected: n.weight, actual }));
    }
  });
  const top = sumWeights(nodes);
  if (top !== FULL_MARKS) out.push(problem('weights.top-sum', { expected: FULL_MARKS, actual: top }));
  return out;
}

/** Everything that must hold before a system can be used for a review. Empty = valid. */
export function validateIndicatorSystem(
  system: Pick<IndicatorSystem, 'name' | 'indicators' | 'gradeBands' | 'coefficientBands'>,
): Problem[] {
  const out: Problem[] = [];
  if (!system.name?.zh?.trim()) out.push(problem('system.name-missing'));
  out.push(...validateIndicators(system.indicators));
  out.push(...validateGradeBands(system.gradeBands));
  out.push(...validateCoefficientBands(system.coefficientBands));
  return out;
}

// ---------------------------------------------------------------- scoring rules

export type RuleScore = { ok: true; score: Centipoints } | { ok: false; issue: Problem };

const INCIDENTS_RE = /^\d{1,6}$/;

function shareOf(weight: Centipoints, shareBp: number): Centipoints {
  return Number(divRoundHalfUp(BigInt(weight) * BigInt(shareBp), BP));
}

/**
 * Score of one leaf for the value the reviewer entered (see ReviewEntry.value). `code` only
 * labels the issue. A rule that fails validateRule (say, from an imported file) scores nothing
 * and reports 'rule.invalid' rather than guessing.
 */
export function scoreRule(rule: ScoringRule, weight: Centipoints, value: string, code = ''): RuleScore {
  if (!Number.isSafeInteger(weight) || weight < 0 || validateRule(rule, code).length > 0) return { ok: false, issue: problem('rule.invalid', { code }) };
  const text = (value ?? '').trim();
  if (text === '') return { ok: false, issue: problem('value.missing', { code }) };
  switch (rule.type) {
    case 'target-linear': {
      const v = parseDecimal(text);
      if (!v) return { ok: false, issue: problem('value.invalid', { code, value: text }) };
      const [x, target, zero] = alignDecimals([v, parseDecimal(rule.target)!, parseDecimal(rule.zero)!]);
      const num = x - zero;
      const den = target - zero;
      // Normalise to a positive denominator so "share ≤ 0" and "share ≥ 1" are plain comparisons.
      const n = den < 0n ? -num : num;
      const d = den < 0n ? -den : den;
      if (n <= 0n) return { ok: true, score: 0 };
      if (n >= d) return { ok: true, score: weight };
      return { ok: true, score: Number(divRoundHalfUp(BigInt(weight) * n, d)) };
    }
    case 'threshold-bands': {
      const v = parseDecimal(text);
      if (!v) return { ok: false, issue: problem('value.invalid', { code, value: text }) };
      let share = 0;
      const bands = rule.bands.map((b) => ({ bound: parseDecimal(b.bound)!, share: b.scoreShareBp }));
      if (rule.direction === 'higher-better') {
        // Ascending bounds: the last band whose minimum the value reaches.
        for (const b of bands) if (compareDecimal(v, b.bound) >= 0) share = b.share;
      } else {
        // Ascending bounds: the first band whose maximum the value stays within.
        share = bands.find((b) => compareDecimal(v, b.bound) <= 0)?.share ?? 0;
      }
      return { ok: true, score: shareOf(weight, share) };
    }
    case 'qualitative-grade': {
      const g = rule.grades.find((x) => x.key.trim() === text);
      if (!g) return { ok: false, issue: problem('value.unknown-grade', { code, value: text }) };
      return { ok: true, score: shareOf(weight, g.scoreShareBp) };
    }
    case 'deduction-per-incident': {
      if (!INCIDENTS_RE.test(text)) return { ok: false, issue: problem('value.invalid', { code, value: text }) };
      return { ok: true, score: Math.max(0, weight - Number(text) * rule.pointsPerIncident) };
    }
  }
}

export interface NodeScore {
  id: string;
  code: string;
  score: Centipoints;
  max: Centipoints;
  /** Every leaf below (or this leaf) has a valid value. */
  complete: boolean;
}

export interface IndicatorScores {
  total: Centipoints;
  max: Centipoints;
  complete: boolean;
  /** By node id. */
  nodes: Map<string, NodeScore>;
  /** value.missing / value.invalid / value.unknown-grade per leaf; such leaves count 0. */
  issues: Problem[];
}

/** Scores the whole tree; a leaf without a usable value counts 0 and makes the result incomplete. */
export function scoreIndicators(nodes: readonly IndicatorNode[], entries: readonly Pick<ReviewEntry, 'indicatorId' | 'value'>[]): IndicatorScores {
  const values = new Map(entries.map((e) => [e.indicatorId, e.value]));
  const scores = new Map<string, NodeScore>();
  const issues: Problem[] = [];
  const visit = (n: IndicatorNode): NodeScore => {
    let result: NodeScore;
    if (isLeaf(n)) {
      const r = n.rule ? scoreRule(n.rule, n.weight, values.get(n.id) ?? '', n.code) : null;
      if (r?.ok) result = { id: n.id, code: n.code, score: r.score, max: n.weight, complete: true };
      else {
        issues.push(r ? r.issue : problem('indicator.rule-missing', { code: n.code }));
        result = { id: n.id, code: n.code, score: 0, max: n.weight, complete: false };
      }
    } else {
      const kids = n.children.map(visit);
      result = {
        id: n.id,
        code: n.code,
        score: kids.reduce((s, k) => s + k.score, 0),
        max: n.weight,
        complete: kids.every((k) => k.complete),
      };
    }
    scores.set(n.id, result);
    return result;
  };
  const top = nodes.map(visit);
  return {
    total: top.reduce((s, k) => s + k.score, 0),
    max: sumWeights(nodes),
    complete: top.every((k) => k.complete),
    nodes: scores,
    issues,
  };
}

export interface ReviewEvaluation extends IndicatorScores {
  grade: ReviewGrade | null;
  coefficientBp: number | null;
}

/** Score, grade and payment coefficient of a review against the system version it uses. */
export function evaluateReview(
  system: Pick<IndicatorSystem, 'indicators' | 'gradeBands' | 'coefficientBands'>,
  entries: readonly Pick<ReviewEntry, 'indicatorId' | 'value'>[],
): ReviewEvaluation {
  const scores = scoreIndicators(system.indicators, entries);
  return {
    ...scores,
    grade: gradeFor(scores.total, system.gradeBands),
    coefficientBp: coefficientFor(scores.total, system.coefficientBands),
  };
}

// ---------------------------------------------------------------- versioning

/**
 * Editing a system in place would silently change the meaning of finalised reviews that point at
 * it, so once any finalised review uses it (or it has been superseded) edits go to a new version.
 */
export function needsNewVersion(system: Pick<IndicatorSystem, 'status'>, usedByFinalisedReviews: boolean): boolean {
  return usedByFinalisedReviews || system.status === 'superseded';
}

export interface ForkOptions {
  at: IsoDateTime;
  by: string;
  /** New record id; a random UUID when omitted. */
  id?: Uuid;
  /** Highest version already in the lineage, so forking an old version never reuses a number. */
  latestVersion?: number;
}

/**
 * A new draft version of `system`: new id, next version number, same lineage, deep copy of the
 * tree and bands (indicator node ids kept). The original is untouched; reviews keep pointing at it.
 */
export function forkVersion(system: IndicatorSystem, opts: ForkOptions): IndicatorSystem {
  const copy = structuredClone(system);
  return {
    ...copy,
    id: opts.id ?? globalThis.crypto.randomUUID(),
    lineageId: system.lineageId,
    version: Math.max(system.version, opts.latestVersion ?? 0) + 1,
    status: 'draft',
    createdAt: opts.at,
    updatedAt: opts.at,
    updatedBy: opts.by,
    rev: 1,
    deleted: 0,
  };
}

/**
 * Status changes that make `activeId` the one active version of its lineage: it becomes
 * 'active', any other active version of the same lineage becomes 'superseded'.
 */
export function activationChanges(
  versions: readonly Pick<IndicatorSystem, 'id' | 'lineageId' | 'status'>[],
  activeId: Uuid,
): { id: Uuid; status: 'active' | 'superseded' }[] {
  const target = versions.find((v) => v.id === activeId);
  if (!target) return [];
  const out: { id: Uuid; status: 'active' | 'superseded' }[] = [];
  if (target.status !== 'active') out.push({ id: activeId, status: 'active' });
  for (const v of versions) {
    if (v.id !== activeId && v.lineageId === target.lineageId && v.status === 'active') out.push({ id: v.id, status: 'superseded' });
  }
  return out;
}
