// How exchange records and values read in the UI. Everything here is plain text: templates put it
// in text nodes (Svelte escapes them), never in HTML.
import { localText } from '../../domain/core/locale';
import type { Money, RecordMeta } from '../../domain/core/types';
import { fmt, i18n, t, tDynamic } from '../../i18n/i18n.svelte';
import { entityName, exchangeProblemText, fieldName } from '../../i18n/exchange-text';

export { entityName, fieldName, exchangeProblemText as problemText };

const VALUE_MAX = 400;

type Loose = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const localized = (v: unknown) => localText(typeof v === 'object' ? (v as { zh?: unknown; en?: unknown }) : undefined, i18n.locale);

/** A short name for a record, from its own fields. */
export function recordLabel(entity: string, record: RecordMeta): string {
  const r = record as unknown as Loose;
  switch (entity) {
    case 'projects':
      return `${str(r.code)} ${str(r.name)}`;
    case 'organisations':
    case 'files':
      return str(r.name);
    case 'phaseTransitions':
      return `${tDynamic('enums.phase', str(r.from))} → ${tDynamic('enums.phase', str(r.to))}`;
    case 'indicatorSystems':
      return `${localized(r.name)} v${String(r.version ?? '')}`;
    case 'checklistTemplates':
      return localized(r.name);
    case 'reviews':
      return `${fmt.date(str(r.periodStart))} – ${fmt.date(str(r.periodEnd))}`;
    case 'deductions':
      return fmt.money(r.amount as { amount: number; currency: string });
    case 'audits':
      return `${str(r.site)} · ${fmt.date(str(r.date))}`;
    case 'findings':
      return str(r.title);
    case 'rectifications':
      return `${str(r.owner)} · ${fmt.date(str(r.dueDate))}`;
    case 'contracts':
      return `${str(r.code)} ${str(r.title)}`;
    case 'amendments':
      return `${fmt.date(str(r.signedOn))} ${str(r.summary)}`;
    case 'obligations':
      return `${str(r.description)} · ${fmt.date(str(r.dueDate))} · ${fmt.money(r.amount as { amount: number; currency: string })}`;
    case 'payments':
      return `${fmt.date(str(r.paidOn))} · ${fmt.money(r.amount as { amount: number; currency: string })}`;
    case 'deskKeys':
      return str(r.name);
    case 'budgets':
      return `${tDynamic('enums.budgetKind', str(r.kind))} ${String(r.year ?? '')} · ${fmt.money(r.amount as { amount: number; currency: string })}`;
    case 'fiscalRules':
      return `${str(r.reference)} · ${fmt.date(str(r.effectiveFrom))}`;
    default:
      return record.id;
  }
}

/** Contract-side fields that hold minor units of their record's currency. */
const MINOR_UNIT_FIELDS = new Set(['performanceLinkedAmount', 'disputedAmount', 'valueDelta']);

function moneyOf(v: unknown): Money | null {
  const m = v as Partial<Money> | null;
  return m && typeof m === 'object' && Number.isSafeInteger(m.amount) && typeof m.currency === 'string' && /^[A-Z]{3}$/.test(m.currency) ? (m as Money) : null;
}

/**
 * A field value as text: money as money (an amount in minor units in its record's currency), strings
 * as they are, anything else as JSON, cut to a readable length.
 */
export function valueText(v: unknown, field = '', record?: RecordMeta): string {
  if (v === undefined || v === null) return t('exchange.conflicts.absent');
  const money = moneyOf(v);
  if (money) return fmt.money(money);
  if (typeof v === 'number' && Number.isSafeInteger(v) && MINOR_UNIT_FIELDS.has(field)) {
    const r = record as unknown as Loose | undefined;
    const currency = (moneyOf(r?.amount) ?? moneyOf(r?.value))?.currency;
    return currency ? fmt.money({ amount: v, currency }) : fmt.number(v / 100, 2);
  }
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${fmt.number(n / (1024 * 1024), 1)} MB`;
  if (n >= 1024) return `${fmt.number(n / 1024, 1)} KB`;
  return `${fmt.number(n)} B`;
}
