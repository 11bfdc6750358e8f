// Contracts, amendments, obligations and payments arriving from another desk (an exchange file)
// meet the rules the forms apply before they are merged: a live contract's draft rules (dates in
// order signed ≤ construction ≤ operation, lengths, ranges), a live obligation's (due on or after
// its trigger, amounts within bounds), a live payment's (a positive amount in its obligation's
// currency). And every record's parent must exist — in the same file or on this desk: a payment's
// obligation (of the same contract), an obligation's contract (of the same project), an amendment's
// contract, a contract's project. Tombstones are held to the references only: a deleted record's
// fields no longer count anywhere. Each problem names the record it is about.
import type { Contract, ContractAmendment, Payment, PaymentObligation, Uuid } from '../core/types';
import type { ProblemParams } from '../core/problems';
import { contractDraftProblems, type ContractDraft } from '../contracts/contract-draft';
import { obligationDraftProblems, paymentDraftProblems } from '../contracts/payment-rules';

export interface IncomingContractRecords {
  /** Projects the same file carries. */
  projectIds: readonly Uuid[];
  contracts: readonly Contract[];
  amendments: readonly ContractAmendment[];
  obligations: readonly PaymentObligation[];
  payments: readonly Payment[];
}

/** Parents held on this desk (tombstones included), for references the file does not satisfy itself. */
export interface KnownParents {
  projects: ReadonlySet<Uuid>;
  contracts: ReadonlyMap<Uuid, Pick<Contract, 'id' | 'projectId'>>;
  obligations: ReadonlyMap<Uuid, Pick<PaymentObligation, 'id' | 'contractId' | 'amount'>>;
}

export type IncomingContractCode =
  | 'reference-missing'
  | 'reference-mismatch'
  | 'contract-date-order'
  | 'obligation-date-order'
  | 'currency-mismatch'
  | 'over-amount'
  | 'out-of-range'
  | 'duplicate-party'
  | 'invalid-value'
  | 'required'
  | 'too-long'
  | 'invalid-date'
  | 'invalid-amount';

export interface IncomingContractProblem {
  entity: 'contracts' | 'amendments' | 'obligations' | 'payments';
  id: Uuid;
  /** 'record.<field>' as the other exchange problems. */
  path: string;
  code: IncomingContractCode;
  /** Always `record`: a short name of the record (a contract's code, an obligation's due date …). */
  params: ProblemParams & { record: string };
}

/** The form rules' codes as exchange problem codes: the generic ones stay, the rest say whose rule. */
function codeOf(entity: IncomingContractProblem['entity'], code: string): IncomingContractCode {
  if (code === 'date-order') return entity === 'contracts' ? 'contract-date-order' : 'obligation-date-order';
  if (code === 'invalid-choice') return 'invalid-value';
  if (code === 'not-found') return 'reference-missing';
  return code as IncomingContractCode;
}

const contractName = (c: Pick<Contract, 'code' | 'title'>) => `${c.code} ${c.title}`.trim().slice(0, 120);

export function incomingContractProblems(rows: IncomingContractRecords, known: KnownParents): IncomingContractProblem[] {
  const out: IncomingContractProblem[] = [];
  const projects = new Set([...known.projects, ...rows.projectIds]);
  const contracts = new Map<Uuid, Pick<Contract, 'id' | 'projectId'>>(known.contracts);
  for (const c of rows.contracts) contracts.set(c.id, c);
  const obligations = new Map<Uuid, Pick<PaymentObligation, 'id' | 'contractId' | 'amount'>>(known.obligations);
  for (const o of rows.obligations) obligations.set(o.id, o);
  const add = (entity: IncomingContractProblem['entity'], id: Uuid, record: string, field: string, code: IncomingContractCode, params: ProblemParams = {}) =>
    out.push({ entity, id, path: field ? `record.${field}` : 'record', code, params: { ...params, record } });

  for (const c of rows.contracts) {
    const name = contractName(c);
    if (!projects.has(c.projectId)) add('contracts', c.id, name, 'projectId', 'reference-missing', { id: c.projectId });
    if (c.deleted) continue;
    const { id: _i, createdAt: _c, updatedAt: _u, updatedBy: _b, rev: _r, deleted: _d, ...draft } = c;
    for (const p of contractDraftProblems(draft as ContractDraft)) {
      // A missing project is named once, above, as a reference.
      if (p.field === 'projectId') continue;
      add('contracts', c.id, name, p.field, codeOf('contracts', p.code), p.code === 'date-order' ? { ...p.params, field: p.field } : p.params);
    }
  }

  for (const a of rows.amendments) {
    const parent = contracts.get(a.contractId);
    if (!parent) add('amendments', a.id, a.signedOn, 'contractId', 'reference-missing', { id: a.contractId });
  }

  for (const o of rows.obligations) {
    const name = `${o.dueDate} ${o.description}`.trim().slice(0, 120);
    const parent = contracts.get(o.contractId);
    if (!parent) add('obligations', o.id, name, 'contractId', 'reference-missing', { id: o.contractId });
    else if (parent.projectId !== o.projectId) add('obligations', o.id, name, 'projectId', 'reference-mismatch', { id: o.projectId, expected: parent.projectId });
    if (o.deleted) continue;
    const { id: _i, createdAt: _c, updatedAt: _u, updatedBy: _b, rev: _r, deleted: _d, ...draft } = o;
    for (const p of obligationDraftProblems(draft)) add('obligations', o.id, name, p.field ?? '', codeOf('obligations', p.code), p.params);
  }

  for (const p of rows.payments) {
    const name = `${p.paidOn} ${p.voucherNo}`.trim().slice(0, 120);
    const parent = obligations.get(p.obligationId);
    if (!parent) add('payments', p.id, name, 'obligationId', 'reference-missing', { id: p.obligationId });
    else if (parent.contractId !== p.contractId) add('payments', p.id, name, 'contractId', 'reference-mismatch', { id: p.contractId, expected: parent.contractId });
    if (p.deleted) continue;
    const draft = { paidOn: p.paidOn, amount: p.amount.amount, currency: p.amount.currency, voucherNo: p.voucherNo, note: p.note };
    for (const q of paymentDraftProblems(draft, parent)) {
      if (q.code === 'not-found') continue;
      add('payments', p.id, name, q.field === 'currency' ? 'amount.currency' : (q.field ?? ''), codeOf('payments', q.code), q.params);
    }
  }
  return out;
}
