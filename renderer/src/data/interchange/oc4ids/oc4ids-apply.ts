// Applying an OC4IDS import (domain/interchange/oc4ids-import.ts drafts) to the database. The plan says what
// will happen before anything is written: which organisations already exist (same credit code or
// name), which projects and contracts clash with an existing code and are skipped together with
// everything under them. Apply plans again inside its one transaction and writes every record
// through the repository, so the change log holds the whole import or none of it.
import type { Oc4idsImportResult } from '../../../domain/interchange/oc4ids';
import { projectSearchText } from '../../../domain/projects/project-rules';
import type {
  Contract,
  ContractAmendment,
  Organisation,
  Payment,
  PaymentObligation,
  Phase,
  PhaseTransition,
  Project,
} from '../../../domain/core/types';
import type { WorkbenchDb } from '../../db';
import { insertMany, newId, type NewRecord, type Writer } from '../../repo';
import type { ApplyProgress } from '../sheets/sheet-apply';

export interface PlannedOrg {
  key: string;
  name: string;
  /** The organisation already in the directory, or null when it will be created. */
  existingId: string | null;
}
export interface PlannedProject {
  key: string;
  code: string;
  name: string;
  phase: Phase;
  /** The code is already used by a project here: skipped with its contracts and payments. */
  clash: boolean;
}
export interface PlannedContract {
  key: string;
  projectKey: string;
  code: string;
  title: string;
  skipped: 'projectClash' | 'codeClash' | null;
}
export interface Oc4idsPlan {
  organisations: PlannedOrg[];
  projects: PlannedProject[];
  contracts: PlannedContract[];
  counts: {
    projects: number;
    skippedProjects: number;
    newOrganisations: number;
    matchedOrganisations: number;
    contracts: number;
    skippedContracts: number;
    amendments: number;
    obligations: number;
    payments: number;
    transitions: number;
  };
}

export interface Oc4idsApplyResult {
  plan: Oc4idsPlan;
  /** Ids of the projects created, in package order. */
  projectIds: string[];
}

const orgNameKey = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ');

export async function planOc4idsImport(db: WorkbenchDb, result: Oc4idsImportResult): Promise<Oc4idsPlan> {
  if (result.errors.length) throw new RangeError('an OC4IDS package with errors cannot be imported');
  const projectCodes = new Set((await db.projects.toArray()).filter((p) => !p.deleted).map((p) => p.code));
  const contractCodes = new Set((await db.contracts.toArray()).filter((c) => !c.deleted).map((c) => c.code));
  const orgs = (await db.organisations.toArray()).filter((o) => !o.deleted);
  const byName = new Map(orgs.map((o) => [orgNameKey(o.name), o.id]));
  const byCredit = new Map(orgs.filter((o) => o.creditCode.trim()).map((o) => [o.creditCode.trim(), o.id]));

  const projects: PlannedProject[] = result.projects.map((p) => ({
    key: p.key,
    code: p.record.code,
    name: p.record.name,
    phase: p.record.phase,
    clash: projectCodes.has(p.record.code),
  }));
  const keptProjects = new Set(projects.filter((p) => !p.clash).map((p) => p.key));
  const seenContractCodes = new Set<string>();
  const contracts: PlannedContract[] = result.contracts.map((c) => {
    let skipped: PlannedContract['skipped'] = null;
    if (!keptProjects.has(c.projectKey)) skipped = 'projectClash';
    else if (contractCodes.has(c.record.code) || seenContractCodes.has(c.record.code)) skipped = 'codeClash';
    if (!skipped) seenContractCodes.add(c.record.code);
    return { key: c.key, projectKey: c.projectKey, code: c.record.code, title: c.record.title, skipped };
  });
  const keptContracts = new Set(contracts.filter((c) => !c.skipped).map((c) => c.key));

  // Only organisations a kept record refers to are added to the directory.
  const referenced = new Set<string>();
  for (const p of result.projects) if (keptProjects.has(p.key) && p.departmentKey) referenced.add(p.departmentKey);
  for (const c of result.contracts) if (keptContracts.has(c.key)) for (const party of c.parties) referenced.add(party.orgKey);
  for (const o of result.obligations) {
    if (!keptContracts.has(o.contractKey)) continue;
    if (o.payeeKey) referenced.add(o.payeeKey);
    if (o.payerKey) referenced.add(o.payerKey);
  }
  const organisations: PlannedOrg[] = result.organisations
    .filter((o) => referenced.has(o.key))
    .map((o) => ({
      key: o.key,
      name: o.record.name,
      existingId: byCredit.get(o.record.creditCode.trim()) ?? byName.get(orgNameKey(o.record.name)) ?? null,
    }));

  const newOrgNames = new Set(organisations.filter((o) => !o.existingId).map((o) => orgNameKey(o.name)));
  return {
    organisations,
    projects,
    contracts,
    counts: {
      projects: keptProjects.size,
      skippedProjects: projects.length - keptProjects.size,
      newOrganisations: newOrgNames.size,
      matchedOrganisations: organisations.filter((o) => o.existingId).length,
      contracts: keptContracts.size,
      skippedContracts: contracts.length - keptContracts.size,
      amendments: result.amendments.filter((a) => keptContracts.has(a.contractKey)).length,
      obligations: result.obligations.filter((o) => keptContracts.has(o.contractKey)).length,
      payments: result.payments.filter((p) => keptContracts.has(p.contractKey)).length,
      transitions: result.transitions.filter((t) => keptProjects.has(t.projectKey)).length,
    },
  };
}

const TABLES = ['organisations', 'projects', 'phaseTransitions', 'contracts', 'amendments', 'obligations', 'payments', 'changeLog'];
const CHUNK = 500;

export async function applyOc4idsImport(w: Writer, result: Oc4idsImportResult, progress: ApplyProgress = {}): Promise<Oc4idsApplyResult> {
  return w.db.transaction('rw', TABLES, async () => {
    const plan = await planOc4idsImport(w.db, result);
    const keptProjects = new Set(plan.projects.filter((p) => !p.clash).map((p) => p.key));
    const keptContracts = new Set(plan.contracts.filter((c) => !c.skipped).map((c) => c.key));

    // Source keys → our ids, fixed before writing so records can point at each other.
    const orgId = new Map<string, string>();
    const newOrgByName = new Map<string, string>();
    const orgRecords: NewRecord<Organisation>[] = [];
    const draftsByKey = new Map(result.organisations.map((o) => [o.key, o]));
    for (const planned of plan.organisations) {
      if (planned.existingId) {
        orgId.set(planned.key, planned.existingId);
        continue;
      }
      const nameKey = orgNameKey(planned.name);
      const same = newOrgByName.get(nameKey);
      if (same) {
        orgId.set(planned.key, same);
        continue;
      }
      const id = newId();
      const draft = draftsByKey.get(planned.key)!;
      orgRecords.push({ ...draft.record, name: draft.record.name.trim(), id });
      newOrgByName.set(nameKey, id);
      orgId.set(planned.key, id);
    }
    const org = (key: string) => (key ? (orgId.get(key) ?? '') : '');

    const projectId = new Map<string, string>();
    const projectRecords: NewRecord<Project>[] = [];
    for (const p of result.projects) {
      if (!keptProjects.has(p.key)) continue;
      const id = newId();
      projectId.set(p.key, id);
      const draft = { ...p.record, departmentId: org(p.departmentKey), operatorId: '' };
      projectRecords.push({ ...draft, id, searchText: projectSearchText(draft) });
    }
    const transitionRecords: NewRecord<PhaseTransition>[] = result.transitions
      .filter((t) => keptProjects.has(t.projectKey))
      .map((t) => ({ ...t.record, projectId: projectId.get(t.projectKey)!, by: w.by }));

    const contractId = new Map<string, string>();
    const contractRecords: NewRecord<Contract>[] = [];
    for (const c of result.contracts) {
      if (!keptContracts.has(c.key)) continue;
      const id = newId();
      contractId.set(c.key, id);
      const parties = c.parties.map((p) => ({ orgId: org(p.orgKey), role: p.role, isSme: p.isSme })).filter((p) => p.orgId);
      contractRecords.push({ ...c.record, id, projectId: projectId.get(c.projectKey)!, parties });
    }
    const amendmentRecords: NewRecord<ContractAmendment>[] = result.amendments
      .filter((a) => keptContracts.has(a.contractKey))
      .map((a) => ({ ...a.record, contractId: contractId.get(a.contractKey)! }));
    const obligationId = new Map<string, string>();
    const obligationRecords: NewRecord<PaymentObligation>[] = [];
    for (const o of result.obligations) {
      if (!keptContracts.has(o.contractKey)) continue;
      const id = newId();
      obligationId.set(o.key, id);
      obligationRecords.push({
        ...o.record,
        id,
        contractId: contractId.get(o.contractKey)!,
        projectId: projectId.get(o.projectKey)!,
        payeeId: org(o.payeeKey),
        payerDepartmentId: org(o.payerKey),
      });
    }
    const paymentRecords: NewRecord<Payment>[] = result.payments
      .filter((p) => keptContracts.has(p.contractKey) && obligationId.has(p.obligationKey))
      .map((p) => ({ ...p.record, obligationId: obligationId.get(p.obligationKey)!, contractId: contractId.get(p.contractKey)! }));

    const steps: [string, NewRecord<never>[]][] = [
      ['organisations', orgRecords as never],
      ['projects', projectRecords as never],
      ['phaseTransitions', transitionRecords as never],
      ['contracts', contractRecords as never],
      ['amendments', amendmentRecords as never],
      ['obligations', obligationRecords as never],
      ['payments', paymentRecords as never],
    ];
    const total = steps.reduce((n, [, rows]) => n + rows.length, 0);
    let done = 0;
    progress.report?.({ done, total });
    for (const [entity, rows] of steps) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        progress.signal?.throwIfAborted();
        await insertMany(w, entity, rows.slice(i, i + CHUNK));
        done += Math.min(CHUNK, rows.length - i);
        progress.report?.({ done, total });
      }
    }
    progress.signal?.throwIfAborted();
    return { plan, projectIds: [...projectId.values()] };
  });
}
