// Obligations and payments: schedules generated from the contract and stored with exact totals,
// obligations entered by hand, partial and over-payments, disputed amounts, tombstones.
import { describe, expect, it } from 'vitest';
import {
  addObligation,
  deleteObligation,
  deletePayment,
  draftSchedule,
  obligationsOfContract,
  paymentsOfContract,
  recordPayment,
  saveObligations,
  scheduleParties,
  setDisputedAmount,
  updateObligation,
} from '../../../renderer/src/data/payments';
import { historyOf } from '../../../renderer/src/data/repo';
import { createPpp, expectLedgersInSync, world, problemCodes } from './contract-fixtures';
import { freshDb } from './helpers';


describe('payment schedules', () => {
  it('stores a 10-year yearly O&M schedule with the exact total, due 30 days after each period end', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const parties = await scheduleParties(db, c);
    // The payee is the operator, the payer the government party.
    expect(parties).toEqual({ payeeId: x.operatorId, payerDepartmentId: x.deptId });
    const drafts = draftSchedule(c, parties, { mode: 'periodic', frequency: 'yearly', start: '2022-07-01', end: '2032-06-30', total: 10_000_000_00, description: '运维费' });
    const rows = await saveObligations(w, c.id, drafts);
    expect(rows).toHaveLength(10);
    // 10,000,000.00 over ten full years = 1,000,000.00 each; Σ = the total, to the fen.
    expect(rows.every((o) => o.amount.amount === 1_000_000_00 && o.amount.currency === 'CNY')).toBe(true);
    expect(rows.reduce((s, o) => s + o.amount.amount, 0)).toBe(10_000_000_00);
    // Period 1 = 2022-07-01…2023-06-30, triggered on its last day; due = 2023-06-30 + 30 days = 2023-07-30.
    expect([rows[0].triggerDate, rows[0].dueDate, rows[0].description]).toEqual(['2023-06-30', '2023-07-30', '运维费 2022-07-01/2023-06-30']);
    expect([rows[9].triggerDate, rows[9].dueDate]).toEqual(['2032-06-30', '2032-07-30']);
    // 30% performance-linked: 1,000,000.00 × 3000 bp = 300,000.00.
    expect(rows[0].performanceLinkedAmount).toBe(300_000_00);
    expect((await obligationsOfContract(db, c.id)).map((o) => o.dueDate)).toEqual(rows.map((o) => o.dueDate));
    await expectLedgersInSync(db);
  });

  it('splits a total with a short last period by days and loses no fen', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const drafts = draftSchedule(c, await scheduleParties(db, c), { mode: 'periodic', frequency: 'yearly', start: '2022-07-01', end: '2025-12-31', total: 1_000_000_00 });
    // Weights: three full years of 365 and a stub 2025-07-01…2025-12-31 of 184 days (of 365); Σ 1279.
    // 100,000,000 × 365 / 1279 = 28,537,920 rem 320 (×3); × 184 / 1279 = 14,386,239 rem 319.
    // Floors sum to 99,999,999; the last fen goes to the largest remainder, the earliest of the 320s.
    const rows = await saveObligations(w, c.id, drafts);
    expect(rows.map((o) => o.amount.amount)).toEqual([28_537_921, 28_537_920, 28_537_920, 14_386_239]);
    expect(rows.reduce((s, o) => s + o.amount.amount, 0)).toBe(1_000_000_00);
  });

  it('stores milestones by share of the contract value: 30% + 40% + 30% is the value exactly', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const drafts = draftSchedule(c, await scheduleParties(db, c), {
      mode: 'milestones',
      milestones: [
        { triggerDate: '2021-09-30', description: '初验', shareBp: 3000 },
        { triggerDate: '2022-06-30', description: '终验', shareBp: 4000, paymentTermDays: 15 },
        { triggerDate: '2023-06-30', description: '质保期满', shareBp: 3000 },
      ],
    });
    const rows = await saveObligations(w, c.id, drafts);
    // 215,000,000.00 × 30% = 64,500,000.00; × 40% = 86,000,000.00.
    expect(rows.map((o) => o.amount.amount)).toEqual([64_500_000_00, 86_000_000_00, 64_500_000_00]);
    expect(rows.map((o) => o.dueDate)).toEqual(['2021-10-30', '2022-07-15', '2023-07-30']);
    expect(rows.every((o) => o.kind === 'milestone')).toBe(true);
  });

  it('enters an obligation by hand with the due date from the payment term, and refuses a bad one', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x, { paymentTermDays: 45 });
    const o = await addObligation(w, c.id, { kind: 'availability', description: '2023 年可用性付费', triggerDate: '2023-12-31', dueDate: '', amount: 1_234_567_89 });
    // 2023-12-31 + 45 days = 2024-02-14.
    expect([o.dueDate, o.payeeId, o.payerDepartmentId, o.amount.currency]).toEqual(['2024-02-14', x.operatorId, x.deptId, 'CNY']);
    expect(await problemCodes(addObligation(w, c.id, { kind: 'other', description: '', triggerDate: '2024-02-30', dueDate: '2024-01-01', amount: -5 }))).toEqual([
      'triggerDate:invalid-date',
      'amount:invalid-amount',
      'performanceLinkedAmount:over-amount',
      'disputedAmount:over-amount',
    ]);
    expect(await problemCodes(updateObligation(w, o.id, { dueDate: '2023-12-01' }))).toEqual(['dueDate:date-order']);
    await updateObligation(w, o.id, { amount: 1_000_000_00, description: ' 调整 ' });
    expect((await obligationsOfContract(db, c.id))[0]).toMatchObject({ description: '调整', amount: { amount: 1_000_000_00, currency: 'CNY' } });
    await expectLedgersInSync(db);
  });
});

describe('payments', () => {
  it('records partial payments with voucher numbers and reports an overpayment', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const o = await addObligation(w, c.id, { kind: 'om-fee', description: '运维费', triggerDate: '2023-06-30', dueDate: '', amount: 1_000_000_00 });
    const first = await recordPayment(w, { obligationId: o.id, paidOn: '2023-09-28', amount: 400_000_00, voucherNo: ' 记-2023-0917 ', note: '部分支付' });
    expect([first.payment.voucherNo, first.payment.amount.currency, first.payment.contractId, first.paidTotal, first.overpaid]).toEqual(['记-2023-0917', 'CNY', c.id, 400_000_00, 0]);
    // 400,000.00 + 700,000.00 = 1,100,000.00 paid on 1,000,000.00: 100,000.00 over.
    const second = await recordPayment(w, { obligationId: o.id, paidOn: '2023-10-15', amount: 700_000_00, voucherNo: '记-2023-1002', note: '' });
    expect([second.paidTotal, second.overpaid]).toEqual([1_100_000_00, 100_000_00]);
    expect((await paymentsOfContract(db, c.id)).map((p) => p.paidOn)).toEqual(['2023-09-28', '2023-10-15']);
    await deletePayment(w, second.payment.id);
    expect((await paymentsOfContract(db, c.id)).map((p) => p.amount.amount)).toEqual([400_000_00]);
    expect(await problemCodes(recordPayment(w, { obligationId: o.id, paidOn: '', amount: 0, voucherNo: 'x'.repeat(61), note: '' }))).toEqual([
      'paidOn:required',
      'amount:invalid-amount',
      'voucherNo:too-long',
    ]);
    // Paid in dollars against a yuan obligation: refused, nothing stored.
    expect(await problemCodes(recordPayment(w, { obligationId: o.id, paidOn: '2023-11-01', amount: 100_00, currency: 'USD', voucherNo: '', note: '' }))).toEqual([
      'currency:currency-mismatch',
    ]);
    expect((await recordPayment(w, { obligationId: o.id, paidOn: '2023-11-01', amount: 100_00, currency: 'CNY', voucherNo: '', note: '' })).payment.amount).toEqual({ amount: 100_00, currency: 'CNY' });
    expect((await paymentsOfContract(db, c.id)).map((p) => p.amount.currency)).toEqual(['CNY', 'CNY']);
    await expectLedgersInSync(db);
  });

  it('marks a disputed amount within the obligation, logged, and tombstones an obligation with its payments', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const o = await addObligation(w, c.id, { kind: 'om-fee', description: '运维费', triggerDate: '2023-06-30', dueDate: '', amount: 1_000_000_00 });
    await recordPayment(w, { obligationId: o.id, paidOn: '2023-08-01', amount: 100_00, voucherNo: '', note: '' });
    expect(await problemCodes(setDisputedAmount(w, o.id, 1_000_000_01))).toEqual(['disputedAmount:over-amount']);
    await setDisputedAmount(w, o.id, 150_000_00);
    expect((await historyOf(db, 'obligations', o.id)).at(-1)?.changes).toEqual([{ field: 'disputedAmount', before: 0, after: 150_000_00 }]);
    await expectLedgersInSync(db);
    await deleteObligation(w, o.id);
    expect((await db.obligations.get(o.id))?.deleted).toBe(1);
    expect((await db.payments.toArray()).every((p) => p.deleted === 1)).toBe(true);
    expect(await obligationsOfContract(db, c.id)).toEqual([]);
    await expectLedgersInSync(db);
  });
});
