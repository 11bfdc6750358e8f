// The project register as a table (项目登记表): what the register screen lists, with the columns an
// office keeps in its own Excel register. Headers are the spreadsheet import's own field names, so
// an exported register can be edited and imported elsewhere.
import type { ProjectCategory, OperatingModel, Phase, Project, ReviewCycle } from '../../domain/core/types';
import type { WorkbenchDb } from '../db';
import { queryProjects, type ProjectQuery } from '../projects';
import type { TabularSheet } from './tabular';
import type { Translate } from './translate';

export async function projectRegisterSheet(db: WorkbenchDb, tr: Translate, query: ProjectQuery = {}): Promise<TabularSheet> {
  const projects = await queryProjects(db, { sort: 'code', ...query });
  const orgName = new Map((await db.organisations.toArray()).map((o) => [o.id, o.name]));
  const org = (id: string) => (id ? (orgName.get(id) ?? '') : '');
  return {
    name: tr('dataio.exports.register.sheet'),
    columns: [
      { header: tr('dataio.importing.sheet.fields.projects.code') },
      { header: tr('dataio.importing.sheet.fields.projects.name') },
      { header: tr('dataio.importing.sheet.fields.projects.category'), words: (c) => tr(`enums.category.${c as ProjectCategory}`) },
      { header: tr('dataio.importing.sheet.fields.projects.department') },
      { header: tr('dataio.importing.sheet.fields.projects.phase'), words: (c) => tr(`enums.phase.${c as Phase}`) },
      { header: tr('dataio.importing.sheet.fields.projects.phaseSince'), kind: 'date' },
      { header: tr('dataio.importing.sheet.fields.projects.budget'), kind: 'money' },
      { header: tr('dataio.importing.sheet.fields.projects.currency') },
      { header: tr('dataio.importing.sheet.fields.projects.startDate'), kind: 'date' },
      { header: tr('dataio.importing.sheet.fields.projects.plannedEndDate'), kind: 'date' },
      { header: tr('dataio.importing.sheet.fields.projects.operator') },
      { header: tr('dataio.importing.sheet.fields.projects.operatingModel'), words: (c) => tr(`enums.operatingModel.${c as OperatingModel}`) },
      { header: tr('dataio.importing.sheet.fields.projects.reviewCycle'), words: (c) => tr(`enums.reviewCycle.${c as ReviewCycle}`) },
      { header: tr('dataio.importing.sheet.fields.projects.completionAcceptanceDate'), kind: 'date' },
      { header: tr('dataio.exports.register.updatedAt'), kind: 'date' },
    ],
    rows: projects.map((p: Project) => [
      p.code,
      p.name,
      p.category,
      org(p.departmentId),
      p.phase,
      p.phaseSince,
      p.budget.amount,
      p.budget.currency,
      p.startDate,
      p.plannedEndDate,
      org(p.operatorId),
      p.operatingModel,
      p.reviewCycle,
      p.completionAcceptance.date,
      p.updatedAt.slice(0, 10),
    ]),
  };
}
