// The form rules and references of incoming contracts, amendments, obligations and payments
// (domain/interchange/incoming-contracts.ts), checked against the file and this desk together.
// Runs inside the import's transaction, so the parents it reads are the ones the merge meets.
import type { Contract, ContractAmendment, Payment, PaymentObligation, RecordMeta, Uuid } from '../../../domain/core/types';
import type { Versioned } from '../../../domain/interchange/merge';
import { incomingContractProblems, type KnownParents } from '../../../domain/interchange/incoming-contracts';
import type { WorkbenchDb } from '../../db';
import type { ExchangeProblem } from './problems';
import type { ExchangeTable } from './schema';

type Tables = Pick<Record<ExchangeTable, readonly Versioned<RecordMeta>[]>, 'projects' | 'contracts' | 'amendments' | 'obligations' | 'payments'>;

const records = <T>(rows: readonly Versioned<RecordMeta>[]) => rows.map((v) => v.record as unknown as T);

/** Ids in `wanted` that `have` lacks: only those are read from the desk. */
function missing(wanted: Iterable<Uuid>, have: Iterable<Uuid>): Uuid[] {
  const held = new Set(have);
  return [...new Set(wanted)].filter((id) => !held.has(id));
}

/** Every problem of the incoming contract records; [] when they may be merged. */
export async function contractRecordProblems(db: WorkbenchDb, tables: Tables): Promise<ExchangeProblem[]> {
  const rows = {
    projectIds: tables.projects.map((v) => v.record.id),
    contracts: records<Contract>(tables.contracts),
    amendments: records<ContractAmendment>(tables.amendments),
    obligations: records<PaymentObligation>(tables.obligations),
    payments: records<Payment>(tables.payments),
  };
  if (rows.contracts.length + rows.amendments.length + rows.obligations.length + rows.payments.length === 0) return [];
  const projectIds = missing(rows.contracts.map((c) => c.projectId), rows.projectIds);
  const contractIds = missing([...rows.amendments, ...rows.obligations].map((r) => r.contractId), rows.contracts.map((c) => c.id));
  const obligationIds = missing(rows.payments.map((p) => p.obligationId), rows.obligations.map((o) => o.id));
  const [projects, contracts, obligations] = await Promise.all([
    db.projects.bulkGet(projectIds),
    db.contracts.bulkGet(contractIds),
    db.obligations.bulkGet(obligationIds),
  ]);
  const known: KnownParents = {
    projects: new Set(projects.flatMap((p) => (p ? [p.id] : []))),
    contracts: new Map(contracts.flatMap((c) => (c ? [[c.id, c] as const] : []))),
    obligations: new Map(obligations.flatMap((o) => (o ? [[o.id, o] as const] : []))),
  };
  return incomingContractProblems(rows, known);
}
