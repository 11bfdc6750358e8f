// Toasts, and thrown errors shown as words for the user (never a stack trace).
import { ProblemsError } from '../domain/core/problems';
import { errorText } from '../i18n/problems';

export { errorText };

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

/** A refused input's problems, or an unexpected error (also logged for the developer console). */
export function notifyError(e: unknown): void {
  if (!(e instanceof ProblemsError)) console.error(e);
  notify(errorText(e), 'error', 8000);
}
