// Toasts and the translation of thrown errors into words for the user (never a stack trace).
import { t } from '../i18n/i18n.svelte';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

const state = $state({ toasts: [] as Toast[] });
let next = 1;

export const toasts = {
  get list(): Toast[] {
    return state.toasts;
  },
  dismiss(id: number): void {
    state.toasts = state.toasts.filter((x) => x.id !== id);
  },
};

export function notify(text: string, kind: Toast['kind'] = 'info', ms = 4000): void {
  const id = next++;
  state.toasts = [...state.toasts, { id, kind, text }];
  if (ms > 0) setTimeout(() => toasts.dismiss(id), ms);
}

/** A short message for any thrown value: its own message (first line only), never the stack. */
export function errorText(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const firstLine = raw.split('\n')[0].slice(0, 300);
  return t('common.errors.unexpected', { message: firstLine || String(e).slice(0, 100) });
}

export function notifyError(e: unknown): void {
  console.error(e);
  notify(errorText(e), 'error', 8000);
}
