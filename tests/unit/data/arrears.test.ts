// Arrears from the ledgers: kept in step by every write (repositories, raw writes of imports and
// merges, tombstones, hard deletes, clears, restores), and a roll-up equal to computeArrears over
// the raw rows for a random portfolio; a worked example of one contract and one counterparty.
import { describe, expect, it } from 'vitest';
import { arrearsReport, contractSchedule, counterpartyStatement, loadLedgers, rollUpLedgers } from '../../../renderer/src/data/arrears';
import { activeDeductionTotals, payableObligations } from '../../../renderer/src/domain/contracts/payable';
import { amendContract } from '../../../renderer/src/data/contracts';
import { openDb, SCHEMA_V2 } from '../../../renderer/src/data/db';
import { ledgerFromRows, rebuildAllLedgers, refreshStaleLedgers, staleLedgerIds } from '../../../renderer/src/data/ledger';
import { addObligation, recordPayment, setDisputedAmount } from '../../../renderer/src/data/payments';
import { addReferenceRate, interestTables } from '../../../renderer/src/data/reference-rates';
import { insertMany, type NewRecord } from '../../../renderer/src/data/repo';
import { computeArrears, groupPaymentsByObligation, type ArrearsRollup } from '../../../renderer/src/domain/contracts/arrears';
import { addDays } from '../../../renderer/src/domain/core/dates';
import { makeRng } from '../../../renderer/src/domain/core/random';
import type { PerformanceDeduction } from '../../../renderer/src/domain/reviews/review-types';
import {
  CONTRACT_TYPES,
  INTEREST_POLICY_KINDS,
  type Contract,
  type Organisation,
  type Payment,
  type PaymentObligation,
  type Project,
} from '../../../renderer/src/domain/core/types';
import Dexie from 'dexie';
import { createPpp, expectLedgersInSync, world, storedEntries, storedLedger } from './contract-fixtures';
import { freshDb } from './helpers';
import { emptyContractDraft } from '../../../renderer/src/data/contracts';
import { emptyProjectDraft } from '../../../renderer/src/domain/projects/project-rules';
import { DEFAULT_CONTRACT_RULE_TABLES } from '../../../renderer/src/domain/contracts/contract-rules';

/** Roll-ups compared without caring in which order currencies first appeared. */
function norm(r: ArrearsRollup): ArrearsRollup {
  const by = <T extends { currency: string }>(a: T[]) => [...a].sort((x, y) => x.currency.localeCompare(y.currency));
  return { ...r, currencies: by(r.currencies), fixedCompensation: by(r.fixedCompensation) };
}
function normMap(m: Map<string, ArrearsRollup>): Map<string, ArrearsRollup> {
  return new Map([...m].map(([k, v]) => [k, norm(v)]));
}

describe('a worked example: one PPP contract, a partial late payment', () => {
  it('shows days overdue, bucket and interest per obligation and on the statement of arrears', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const o = await addObligation(w, c.id, { kind: 'om-fee', description: '运维费', triggerDate: '2024-06-30', dueDate: '', amount: 1_000_000_00 });
    expect(o.dueDate).toBe('2024-07-30');
    await recordPayment(w, { obligationId: o.id, paidOn: '2024-09-28', amount: 400_000_00, voucherNo: '记-1', note: '' });
    // As of 2024-12-31: 2024-12-31 − 2024-07-30 = 154 days overdue → bucket 91–180 days.
    // Interest (cn-sme, 0.05 %/day = 500 ppm): 1,000,000.00 from 07-31 to 09-27 (59 days) and
    // 600,000.00 from 09-28 to 12-31 (95 days): 100,000,000 × 500 × 59 + 60,000,000 × 500 × 95
    // = 5,800,000,000,000 / 10^6 = 5,800,000 fen = 58,000.00.
    const view = await contractSchedule(db, c.id, '2024-12-31');
    const row = view.rows.get(o.id)!;
    expect([row.overdue, row.daysOverdue, row.bucket, row.interest, row.paid]).toEqual([600_000_00, 154, 'd91_180', 58_000_00, 400_000_00]);

    const st = await counterpartyStatement(db, x.operatorId, '2024-12-31');
    expect(st.lines.map((l) => [l.obligation.id, l.row.daysOverdue, l.row.interest])).toEqual([[o.id, 154, 58_000_00]]);
    expect(st.total.currencies[0]).toMatchObject({ currency: 'CNY', overdue: 600_000_00, interest: 58_000_00 });
    expect(st.isSme).toBe(false);

    // The portfolio roll-up from the ledgers says the same.
    const p = await arrearsReport(db, '2024-12-31');
    expect(p.report.total.currencies[0]).toMatchObject({ overdue: 600_000_00, interest: 58_000_00, bucketAmounts: [0, 0, 600_000_00, 0, 0, 0] });
    expect(p.byType.get('ppp')?.currencies[0].overdue).toBe(600_000_00);
    expect(p.report.byDepartment.get(x.deptId)?.maxDaysOverdue).toBe(154);
    expect(p.contractValues).toEqual([{ contractId: c.id, type: 'ppp', amount: 215_000_000_00, currency: 'CNY' }]);

    // A disputed 100,000.00 is shown apart and bears no interest from then on (it never did: the
    // base is amount − disputed − paid): 90,000,000 × 500 × 59 + 50,000,000 × 500 × 95
    // = 2,655,000,000,000 + 2,375,000,000,000 = 5,030,000,000,000 / 10^6 = 5,030,000 fen = 50,300.00.
    await setDisputedAmount(w, o.id, 100_000_00);
    const after = (await contractSchedule(db, c.id, '2024-12-31')).rows.get(o.id)!;
    expect([after.overdue, after.disputed, after.interest]).toEqual([500_000_00, 100_000_00, 50_300_00]);
    expect((await counterpartyStatement(db, x.operatorId, '2024-12-31')).disputed.map((l) => l.row.disputed)).toEqual([100_000_00]);
  });

  it('reduces what is owed by an active performance deduction and not by a reversed one', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const o = await addObligation(w, c.id, { kind: 'om-fee', description: '运维费', triggerDate: '2024-06-30', dueDate: '', amount: 1_000_000_00 });
    const deduction = (status: 'active' | 'reversed'): NewRecord<PerformanceDeduction> => ({
      reviewId: 'r1', obligationId: o.id, contractId: c.id, projectId: x.projectId, performanceLinkedAmount: 300_000_00, coefficientBp: 9000,
      amount: { amount: 30_000_00, currency: 'CNY' }, status, reversedAt: '', reversedBy: '', reversalJustification: '',
    });
    // Written the way reviews.ts writes them: the middleware marks the ledger stale.
    await insertMany<PerformanceDeduction>(w, 'deductions', [deduction('active'), deduction('reversed')]);
    expect(await staleLedgerIds(db)).toEqual([c.id]);
    const p = await arrearsReport(db, '2024-08-09');
    // Payable 1,000,000.00 − 30,000.00 = 970,000.00, overdue 10 days.
    expect(p.report.total.currencies[0]).toMatchObject({ overdue: 970_000_00, amount: 970_000_00 });
    expect((await contractSchedule(db, c.id, '2024-08-09')).rows.get(o.id)?.overdue).toBe(970_000_00);
    await expectLedgersInSync(db);
  });
});

describe('an SME contract that agrees no late interest', () => {
  it('accrues nothing in the arrears, and its schedule says what the statute would have accrued', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const parties = [
      { orgId: x.deptId, role: 'government' as const, isSme: false },
      { orgId: x.smeId, role: 'operator' as const, isSme: true },
    ];
    const c = await createPpp(w, x, { parties, interestPolicy: 'none' });
    const o = await addObligation(w, c.id, { kind: 'om-fee', description: '运维费', triggerDate: '2024-06-30', dueDate: '', amount: 1_000_000_00 });
    const view = await contractSchedule(db, c.id, '2024-08-09');
    // Due 2024-07-30, 10 days late: no interest under "none"; the statute: 100 000 000 × 500 × 10 / 10^6 = 500 000 fen.
    expect(view.rows.get(o.id)?.interest).toBe(0);
    expect(view.statuteInterest).toEqual([{ amount: 5_000_00, currency: 'CNY' }]);
    expect((await storedLedger(db, c.id))?.warnings).toEqual([{ code: 'sme-statute-interest-applies', severity: 'serious' }]);
    // Under the statute itself there is nothing to add.
    const statute = await createPpp(w, x, { code: 'HT-PPP-02', parties, interestPolicy: 'cn-sme' });
    expect((await contractSchedule(db, statute.id, '2024-08-09')).statuteInterest).toBeNull();
  });
});

describe('rows held apart', () => {
  it('one out-of-range obligation and one payment in another currency: named, left out, and the rest computed', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const a = await createPpp(w, x, { code: 'HT-A' });
    const b = await createPpp(w, x, { code: 'HT-B' });
    const c = await createPpp(w, x, { code: 'HT-C' });
    const bad = await addObligation(w, a.id, { kind: 'om-fee', description: '越界', triggerDate: '2024-06-30', dueDate: '', amount: 1_000_00 });
    const okA = await addObligation(w, a.id, { kind: 'om-fee', description: '正常', triggerDate: '2024-06-30', dueDate: '', amount: 2_000_00 });
    const ob = await addObligation(w, b.id, { kind: 'om-fee', description: 'b', triggerDate: '2024-06-30', dueDate: '', amount: 1_000_000_00 });
    const oc = await addObligation(w, c.id, { kind: 'om-fee', description: 'c', triggerDate: '2024-06-30', dueDate: '', amount: 500_00 });
    const paid = await recordPayment(w, { obligationId: ob.id, paidOn: '2024-07-15', amount: 100_000_00, voucherNo: '记-1', note: '' });
    // Stored rows that no form would accept: an amount past 2^53 (an old import, a hand-edited
    // backup) and a payment in US dollars against a yuan obligation (stamped as paid before).
    await db.obligations.put({ ...bad, amount: { amount: 2 ** 60, currency: 'CNY' } });
    await db.payments.put({ ...paid.payment, id: 'usd-payment', voucherNo: 'USD-7', amount: { amount: 900_000_00, currency: 'USD' } });

    // 2024-08-09: every obligation is 10 days overdue. A counts its good obligation only; B only the
    // yuan payment (900,000.00 − not 900,000 dollars); C is untouched.
    const p = await arrearsReport(db, '2024-08-09');
    expect(p.heldApart).toBe(2);
    expect(p.problems.map((q) => [q.contractId, q.entity, q.id, q.code])).toEqual(
      expect.arrayContaining([
        [a.id, 'obligation', bad.id, 'invalid-amount'],
        [b.id, 'payment', 'usd-payment', 'currency-mismatch'],
      ]),
    );
    expect(p.problems.find((q) => q.id === 'usd-payment')?.params).toMatchObject({ paidOn: '2024-07-15', voucherNo: 'USD-7', currency: 'USD', expected: 'CNY' });
    expect(p.report.byContract.get(a.id)?.currencies[0]).toMatchObject({ overdue: 2_000_00, count: 1 });
    expect(p.report.byContract.get(b.id)?.currencies[0]).toMatchObject({ overdue: 900_000_00, paid: 100_000_00 });
    expect(p.report.byContract.get(c.id)?.currencies[0]).toMatchObject({ overdue: 500_00 });
    expect(p.report.total.currencies.map((t) => t.currency)).toEqual(['CNY']);

    // The raw-row views count what the roll-up counts and list the same rows.
    const viewA = await contractSchedule(db, a.id, '2024-08-09');
    expect([viewA.rows.has(bad.id), viewA.rows.get(okA.id)?.overdue, viewA.heldApart]).toEqual([false, 2_000_00, 1]);
    const viewB = await contractSchedule(db, b.id, '2024-08-09');
    expect([viewB.rows.get(ob.id)?.paid, viewB.problems.map((q) => q.id)]).toEqual([100_000_00, ['usd-payment']]);
    const st = await counterpartyStatement(db, x.operatorId, '2024-08-09');
    expect([st.total.currencies[0].overdue, st.heldApart]).toEqual([2_000_00 + 900_000_00 + 500_00, 2]);

    // Correcting the row brings it back.
    await db.obligations.put({ ...bad, amount: { amount: 1_000_00, currency: 'CNY' } });
    const fixed = await arrearsReport(db, '2024-08-09');
    expect([fixed.heldApart, fixed.report.byContract.get(a.id)?.currencies[0].overdue]).toEqual([1, 3_000_00]);
  });

  it('a rebuild that fails on one contract leaves the others computed and says which', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const a = await createPpp(w, x, { code: 'HT-A' });
    const b = await createPpp(w, x, { code: 'HT-B' });
    await addObligation(w, b.id, { kind: 'om-fee', description: 'b', triggerDate: '2024-06-30', dueDate: '', amount: 1_000_00 });
    // Parties that are not a list: the warnings cannot even be worked out.
    await db.contracts.put({ ...(await db.contracts.get(a.id))!, parties: 'garbled' as never });
    const p = await arrearsReport(db, '2024-08-09');
    expect(p.problems.map((q) => [q.contractId, q.code])).toEqual([[a.id, 'ledger-failed']]);
    expect(p.report.total.currencies[0].overdue).toBe(1_000_00);
    expect(await staleLedgerIds(db)).toEqual([]);
  });
});

describe('ledger sync', () => {
  it('marks ledgers stale on raw writes, hard deletes and clears, and rebuilds them exactly', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const a = await createPpp(w, x, { code: 'A' });
    const b = await createPpp(w, x, { code: 'B' });
    const oa = await addObligation(w, a.id, { kind: 'om-fee', description: 'a', triggerDate: '2023-06-30', dueDate: '', amount: 5_000_00 });
    const ob = await addObligation(w, b.id, { kind: 'om-fee', description: 'b', triggerDate: '2023-06-30', dueDate: '', amount: 7_000_00 });
    const pay = await recordPayment(w, { obligationId: ob.id, paidOn: '2023-08-30', amount: 1_000_00, voucherNo: '', note: '' });
    await amendContract(w, a.id, { signedOn: '2023-01-01', summary: '利率条款', patch: { interestPolicy: 'contract-rate', contractRatePpmPerDay: 300 } });
    await expectLedgersInSync(db);
    expect(await staleLedgerIds(db)).toEqual([]);

    // An import or merge writing a row straight into the table.
    await db.obligations.put({ ...oa, amount: { amount: 6_000_00, currency: 'CNY' } });
    expect(await staleLedgerIds(db)).toEqual([a.id]);
    // A hard delete (no repository does this, but a restore or a tool might).
    await db.payments.delete(pay.payment.id);
    expect((await staleLedgerIds(db)).sort()).toEqual([a.id, b.id].sort());
    expect(await refreshStaleLedgers(db)).toBe(2);
    await expectLedgersInSync(db);
    expect((await ledgerFromRows(db, a.id, DEFAULT_CONTRACT_RULE_TABLES))?.oAmount).toEqual([6_000_00]);

    await db.payments.clear();
    expect((await staleLedgerIds(db)).sort()).toEqual([a.id, b.id].sort());
    await refreshStaleLedgers(db);
    await expectLedgersInSync(db);
  });

  it('lets a whole-database copy (restore) add ledger rows over the marks its own pages caused', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    await addObligation(w, c.id, { kind: 'om-fee', description: 'a', triggerDate: '2023-06-30', dueDate: '', amount: 5_000_00 });
    const snapshot = Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    const raw = ['contracts', 'obligations', 'payments', 'deductions'];
    const copy = (tables: string[]) =>
      db.transaction('rw', tables, async () => {
        for (const t of tables) await db.table(t).clear();
        for (const t of tables) await db.table(t).bulkAdd(snapshot[t]);
      });
    // A copy of the raw tables alone marks every contract it writes stale (rebuilt on the next read) …
    await copy(raw);
    expect(await staleLedgerIds(db)).toEqual([c.id]);
    await refreshStaleLedgers(db);
    await expectLedgersInSync(db);
    // … a copy of the whole database names the ledger tables and brings its own: it marks nothing.
    await copy(db.tables.map((t) => t.name));
    expect(await staleLedgerIds(db)).toEqual([]);
    await expectLedgersInSync(db);
  });

  it('upgrades a v2 database with contracts to v3 with a stale ledger each, built on first use', async () => {
    const name = `ledger-upgrade-${Date.now()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const meta = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: '张晓明', rev: 1, deleted: 0 as const };
    const contract: Contract = { ...meta, ...emptyContractDraft('p1'), id: 'c1', code: 'HT-1', title: '合同', signedOn: '2024-01-01' };
    const obligation: PaymentObligation = {
      ...meta, id: 'o1', contractId: 'c1', projectId: 'p1', payeeId: 'org', payerDepartmentId: 'dept', kind: 'om-fee', description: '',
      triggerDate: '2024-06-30', dueDate: '2024-07-30', amount: { amount: 1_000_000_00, currency: 'CNY' }, performanceLinkedAmount: 0, disputedAmount: 0,
    };
    await v2.table('contracts').add(contract);
    await v2.table('obligations').add(obligation);
    v2.close();
    const v3 = openDb(name);
    await v3.open();
    expect(v3.verno).toBeGreaterThanOrEqual(3);
    expect(await staleLedgerIds(v3)).toEqual(['c1']);
    expect(await v3.ledgerPages.count()).toBe(0);
    expect((await v3.contracts.where('code').equals('HT-1').toArray()).map((c) => c.id)).toEqual(['c1']);
    const p = await arrearsReport(v3, '2024-08-09');
    // cn-sme: 100,000,000 × 500 × 10 days / 10^6 = 500,000 fen.
    expect(p.report.total.currencies[0]).toMatchObject({ overdue: 1_000_000_00, interest: 5_000_00 });
    await expectLedgersInSync(v3);
    v3.close();
  });
});

describe('portfolio roll-up from ledgers', () => {
  it('equals computeArrears over the raw rows for a random portfolio, as of several dates and with filters', async () => {
    const { db, w } = await freshDb();
    await addReferenceRate(w, { policy: 'eu', effectiveFrom: '2019-01-01', rateBp: 0 });
    await addReferenceRate(w, { policy: 'eu', effectiveFrom: '2023-07-01', rateBp: 425 });
    await addReferenceRate(w, { policy: 'uk', effectiveFrom: '2020-01-01', rateBp: 75 });
    const rng = makeRng(7);
    const orgs: NewRecord<Organisation>[] = Array.from({ length: 9 }, (_, i) => ({
      id: rng.uuid(), name: `org ${i}`, kind: i < 3 ? 'government' : 'company', isSme: i >= 6, creditCode: '', contact: '',
    }));
    // A non-UUID id (imports may carry their own) must survive the packing too.
    orgs[8].id = 'IMPORTED-ORG-8';
    const depts = orgs.slice(0, 3).map((o) => o.id!);
    const companies = orgs.slice(3).map((o) => o.id!);
    const projects: NewRecord<Project>[] = Array.from({ length: 4 }, (_, i) => ({
      ...emptyProjectDraft('2026-01-01'), id: rng.uuid(), code: `P-${i}`, name: `项目 ${i}`, searchText: `p-${i}`, departmentId: rng.pick(depts),
    }));
    const contracts: NewRecord<Contract>[] = [];
    const obligations: NewRecord<PaymentObligation>[] = [];
    const payments: NewRecord<Payment>[] = [];
    const deductions: NewRecord<PerformanceDeduction>[] = [];
    for (let i = 0; i < 40; i++) {
      const id = rng.uuid();
      const projectId = rng.pick(projects).id!;
      const operator = rng.pick(companies);
      const currency = rng.chance(0.2) ? 'EUR' : 'CNY';
      const policy = rng.pick(INTEREST_POLICY_KINDS);
      contracts.push({
        ...emptyContractDraft(projectId), id, code: `C-${i}`, title: `合同 ${i}`, type: rng.pick(CONTRACT_TYPES),
        parties: [{ orgId: rng.pick(depts), role: 'government', isSme: false }, { orgId: operator, role: 'operator', isSme: rng.chance(0.5) }],
        value: { amount: 0, currency }, interestPolicy: policy, contractRatePpmPerDay: policy === 'contract-rate' ? rng.pick([0, 150, 300]) : 0,
      });
      const n = rng.int(0, 10);
      for (let k = 0; k < n; k++) {
        const oid = rng.uuid();
        const due = addDays('2019-06-01', rng.int(0, 2400));
        // Amounts up to 90 million yuan: past 2^31 fen, so the packing's big varints are exercised.
        const amount = rng.chance(0.2) ? rng.int(1, 9_000_000_000) : rng.int(1, 5_000_000_00);
        obligations.push({
          id: oid, contractId: id, projectId, payeeId: rng.chance(0.85) ? operator : rng.pick(['', ...companies]), payerDepartmentId: rng.pick(['', ...depts]),
          kind: 'om-fee', description: '', triggerDate: addDays(due, -30), dueDate: due, amount: { amount, currency },
          performanceLinkedAmount: 0, disputedAmount: rng.chance(0.2) ? rng.int(0, amount) : 0,
        });
        for (let j = rng.int(0, 3); j > 0; j--) {
          payments.push({
            obligationId: oid, contractId: id, paidOn: addDays(due, rng.int(-60, 900)), voucherNo: '', note: '',
            // Now and then a reversal (negative) that reopens a settled base.
            amount: { amount: rng.chance(0.1) ? -rng.int(1, amount) : rng.int(1, amount), currency },
          });
        }
        if (rng.chance(0.15)) {
          deductions.push({
            reviewId: 'r', obligationId: oid, contractId: id, projectId, performanceLinkedAmount: amount, coefficientBp: 9000,
            amount: { amount: Math.floor(amount / 10), currency }, status: rng.chance(0.7) ? 'active' : 'reversed', reversedAt: '', reversedBy: '', reversalJustification: '',
          });
        }
      }
    }
    // Raw writes, as an import would make them: the middleware leaves stale stubs behind.
    await insertMany<Organisation>(w, 'organisations', orgs);
    await insertMany<Project>(w, 'projects', projects);
    await insertMany<Contract>(w, 'contracts', contracts);
    const storedObligations = await insertMany<PaymentObligation>(w, 'obligations', obligations);
    const storedPayments = await insertMany<Payment>(w, 'payments', payments);
    await insertMany<PerformanceDeduction>(w, 'deductions', deductions);
    // Tombstones: some obligations and payments deleted after the fact.
    for (const o of storedObligations.filter((_, i) => i % 9 === 4)) await db.obligations.put({ ...o, deleted: 1 });
    for (const p of storedPayments.filter((_, i) => i % 11 === 3)) await db.payments.put({ ...p, deleted: 1 });
    expect((await staleLedgerIds(db)).length).toBe(40);
    await refreshStaleLedgers(db);
    await expectLedgersInSync(db);

    const tables = await interestTables(db);
    const rawObligations = (await db.obligations.toArray()).filter((o) => !o.deleted);
    const rawPayments = await db.payments.toArray();
    const rawContracts = new Map((await db.contracts.toArray()).map((c) => [c.id, c]));
    const cuts = activeDeductionTotals(await db.deductions.toArray());
    const snapshot = await loadLedgers(db);
    expect(snapshot.staleIds).toEqual([]);
    for (const asOf of ['2019-01-01', '2020-02-29', '2021-07-01', '2023-12-31', '2026-11-24']) {
      const raw = computeArrears(payableObligations(rawObligations, cuts), groupPaymentsByObligation(rawPayments), rawContracts, tables, asOf, { rows: 'none' });
      const led = rollUpLedgers(snapshot, tables, asOf).report;
      expect(norm(led.total)).toEqual(norm(raw.total));
      expect(normMap(led.byContract)).toEqual(normMap(raw.byContract));
      expect(normMap(led.byProject)).toEqual(normMap(raw.byProject));
      expect(normMap(led.byPayee)).toEqual(normMap(raw.byPayee));
      expect(normMap(led.byDepartment)).toEqual(normMap(raw.byDepartment));
    }
    // The portfolio has interest and overdue amounts in both currencies, so the check is not vacuous.
    const total = rollUpLedgers(snapshot, tables, '2026-11-24').report.total;
    expect(total.currencies.map((c) => c.currency).sort()).toEqual(['CNY', 'EUR']);
    expect(total.currencies.every((c) => c.interest > 0 && c.overdue > 0)).toBe(true);

    // Filters: by contract type and by department equal the raw computation over the same subset.
    const asOf = '2024-03-31';
    const type = contracts[0].type;
    const dept = depts[1];
    const rawOf = (keep: (o: PaymentObligation) => boolean) =>
      computeArrears(payableObligations(rawObligations.filter(keep), cuts), groupPaymentsByObligation(rawPayments), rawContracts, tables, asOf, { rows: 'none' }).total;
    expect(norm(rollUpLedgers(snapshot, tables, asOf, { type }).report.total)).toEqual(norm(rawOf((o) => rawContracts.get(o.contractId)?.type === type)));
    expect(norm(rollUpLedgers(snapshot, tables, asOf, { departmentId: dept }).report.total)).toEqual(norm(rawOf((o) => o.payerDepartmentId === dept)));

    // A one-off rebuild writes the same ledgers.
    const before = await storedEntries(db);
    await db.ledgerPages.clear();
    expect(await rebuildAllLedgers(db)).toBe(40);
    expect(await storedEntries(db)).toEqual(before);
  });
});
