// Words and numbers for the review screens: localized indicator texts, points, grades, rule
// summaries and translated validation issues. Stored values stay exact integers; these only format.
import type { DomainIssue } from '../../domain/core/issue';
import type { Centipoints, LocalizedText, ReviewGrade, ScoringRule } from '../../domain/reviews/review-types';
import { ReviewRuleError } from '../../data/reviews';
import { SystemRuleError } from '../../data/indicator-systems';
import { fmt, i18n, t, tDynamic } from '../../i18n/i18n.svelte';
import { errorText } from '../../ui/notify.svelte';

/** The text for the current UI language; falls back to Chinese when the English is empty. */
export function loc(text: LocalizedText | undefined): string {
  if (!text) return '';
  return i18n.locale === 'zh-CN' ? text.zh : text.en.trim() || text.zh;
}

/** Centipoints as points with two decimals (8600 → "86.00"), exact. */
export function points(cp: Centipoints): string {
  if (!Number.isFinite(cp)) return '—';
  const sign = cp < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cp));
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Points without trailing zeros for editing and compact labels (1250 → "12.5", 2500 → "25"). */
export function pointsShort(cp: Centipoints): string {
  return points(cp).replace(/\.?0+$/, '');
}

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

// Issue parameters that are centipoints, and the 0-based row numbers people read from 1.
const POINT_PARAMS = new Set(['expected', 'actual', 'weight', 'min', 'max', 'from', 'to']);

/** A domain validation issue in words (reviews.issue.<code>). */
export function issueText(issue: DomainIssue): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(issue.params)) {
    if (POINT_PARAMS.has(k) && typeof v === 'number') params[k] = pointsShort(v);
    else if (k === 'index' && typeof v === 'number') params[k] = v + 1;
    else if (k === 'kind') params[k] = tDynamic('reviews.kind', String(v));
    else if (k === 'grade') params[k] = tDynamic('reviews.grade', String(v));
    else if (k === 'field') params[k] = String(v).startsWith('bands') ? t('reviews.rule.bound') : tDynamic('reviews.rule', String(v));
    else params[k] = v;
  }
  return tDynamic('reviews.issue', issue.code, params);
}

/** Thrown review/system rule errors in words; anything else as a generic message. */
export function reviewErrorText(e: unknown): string {
  if (e instanceof ReviewRuleError || e instanceof SystemRuleError) return tDynamic('reviews.errors', e.code);
  return errorText(e);
}

/** File sizes for evidence lists. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt.number(bytes / 1024, 1)} KB`;
  return `${fmt.number(bytes / 1024 / 1024, 1)} MB`;
}
