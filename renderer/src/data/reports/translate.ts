// Report builders in data/ produce finished tables with the user's wording, but must not depend on
// the reactive i18n state; the caller hands them its `t`.
import type { MessageKey } from '../../i18n/catalogue';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** 'project-register-2025-01-15' style file names: a translated base name and today's date. */
export function datedFileName(base: string, ext: string, now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${base.replace(/[\\/:*?"<>|]/g, '_')}-${day}.${ext}`;
}
