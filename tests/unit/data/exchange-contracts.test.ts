// Contracts, amendments, obligations and payments in exchange files: two desks with their own keys
// trade real signed files. A round trip carries every contract record with its history and rebuilds
// the receiver's ledgers; an obligation edited on both desks is one conflict; a payment or contract a
// tampered desk wrote past the forms' rules is refused whole, the database byte-identical; a deleted
// payment travels as a tombstone and an older file never brings it back; a file of the previous
// format version (no contract tables) still imports.
import { describe, expect, it } from 'vitest';
import { amendContract } from '../../../renderer/src/data/contracts';
import { addObligation, deletePayment, recordPayment, updateObligation } from '../../../renderer/src/data/payments';
import { arrearsReport } from '../../../renderer/src/data/arrears';
import { listConflicts, resolvePendingConflict, type ImportResult } from '../../../renderer/src/data/interchange/exchange';
import { insertRecord, updateRecord, type Writer } from '../../../renderer/src/data/repo';
import type { Contract, Payment } from '../../../renderer/src/domain/core/types';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { createPpp, expectLedgersInSync, world } from './contract-fixtures';
import { desk, dump, exportOf, importInto, openFile, repack, resign, trustEachOther } from './exchange-fixtures';

type Desk = Writer & { db: WorkbenchDb };

const ok = (r: ImportResult) => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems.slice(0, 5))}`);
  return r.summary;
};
const codes = (r: ImportResult) => (r.ok ? [] : r.problems.map((p) => `${p.entity}:${p.code}`));

/** An office with a PPP contract (amended), two obligations and a payment; a laptop that trusts it. */
async function officeWithContract() {
  const office = await desk('王芳', 'desk-office-c');
  const laptop = await desk('李明', 'desk-laptop-c');
  await trustEachOther(office, laptop, ['办公室', '外业笔记本']);
  const x = await world(office, 'ZH-X-001');
  const contract = await createPpp(office, x);
  await amendContract(office, contract.id, { signedOn: '2022-01-10', summary: '付款期限调整', patch: { paymentTermDays: 45 } });
  const first = await addObligation(office, contract.id, { kind: 'availability', description: '2024 年可用性付费', triggerDate: '2024-12-31', dueDate: '2025-01-30', amount: 500_000_00 });
  const second = await addObligation(office, contract.id, { kind: 'om-fee', description: '2025 年运维费', triggerDate: '2025-12-31', dueDate: '2026-01-30', amount: 300_000_00 });
  const { payment } = await recordPayment(office, { obligationId: first.id, paidOn: '2025-01-20', amount: 200_000_00, voucherNo: 'PZ-001', note: '' });
  return { office, laptop, x, contract, first, second, payment };
}

const outstanding = async (db: WorkbenchDb) => (await arrearsReport(db, '2026-11-24')).report.total;

describe('contracts in exchange files', () => {
  it('travel with their amendments, obligations, payments and histories; the receiver rebuilds the ledgers', async () => {
    const { office, laptop, x, contract, second, payment } = await officeWithContract();
    const s = ok(await importInto(laptop, await exportOf(office, [x.projectId])));
    expect(s.tables.contracts.added).toBe(1);
    expect(s.tables.amendments.added).toBe(1);
    expect(s.tables.obligations.added).toBe(2);
    expect(s.tables.payments.added).toBe(1);
    // The contract's parties (the department and the operator) come along.
    expect(s.tables.organisations.added).toBe(2);
    expect(await laptop.db.contracts.get(contract.id)).toEqual(await office.db.contracts.get(contract.id));
    expect(await laptop.db.payments.get(payment.id)).toEqual(payment);
    const history = async (db: WorkbenchDb, id: string) => (await db.changeLog.where('[entity+entityId]').equals(['contracts', id]).toArray()).map((e) => e.id).sort();
    expect(await history(laptop.db, contract.id)).toEqual(await history(office.db, contract.id));
    await expectLedgersInSync(laptop.db);
    expect(await outstanding(laptop.db)).toEqual(await outstanding(office.db));

    // A payment made on the laptop reaches the office's ledger and arrears.
    const before = await outstanding(office.db);
    await recordPayment(laptop, { obligationId: second.id, paidOn: '2026-02-01', amount: 300_000_00, voucherNo: 'PZ-002', note: '现场付款' });
    const back = ok(await importInto(office, await exportOf(laptop, [x.projectId])));
    expect(back.tables.payments).toEqual({ added: 1, updated: 0, skipped: 1, conflicts: 0, rejected: 0 });
    await expectLedgersInSync(office.db);
    expect(await outstanding(office.db)).toEqual(await outstanding(laptop.db));
    expect(await outstanding(office.db)).not.toEqual(before);
  });

  it('an obligation edited on both desks is one conflict, resolved on the conflict screen', async () => {
    const { office, laptop, x, first } = await officeWithContract();
    ok(await importInto(laptop, await exportOf(office, [x.projectId])));
    await updateObligation(office, first.id, { disputedAmount: 100_000_00 });
    await updateObligation(laptop, first.id, { disputedAmount: 50_000_00, description: '2024 年可用性付费（现场核减）' });
    const s = ok(await importInto(office, await exportOf(laptop, [x.projectId])));
    expect(s.tables.obligations.conflicts).toBe(1);
    const [c] = await listConflicts(office.db);
    expect(c.entity).toBe('obligations');
    expect(c.conflict.fields.map((f) => f.field).sort()).toEqual(['description', 'disputedAmount']);
    expect((await office.db.obligations.get(first.id))?.disputedAmount).toBe(100_000_00);

    expect(await resolvePendingConflict(office, c.rowId, 'incoming')).toBe('resolved');
    expect((await office.db.obligations.get(first.id))?.disputedAmount).toBe(50_000_00);
    expect(await listConflicts(office.db)).toEqual([]);
    // The resolution goes back and is applied at the laptop: both desks converge.
    const back = ok(await importInto(laptop, await exportOf(office, [x.projectId])));
    expect(back.tables.obligations.updated).toBe(1);
    expect(await laptop.db.obligations.get(first.id)).toEqual(await office.db.obligations.get(first.id));
  });

  it('a payment or contract written past the forms\' rules is refused whole, naming it, and nothing changes', async () => {
    const { office, laptop, x, contract, first } = await officeWithContract();
    ok(await importInto(laptop, await exportOf(office, [x.projectId])));
    const orphan = await desk('李明', 'desk-laptop-c2');
    await trustEachOther(office, orphan, ['办公室', '另一台笔记本']);
    ok(await importInto(orphan, await exportOf(office, [x.projectId])));
    const before = await dump(office.db);

    // A tampered laptop writes, through its own log so every trail check passes: a payment in US
    // dollars against an obligation in yuan, and one against an obligation nobody has.
    const forged = (data: Partial<Payment>) =>
      insertRecord<Payment>(laptop, 'payments', { obligationId: first.id, contractId: contract.id, paidOn: '2026-03-01', amount: { amount: 1_000_00, currency: 'USD' }, voucherNo: 'PZ-X', note: '', ...data });
    await forged({});
    const dollars = await importInto(office, await exportOf(laptop, [x.projectId]));
    expect(codes(dollars)).toEqual(['payments:currency-mismatch']);
    expect(!dollars.ok && dollars.problems[0].params).toMatchObject({ record: '2026-03-01 PZ-X', currency: 'USD', expected: 'CNY' });
    expect(await dump(office.db)).toBe(before);

    await insertRecord<Payment>(orphan, 'payments', { obligationId: '00000000-0000-4000-8000-000000000001', contractId: contract.id, paidOn: '2026-03-01', amount: { amount: 1_000_00, currency: 'CNY' }, voucherNo: 'PZ-Y', note: '' });
    // …and moves the contract's construction start before its signing.
    await updateRecord<Contract>(orphan, 'contracts', contract.id, { constructionStart: '2020-01-01' });
    const broken = await importInto(office, await exportOf(orphan, [x.projectId]));
    expect(codes(broken).sort()).toEqual(['contracts:contract-date-order', 'payments:reference-missing']);
    expect(!broken.ok && broken.problems.find((p) => p.entity === 'contracts')).toMatchObject({
      id: contract.id,
      path: 'record.constructionStart',
      params: { record: 'HT-PPP-01 智慧交通信号优化 PPP 项目合同', field: 'constructionStart', after: 'signedOn', date: '2021-03-01' },
    });
    expect(await dump(office.db)).toBe(before);
  });

  it('a deleted payment travels as a tombstone and an older file never brings it back', async () => {
    const { office, laptop, x, payment } = await officeWithContract();
    const oldFile = await exportOf(office, [x.projectId]);
    ok(await importInto(laptop, oldFile));
    await deletePayment(laptop, payment.id);
    const s = ok(await importInto(office, await exportOf(laptop, [x.projectId])));
    expect(s.tables.payments.updated).toBe(1);
    expect((await office.db.payments.get(payment.id))?.deleted).toBe(1);
    await expectLedgersInSync(office.db);
    expect(await outstanding(office.db)).toEqual(await outstanding(laptop.db));

    const again = ok(await importInto(office, oldFile));
    expect(again.tables.payments.skipped).toBe(1);
    expect((await office.db.payments.get(payment.id))?.deleted).toBe(1);
    await expectLedgersInSync(office.db);
  });

  it('a file of the previous format version (no contract tables) still imports; a current one must name them', async () => {
    const { office, laptop, x } = await officeWithContract();
    const o = openFile(await exportOf(office, [x.projectId]));
    const counts = o.manifest.counts as Record<string, number>;
    const contractTables = ['contracts', 'amendments', 'obligations', 'payments'];
    const entities = new Set(contractTables);
    const kept = o.payload.changeLog.filter((e) => !entities.has(String(e.entity)));
    for (const t of contractTables) {
      delete o.payload.tables[t];
      delete counts[t];
    }
    o.payload.changeLog = kept;
    o.manifest.changeLogEntries = kept.length;

    const current = structuredClone(o);
    await resign(current, office.db);
    const missing = await importInto(laptop, await repack(current, { rehash: false }));
    expect(codes(missing)).toEqual(contractTables.flatMap(() => ['payload:required', 'manifest:required']));

    o.manifest.formatVersion = 2;
    // Nor the office's budget, which files carry from format 4.
    for (const t of ['budgets', 'fiscalRules']) {
      delete o.payload.tables[t];
      delete counts[t];
    }
    await resign(o, office.db);
    const s = ok(await importInto(laptop, await repack(o, { rehash: false })));
    expect(s.tables.projects.added).toBe(1);
    expect(s.tables.contracts.added).toBe(0);
    expect(await laptop.db.contracts.count()).toBe(0);
  });
});
