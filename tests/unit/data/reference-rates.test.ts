// The EU/UK reference-rate tables the office edits: the seed applies until the first stored row;
// stored rows replace it, and the UK policy's interest follows an edited base rate.
import { describe, expect, it } from 'vitest';
import {
  addReferenceRate,
  deleteReferenceRate,
  interestTables,
  listReferenceRates,
  seedReferenceRates,
  updateReferenceRate,
} from '../../../renderer/src/data/reference-rates';
import { accrueInterest, compileInterestPlan } from '../../../renderer/src/domain/interest';
import { SEED_BOE_BASE } from '../../../renderer/src/domain/rate-tables';
import { problemCodes } from './contract-fixtures';
import { freshDb } from './helpers';

describe('reference rates', () => {
  it('uses the seed until rows are stored, then exactly the stored rows', async () => {
    const { db, w } = await freshDb();
    expect((await interestTables(db)).uk.baseRates).toEqual(SEED_BOE_BASE);
    const r = await addReferenceRate(w, { policy: 'uk', effectiveFrom: '2024-01-01', rateBp: 500 });
    expect((await interestTables(db)).uk.baseRates).toEqual([{ effectiveFrom: '2024-01-01', rateBp: 500 }]);
    // UK: base 5.00% + 8 points = 13% a year on 1,000,000 fen for 10 days, actual/365:
    // 1,000,000 × 1300 × 10 / 3,650,000 = 3,561.64… → 3,562 fen.
    const plan = () => interestTables(db).then((t) => compileInterestPlan({ interestPolicy: 'uk', contractRatePpmPerDay: 0 }, t));
    const input = { dueDate: '2024-07-30', asOf: '2024-08-09', amount: 1_000_000, disputedAmount: 0, payments: [] };
    expect(accrueInterest(await plan(), input).interest).toBe(3_562);
    // Corrected to 4.00%: 12% → 1,000,000 × 1200 × 10 / 3,650,000 = 3,287.67… → 3,288 fen.
    await updateReferenceRate(w, r.id, { policy: 'uk', effectiveFrom: '2024-01-01', rateBp: 400 });
    expect(accrueInterest(await plan(), input).interest).toBe(3_288);
    await deleteReferenceRate(w, r.id);
    expect(await listReferenceRates(db, 'uk')).toEqual([]);
    expect((await interestTables(db)).uk.baseRates).toEqual(SEED_BOE_BASE);
  });

  it('refuses bad dates, rates and a second rate on one date; copies the seed to edit once', async () => {
    const { db, w } = await freshDb();
    expect(await problemCodes(addReferenceRate(w, { policy: 'eu', effectiveFrom: '2025-02-30', rateBp: 99_999 }))).toEqual([
      'effectiveFrom:invalid-date',
      'rateBp:out-of-range',
    ]);
    await addReferenceRate(w, { policy: 'eu', effectiveFrom: '2025-06-11', rateBp: 215 });
    expect(await problemCodes(addReferenceRate(w, { policy: 'eu', effectiveFrom: '2025-06-11', rateBp: 200 }))).toEqual(['effectiveFrom:duplicate-date']);
    // The EU table already has a row: nothing copied; the UK one gets the whole seed.
    expect(await seedReferenceRates(w, 'eu')).toBe(0);
    expect(await seedReferenceRates(w, 'uk')).toBe(SEED_BOE_BASE.length);
    expect((await listReferenceRates(db, 'uk')).map((x) => x.effectiveFrom)).toEqual(SEED_BOE_BASE.map((x) => x.effectiveFrom));
  });
});
