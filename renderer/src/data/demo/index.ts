// "Load demo portfolio": one transaction, so a failure or a cancel leaves nothing half-written.
// Later features add their own steps to DEMO_STEPS (contracts, reviews, audits).
import type { Organisation, PhaseTransition, Project } from '../../domain/core/types';
import { makeRng } from '../../domain/core/random';
import type { WorkbenchDb } from '../db';
import { insertMany, type NewRecord, type Writer } from '../repo';
import { getSetting, setSetting } from '../settings';
import { buildDemoOrganisations, buildDemoProject, DEMO_PROJECTS } from './portfolio';
import { auditsDemoStep } from './audits-demo';
import { reviewsDemoStep } from './reviews-demo';
import { contractLedgersDemoStep, contractsDemoStep } from './contracts-demo';
import { fiscalDemoStep } from './fiscal-demo';
import type { DemoContext, DemoStep } from './step';

export const DEMO_SEED = 20221115;

/** Extra steps run after organisations and projects exist, inside the same transaction. */
export const DEMO_STEPS: DemoStep[] = [
  auditsDemoStep,
  contractsDemoStep,
  // Reviews last: finalising a review puts deductions on the obligations earlier steps created.
  reviewsDemoStep,
  // Then the contract ledgers, so they include those deductions.
  contractLedgersDemoStep,
  fiscalDemoStep,
];

export async function isDemoLoaded(db: WorkbenchDb): Promise<boolean> {
  return (await getSetting<boolean>(db, 'demoLoaded')) === true;
}

export async function loadDemo(w: Writer): Promise<{ projects: number; alreadyLoaded: boolean }> {
  if (await isDemoLoaded(w.db)) return { projects: 0, alreadyLoaded: true };
  const rng = makeRng(DEMO_SEED);
  let count = 0;
  await w.db.transaction('rw', w.db.tables, async () => {
    const orgs = buildDemoOrganisations(rng);
    const organisations = await insertMany<Organisation>(w, 'organisations', orgs.records);
    const orgId = (key: string) => {
      const id = orgs.idByKey.get(key);
      if (!id) throw new Error(`demo organisation ${key} missing`);
      return id;
    };
    const projects = await insertMany<Project>(w, 'projects', DEMO_PROJECTS.map((p) => buildDemoProject(p, rng.uuid(), orgId)));
    const transitions: NewRecord<PhaseTransition>[] = [];
    DEMO_PROJECTS.forEach((seed, i) => {
      let from = 'plan' as PhaseTransition['from'];
      for (const move of seed.history ?? []) {
        transitions.push({
          projectId: projects[i].id,
          from,
          to: move.to,
          at: `${move.on}T01:30:00.000Z`,
          by: '演示数据',
          failedChecks: move.failed ?? [],
          justification: move.why ?? '',
        });
        from = move.to;
      }
    });
    await insertMany<PhaseTransition>(w, 'phaseTransitions', transitions);
    const ctx: DemoContext = {
      rng,
      orgId,
      projects,
      projectByCode: new Map(projects.map((p) => [p.code, p])),
      organisations,
    };
    for (const step of DEMO_STEPS) await step(w, ctx);
    await setSetting(w.db, 'demoLoaded', true);
    count = projects.length;
  });
  return { projects: count, alreadyLoaded: false };
}
