// Contract repository: validated create/edit, amendments with their field history, tombstoning
// with the contract's schedule, and the queries lists and gates read. Every write rebuilds the
// contract's arrears ledger in the same transaction.
import Dexie from 'dexie';
import { isIsoDate } from '../domain/core/dates';
import {
  CONTRACT_LIMITS,
  contractDraftProblems,
  normaliseContractDraft,
  type ContractDraft,
  type ContractProblem,
  type ContractProblemCode,
} from '../domain/contracts/contract-draft';
import type { Contract, ContractAmendment, ContractType, FieldChange, Uuid } from '../domain/core/types';
import { compareContractCodes, contractListFilter, contractListRow, type ContractListQuery } from '../domain/contracts/contract-list';
import type { WorkbenchDb } from './db';
import { fieldProblem, ProblemsError, type Problem } from '../domain/core/problems';
import { LEDGER_TX_TABLES, refreshLedgers } from './ledger';
import { deleteRecord, diffFields, insertRecord, updateRecord, type Writer } from './repo';

export {
  CONTRACT_LIMITS,
  contractDraftProblems,
  emptyContractDraft,
  hasPppFields,
  normaliseContractDraft,
  type ContractDraft,
  type ContractProblem,
  type ContractProblemCode,
} from '../domain/contracts/contract-draft';
/** What an amendment may change: everything but the project the contract belongs to. */
export type ContractPatch = Partial<Omit<ContractDraft, 'projectId'>>;

/** The draft breaks input rules; nothing was written. The form shows each problem next to its field. */
export class ContractInputError extends ProblemsError<ContractProblemCode> {
  constructor(problems: Problem<ContractProblemCode>[]) {
    super('contracts', problems);
    this.name = 'ContractInputError';
  }
}

const LEDGER_AND_LOG = [...LEDGER_TX_TABLES, 'amendments', 'changeLog', 'projects', 'organisations'];

/** Rules that read the database: the project and organisations exist, the code is free. */
async function storedProblems(db: WorkbenchDb, d: ContractDraft, exceptId?: Uuid): Promise<ContractProblem[]> {
  const out: ContractProblem[] = [];
  const project = d.projectId ? await db.projects.get(d.projectId) : undefined;
  if (d.projectId && (!project || project.deleted)) out.push(fieldProblem('projectId', 'unknown-project'));
  const orgIds = [...new Set(d.parties.map((p) => p.orgId).filter(Boolean))];
  const orgs = await db.organisations.bulkGet(orgIds);
  const live = new Set(orgs.filter((o) => o && !o.deleted).map((o) => o!.id));
  d.parties.forEach((p, i) => {
    if (p.orgId && !live.has(p.orgId)) out.push(fieldProblem(`parties.${i}.orgId`, 'unknown-org'));
  });
  if (d.code.trim() && (await isContractCodeTaken(db, d.code, exceptId))) out.push(fieldProblem('code', 'code-taken'));
  return out;
}

async function validated(db: WorkbenchDb, draft: ContractDraft, exceptId?: Uuid): Promise<ContractDraft> {
  const d = normaliseContractDraft(draft);
  const problems = contractDraftProblems(d);
  problems.push(...(await storedProblems(db, d, exceptId)));
  if (problems.length) throw new ContractInputError(problems);
  return d;
}

export async function isContractCodeTaken(db: WorkbenchDb, code: string, exceptId?: Uuid): Promise<boolean> {
  const same = await db.contracts.where('code').equals(code.trim()).toArray();
  return same.some((c) => !c.deleted && c.id !== exceptId);
}

export function createContract(w: Writer, draft: ContractDraft): Promise<Contract> {
  return w.db.transaction('rw', LEDGER_AND_LOG, async () => {
    const d = await validated(w.db, draft);
    const c = await insertRecord<Contract>(w, 'contracts', d);
    await refreshLedgers(w.db, [c.id]);
    return c;
  });
}

/**
 * Corrects the contract as recorded (a typing mistake, a missing date). A change agreed between the
 * parties is an amendment (amendContract), which keeps what changed and why.
 */
export function updateContract(w: Writer, id: Uuid, draft: ContractDraft): Promise<Contract> {
  return w.db.transaction('rw', LEDGER_AND_LOG, async () => {
    const before = await getContract(w.db, id);
    if (!before) throw new ContractInputError([fieldProblem('id', 'required')]);
    const d = await validated(w.db, { ...draft, projectId: before.projectId }, id);
    const c = await updateRecord<Contract>(w, 'contracts', id, d);
    await refreshLedgers(w.db, [id]);
    return c;
  });
}

export interface AmendmentInput {
  signedOn: string;
  summary: string;
  patch: ContractPatch;
}

export interface AmendmentResult {
  contract: Contract;
  amendment: ContractAmendment;
}

/**
 * A signed amendment (变更): the contract takes the patched fields, and the amendment keeps the
 * field-level before/after and the value change, in the same transaction.
 */
export function amendContract(w: Writer, contractId: Uuid, input: AmendmentInput): Promise<AmendmentResult> {
  return w.db.transaction('rw', LEDGER_AND_LOG, async () => {
    const before = await getContract(w.db, contractId);
    if (!before) throw new ContractInputError([fieldProblem('id', 'required')]);
    const problems: ContractProblem[] = [];
    if (!isIsoDate(input.signedOn)) problems.push(fieldProblem('amendment.signedOn', input.signedOn ? 'invalid-date' : 'required'));
    const summary = input.summary.trim();
    if (!summary) problems.push(fieldProblem('amendment.summary', 'required'));
    else if (summary.length > CONTRACT_LIMITS.summary) problems.push(fieldProblem('amendment.summary', 'too-long', { max: CONTRACT_LIMITS.summary }));
    const { projectId: _p, ...patch } = input.patch as ContractPatch & { projectId?: unknown };
    const merged: ContractDraft = { ...draftOf(before), ...patch };
    let d: ContractDraft;
    try {
      d = await validated(w.db, merged, contractId);
    } catch (e) {
      if (e instanceof ContractInputError) throw new ContractInputError([...problems, ...e.problems]);
      throw e;
    }
    if (problems.length) throw new ContractInputError(problems);
    const changes: FieldChange[] = diffFields(draftOf(before), d);
    if (changes.length === 0) throw new ContractInputError([fieldProblem('amendment.patch', 'required')]);
    const valueDelta = d.value.currency === before.value.currency ? d.value.amount - before.value.amount : 0;
    const contract = await updateRecord<Contract>(w, 'contracts', contractId, d);
    const amendment = await insertRecord<ContractAmendment>(w, 'amendments', {
      contractId,
      signedOn: input.signedOn,
      summary,
      valueDelta,
      changes,
    });
    await refreshLedgers(w.db, [contractId]);
    return { contract, amendment };
  });
}

/** Tombstones the contract with its amendments, obligations and payments. */
export function deleteContract(w: Writer, id: Uuid): Promise<void> {
  return w.db.transaction('rw', LEDGER_AND_LOG, async () => {
    const payments = await w.db.payments.where('contractId').equals(id).toArray();
    for (const p of payments) if (!p.deleted) await deleteRecord(w, 'payments', p.id);
    const obligations = await w.db.obligations.where('contractId').equals(id).toArray();
    for (const o of obligations) if (!o.deleted) await deleteRecord(w, 'obligations', o.id);
    const amendments = await w.db.amendments.where('contractId').equals(id).toArray();
    for (const a of amendments) if (!a.deleted) await deleteRecord(w, 'amendments', a.id);
    await deleteRecord(w, 'contracts', id);
    await refreshLedgers(w.db, [id]);
  });
}

/** The editable fields of a stored contract. */
export function draftOf(c: Contract): ContractDraft {
  const { id: _id, createdAt: _c, updatedAt: _u, updatedBy: _b, rev: _r, deleted: _d, ...draft } = c;
  return draft;
}

export async function getContract(db: WorkbenchDb, id: Uuid): Promise<Contract | undefined> {
  const c = await db.contracts.get(id);
  return c && !c.deleted ? c : undefined;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** A project's live contracts, by code. */
export async function contractsOfProject(db: WorkbenchDb, projectId: Uuid): Promise<Contract[]> {
  const rows = await db.contracts.where('projectId').equals(projectId).toArray();
  return rows.filter((c) => !c.deleted).sort((a, b) => collator.compare(a.code, b.code));
}

export async function amendmentsOfContract(db: WorkbenchDb, contractId: Uuid): Promise<ContractAmendment[]> {
  const rows = await db.amendments.where('contractId').equals(contractId).toArray();
  return rows.filter((a) => !a.deleted).sort((a, b) => (a.signedOn < b.signedOn ? -1 : a.signedOn > b.signedOn ? 1 : a.createdAt < b.createdAt ? -1 : 1));
}

export interface ContractQuery extends ContractListQuery {
  /** At most this many rows (the portfolio may hold tens of thousands). */
  limit?: number;
}

export interface ContractPage {
  rows: Contract[];
  /** Matching contracts before the limit. */
  total: number;
}

/**
 * The portfolio contract list from the store, whole records (the screen answers from the in-memory
 * index instead, contract-index.ts): the first `limit` matching contracts by code.
 */
export async function queryContracts(db: WorkbenchDb, q: ContractQuery): Promise<ContractPage> {
  const limit = q.limit ?? 500;
  const all = q.ids
    ? (await db.contracts.bulkGet([...q.ids])).filter((c): c is Contract => !!c && !c.deleted)
    : await (q.type ? db.contracts.where('[deleted+type]').equals([0, q.type]) : db.contracts.where('[deleted+type]').between([0, Dexie.minKey], [0, Dexie.maxKey])).toArray();
  const keep = contractListFilter(q);
  const rows = (keep ? all.filter((c) => keep(contractListRow(c))) : all).sort(compareContractCodes);
  return { rows: rows.slice(0, limit), total: rows.length };
}
