// Arrears as of a date. The portfolio roll-up reads the compact per-contract ledgers (one small row
// per contract) and replays them through the domain's computeArrears; views of one contract or one
// counterparty read that contract's or counterparty's raw rows by index and keep every row.
import { computeArrears, groupPaymentsByObligation, rollUpRows, type ArrearsContract, type ArrearsObligation, type ArrearsReport, type ArrearsRollup, type ObligationArrears } from '../domain/contracts/arrears';
import { regroupRollups } from '../domain/contracts/arrears-views';
import { decodeLedgerHeader, LedgerFormatError, LedgerSet, replayLedgers, ReplayPayments, type LedgerHeader } from '../domain/contracts/contract-ledger';
import type { InterestPolicyTables } from '../domain/contracts/interest';
import { activeDeductionTotals, payableObligations } from '../domain/contracts/payable';
import { compareObligations } from '../domain/contracts/schedule';
import { screenRows, type RowProblem } from '../domain/contracts/ledger-rows';
import { smeInterestUnagreed } from '../domain/contracts/contract-rules';
import { smeStatuteInterest } from '../domain/contracts/sme-statute';
import type { Contract, ContractType, IsoDate, Money, Payment, PaymentObligation, Uuid } from '../domain/core/types';
import { contractsOfProject } from './contracts';
import type { WorkbenchDb } from './db';
import { forEachLiveLedger, readLedgerRows, refreshLedgersInBatches, type LedgerRows } from './ledger';
import { contractRuleTables, interestTables } from './reference-rates';

export interface ArrearsFilter {
  type?: ContractType | '';
  departmentId?: Uuid | '';
  payeeId?: Uuid | '';
  projectId?: Uuid | '';
}

/** Ledgers read once and decoded; a roll-up for another as-of date reuses them. */
export interface LedgerSnapshot {
  set: LedgerSet;
  /** Ledgers not yet rebuilt, or unreadable (an older format): left out of `set`. */
  staleIds: Uuid[];
  readMs: number;
  decodeMs: number;
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** Decodes ledger rows read elsewhere (e.g. by a live query); stale or unreadable ledgers are listed, not decoded. */
export function decodeSnapshot(rows: LedgerRows, readMs = 0): LedgerSnapshot {
  const t = now();
  const set = new LedgerSet();
  const staleIds = [...rows.staleIds];
  set.reserve(rows.pages.flatMap((p) => p.d));
  forEachLiveLedger(rows, (id, packed) => {
    try {
      set.add(id, packed);
    } catch (e) {
      if (!(e instanceof LedgerFormatError)) throw e;
      staleIds.push(id);
    }
  });
  return { set, staleIds, readMs, decodeMs: Math.round(now() - t) };
}

/** Reads every ledger (a few page rows); stale ones are listed in the snapshot, not rebuilt. */
export async function loadLedgers(db: WorkbenchDb): Promise<LedgerSnapshot> {
  const t = now();
  const rows = await readLedgerRows(db);
  return decodeSnapshot(rows, Math.round(now() - t));
}

export interface PortfolioArrears {
  asOf: IsoDate;
  /** Roll-ups per contract, project, payee (counterparty) and payer department, and the total. */
  report: ArrearsReport;
  byType: Map<string, ArrearsRollup>;
  /** Contract type of each contract in the roll-up. */
  contractTypes: Map<Uuid, ContractType>;
  /** Value of each contract in the roll-up, with its type (dashboard totals by type; never summed across currencies here). */
  contractValues: { contractId: Uuid; type: ContractType; amount: number; currency: string }[];
  /** Rows held apart (malformed, or paid in another currency) across the contracts rolled up: left out of every figure. */
  heldApart: number;
  /** Up to MAX_ROW_PROBLEMS of them per contract, naming contract and row. */
  problems: RowProblem[];
  computeMs: number;
}

function keepGroup(f: ArrearsFilter): ((o: ArrearsObligation) => boolean) | null {
  if (!f.departmentId && !f.payeeId && !f.projectId) return null;
  return (o) =>
    (!f.departmentId || o.payerDepartmentId === f.departmentId) && (!f.payeeId || o.payeeId === f.payeeId) && (!f.projectId || o.projectId === f.projectId);
}

function* filtered(source: Generator<ArrearsObligation>, keep: (o: ArrearsObligation) => boolean): Generator<ArrearsObligation> {
  for (const o of source) if (keep(o)) yield o;
}

/** The portfolio roll-up of already loaded ledgers: synchronous, so an as-of change costs compute only. */
export function rollUpLedgers(snapshot: LedgerSnapshot, tables: InterestPolicyTables, asOf: IsoDate, filter: ArrearsFilter = {}): PortfolioArrears {
  const t = now();
  const set = snapshot.set;
  const picked: number[] = [];
  for (let c = 0; c < set.count; c++) if (!filter.type || set.types[c] === filter.type) picked.push(c);
  const contracts = new Map<Uuid, ArrearsContract>();
  const contractTypes = new Map<Uuid, ContractType>();
  const contractValues: PortfolioArrears['contractValues'] = [];
  let heldApart = 0;
  const problems: RowProblem[] = [];
  for (const c of picked) {
    const id = set.contractIds[c];
    heldApart += set.heldApart[c];
    if (set.problems[c].length) problems.push(...set.problems[c]);
    contracts.set(id, set.contracts[c]);
    contractTypes.set(id, set.types[c]);
    contractValues.push({ contractId: id, type: set.types[c], amount: set.values[c].amount, currency: set.values[c].currency });
  }
  const payments = new ReplayPayments();
  const source = replayLedgers(set, payments, picked);
  const keep = keepGroup(filter);
  const report = computeArrears(keep ? filtered(source, keep) : source, payments, contracts, tables, asOf, { rows: 'none' });
  const byType = regroupRollups(report.byContract, (id) => contractTypes.get(id) ?? '');
  return { asOf, report, byType, contractTypes, contractValues, heldApart, problems, computeMs: Math.round(now() - t) };
}

/**
 * Portfolio arrears as of `asOf` (for the dashboard, reports, the arrears view): reads every
 * ledger, rebuilds those found stale and reads them again, and rolls them up. Not inside a live
 * query (it may write).
 */
export async function arrearsReport(db: WorkbenchDb, asOf: IsoDate, filter: ArrearsFilter = {}): Promise<PortfolioArrears & { readMs: number }> {
  const tablesP = interestTables(db);
  let snapshot = await loadLedgers(db);
  if (snapshot.staleIds.length) {
    await refreshLedgersInBatches(db, snapshot.staleIds);
    snapshot = await loadLedgers(db);
  }
  return { ...rollUpLedgers(snapshot, await tablesP, asOf, filter), readMs: snapshot.readMs + snapshot.decodeMs };
}

/** Contracts whose stored ledger carries warnings (the portfolio warnings list). */
export function contractsWithWarnings(rows: LedgerRows): LedgerHeader[] {
  const out: LedgerHeader[] = [];
  forEachLiveLedger(rows, (id, packed) => {
    let h: LedgerHeader;
    try {
      h = decodeLedgerHeader(id, packed);
    } catch (e) {
      // An older format waits for its rebuild like a stale ledger.
      if (e instanceof LedgerFormatError) return;
      throw e;
    }
    if (h.warnings.length) out.push(h);
  });
  return out;
}

// ---- raw-row views: one contract, one counterparty ----

async function activeDeductionsOf(db: WorkbenchDb, obligationIds: readonly Uuid[]): Promise<Map<Uuid, number>> {
  if (obligationIds.length === 0) return new Map();
  return activeDeductionTotals(await db.deductions.where('obligationId').anyOf([...obligationIds]).toArray());
}

export interface ScheduleView {
  obligations: PaymentObligation[];
  payments: Payment[];
  /** Rows held apart (malformed, or paid in another currency): listed, never counted. */
  heldApart: number;
  problems: RowProblem[];
  /** Active performance deductions per obligation (minor units). */
  deductions: Map<Uuid, number>;
  rows: Map<Uuid, ObligationArrears>;
  total: ArrearsRollup;
  /**
   * An SME contract that agrees no late interest: what the statute's 0.05% a day would have
   * accrued as of the date, per currency (shown with its warning); null for other contracts.
   */
  statuteInterest: Money[] | null;
}

/** Raw rows of obligations (any contracts), their payments and deductions, computed as of `asOf`. */
async function computeRaw(
  db: WorkbenchDb,
  obligations: PaymentObligation[],
  contracts: Map<Uuid, Contract>,
  asOf: IsoDate,
  tables?: InterestPolicyTables,
): Promise<ScheduleView & { counted: { obligations: ArrearsObligation[]; payments: Map<Uuid, Payment[]>; tables: InterestPolicyTables } }> {
  const ids = obligations.map((o) => o.id);
  const payments = ids.length ? (await db.payments.where('obligationId').anyOf(ids).toArray()).filter((p) => !p.deleted) : [];
  const deductions = await activeDeductionsOf(db, ids);
  // The same screen as the ledgers', contract by contract, so these views count what the roll-up counts.
  const byContract = new Map<Uuid, PaymentObligation[]>();
  for (const o of obligations) {
    const list = byContract.get(o.contractId);
    if (list) list.push(o);
    else byContract.set(o.contractId, [o]);
  }
  const paymentsOf = groupPaymentsByObligation(payments);
  const counted: PaymentObligation[] = [];
  const countedPayments: Payment[] = [];
  const problems: RowProblem[] = [];
  let heldApart = 0;
  for (const [contractId, list] of byContract) {
    const screened = screenRows(contractId, list, list.flatMap((o) => paymentsOf.get(o.id) ?? []), deductions);
    counted.push(...screened.obligations);
    countedPayments.push(...screened.payments);
    problems.push(...screened.problems);
    heldApart += screened.heldApart;
  }
  const usedTables = tables ?? (await interestTables(db));
  const payable = payableObligations(counted, deductions);
  const paidBy = groupPaymentsByObligation(countedPayments);
  const report = computeArrears(payable, paidBy, contracts, usedTables, asOf);
  payments.sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : a.createdAt < b.createdAt ? -1 : 1));
  return {
    obligations,
    payments,
    heldApart,
    problems,
    deductions,
    rows: new Map(report.rows.map((r) => [r.obligationId, r])),
    total: report.total,
    statuteInterest: null,
    counted: { obligations: payable, payments: paidBy, tables: usedTables },
  };
}

/** The payment schedule of one contract with each obligation's arrears as of `asOf`. */
export async function contractSchedule(db: WorkbenchDb, contractId: Uuid, asOf: IsoDate): Promise<ScheduleView> {
  const contract = await db.contracts.get(contractId);
  const obligations = (await db.obligations.where('contractId').equals(contractId).toArray())
    .filter((o) => !o.deleted)
    .sort(compareObligations);
  const live = contract && !contract.deleted ? contract : undefined;
  const contracts = new Map<Uuid, Contract>(live ? [[live.id, live]] : []);
  const { counted, ...view } = await computeRaw(db, obligations, contracts, asOf);
  if (live && smeInterestUnagreed(live, await contractRuleTables(db))) {
    view.statuteInterest = smeStatuteInterest(live, counted.obligations, counted.payments, counted.tables, asOf);
  }
  return view;
}

export interface ProjectArrears extends ScheduleView {
  /** The project's live contracts by code. */
  contracts: Contract[];
}

/**
 * A project's contracts and each of their obligations' arrears as of `asOf`, from the raw rows and
 * the same payable amounts, payments and interest tables as the arrears view (the review report).
 */
export async function projectArrears(db: WorkbenchDb, projectId: Uuid, asOf: IsoDate): Promise<ProjectArrears> {
  const contracts = await contractsOfProject(db, projectId);
  const live = new Map(contracts.map((c) => [c.id, c]));
  const obligations = (await db.obligations.where('projectId').equals(projectId).toArray())
    .filter((o) => !o.deleted && live.has(o.contractId))
    .sort(compareObligations);
  const { counted: _counted, ...view } = await computeRaw(db, obligations, live, asOf);
  return { contracts, ...view };
}

export interface StatementLine {
  row: ObligationArrears;
  obligation: PaymentObligation;
  contract: Contract | undefined;
}

export interface Statement {
  orgId: Uuid;
  asOf: IsoDate;
  /** Obligations with an overdue amount or late interest owed to the counterparty, oldest due date first. */
  lines: StatementLine[];
  /** Obligations with an amount in dispute (shown apart; no interest on the disputed part). */
  disputed: StatementLine[];
  total: ArrearsRollup;
  isSme: boolean;
  /** The counterparty's rows held apart (malformed, or paid in another currency). */
  heldApart: number;
  problems: RowProblem[];
}

/** 欠款确认书: what is overdue to one counterparty as of `asOf`, from its obligations' raw rows. */
export async function counterpartyStatement(db: WorkbenchDb, orgId: Uuid, asOf: IsoDate): Promise<Statement> {
  const obligations = (await db.obligations.where('payeeId').equals(orgId).toArray()).filter((o) => !o.deleted);
  const contractIds = [...new Set(obligations.map((o) => o.contractId))];
  const contracts = new Map<Uuid, Contract>();
  for (const c of await db.contracts.bulkGet(contractIds)) if (c && !c.deleted) contracts.set(c.id, c);
  const live = obligations.filter((o) => contracts.has(o.contractId));
  const view = await computeRaw(db, live, contracts, asOf);
  const byId = new Map(live.map((o) => [o.id, o]));
  const line = (row: ObligationArrears): StatementLine => ({ row, obligation: byId.get(row.obligationId) as PaymentObligation, contract: contracts.get(row.contractId) });
  const all = [...view.rows.values()].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  // Late interest stays owed after a late payment settled the principal, so such rows are listed too.
  const owed = all.filter((r) => r.overdue > 0 || r.interest > 0);
  return {
    orgId,
    asOf,
    lines: owed.map(line),
    disputed: all.filter((r) => r.disputed > 0 && r.isDue).map(line),
    total: rollUpRows(orgId, owed),
    isSme: all.some((r) => r.payeeIsSme),
    heldApart: view.heldApart,
    problems: view.problems,
  };
}

