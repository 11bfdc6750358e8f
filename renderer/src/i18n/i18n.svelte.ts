// Reactive locale state. `t()` reads it, so templates re-render when the language changes.
import { catalogueOf, lookup, zhCN, type MessageKey } from './catalogue';
import {
  formatBp,
  formatDate,
  formatDateTime,
  formatList,
  formatMoney,
  formatMoneyCompact,
  formatNumber,
  interpolate,
} from './format';
import { localText, pickLocale, type Locale } from '../domain/core/locale';
import type { Money } from '../domain/core/types';

export type { MessageKey };
export type LocalePreference = 'system' | Locale;
const PREF_KEY = 'workbench.locale';

function systemLocale(): Locale {
  return typeof navigator === 'undefined' ? 'zh-CN' : pickLocale(navigator.languages ?? [navigator.language]);
}

function readPreference(): LocalePreference {
  try {
    const v = globalThis.localStorage?.getItem(PREF_KEY);
    return v === 'zh-CN' || v === 'en' || v === 'system' ? v : 'system';
  } catch {
    return 'system';
  }
}

const state = $state({ preference: readPreference() as LocalePreference, system: systemLocale() });

export const i18n = {
  get preference(): LocalePreference {
    return state.preference;
  },
  get locale(): Locale {
    return state.preference === 'system' ? state.system : state.preference;
  },
  get systemLocale(): Locale {
    return state.system;
  },
  setPreference(pref: LocalePreference): void {
    state.preference = pref;
    try {
      globalThis.localStorage?.setItem(PREF_KEY, pref);
    } catch {
      // Storage can be unavailable (private mode); the choice still applies for this session.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = i18n.locale;
  },
};

/** A stored text in both languages (an indicator, a checklist item) in the UI's language, else the other. */
export function loc(text: { zh?: unknown; en?: unknown } | null | undefined): string {
  return localText(text, i18n.locale);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const catalogue = catalogueOf(i18n.locale);
  return interpolate(lookup(catalogue, key) ?? lookup(zhCN, key) ?? key, params);
}

/** The first of `keys` the catalogue has, in the current language; undefined when none. */
export function tFirst(keys: readonly string[], params?: Record<string, string | number>): string | undefined {
  const catalogue = catalogueOf(i18n.locale);
  for (const key of keys) {
    const text = lookup(catalogue, key);
    if (text !== undefined) return interpolate(text, params);
  }
  return undefined;
}

/** For keys built from data (enum values, check ids); falls back to the raw value. */
export function tDynamic(prefix: string, value: string, params?: Record<string, string | number>): string {
  const key = `${prefix}.${value}`;
  const catalogue = catalogueOf(i18n.locale);
  return interpolate(lookup(catalogue, key) ?? value, params);
}

export const fmt = {
  money: (m: Money | null | undefined) => formatMoney(i18n.locale, m),
  moneyCompact: (m: Money) => formatMoneyCompact(i18n.locale, m),
  number: (n: number, digits = 0) => formatNumber(i18n.locale, n, digits),
  bp: (bp: number) => formatBp(i18n.locale, bp),
  date: (iso: string | null | undefined) => formatDate(i18n.locale, iso),
  dateTime: (iso: string | null | undefined) => formatDateTime(i18n.locale, iso),
  list: (items: readonly string[]) => formatList(i18n.locale, items),
};
