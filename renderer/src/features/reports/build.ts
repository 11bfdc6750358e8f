// Lays one project's report read model out as a ReportModel in the user's language. Each section
// has its own builder over its part of the read model; none reads the database.
import type { WorkbenchDb } from '../../data/db';
import { loadProjectReportView, type ProjectReportView } from '../../data/reports/project-report';
import type { PhaseTransition, Project } from '../../domain/core/types';
import { fmt, t, tDynamic } from '../../i18n/i18n.svelte';
import type { ReportModel, ReportSection } from './model';
import { auditSection } from './section-audits';
import { reviewSection } from './section-reviews';
import { contractSections, type ContractFigures } from './section-contracts';
import { outlookSection } from './section-outlook';

export interface ReportInput {
  projectId: string;
  asOf: string;
  preparedBy: string;
  preparedOn: string;
}

export interface BuiltReport {
  model: ReportModel;
  project: Project;
}

/** Reads the project's report view and lays it out; undefined when the project is gone. */
export async function buildProjectReport(db: WorkbenchDb, input: ReportInput): Promise<BuiltReport | undefined> {
  const view = await loadProjectReportView(db, input.projectId, input.asOf);
  return view && layoutProjectReport(view, input);
}

export function layoutProjectReport(view: ProjectReportView, input: ReportInput): BuiltReport {
  const { project, orgNames: orgs } = view;
  const dept = orgs.get(project.departmentId) ?? t('report.notRecorded');

  const contracts = contractSections(view);
  const reviews = reviewSection(view);
  const audits = auditSection(view);
  const outlook = outlookSection(view);

  const sections: ReportSection[] = [
    summarySection(project, orgs, contracts.figures, reviews.latest, audits.figures),
    phaseSection(view.phases),
    ...contracts.sections,
    outlook,
    reviews.section,
    audits.section,
    {
      id: 'conclusions',
      heading: t('report.sections.conclusions'),
      blocks: [{ kind: 'conclusions', text: project.conclusions ?? '', placeholder: t('report.conclusions.placeholder') }],
    },
  ];

  const model: ReportModel = {
    title: t('report.title'),
    subtitle: project.name,
    cover: [
      { label: t('report.project'), value: project.name },
      { label: t('report.code'), value: project.code },
      { label: t('report.department'), value: dept },
      { label: t('report.asOf'), value: fmt.date(input.asOf), cell: input.asOf, kind: 'date' },
      { label: t('report.preparedBy'), value: input.preparedBy || t('report.notRecorded') },
      { label: t('report.preparedOn'), value: fmt.date(input.preparedOn), cell: input.preparedOn, kind: 'date' },
    ],
    asOf: input.asOf,
    sections,
    footer: t('report.footer', { project: project.name, asOf: fmt.date(input.asOf) }),
    fileBaseName: `${t('report.title')}-${project.code}-${input.asOf}`,
  };
  return { model, project };
}

function summarySection(
  p: Project,
  orgs: Map<string, string>,
  c: ContractFigures,
  latest: { score: string; grade: string; period: string } | null,
  a: { open: number; overdue: number },
): ReportSection {
  const nr = t('report.notRecorded');
  return {
    id: 'summary',
    heading: t('report.sections.summary'),
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: t('report.summary.phase'), value: t(`enums.phase.${p.phase}`) },
          { label: t('report.summary.since'), value: fmt.date(p.phaseSince) },
          { label: t('report.summary.budget'), value: fmt.money(p.budget) },
          { label: t('report.summary.operator'), value: orgs.get(p.operatorId) ?? nr },
          { label: t('report.summary.model'), value: p.operatingModel ? t(`enums.operatingModel.${p.operatingModel}`) : nr },
          { label: t('report.summary.cycle'), value: p.reviewCycle ? t(`enums.reviewCycle.${p.reviewCycle}`) : nr },
          { label: t('report.summary.contracts'), value: `${fmt.number(c.count)} / ${c.value || t('report.summary.none')}` },
          { label: t('report.summary.overdue'), value: `${c.overdue || t('report.summary.none')} / ${c.interest || t('report.summary.none')}` },
          { label: t('report.summary.latestReview'), value: latest ? `${latest.period} · ${latest.score} · ${latest.grade}` : t('report.summary.none') },
          { label: t('report.summary.openTasks'), value: `${fmt.number(a.open)} / ${fmt.number(a.overdue)}` },
        ],
      },
      ...(p.description ? [{ kind: 'paragraph' as const, text: p.description }] : []),
    ],
  };
}

function phaseWords(r: PhaseTransition): string[] {
  return [t(`enums.phase.${r.from}`), t(`enums.phase.${r.to}`), r.by, r.failedChecks.map((c) => tDynamic('lifecycle.checks', c)).join(t('report.listSeparator')), r.justification];
}

function phaseSection(phases: ProjectReportView['phases']): ReportSection {
  const rows = phases.slice().reverse();
  return {
    id: 'phases',
    heading: t('report.sections.phases'),
    blocks: [
      {
        kind: 'table',
        title: t('report.sections.phases').replace(/^[^、.]+[、.]\s*/, ''),
        testid: 'report-phases',
        columns: [
          { header: t('report.phases.at'), kind: 'date' },
          { header: t('report.phases.from') },
          { header: t('report.phases.to') },
          { header: t('report.phases.by') },
          { header: t('report.phases.override') },
          { header: t('report.phases.justification') },
        ],
        rows: rows.map((r) => [fmt.date(r.at.slice(0, 10)), ...phaseWords(r)]),
        values: rows.map((r) => [r.at.slice(0, 10), ...phaseWords(r)]),
        empty: t('report.phases.empty'),
      },
    ],
  };
}
