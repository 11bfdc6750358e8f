// The two languages the workbench speaks and the rules that pick between them: which language a
// system setting means, which Intl tag formats numbers and dates, and which side of a
// {zh, en} text to show.

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** zh* → zh-CN, en* → en, the first of the list that is either; zh-CN when none is. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** The Intl tag numbers and dates are formatted with: English is written the British way (day/month/year, £). */
export function intlTag(locale: Locale): 'zh-CN' | 'en-GB' {
  return locale === 'zh-CN' ? 'zh-CN' : 'en-GB';
}

/**
 * The side of a {zh, en} text for `locale`, else the other side when that one is blank (Chinese is
 * the language every record must have; an English-only text still shows in the Chinese UI).
 * Tolerates texts from files: a side that is not a string counts as blank.
 */
export function localText(text: { zh?: unknown; en?: unknown } | null | undefined, locale: Locale): string {
  if (!text) return '';
  const side = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const zh = side(text.zh);
  const en = side(text.en);
  return locale === 'zh-CN' ? zh || en : en || zh;
}
