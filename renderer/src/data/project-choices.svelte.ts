// The projects a picker offers for what was typed, answered from the register index in memory, so
// each keystroke is answered at once and the list follows changes to the register while it is open.
import { getDb } from './context';
import { watch, type Live } from './live.svelte';
import type { RegisterRow } from '../domain/projects/register';
import { registerIndex } from './register-index';

export interface ProjectChoiceView {
  /** What was typed; the list follows it. */
  search: string;
  /** Live projects matching the search, by code. */
  readonly matches: Live<RegisterRow[]>;
}

/** Call during component setup (the live query lives as long as the component). */
export function liveProjectChoiceView(): ProjectChoiceView {
  let search = $state('');
  const matches = watch(registerIndex(getDb()), (ix) => ix.query({ search, sort: 'code' }));
  return {
    get search() {
      return search;
    },
    set search(v: string) {
      search = v;
    },
    matches,
  };
}
