// The reference-rate tables the office edits: the seed applies until the first stored row; stored
// rows replace it. The UK policy's interest follows an edited base rate; the SME rate warning
// follows an edited LPR, in the contract and in its stored ledger.
import { describe, expect, it } from 'vitest';
import {
  addReferenceRate,
  deleteReferenceRate,
  contractRuleTables,
  interestTables,
  listReferenceRates,
  seedReferenceRates,
  updateReferenceRate,
} from '../../../renderer/src/data/reference-rates';
import { accrueInterest, compileInterestPlan } from '../../../renderer/src/domain/contracts/interest';
import { contractWarnings } from '../../../renderer/src/domain/contracts/contract-rules';
import { SEED_BOE_BASE, SEED_LPR_1Y } from '../../../renderer/src/domain/contracts/rate-tables';
import { refreshStaleLedgers, staleLedgerIds } from '../../../renderer/src/data/ledger';
import { createPpp, expectLedgersInSync, problemCodes, storedLedger, world } from './contract-fixtures';
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

  it('an edited LPR changes the SME rate warning, on the contract and in its rebuilt ledger', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const parties = [
      { orgId: x.deptId, role: 'government' as const, isSme: false },
      { orgId: x.smeId, role: 'operator' as const, isSme: true },
    ];
    // Signed 2025-07-01 at 83 ppm/day = 30 295 ppm a year. Built-in LPR then: 3.00% = 30 000 → fine.
    const periods = { constructionStart: '2025-07-15', constructionEnd: '2026-06-30', operationStart: '2026-07-01', operationEnd: '2038-06-30' };
    const agreed = await createPpp(w, x, { parties, ...periods, signedOn: '2025-07-01', interestPolicy: 'contract-rate', contractRatePpmPerDay: 83 });
    const statute = await createPpp(w, x, { code: 'HT-PPP-02', parties, ...periods, signedOn: '2025-07-01', interestPolicy: 'cn-sme' });
    const below = async () => contractWarnings((await db.contracts.get(agreed.id))!, await contractRuleTables(db)).find((v) => v.code === 'sme-rate-below-lpr');
    const ledgerCodes = async () => (await storedLedger(db, agreed.id))!.warnings.map((v) => v.code);
    expect((await contractRuleTables(db)).lpr1y).toEqual(SEED_LPR_1Y);
    expect(await below()).toBeUndefined();
    expect(await ledgerCodes()).not.toContain('sme-rate-below-lpr');

    // The office enters 3.10% from 2025-06-20 = 31 000 ppm a year: 30 295 is below; the least rate
    // is ⌈31 000 / 365⌉ = ⌈84.93⌉ = 85 ppm/day. Only the contract with an agreed rate goes stale.
    const r = await addReferenceRate(w, { policy: 'lpr', effectiveFrom: '2025-06-20', rateBp: 310 });
    expect((await contractRuleTables(db)).lpr1y).toEqual([{ effectiveFrom: '2025-06-20', rateBp: 310 }]);
    expect((await below())?.params).toEqual({ ppmPerDay: 83, lprBp: 310, minPpmPerDay: 85, signedOn: '2025-07-01' });
    expect(await staleLedgerIds(db)).toEqual([agreed.id]);
    expect(await refreshStaleLedgers(db)).toBe(1);
    expect(await ledgerCodes()).toContain('sme-rate-below-lpr');
    await expectLedgersInSync(db);
    expect(statute.id).not.toBe(agreed.id);

    // Deleted again: the built-in table applies, the warning and the ledger flag go.
    await deleteReferenceRate(w, r.id);
    expect(await below()).toBeUndefined();
    expect(await staleLedgerIds(db)).toEqual([agreed.id]);
    await refreshStaleLedgers(db);
    expect(await ledgerCodes()).not.toContain('sme-rate-below-lpr');

    // EU and UK rates do not touch the ledgers (they are read when the roll-up runs).
    await addReferenceRate(w, { policy: 'uk', effectiveFrom: '2025-01-01', rateBp: 450 });
    expect(await staleLedgerIds(db)).toEqual([]);
    // Copying the LPR seed changes nothing that applies, so it marks nothing either.
    expect(await seedReferenceRates(w, 'lpr')).toBe(SEED_LPR_1Y.length);
    expect(await staleLedgerIds(db)).toEqual([]);
  });
});
