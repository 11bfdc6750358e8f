// Words for audit data: localized template texts, issue codes with the item they name, and the
// repository's errors as one toast.
import { AuditChangedError, AuditInputError, AuditLockedError } from '../../data/audits';
import { ChecklistInvalidError } from '../../data/checklists';
import { TaskInputError } from '../../data/rectification';
import { AuditNotSignableError } from '../../domain/audits/audits';
import type { ChecklistItem, ChecklistSection } from '../../domain/audits/audit-types';
import type { DomainIssue } from '../../domain/core/issue';
import type { LocalizedText } from '../../domain/reviews/review-types';
import { fmt, i18n, t, tDynamic } from '../../i18n/i18n.svelte';
import { errorText, notify } from '../../ui/notify.svelte';

/** The current language's text, falling back to Chinese (the text every template must have). */
export function loc(text: LocalizedText | undefined): string {
  if (!text) return '';
  return i18n.locale === 'en' ? text.en || text.zh : text.zh || text.en;
}

export function findItem(sections: readonly ChecklistSection[], itemId: string): ChecklistItem | undefined {
  for (const s of sections) for (const i of s.items) if (i.id === itemId) return i;
  return undefined;
}

export function issueText(issue: DomainIssue, sections: readonly ChecklistSection[] = []): string {
  const params: Record<string, string | number> = { ...issue.params };
  if (typeof issue.params.itemId === 'string') params.item = loc(findItem(sections, issue.params.itemId)?.text) || issue.params.itemId;
  for (const k of ['from', 'to'] as const) if (typeof params[k] === 'string') params[k] = tDynamic('audits.taskStatus', params[k] as string);
  return tDynamic('audits.issue', issue.code, params);
}

/** The user-facing words for anything the audit repositories throw. */
export function auditErrorText(e: unknown, sections: readonly ChecklistSection[] = []): string {
  if (e instanceof AuditLockedError) return t('audits.errors.locked');
  if (e instanceof AuditChangedError) return t('audits.signOff.changed');
  if (e instanceof AuditInputError || e instanceof ChecklistInvalidError || e instanceof TaskInputError || e instanceof AuditNotSignableError) {
    return e.issues.map((i) => issueText(i, sections)).join(' ');
  }
  return errorText(e);
}

export function notifyAuditError(e: unknown, sections: readonly ChecklistSection[] = []): void {
  if (!(e instanceof AuditInputError || e instanceof AuditLockedError || e instanceof TaskInputError || e instanceof ChecklistInvalidError)) console.error(e);
  notify(auditErrorText(e, sections), 'error', 8000);
}

/** "18–27 ℃", "≤ 0 devices", "≥ 95 %"; '' when the item has no range. */
export function rangeText(item: ChecklistItem): string {
  const min = item.range?.min;
  const max = item.range?.max;
  const unit = loc(item.unit);
  const withUnit = (s: string) => (unit ? `${s} ${unit}` : s);
  if (min !== undefined && max !== undefined) return withUnit(`${min}–${max}`);
  if (min !== undefined) return withUnit(t('audits.screen.rangeMin', { min }));
  if (max !== undefined) return withUnit(t('audits.screen.rangeMax', { max }));
  return '';
}

/** Names typed as "李明、王芳" or "Li Ming, Wang Fang". */
export function splitNames(text: string): string[] {
  return text.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);
}

export function joinNames(names: readonly string[]): string {
  return fmt.list(names);
}
