// Long operations (import, export, report, backup, demo data) run through runTask: one progress
// panel with a Cancel button. The work receives an AbortSignal and reports progress; it must leave
// no half-written data when aborted (write in one transaction, or only after the last check).
import { notify, notifyError } from './notify.svelte';
import { t } from '../i18n/i18n.svelte';

export interface TaskProgress {
  /** Units done and total (total 0 = indeterminate). */
  done: number;
  total: number;
  /** Short translated text of the current step. */
  step: string;
}

export type Report = (p: Partial<TaskProgress>) => void;

interface RunningTask extends TaskProgress {
  id: number;
  title: string;
  controller: AbortController;
}

const state = $state({ tasks: [] as RunningTask[] });
let nextId = 1;

export const tasks = {
  get list(): RunningTask[] {
    return state.tasks;
  },
  cancel(id: number): void {
    state.tasks.find((x) => x.id === id)?.controller.abort();
  },
};

export class TaskCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'TaskCancelled';
  }
}

/** Throws TaskCancelled when the user pressed Cancel; call it between steps. */
export function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new TaskCancelled();
}

/**
 * Runs `work` with a progress panel. Returns its result, or undefined when it was cancelled or
 * failed (the user already saw a translated message).
 */
export async function runTask<T>(title: string, work: (signal: AbortSignal, report: Report) => Promise<T>): Promise<T | undefined> {
  const task: RunningTask = { id: nextId++, title, done: 0, total: 0, step: '', controller: new AbortController() };
  state.tasks = [...state.tasks, task];
  const live = state.tasks[state.tasks.length - 1];
  const report: Report = (p) => Object.assign(live, p);
  try {
    return await work(task.controller.signal, report);
  } catch (e) {
    if (e instanceof TaskCancelled || task.controller.signal.aborted) notify(t('common.progress.cancelled'), 'info');
    else notifyError(e);
    return undefined;
  } finally {
    state.tasks = state.tasks.filter((x) => x.id !== task.id);
  }
}
