import type { MenuLocale } from './api';
import type { FilePort } from './ports';

/**
 * Chromium draws its own controls (the date picker of <input type="date">, spin buttons, form
 * validation bubbles) in the language the process started with (--lang), not in the page's. The
 * renderer reports the app's language at every start and every switch; it is remembered in
 * userData so the next start launches Chromium in that language, and the date fields read
 * 2026/11/24 in Chinese and 24/11/2026 in English like the rest of the app.
 */
export const UI_LANGUAGE_FILE = 'ui-language.json';

/** The --lang value; en-GB because the app writes English dates day first. */
export function chromiumLangFor(locale: MenuLocale): string {
  return locale === 'zh-CN' ? 'zh-CN' : 'en-GB';
}

/** Synchronous on purpose: the switch must be set before the app is ready. */
export function readUiLanguage(readText: (file: string) => string, file: string): MenuLocale | null {
  try {
    const stored: unknown = JSON.parse(readText(file));
    const locale = (stored as { locale?: unknown } | null)?.locale;
    return locale === 'zh-CN' || locale === 'en' ? locale : null;
  } catch {
    return null; // first start, or an unreadable file: Chromium follows the system
  }
}

export interface UiLanguageMemory {
  remember(locale: MenuLocale): Promise<void>;
}

/** Writes only when the language changed, through a temporary file so a crash cannot leave half a file. */
export function uiLanguageMemory(fs: Pick<FilePort, 'writeFile' | 'rename'>, file: string, current: MenuLocale | null): UiLanguageMemory {
  let stored = current;
  return {
    async remember(locale) {
      if (locale === stored) return;
      const tmp = `${file}.tmp`;
      await fs.writeFile(tmp, JSON.stringify({ locale }));
      await fs.rename(tmp, file);
      stored = locale;
    },
  };
}
