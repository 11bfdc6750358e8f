// Pipeline by phase (项目储备与进度): how many projects and how much budget sit in each phase,
// split by category. Budgets add up only within one currency, so each currency gets its own row.
import { PHASES, PROJECT_CATEGORIES, type Phase, type Project, type ProjectCategory } from '../core/types';

export interface PipelineRow {
  phase: Phase;
  /** null = all categories of the phase (the phase subtotal). */
  category: ProjectCategory | null;
  currency: string;
  projects: number;
  /** Sum of budgets in minor units. */
  budget: number;
}

type PipelineProject = Pick<Project, 'phase' | 'category' | 'budget'>;

/**
 * Rows in phase order (plan → cancelled), categories in code-list order, then the phase subtotal;
 * empty combinations are left out. A phase or category with projects in two currencies gets a
 * row per currency, and its project count is split the same way.
 */
export function pipelineByPhase(projects: Iterable<PipelineProject>): PipelineRow[] {
  const cells = new Map<string, PipelineRow>();
  const add = (phase: Phase, category: ProjectCategory | null, p: PipelineProject) => {
    const key = `${phase}|${category ?? '*'}|${p.budget.currency}`;
    const row = cells.get(key) ?? { phase, category, currency: p.budget.currency, projects: 0, budget: 0 };
    row.projects += 1;
    row.budget += p.budget.amount;
    cells.set(key, row);
  };
  for (const p of projects) {
    add(p.phase, p.category, p);
    add(p.phase, null, p);
  }
  const phaseRank = new Map(PHASES.map((p, i) => [p, i]));
  const categoryRank = new Map(PROJECT_CATEGORIES.map((c, i) => [c, i]));
  return [...cells.values()].sort(
    (a, b) =>
      phaseRank.get(a.phase)! - phaseRank.get(b.phase)! ||
      (a.category === null ? PROJECT_CATEGORIES.length : categoryRank.get(a.category)!) -
        (b.category === null ? PROJECT_CATEGORIES.length : categoryRank.get(b.category)!) ||
      (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0),
  );
}

/** Portfolio totals per currency (all phases). */
export function pipelineTotals(rows: readonly PipelineRow[]): { currency: string; projects: number; budget: number }[] {
  const totals = new Map<string, { currency: string; projects: number; budget: number }>();
  for (const r of rows) {
    if (r.category !== null) continue;
    const t = totals.get(r.currency) ?? { currency: r.currency, projects: 0, budget: 0 };
    t.projects += r.projects;
    t.budget += r.budget;
    totals.set(r.currency, t);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
