import { describe, expect, it } from 'vitest';
import { createOrganisation, organisationUsage } from '../../../renderer/src/data/organisations';
import { createProject, deleteProject } from '../../../renderer/src/data/projects';
import { emptyProjectDraft } from '../../../renderer/src/domain/projects/project-rules';
import { createPpp, world } from './contract-fixtures';
import { freshDb } from './helpers';

describe('organisationUsage', () => {
  it('counts live projects (department or operator) and live contracts (a party)', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    // A second project run by the operator; the operator is named twice on it, counted once.
    const p2 = await createProject(w, { ...emptyProjectDraft('2026-11-24'), code: 'ZH-T-002', name: '智慧停车', departmentId: x.deptId, operatorId: x.operatorId });
    await createPpp(w, x);
    const unused = await createOrganisation(w, { name: '未引用的公司', kind: 'company', isSme: false, creditCode: '', contact: '' });

    expect(await organisationUsage(db, x.deptId)).toEqual({ projects: 2, contracts: 1 });
    expect(await organisationUsage(db, x.operatorId)).toEqual({ projects: 1, contracts: 1 });
    expect(await organisationUsage(db, x.smeId)).toEqual({ projects: 0, contracts: 0 });
    expect(await organisationUsage(db, unused.id)).toEqual({ projects: 0, contracts: 0 });

    // Deleted projects no longer hold an organisation.
    await deleteProject(w, p2.id);
    expect(await organisationUsage(db, x.operatorId)).toEqual({ projects: 0, contracts: 1 });
  });
});
