// Pipeline by phase as a table: projects and budget per phase and category, a subtotal row per
// phase and the portfolio total, read phase by phase through the [deleted+phase] index.
import { pipelineByPhase, pipelineTotals } from '../../domain/projects/pipeline';
import { PHASES, PROJECT_CATEGORIES, type Phase, type Project, type ProjectCategory } from '../../domain/core/types';
import type { WorkbenchDb } from '../db';
import type { CellValue, TabularSheet } from './tabular';
import type { Translate } from './translate';

export async function pipelineByPhaseSheet(db: WorkbenchDb, tr: Translate): Promise<TabularSheet> {
  const projects: Pick<Project, 'phase' | 'category' | 'budget'>[] = [];
  for (const phase of PHASES) {
    await db.projects
      .where('[deleted+phase]')
      .equals([0, phase])
      .each((p) => void projects.push({ phase: p.phase, category: p.category, budget: p.budget }));
  }
  const rows = pipelineByPhase(projects);
  const body: CellValue[][] = rows.map((r) => [
    r.phase,
    r.category || tr('dataio.exports.pipeline.allCategories'),
    r.projects,
    r.currency,
    r.budget,
  ]);
  for (const total of pipelineTotals(rows)) {
    body.push([tr('dataio.exports.pipeline.allPhases'), tr('dataio.exports.pipeline.allCategories'), total.projects, total.currency, total.budget]);
  }
  return {
    name: tr('dataio.exports.pipeline.sheet'),
    columns: [
      // Subtotal and total rows carry their own word and no code.
      { header: tr('dataio.exports.pipeline.columns.phase'), words: (c) => ((PHASES as readonly string[]).includes(c) ? tr(`enums.phase.${c as Phase}`) : undefined) },
      {
        header: tr('dataio.exports.pipeline.columns.category'),
        words: (c) => ((PROJECT_CATEGORIES as readonly string[]).includes(c) ? tr(`enums.category.${c as ProjectCategory}`) : undefined),
      },
      { header: tr('dataio.exports.pipeline.columns.projects'), kind: 'integer' },
      { header: tr('dataio.exports.pipeline.columns.currency') },
      { header: tr('dataio.exports.pipeline.columns.budget'), kind: 'money' },
    ],
    rows: body,
  };
}
