// The register's read model: its filters, which live outside the component so they survive leaving
// and re-opening the register, and the projects they select, answered from the in-memory index.
import { getDb } from '../../data/context';
import { registerIndex } from '../../data/register-index';
import type { Phase, ProjectCategory } from '../../domain/core/types';
import type { ProjectQuery, ProjectSortKey, RegisterRow } from '../../domain/projects/register';
import { watch, type Live } from '../../data/live.svelte';

class RegisterFilters {
  search = $state('');
  phase = $state<Phase | ''>('');
  category = $state<ProjectCategory | ''>('');
  departmentId = $state('');
  sort = $state<ProjectSortKey>('code');
  desc = $state(false);
  sharedCode = $state(false);

  get query(): ProjectQuery {
    return {
      search: this.search,
      phase: this.phase,
      category: this.category,
      departmentId: this.departmentId,
      sharedCode: this.sharedCode,
      sort: this.sort,
      desc: this.desc,
    };
  }

  reset(): void {
    this.search = '';
    this.phase = '';
    this.category = '';
    this.departmentId = '';
    this.sharedCode = false;
  }
}

export const registerFilters = new RegisterFilters();

/**
 * The projects a query selects, kept current as projects change anywhere (this tab, another tab,
 * an import). Call during component initialisation; `query` is tracked.
 */
export function liveRegister(query: () => ProjectQuery): Live<RegisterRow[]> {
  return watch(registerIndex(getDb()), (ix) => ix.query(query()));
}

/** The codes more than one live project holds, kept current like the list. */
export function liveSharedCodes(): Live<ReadonlySet<string>> {
  return watch(registerIndex(getDb()), (ix) => ix.sharedCodes());
}
