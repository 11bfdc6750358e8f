import { describe, expect, it } from 'vitest';
import { createProject, deleteProject, moveProject, MoveRefusedError, phaseHistory, queryProjects, updateProject, getProject } from '../../../renderer/src/data/projects';
import { emptyProjectDraft } from '../../../renderer/src/domain/projects/project-rules';
import { loadDemo } from '../../../renderer/src/data/demo';
import { generatePortfolio, storeSynthetic } from '../../../renderer/src/data/demo/synthetic';
import { historyOf } from '../../../renderer/src/data/repo';
import { freshDb } from './helpers';

const draft = (code: string, name: string, extra: Partial<ReturnType<typeof emptyProjectDraft>> = {}) => ({
  ...emptyProjectDraft('2026-11-24'),
  code,
  name,
  ...extra,
});

describe('project repository', () => {
  it('queries by phase, category, department and search through the indexes, sorted', async () => {
    const { db, w } = await freshDb();
    await createProject(w, draft('B-2', '一网通办平台', { category: 'gov-services', departmentId: 'd1' }));
    await createProject(w, draft('A-1', '城市大脑', { category: 'city-brain', departmentId: 'd1' }));
    const gone = await createProject(w, draft('C-3', '城市大脑二期', { category: 'city-brain', departmentId: 'd2' }));
    await deleteProject(w, gone.id);

    // Default order is by name in pinyin order: 城 (chéng) before 一 (yī).
    expect((await queryProjects(db, {})).map((p) => p.code)).toEqual(['A-1', 'B-2']);
    expect((await queryProjects(db, { sort: 'code' })).map((p) => p.code)).toEqual(['A-1', 'B-2']);
    expect((await queryProjects(db, { sort: 'code', desc: true })).map((p) => p.code)).toEqual(['B-2', 'A-1']);
    expect((await queryProjects(db, { category: 'city-brain' })).map((p) => p.code)).toEqual(['A-1']);
    expect((await queryProjects(db, { departmentId: 'd1', category: 'gov-services' })).map((p) => p.code)).toEqual(['B-2']);
    expect((await queryProjects(db, { search: '大脑' })).map((p) => p.code)).toEqual(['A-1']); // tombstone excluded
    expect((await queryProjects(db, { search: 'b-2' })).map((p) => p.code)).toEqual(['B-2']);
    expect((await queryProjects(db, { phase: 'build' }))).toEqual([]);
  });

  it('moves a project with an override, records the failed checks and refuses a bad move', async () => {
    const { db, w } = await freshDb();
    const p = await createProject(w, draft('ZH-1', '城市大脑', { omFundingSource: '财政' }));
    await expect(moveProject(w, p.id, 'build', '')).rejects.toBeInstanceOf(MoveRefusedError);
    await expect(moveProject(w, p.id, 'operate', '理由足够长的说明文字写在这里')).rejects.toBeInstanceOf(MoveRefusedError);
    const tr = await moveProject(w, p.id, 'build', '领导小组要求年内开工，材料后补。');
    expect(tr.failedChecks).toEqual(['signed-contract', 'operation-plan-operator', 'operation-plan-model', 'indicator-system', 'benefit-sharing', 'supervision']);
    expect(tr.by).toBe('张晓明');
    expect((await getProject(db, p.id))?.phase).toBe('build');
    expect(await phaseHistory(db, p.id)).toHaveLength(1);
    const log = await historyOf(db, 'projects', p.id);
    // phaseSince was already today, so the phase is the only field that changed.
    expect(log.at(-1)?.changes).toEqual([{ field: 'phase', before: 'plan', after: 'build' }]);
  });

  it('editing a project never changes its phase (phases move only through the gate)', async () => {
    const { db, w } = await freshDb();
    const p = await createProject(w, draft('ZH-2', '时空信息云平台'));
    await updateProject(w, p.id, { ...draft('ZH-2', '时空信息云平台（改）'), phase: 'closed' });
    const after = await getProject(db, p.id);
    expect(after?.phase).toBe('plan');
    expect(after?.name).toBe('时空信息云平台（改）');
  });
});

describe('demo and synthetic portfolios', () => {
  it('loads the demo office once, with projects in every phase and their history', async () => {
    const { db, w } = await freshDb();
    const first = await loadDemo(w);
    expect(first.projects).toBeGreaterThanOrEqual(15);
    expect((await loadDemo(w)).alreadyLoaded).toBe(true);
    const phases = new Set((await queryProjects(db, {})).map((p) => p.phase));
    expect([...phases].sort()).toEqual(['build', 'cancelled', 'closed', 'operate', 'plan', 'transferred']);
    expect(await db.phaseTransitions.count()).toBeGreaterThan(15);
  });

  it('generates the same synthetic portfolio for the same seed', async () => {
    const a = generatePortfolio(7, 50);
    const b = generatePortfolio(7, 50);
    expect(a).toEqual(b);
    expect(generatePortfolio(8, 50).projects.map((p) => p.id)).not.toEqual(a.projects.map((p) => p.id));
    const { db, w } = await freshDb();
    await storeSynthetic(w, a);
    expect(await db.projects.count()).toBe(50);
  });
});
