// Payment obligations and the payments recorded against them. Obligations are entered one by one
// or generated from the contract (domain/contracts/schedule.ts); payments may be partial, carry a voucher
// number, and never change the obligation; a disputed/withheld part is marked on the obligation.
// Every write rebuilds the contract's ledger in the same transaction.
import { compareDates, isIsoDate } from '../domain/core/dates';
import {
  defaultPayeeId,
  dueDateFor,
  generateMilestoneObligations,
  generatePeriodicObligations,
  type MilestoneSpec,
  type ObligationDraft,
  type PeriodicSpec,
  type ScheduleParties,
  compareObligations,
} from '../domain/contracts/schedule';
import { obligationDraftProblems, paymentDraftProblems, PAYMENT_LIMITS, type PaymentProblem, type PaymentProblemCode } from '../domain/contracts/payment-rules';
import type { Contract, ObligationKind, Payment, PaymentObligation, Uuid } from '../domain/core/types';
import type { WorkbenchDb } from './db';
import { fieldProblem, ProblemsError, type Problem } from '../domain/core/problems';
import { LEDGER_TX_TABLES, refreshLedgers } from './ledger';
import { activeDeductionTotals, paidAmount, payableAmount } from '../domain/contracts/payable';
import { deleteRecord, insertMany, insertRecord, updateRecord, type Writer } from './repo';

const TABLES = [...LEDGER_TX_TABLES, 'changeLog', 'projects'];

export { MAX_AMOUNT, PAYMENT_LIMITS, type PaymentProblem, type PaymentProblemCode } from '../domain/contracts/payment-rules';

export class PaymentInputError extends ProblemsError<PaymentProblemCode> {
  constructor(problems: PaymentProblem[]) {
    super('contracts', problems);
    this.name = 'PaymentInputError';
  }
}

/** Who is owed (the contract's operator, SPV, integrator…) and which department pays. */
export async function scheduleParties(db: WorkbenchDb, contract: Contract): Promise<ScheduleParties> {
  const gov = contract.parties.find((p) => p.role === 'government');
  let dept = gov?.orgId ?? '';
  if (!dept) dept = (await db.projects.get(contract.projectId))?.departmentId ?? '';
  return { payeeId: defaultPayeeId(contract), payerDepartmentId: dept };
}

export type ScheduleSpec = ({ mode: 'milestones'; milestones: MilestoneSpec[] }) | ({ mode: 'periodic' } & PeriodicSpec);

/** The obligations a schedule would create (nothing stored): the preview before saving. */
export function draftSchedule(contract: Contract, parties: ScheduleParties, spec: ScheduleSpec): ObligationDraft[] {
  return spec.mode === 'milestones'
    ? generateMilestoneObligations(contract, parties, spec.milestones)
    : generatePeriodicObligations(contract, parties, spec);
}

async function liveContract(db: WorkbenchDb, id: Uuid): Promise<Contract> {
  const c = await db.contracts.get(id);
  if (!c || c.deleted) throw new PaymentInputError([fieldProblem('contractId', 'not-found')]);
  return c;
}

/** Stores generated (or hand-made) obligations of one contract, all or nothing. */
export function saveObligations(w: Writer, contractId: Uuid, drafts: readonly ObligationDraft[]): Promise<PaymentObligation[]> {
  return w.db.transaction('rw', TABLES, async () => {
    await liveContract(w.db, contractId);
    if (drafts.length > PAYMENT_LIMITS.maxObligationsPerSave) {
      throw new PaymentInputError([fieldProblem('obligations', 'too-many', { max: PAYMENT_LIMITS.maxObligationsPerSave })]);
    }
    const problems = drafts.flatMap((d, i) => obligationDraftProblems(d).map((p) => ({ ...p, field: `${i}.${p.field}` })));
    if (drafts.some((d) => d.contractId !== contractId)) problems.push(fieldProblem('contractId', 'not-found'));
    if (problems.length) throw new PaymentInputError(problems);
    const rows = await insertMany<PaymentObligation>(w, 'obligations', drafts.map((d) => ({ ...d, description: d.description.trim() })));
    await refreshLedgers(w.db, [contractId]);
    return rows;
  });
}

export interface ObligationInput {
  kind: ObligationKind;
  description: string;
  triggerDate: string;
  /** '' = trigger date + the contract's payment term. */
  dueDate: string;
  amount: number;
  performanceLinkedAmount?: number;
}

/** One obligation entered by hand; payee and paying department come from the contract. */
export async function addObligation(w: Writer, contractId: Uuid, input: ObligationInput): Promise<PaymentObligation> {
  const contract = await liveContract(w.db, contractId);
  const parties = await scheduleParties(w.db, contract);
  const due = input.dueDate || (isIsoDate(input.triggerDate) ? dueDateFor(input.triggerDate, contract.paymentTermDays) : '');
  const draft: ObligationDraft = {
    contractId,
    projectId: contract.projectId,
    ...parties,
    kind: input.kind,
    description: input.description,
    triggerDate: input.triggerDate,
    dueDate: due,
    amount: { amount: input.amount, currency: contract.value.currency },
    performanceLinkedAmount: input.performanceLinkedAmount ?? 0,
    disputedAmount: 0,
  };
  // Checked here too so the form gets plain field names (a schedule's problems are prefixed by row).
  const problems = obligationDraftProblems(draft);
  if (problems.length) throw new PaymentInputError(problems);
  const [row] = await saveObligations(w, contractId, [draft]);
  return row;
}

export type ObligationPatch = Partial<Pick<PaymentObligation, 'kind' | 'description' | 'triggerDate' | 'dueDate' | 'performanceLinkedAmount' | 'disputedAmount' | 'payeeId' | 'payerDepartmentId'>> & {
  amount?: number;
};

export function updateObligation(w: Writer, id: Uuid, patch: ObligationPatch): Promise<PaymentObligation> {
  return w.db.transaction('rw', TABLES, async () => {
    const before = await w.db.obligations.get(id);
    if (!before || before.deleted) throw new PaymentInputError([fieldProblem('id', 'not-found')]);
    const { amount, ...rest } = patch;
    const after: PaymentObligation = {
      ...before,
      ...rest,
      description: (rest.description ?? before.description).trim(),
      amount: amount === undefined ? before.amount : { amount, currency: before.amount.currency },
    };
    const problems = obligationDraftProblems(after);
    if (problems.length) throw new PaymentInputError(problems);
    const { id: _i, createdAt: _c, updatedAt: _u, updatedBy: _b, rev: _r, deleted: _d, ...fields } = after;
    const row = await updateRecord<PaymentObligation>(w, 'obligations', id, fields);
    await refreshLedgers(w.db, [before.contractId]);
    return row;
  });
}

/**
 * Marks the part of the obligation in dispute or withheld (0 clears it). It is shown apart and
 * bears no late interest; the undisputed part stays payable on time.
 */
export function setDisputedAmount(w: Writer, obligationId: Uuid, amount: number): Promise<PaymentObligation> {
  return updateObligation(w, obligationId, { disputedAmount: amount });
}

/** Tombstones the obligation and the payments recorded against it. */
export function deleteObligation(w: Writer, id: Uuid): Promise<void> {
  return w.db.transaction('rw', TABLES, async () => {
    const o = await w.db.obligations.get(id);
    if (!o || o.deleted) return;
    const payments = await w.db.payments.where('obligationId').equals(id).toArray();
    for (const p of payments) if (!p.deleted) await deleteRecord(w, 'payments', p.id);
    await deleteRecord(w, 'obligations', id);
    await refreshLedgers(w.db, [o.contractId]);
  });
}

export interface PaymentInput {
  obligationId: Uuid;
  paidOn: string;
  /** Minor units in `currency`. */
  amount: number;
  /** The currency paid in; absent = the obligation's. Another currency than the obligation's is refused. */
  currency?: string;
  voucherNo: string;
  note: string;
}

export interface RecordedPayment {
  payment: Payment;
  /** Paid in total on the obligation, this payment included, and how much that exceeds the payable amount. */
  paidTotal: number;
  overpaid: number;
}

/** What payments on `o` are measured against: its payable amount after active deductions. */
export async function payableAmountOf(db: WorkbenchDb, o: PaymentObligation): Promise<number> {
  return payableAmount(o, activeDeductionTotals(await db.deductions.where('obligationId').equals(o.id).toArray()));
}

/** Records a payment (partial allowed). An overpayment is stored as paid and reported back. */
export function recordPayment(w: Writer, input: PaymentInput): Promise<RecordedPayment> {
  return w.db.transaction('rw', TABLES, async () => {
    const found = await w.db.obligations.get(input.obligationId);
    const o = found && !found.deleted ? found : undefined;
    const problems = paymentDraftProblems(input, o);
    if (problems.length || !o) throw new PaymentInputError(problems);
    const voucherNo = input.voucherNo.trim();
    const note = input.note.trim();
    const payment = await insertRecord<Payment>(w, 'payments', {
      obligationId: o.id,
      contractId: o.contractId,
      paidOn: input.paidOn,
      amount: { amount: input.amount, currency: o.amount.currency },
      voucherNo,
      note,
    });
    const paidTotal = paidAmount(o, await w.db.payments.where('obligationId').equals(o.id).toArray());
    const payable = await payableAmountOf(w.db, o);
    await refreshLedgers(w.db, [o.contractId]);
    return { payment, paidTotal, overpaid: Math.max(0, paidTotal - payable) };
  });
}

export function deletePayment(w: Writer, id: Uuid): Promise<void> {
  return w.db.transaction('rw', TABLES, async () => {
    const p = await w.db.payments.get(id);
    if (!p || p.deleted) return;
    await deleteRecord(w, 'payments', id);
    await refreshLedgers(w.db, [p.contractId]);
  });
}

/** A contract's live obligations by due date (then trigger date, id): one index read. */
export async function obligationsOfContract(db: WorkbenchDb, contractId: Uuid): Promise<PaymentObligation[]> {
  const rows = await db.obligations.where('contractId').equals(contractId).toArray();
  return rows
    .filter((o) => !o.deleted)
    .sort(compareObligations);
}

/** A contract's live payments by date. */
export async function paymentsOfContract(db: WorkbenchDb, contractId: Uuid): Promise<Payment[]> {
  const rows = await db.payments.where('contractId').equals(contractId).toArray();
  return rows.filter((p) => !p.deleted).sort((a, b) => compareDates(a.paidOn, b.paidOn) || (a.createdAt < b.createdAt ? -1 : 1));
}
