// The shared directory of government departments and companies.
import type { Organisation, OrgKind } from '../domain/core/types';
import type { WorkbenchDb } from './db';
import { insertRecord, updateRecord, deleteRecord, type NewRecord, type Writer } from './repo';

export type OrganisationDraft = NewRecord<Organisation>;

export async function listOrganisations(db: WorkbenchDb, kind?: OrgKind | ''): Promise<Organisation[]> {
  const rows = kind ? await db.organisations.where('kind').equals(kind).toArray() : await db.organisations.toArray();
  const collator = new Intl.Collator('zh-CN');
  return rows.filter((o) => !o.deleted).sort((a, b) => collator.compare(a.name, b.name));
}

export function createOrganisation(w: Writer, draft: OrganisationDraft): Promise<Organisation> {
  return insertRecord<Organisation>(w, 'organisations', { ...draft, name: draft.name.trim() });
}

export function updateOrganisation(w: Writer, id: string, draft: OrganisationDraft): Promise<Organisation> {
  const { id: _ignored, ...patch } = draft;
  return updateRecord<Organisation>(w, 'organisations', id, { ...patch, name: draft.name.trim() });
}

export function deleteOrganisation(w: Writer, id: string): Promise<void> {
  return deleteRecord<Organisation>(w, 'organisations', id);
}

/** Live records that name an organisation: projects (department or operator) and contracts (a party). */
export interface OrganisationUsage {
  projects: number;
  contracts: number;
}

/**
 * Who still refers to an organisation. Deleting one in use would leave those projects and
 * contracts pointing at a name the directory no longer shows, so the page refuses it.
 */
export async function organisationUsage(db: WorkbenchDb, id: string): Promise<OrganisationUsage> {
  const [asDepartment, asOperator, contracts] = await Promise.all([
    db.projects.where('[deleted+departmentId]').equals([0, id]).primaryKeys(),
    db.projects.filter((p) => !p.deleted && p.operatorId === id).primaryKeys(),
    db.contracts.filter((c) => !c.deleted && c.parties.some((party) => party.orgId === id)).count(),
  ]);
  return { projects: new Set([...asDepartment, ...asOperator]).size, contracts };
}

export async function isOrgNameTaken(db: WorkbenchDb, name: string, exceptId?: string): Promise<boolean> {
  const same = await db.organisations.where('name').equals(name.trim()).toArray();
  return same.some((o) => !o.deleted && o.id !== exceptId);
}
