import { describe, expect, it } from 'vitest';
import { pipelineByPhase, pipelineTotals } from '../../../../renderer/src/domain/projects/pipeline';
import type { Phase, ProjectCategory } from '../../../../renderer/src/domain/core/types';

const p = (phase: Phase, category: ProjectCategory, amount: number, currency = 'CNY') => ({ phase, category, budget: { amount, currency } });

describe('pipelineByPhase', () => {
  it.each([
    { name: 'empty portfolio', projects: [], rows: [], totals: [] },
    {
      name: 'one phase, two categories: 100 + 250 = 350 for city brain, subtotal 351',
      projects: [p('plan', 'gov-services', 1), p('plan', 'city-brain', 100), p('plan', 'city-brain', 250)],
      rows: [
        ['plan', 'city-brain', 'CNY', 2, 350],
        ['plan', 'gov-services', 'CNY', 1, 1],
        ['plan', null, 'CNY', 3, 351],
      ],
      totals: [['CNY', 3, 351]],
    },
    {
      name: 'phases in lifecycle order (cancelled last) whatever the input order',
      projects: [p('cancelled', 'other', 5), p('operate', 'other', 7), p('plan', 'other', 0)],
      rows: [
        ['plan', 'other', 'CNY', 1, 0],
        ['plan', null, 'CNY', 1, 0],
        ['operate', 'other', 'CNY', 1, 7],
        ['operate', null, 'CNY', 1, 7],
        ['cancelled', 'other', 'CNY', 1, 5],
        ['cancelled', null, 'CNY', 1, 5],
      ],
      totals: [['CNY', 3, 12]],
    },
    {
      name: 'two currencies never add up: a row each, the count split the same way',
      projects: [p('build', 'smart-transport', 1000), p('build', 'smart-transport', 40, 'EUR'), p('build', 'smart-transport', 2, 'EUR')],
      rows: [
        ['build', 'smart-transport', 'CNY', 1, 1000],
        ['build', 'smart-transport', 'EUR', 2, 42],
        ['build', null, 'CNY', 1, 1000],
        ['build', null, 'EUR', 2, 42],
      ],
      totals: [['CNY', 1, 1000], ['EUR', 2, 42]],
    },
  ])('$name', ({ projects, rows, totals }) => {
    const out = pipelineByPhase(projects);
    expect(out.map((r) => [r.phase, r.category, r.currency, r.projects, r.budget])).toEqual(rows);
    expect(pipelineTotals(out).map((t) => [t.currency, t.projects, t.budget])).toEqual(totals);
  });
});
