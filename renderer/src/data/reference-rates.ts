// The office's editable reference-rate tables: the EU and UK late-interest policies (ECB main
// refinancing rate, Bank of England base rate) and the 1-year LPR the SME rate warning compares
// against. An isolated network cannot fetch new rates, so an officer enters them; until the first
// entry of a table the shipped seed applies. LPR edits mark the ledgers whose warnings they can
// change as stale (the ledgers keep each contract's warnings); EU/UK rates are read at roll-up time.
import { DEFAULT_INTEREST_TABLES, interestTablesFromReferenceRates, type InterestPolicyTables } from '../domain/contracts/interest';
import { rateEntryProblems, SEED_BOE_BASE, SEED_ECB_MRO, SEED_LPR_1Y, type RateProblemCode, type RateTableEntry } from '../domain/contracts/rate-tables';
import { contractRuleTablesFromReferenceRates, warningsDependOnLpr, type ContractRuleTables } from '../domain/contracts/contract-rules';
import type { ReferenceRate, Uuid } from '../domain/core/types';
import type { WorkbenchDb } from './db';
import { ProblemsError, type Problem } from '../domain/core/problems';
import { deleteRecord, insertMany, insertRecord, updateRecord, type Writer } from './repo';
import { LEDGER_STALE, staleMark } from './ledger-sync';

export type RatePolicy = ReferenceRate['policy'];
export const RATE_POLICIES: readonly RatePolicy[] = ['lpr', 'eu', 'uk'];
export const RATE_SEEDS: Readonly<Record<RatePolicy, readonly RateTableEntry[]>> = { eu: SEED_ECB_MRO, uk: SEED_BOE_BASE, lpr: SEED_LPR_1Y };
const TX_TABLES = ['referenceRates', 'changeLog', 'contracts', LEDGER_STALE];

export interface ReferenceRateInput {
  policy: RatePolicy;
  effectiveFrom: string;
  rateBp: number;
}

export class RateInputError extends ProblemsError<RateProblemCode> {
  constructor(problems: Problem<RateProblemCode>[]) {
    super('contracts', problems);
    this.name = 'RateInputError';
  }
}

/** Live rates of a policy by date; empty when the office has not entered any (the seed applies). */
export async function listReferenceRates(db: WorkbenchDb, policy: RatePolicy): Promise<ReferenceRate[]> {
  const rows = await db.referenceRates.where('[policy+effectiveFrom]').between([policy, ''], [policy, '\uffff']).toArray();
  return rows.filter((r) => !r.deleted);
}

/** The interest tables every roll-up uses: stored rates over the shipped defaults. */
export async function interestTables(db: WorkbenchDb): Promise<InterestPolicyTables> {
  return interestTablesFromReferenceRates(await db.referenceRates.toArray(), DEFAULT_INTEREST_TABLES);
}

/** The thresholds contract warnings use: the stored LPR over the shipped defaults. */
export async function contractRuleTables(db: WorkbenchDb): Promise<ContractRuleTables> {
  return contractRuleTablesFromReferenceRates(await listReferenceRates(db, 'lpr'));
}

/** After an LPR change: the ledgers whose warnings may differ are rebuilt before the next read. */
async function lprChanged(db: WorkbenchDb): Promise<void> {
  const ids: Uuid[] = [];
  await db.contracts.each((c) => {
    if (!c.deleted && warningsDependOnLpr(c)) ids.push(c.id);
  });
  await db.ledgerStale.bulkPut(ids.map(staleMark));
}

async function check(db: WorkbenchDb, r: ReferenceRateInput, exceptId?: Uuid): Promise<void> {
  const others = (await listReferenceRates(db, r.policy)).filter((x) => x.id !== exceptId);
  const problems = rateEntryProblems(r, others);
  if (problems.length) throw new RateInputError(problems);
}

export function addReferenceRate(w: Writer, r: ReferenceRateInput): Promise<ReferenceRate> {
  return w.db.transaction('rw', TX_TABLES, async () => {
    await check(w.db, r);
    const row = await insertRecord<ReferenceRate>(w, 'referenceRates', { ...r });
    if (r.policy === 'lpr') await lprChanged(w.db);
    return row;
  });
}

export function updateReferenceRate(w: Writer, id: Uuid, r: ReferenceRateInput): Promise<ReferenceRate> {
  return w.db.transaction('rw', TX_TABLES, async () => {
    await check(w.db, r, id);
    const before = await w.db.referenceRates.get(id);
    const row = await updateRecord<ReferenceRate>(w, 'referenceRates', id, { ...r });
    if (r.policy === 'lpr' || before?.policy === 'lpr') await lprChanged(w.db);
    return row;
  });
}

export function deleteReferenceRate(w: Writer, id: Uuid): Promise<void> {
  return w.db.transaction('rw', TX_TABLES, async () => {
    const before = await w.db.referenceRates.get(id);
    await deleteRecord<ReferenceRate>(w, 'referenceRates', id);
    if (before?.policy === 'lpr') await lprChanged(w.db);
  });
}

/**
 * Copies the shipped seed table of a policy into stored rows, so the officer can edit from it.
 * Does nothing when the policy already has stored rates.
 */
export function seedReferenceRates(w: Writer, policy: RatePolicy): Promise<number> {
  // The seed is what applies already, so copying it changes no warning and marks nothing stale.
  return w.db.transaction('rw', ['referenceRates', 'changeLog'], async () => {
    if ((await listReferenceRates(w.db, policy)).length) return 0;
    const seed = RATE_SEEDS[policy];
    await insertMany<ReferenceRate>(w, 'referenceRates', seed.map((e) => ({ policy, effectiveFrom: e.effectiveFrom, rateBp: e.rateBp })));
    return seed.length;
  });
}
