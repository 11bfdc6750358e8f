// The office's editable reference-rate tables for the EU and UK late-interest policies (ECB main
// refinancing rate, Bank of England base rate). An isolated network cannot fetch new rates, so an
// officer enters them; until the first entry of a policy the shipped seed table applies.
import { isIsoDate } from '../domain/dates';
import { DEFAULT_INTEREST_TABLES, interestTablesFromReferenceRates, type InterestPolicyTables } from '../domain/interest';
import { SEED_BOE_BASE, SEED_ECB_MRO } from '../domain/rate-tables';
import type { ReferenceRate, Uuid } from '../domain/types';
import type { WorkbenchDb } from './db';
import { InputProblemsError, type InputProblem } from './input-problems';
import { deleteRecord, insertMany, insertRecord, updateRecord, type Writer } from './repo';

export type RatePolicy = ReferenceRate['policy'];
export const RATE_POLICIES: readonly RatePolicy[] = ['eu', 'uk'];
/** ±50% a year: anything beyond is a typing mistake. */
export const MAX_RATE_BP = 5000;

export interface ReferenceRateInput {
  policy: RatePolicy;
  effectiveFrom: string;
  rateBp: number;
}

export type RateProblemCode = 'required' | 'invalid-date' | 'out-of-range' | 'duplicate-date';

export class RateInputError extends InputProblemsError<RateProblemCode> {
  constructor(problems: InputProblem<RateProblemCode>[]) {
    super('reference rate', problems);
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

async function check(db: WorkbenchDb, r: ReferenceRateInput, exceptId?: Uuid): Promise<void> {
  const problems: InputProblem<RateProblemCode>[] = [];
  if (!isIsoDate(r.effectiveFrom)) problems.push({ field: 'effectiveFrom', code: r.effectiveFrom ? 'invalid-date' : 'required' });
  if (!Number.isSafeInteger(r.rateBp) || r.rateBp < -MAX_RATE_BP || r.rateBp > MAX_RATE_BP) problems.push({ field: 'rateBp', code: 'out-of-range' });
  if (!problems.length && (await listReferenceRates(db, r.policy)).some((x) => x.effectiveFrom === r.effectiveFrom && x.id !== exceptId)) {
    problems.push({ field: 'effectiveFrom', code: 'duplicate-date' });
  }
  if (problems.length) throw new RateInputError(problems);
}

export function addReferenceRate(w: Writer, r: ReferenceRateInput): Promise<ReferenceRate> {
  return w.db.transaction('rw', ['referenceRates', 'changeLog'], async () => {
    await check(w.db, r);
    return insertRecord<ReferenceRate>(w, 'referenceRates', { ...r });
  });
}

export function updateReferenceRate(w: Writer, id: Uuid, r: ReferenceRateInput): Promise<ReferenceRate> {
  return w.db.transaction('rw', ['referenceRates', 'changeLog'], async () => {
    await check(w.db, r, id);
    return updateRecord<ReferenceRate>(w, 'referenceRates', id, { ...r });
  });
}

export function deleteReferenceRate(w: Writer, id: Uuid): Promise<void> {
  return deleteRecord<ReferenceRate>(w, 'referenceRates', id);
}

/**
 * Copies the shipped seed table of a policy into stored rows, so the officer can edit from it.
 * Does nothing when the policy already has stored rates.
 */
export function seedReferenceRates(w: Writer, policy: RatePolicy): Promise<number> {
  return w.db.transaction('rw', ['referenceRates', 'changeLog'], async () => {
    if ((await listReferenceRates(w.db, policy)).length) return 0;
    const seed = policy === 'eu' ? SEED_ECB_MRO : SEED_BOE_BASE;
    await insertMany<ReferenceRate>(w, 'referenceRates', seed.map((e) => ({ policy, effectiveFrom: e.effectiveFrom, rateBp: e.rateBp })));
    return seed.length;
  });
}
