// Indicator systems (绩效评价指标体系): starter seeding, listing and versioned editing.
// A system that a finalised review uses is never edited in place: the edit becomes a new version of
// the same lineage and the reviews keep pointing at the version they were scored with.
import Dexie from 'dexie';
import { activationChanges, forkVersion, needsNewVersion, validateIndicatorSystem } from '../domain/reviews/indicators';
import { problem, ProblemsError, type Problem } from '../domain/core/problems';
import type { IndicatorSystem } from '../domain/reviews/review-types';
import { STARTER_SYSTEM_CREATE_CHANGE_IDS, starterIndicatorSystems } from '../domain/reviews/starter-systems';
import type { Uuid } from '../domain/core/types';
import type { WorkbenchDb } from './db';
import { deleteRecord, holdsAll, insertMany, newId, updateRecord, type NewRecord, type Writer } from './repo';

/** The user-editable part of a system; lineage, version and status are managed here. */
export type SystemContent = Pick<IndicatorSystem, 'name' | 'description' | 'gradeBands' | 'coefficientBands' | 'indicators'>;

/** A write refused by a rule of this module; `details` are the system's own problems the editor places by row. */
export class SystemRuleError extends ProblemsError<'invalid' | 'missing' | 'in-use'> {
  constructor(
    readonly code: 'invalid' | 'missing' | 'in-use',
    readonly details: Problem[] = [],
  ) {
    super('reviews', [problem(code)]);
    this.name = 'SystemRuleError';
  }
}

/** Name stamped on the starter systems: the same on every machine, like their ids. */
export const STARTER_AUTHOR = 'system';

/**
 * Inserts the starter systems that are not stored yet (tombstones count as stored: a deleted
 * starter system stays deleted). Their creation entries use the fixed change ids so every
 * machine shares the same first version. Returns how many were inserted.
 */
export async function seedStarterSystems(w: Writer): Promise<number> {
  // Every start runs this: when all are stored (the usual case) only their keys are read, with no
  // write lock and without building the starter systems or reading them back.
  const ids = Object.keys(STARTER_SYSTEM_CREATE_CHANGE_IDS);
  if (await holdsAll(w.db, 'indicatorSystems', ids)) return 0;
  return w.db.transaction('rw', ['indicatorSystems', 'changeLog'], async () => {
    const starters = starterIndicatorSystems();
    const present = new Set((await w.db.indicatorSystems.bulkGet(starters.map((s) => s.id))).filter(Boolean).map((s) => s!.id));
    const missing = starters.filter((s) => !present.has(s.id));
    if (missing.length === 0) return 0;
    await insertMany<IndicatorSystem>({ ...w, by: STARTER_AUTHOR }, 'indicatorSystems', missing, {
      changeIds: missing.map((s) => STARTER_SYSTEM_CREATE_CHANGE_IDS[s.id]),
    });
    return missing.length;
  });
}

const byLineageThenVersion = (a: IndicatorSystem, b: IndicatorSystem) =>
  a.lineageId === b.lineageId ? a.version - b.version : a.lineageId < b.lineageId ? -1 : 1;

/** Every live version of every system (read through the [deleted+status] index). */
export async function listIndicatorSystems(db: WorkbenchDb): Promise<IndicatorSystem[]> {
  const rows = await db.indicatorSystems.where('[deleted+status]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray();
  return rows.sort(byLineageThenVersion);
}

/** The versions a new review or a project may use: one active version per lineage. */
export async function listActiveSystems(db: WorkbenchDb): Promise<IndicatorSystem[]> {
  const rows = await db.indicatorSystems.where('[deleted+status]').equals([0, 'active']).toArray();
  return rows.sort(byLineageThenVersion);
}

/** What a project or a new review may choose: the active versions, plus `keepId` (the one already chosen) if it is another live version. */
export async function selectableSystems(db: WorkbenchDb, keepId?: Uuid | ''): Promise<IndicatorSystem[]> {
  const active = await listActiveSystems(db);
  if (!keepId || active.some((s) => s.id === keepId)) return active;
  const kept = await getIndicatorSystem(db, keepId);
  return kept ? [...active, kept].sort(byLineageThenVersion) : active;
}

export async function getIndicatorSystem(db: WorkbenchDb, id: Uuid): Promise<IndicatorSystem | undefined> {
  const s = await db.indicatorSystems.get(id);
  return s && !s.deleted ? s : undefined;
}

/** All live versions of one lineage, oldest first. */
export async function lineageVersions(db: WorkbenchDb, lineageId: Uuid): Promise<IndicatorSystem[]> {
  const rows = await db.indicatorSystems.where('lineageId').equals(lineageId).toArray();
  return rows.filter((s) => !s.deleted).sort((a, b) => a.version - b.version);
}

/** Live reviews per system id (drafts and finalised), for "used by" columns and edit rules. */
export async function systemUsage(db: WorkbenchDb, systemIds: readonly Uuid[]): Promise<Map<Uuid, { finalised: number; drafts: number }>> {
  const out = new Map<Uuid, { finalised: number; drafts: number }>(systemIds.map((id) => [id, { finalised: 0, drafts: 0 }]));
  if (systemIds.length === 0) return out;
  const rows = await db.reviews.where('systemId').anyOf([...systemIds]).toArray();
  for (const r of rows) {
    if (r.deleted) continue;
    const u = out.get(r.systemId)!;
    if (r.status === 'final') u.finalised++;
    else u.drafts++;
  }
  return out;
}

export async function isUsedByFinalisedReviews(db: WorkbenchDb, systemId: Uuid): Promise<boolean> {
  return ((await systemUsage(db, [systemId])).get(systemId)?.finalised ?? 0) > 0;
}

function assertValid(content: SystemContent): void {
  const issues = validateIndicatorSystem(content);
  if (issues.length > 0) throw new SystemRuleError('invalid', issues);
}

/** A new system (new lineage, version 1, active). Throws SystemRuleError('invalid') with the issues. */
export async function createIndicatorSystem(w: Writer, content: SystemContent): Promise<IndicatorSystem> {
  assertValid(content);
  const [created] = await insertMany<IndicatorSystem>(w, 'indicatorSystems', [
    { ...structuredClone(content), lineageId: newId(), version: 1, status: 'active' } satisfies NewRecord<IndicatorSystem>,
  ]);
  return created;
}

export interface SaveResult {
  system: IndicatorSystem;
  /** True when the edit went to a new version because finalised reviews use the edited one. */
  forked: boolean;
}

/**
 * Saves an edit. In place while no finalised review uses the system (and it is not superseded);
 * otherwise as a new version of the lineage that becomes the active one, the old one 'superseded'.
 * Either way in one transaction, checked against the stored state inside it.
 */
export async function saveIndicatorSystem(w: Writer, id: Uuid, content: SystemContent): Promise<SaveResult> {
  assertValid(content);
  return w.db.transaction('rw', ['indicatorSystems', 'reviews', 'changeLog'], async () => {
    const current = await getIndicatorSystem(w.db, id);
    if (!current) throw new SystemRuleError('missing');
    const patch = structuredClone(content);
    if (!needsNewVersion(current, await isUsedByFinalisedReviews(w.db, id))) {
      return { system: await updateRecord<IndicatorSystem>(w, 'indicatorSystems', id, patch), forked: false };
    }
    const versions = await lineageVersions(w.db, current.lineageId);
    const latestVersion = Math.max(...versions.map((v) => v.version));
    const at = (w.now ? w.now() : new Date()).toISOString();
    const fork = { ...forkVersion(current, { at, by: w.by, latestVersion }), ...patch };
    const { id: forkId, createdAt: _c, updatedAt: _u, updatedBy: _b, rev: _r, deleted: _d, ...data } = fork;
    const [inserted] = await insertMany<IndicatorSystem>(w, 'indicatorSystems', [{ ...data, id: forkId }]);
    const system = await applyActivation(w, [...versions, inserted], inserted.id);
    return { system, forked: true };
  });
}

async function applyActivation(w: Writer, versions: IndicatorSystem[], activeId: Uuid): Promise<IndicatorSystem> {
  let active = versions.find((v) => v.id === activeId)!;
  for (const change of activationChanges(versions, activeId)) {
    const updated = await updateRecord<IndicatorSystem>(w, 'indicatorSystems', change.id, { status: change.status });
    if (updated.id === activeId) active = updated;
  }
  return active;
}

/** Makes an older (or draft) version the active one of its lineage again; the others become superseded. */
export async function activateVersion(w: Writer, id: Uuid): Promise<IndicatorSystem> {
  return w.db.transaction('rw', ['indicatorSystems', 'changeLog'], async () => {
    const target = await getIndicatorSystem(w.db, id);
    if (!target) throw new SystemRuleError('missing');
    assertValid(target);
    return applyActivation(w, await lineageVersions(w.db, target.lineageId), id);
  });
}

/** A copy of `source` as a new, separate system (new lineage), e.g. to adapt a starter system. */
export function copyAsNewSystem(w: Writer, source: IndicatorSystem, name: IndicatorSystem['name']): Promise<IndicatorSystem> {
  return createIndicatorSystem(w, { ...pickContent(structuredClone(source)), name });
}

export function pickContent(s: SystemContent): SystemContent {
  return {
    name: s.name,
    description: s.description,
    gradeBands: s.gradeBands,
    coefficientBands: s.coefficientBands,
    indicators: s.indicators,
  };
}

/** Tombstones a version no review uses. A used version stays: its reviews must keep their meaning. */
export async function deleteIndicatorSystem(w: Writer, id: Uuid): Promise<void> {
  await w.db.transaction('rw', ['indicatorSystems', 'reviews', 'changeLog'], async () => {
    const usage = (await systemUsage(w.db, [id])).get(id)!;
    if (usage.finalised + usage.drafts > 0) throw new SystemRuleError('in-use');
    await deleteRecord<IndicatorSystem>(w, 'indicatorSystems', id);
  });
}
