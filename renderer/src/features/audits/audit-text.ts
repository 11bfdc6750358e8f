// Words for audit data: localized template texts, ranges and names, and the repository's
// problems with the checklist items they name.
import type { ChecklistItem, ChecklistSection } from '../../domain/audits/audit-types';
import type { Problem } from '../../domain/core/problems';
import { fmt, loc, t } from '../../i18n/i18n.svelte';
import { errorText, problemText, type ProblemContext } from '../../i18n/problems';
import { ProblemsError } from '../../domain/core/problems';
import { notify } from '../../ui/notify.svelte';

export function findItem(sections: readonly ChecklistSection[], itemId: string): ChecklistItem | undefined {
  for (const s of sections) for (const i of s.items) if (i.id === itemId) return i;
  return undefined;
}

/** Problem messages name checklist items by their text in the current language. */
export function itemsOf(sections: readonly ChecklistSection[]): ProblemContext {
  return { itemText: (itemId) => loc(findItem(sections, itemId)?.text) || undefined };
}

export function issueText(p: Problem, sections: readonly ChecklistSection[] = []): string {
  return problemText('audits', p, itemsOf(sections));
}

/** The user-facing words for anything the audit repositories throw. */
export function auditErrorText(e: unknown, sections: readonly ChecklistSection[] = []): string {
  return errorText(e, itemsOf(sections));
}

export function notifyAuditError(e: unknown, sections: readonly ChecklistSection[] = []): void {
  if (!(e instanceof ProblemsError)) console.error(e);
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
