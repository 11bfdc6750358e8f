// Register filters live outside the component so they survive leaving and re-opening the register.
import type { ProjectSortKey } from '../../data/projects';
import type { Phase, ProjectCategory } from '../../domain/core/types';

class RegisterFilters {
  search = $state('');
  phase = $state<Phase | ''>('');
  category = $state<ProjectCategory | ''>('');
  departmentId = $state('');
  sort = $state<ProjectSortKey>('code');
  desc = $state(false);

  reset(): void {
    this.search = '';
    this.phase = '';
    this.category = '';
    this.departmentId = '';
  }
}

export const registerFilters = new RegisterFilters();
