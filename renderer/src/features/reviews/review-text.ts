// Words and numbers for the review screens: localized indicator texts, points, grades and rule
// summaries. Stored values stay exact integers; these only format.
import type { Centipoints, LocalizedText, ReviewGrade, ScoringRule } from '../../domain/reviews/review-types';
import { formatPoints, formatPointsShort } from '../../i18n/format';
import { fmt, loc, t } from '../../i18n/i18n.svelte';

/** Centipoints as points with two decimals (8600 → "86.00"), exact. */
export const points: (cp: Centipoints) => string = formatPoints;

/** Points without trailing zeros for editing and compact labels (1250 → "12.5", 2500 → "25"). */
export const pointsShort: (cp: Centipoints) => string = formatPointsShort;

/** Basis points as a percentage number without the sign (8500 → "85", 9550 → "95.5"). */
export function percentNumber(bp: number): string {
  return pointsShort(bp);
}

export function gradeLabel(grade: ReviewGrade | '' | null | undefined): string {
  return grade ? t(`reviews.grade.${grade}`) : '—';
}

export function coefficientLabel(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? '—' : fmt.bp(bp);
}

/** One-line description of a scoring rule, with the leaf's unit. */
export function ruleSummary(rule: ScoringRule | undefined, unit: LocalizedText): string {
  if (!rule) return '';
  const u = loc(unit);
  const withUnit = (v: string) => (u && u !== '%' ? `${v} ${u}` : `${v}${u}`);
  const share = (bp: number) => fmt.bp(bp);
  switch (rule.type) {
    case 'target-linear':
      return t('reviews.rule.targetLinear', { target: withUnit(rule.target), zero: withUnit(rule.zero), direction: t(`reviews.direction.${rule.direction}`) });
    case 'threshold-bands': {
      const ordered = rule.direction === 'higher-better' ? [...rule.bands].reverse() : rule.bands;
      const key = rule.direction === 'higher-better' ? 'reviews.rule.bandHigher' : 'reviews.rule.bandLower';
      const bands = ordered.map((b) => t(key, { bound: withUnit(b.bound), share: share(b.scoreShareBp) })).join(t('reviews.rule.bandSep'));
      return t('reviews.rule.bands', { direction: t(`reviews.direction.${rule.direction}`), bands });
    }
    case 'qualitative-grade':
      return t('reviews.rule.grades', { grades: rule.grades.map((g) => t('reviews.rule.grade', { key: g.key, share: share(g.scoreShareBp) })).join(t('reviews.rule.gradeSep')) });
    case 'deduction-per-incident':
      return t('reviews.rule.deduction', { points: pointsShort(rule.pointsPerIncident), unit: u || t('reviews.rule.incident') });
  }
}

/** File sizes for evidence lists. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt.number(bytes / 1024, 1)} KB`;
  return `${fmt.number(bytes / 1024 / 1024, 1)} MB`;
}
