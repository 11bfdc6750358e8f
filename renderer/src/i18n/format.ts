// Locale-aware formatting. Kept free of Svelte state so it can be unit-tested.
import { intlTag, type Locale } from '../domain/core/locale';
import type { Money } from '../domain/core/types';

export type { Locale };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** Money in minor units → localised currency text. Division is display-only; stored values stay integers. */
export function formatMoney(locale: Locale, m: Money | null | undefined): string {
  if (!m) return '';
  const fmt = cached(`money:${locale}:${m.currency}`, () =>
    new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: m.currency, minimumFractionDigits: 2 }),
  );
  return fmt.format(m.amount / 100);
}

/** Compact money for tables and charts, e.g. 1.2亿 / ¥120M. */
export function formatMoneyCompact(locale: Locale, m: Money): string {
  const fmt = cached(`moneyc:${locale}:${m.currency}`, () =>
    new Intl.NumberFormat(intlTag(locale), {
      style: 'currency',
      currency: m.currency,
      notation: 'compact',
      maximumFractionDigits: 2,
    }),
  );
  return fmt.format(m.amount / 100);
}

export function formatNumber(locale: Locale, n: number, maxFractionDigits = 0): string {
  return cached(`num:${locale}:${maxFractionDigits}`, () =>
    new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: maxFractionDigits }),
  ).format(n);
}

/** Basis points → percentage text (3000 → 30%). */
export function formatBp(locale: Locale, bp: number): string {
  return cached(`pct:${locale}`, () =>
    new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 2 }),
  ).format(bp / 10000);
}

/** Centipoints as points with two decimals (8600 → "86.00"), exact; '—' when not a number. */
export function formatPoints(cp: number): string {
  if (!Number.isFinite(cp)) return '—';
  const sign = cp < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cp));
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Points without trailing zeros, for editing and compact labels (1250 → "12.5", 2500 → "25"). */
export function formatPointsShort(cp: number): string {
  return formatPoints(cp).replace(/\.?0+$/, '');
}

/** ISO calendar date → localised date; formatted in UTC so the day never shifts. */
export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(`date:${locale}`, () =>
    new Intl.DateTimeFormat(intlTag(locale), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }),
  ).format(d);
}

/** Instant → local date and time (the officer's wall clock). */
export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(`dt:${locale}`, () =>
    new Intl.DateTimeFormat(intlTag(locale), {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }),
  ).format(d);
}

/** Names in a plain enumeration: 甲、乙 / A, B (no "and": these are lists of parties, not prose). */
export function formatList(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

/**
 * `{name}` is replaced by the parameter; `{name|one|other}` picks a form by the parameter's value
 * (exactly 1 → one), with `#` in the form standing for the value: '{count|# problem|# problems}'.
 * Values often arrive already formatted ("1,234"), so separators are ignored when counting.
 */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    if (one === undefined || other === undefined) return value;
    return (Number(value.replace(/[,\s]/g, '')) === 1 ? one : other).replace(/#/g, value);
  });
}
