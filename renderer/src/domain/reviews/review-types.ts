// Entity shapes for performance reviews (绩效评价): indicator systems, reviews and the payment
// deductions a finalised review causes. Pure data; the rules live in indicators.ts and
// review-scoring.ts.
//
// Units used throughout:
// - points are integer HUNDREDTHS of a point ("centipoints"): 2500 = 25.00 points, a whole
//   system weighs 10000 = 100.00 points;
// - shares and coefficients are basis points: 10000 = 100 %;
// - measured values and rule thresholds are DecimalText ("99.95") so they stay exact.
import type { DecimalText } from '../core/decimal';
import type { IsoDate, IsoDateTime, Money, RecordMeta, Uuid } from '../core/types';

/** Text the user sees in both languages; zh-CN is the primary one. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** Points in hundredths (2500 = 25.00 points). */
export type Centipoints = number;

export const FULL_MARKS: Centipoints = 10_000;

export type Direction = 'higher-better' | 'lower-better';

/**
 * Linear between the zero-score value and the target:
 * score = weight × clamp((v − zero) / (target − zero), 0, 1).
 * higher-better needs target > zero (e.g. availability 99.9 vs 95); lower-better needs
 * target < zero (e.g. response time 2 s vs 10 s).
 */
export interface TargetLinearRule {
  type: 'target-linear';
  direction: Direction;
  target: DecimalText;
  zero: DecimalText;
}

/**
 * Step bands. higher-better: a band applies when value ≥ bound (the band's minimum);
 * lower-better: when value ≤ bound (its maximum). Bands are listed with bounds strictly
 * ascending; the best matching band wins; a value matching no band scores 0.
 */
export interface ThresholdBandsRule {
  type: 'threshold-bands';
  direction: Direction;
  bands: { bound: DecimalText; scoreShareBp: number }[];
}

/** A grade chosen by the reviewer (优/良/中/差, A/B/C/D…) maps to a share of the weight. */
export interface QualitativeGradeRule {
  type: 'qualitative-grade';
  grades: { key: string; scoreShareBp: number }[];
}

/** Full weight minus `pointsPerIncident` (centipoints) per incident, never below 0. */
export interface DeductionPerIncidentRule {
  type: 'deduction-per-incident';
  pointsPerIncident: Centipoints;
}

export type ScoringRule = TargetLinearRule | ThresholdBandsRule | QualitativeGradeRule | DeductionPerIncidentRule;
export type ScoringRuleType = ScoringRule['type'];
export const SCORING_RULE_TYPES: readonly ScoringRuleType[] = [
  'target-linear',
  'threshold-bands',
  'qualitative-grade',
  'deduction-per-incident',
];

/** A node of the indicator tree. Leaves carry a rule; a parent's weight is the sum of its children. */
export interface IndicatorNode {
  /** Unique within the system; kept across versions so trends can follow an indicator. */
  id: string;
  /** Display code such as "1.2"; unique within the system. */
  code: string;
  name: LocalizedText;
  weight: Centipoints;
  unit: LocalizedText;
  evidenceHint: LocalizedText;
  rule?: ScoringRule;
  children: IndicatorNode[];
}

export const REVIEW_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
/** excellent = 优, good = 良, fair = 中, poor = 差. */
export type ReviewGrade = (typeof REVIEW_GRADES)[number];

/** Inclusive range of total scores in centipoints, e.g. 优 = 9000..10000. */
export interface GradeBand {
  grade: ReviewGrade;
  min: Centipoints;
  max: Centipoints;
}

export interface CoefficientBand {
  min: Centipoints;
  max: Centipoints;
  /** Share of the performance-linked amount that is paid (9500 = 95 %). */
  coefficientBp: number;
}

export const INDICATOR_SYSTEM_STATUSES = ['draft', 'active', 'superseded'] as const;
export type IndicatorSystemStatus = (typeof INDICATOR_SYSTEM_STATUSES)[number];

export interface IndicatorSystem extends RecordMeta {
  /** Shared by every version of the same system. */
  lineageId: Uuid;
  version: number;
  status: IndicatorSystemStatus;
  name: LocalizedText;
  description: LocalizedText;
  gradeBands: GradeBand[];
  coefficientBands: CoefficientBand[];
  indicators: IndicatorNode[];
}

/** Evidence behind one indicator: notes plus attached files (stored by the data layer). */
export interface ReviewEntry {
  indicatorId: string;
  /**
   * What the reviewer entered, read by the leaf's rule: decimal text for target-linear and
   * threshold-bands, a grade key for qualitative-grade, a whole incident count for
   * deduction-per-incident. '' = not entered yet.
   */
  value: string;
  note: string;
  attachmentIds: Uuid[];
}

export const REVIEW_STATUSES = ['draft', 'final'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewReopening {
  at: IsoDateTime;
  by: string;
  justification: string;
}

export interface PerformanceReview extends RecordMeta {
  projectId: Uuid;
  /** The exact system version used; never changes once the review is finalised. */
  systemId: Uuid;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** 终期/期末评价: the final review at the end of an operation term (operate → transferred needs one). */
  isFinal: boolean;
  status: ReviewStatus;
  entries: ReviewEntry[];
  /** Frozen at finalisation (centipoints, grade, coefficient); recomputed while a draft. */
  totalScore: Centipoints;
  grade: ReviewGrade | '';
  coefficientBp: number;
  finalisedAt: IsoDateTime | '';
  finalisedBy: string;
  reopenings: ReviewReopening[];
}

/**
 * The separate deduction line a finalised review puts against a payment obligation. Reversed
 * (never deleted) when the review is re-opened with a justification.
 */
export interface PerformanceDeduction extends RecordMeta {
  reviewId: Uuid;
  obligationId: Uuid;
  contractId: Uuid;
  projectId: Uuid;
  performanceLinkedAmount: number;
  coefficientBp: number;
  /** performanceLinkedAmount − applyBp(performanceLinkedAmount, coefficientBp), in the obligation's currency. */
  amount: Money;
  status: 'active' | 'reversed';
  reversedAt: IsoDateTime | '';
  reversedBy: string;
  reversalJustification: string;
}
