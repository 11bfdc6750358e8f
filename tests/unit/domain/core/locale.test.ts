import { describe, expect, it } from 'vitest';
import { intlTag, localText, pickLocale, type Locale } from '../../../../renderer/src/domain/core/locale';

describe('pickLocale', () => {
  it.each<[string[], Locale]>([
    [['zh-CN'], 'zh-CN'],
    [['zh-TW', 'en-US'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'EN-gb'], 'en'],
    [['fr-FR', 'de'], 'zh-CN'],
    [[], 'zh-CN'],
  ])('%j → %s', (languages, locale) => {
    expect(pickLocale(languages)).toBe(locale);
  });
});

describe('intlTag', () => {
  it.each<[Locale, string, string]>([
    // Chinese dates year first; English written the British way, day first.
    ['zh-CN', 'zh-CN', '2026/03/01'],
    ['en', 'en-GB', '01/03/2026'],
  ])('%s → %s', (locale, tag, date) => {
    expect(intlTag(locale)).toBe(tag);
    expect(new Intl.DateTimeFormat(intlTag(locale), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(new Date('2026-03-01T00:00:00Z'))).toBe(date);
  });
});

describe('localText', () => {
  it.each<[string, { zh?: unknown; en?: unknown } | undefined, Locale, string]>([
    ['Chinese UI', { zh: '运维记录', en: 'O&M log' }, 'zh-CN', '运维记录'],
    ['English UI', { zh: '运维记录', en: 'O&M log' }, 'en', 'O&M log'],
    ['English missing → Chinese', { zh: '运维记录', en: '' }, 'en', '运维记录'],
    ['English blank → Chinese', { zh: '运维记录', en: '   ' }, 'en', '运维记录'],
    ['Chinese blank → English', { zh: ' ', en: 'O&M log' }, 'zh-CN', 'O&M log'],
    ['surrounding spaces are not shown', { zh: ' 运维记录 ', en: '' }, 'zh-CN', '运维记录'],
    ['both blank', { zh: '', en: '' }, 'en', ''],
    ['no text at all', undefined, 'zh-CN', ''],
    ['a side from a file that is not text', { zh: 42, en: 'Data hub' }, 'zh-CN', 'Data hub'],
  ])('%s', (_, text, locale, expected) => {
    expect(localText(text, locale)).toBe(expected);
  });
});
