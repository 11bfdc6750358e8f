// Contract repository: validation, PPP-only fields, parties from the directory, amendments with
// their field history, tombstones cascading to the schedule, and the ledger rebuilt by every write.
import { describe, expect, it } from 'vitest';
import {
  amendContract,
  amendmentsOfContract,
  contractsOfProject,
  createContract,
  deleteContract,
  getContract,
  queryContracts,
  updateContract,
  draftOf,
  type ContractInputError,
} from '../../../renderer/src/data/contracts';
import { recordPayment, saveObligations, draftSchedule, scheduleParties } from '../../../renderer/src/data/payments';
import { gateChecks, getProject } from '../../../renderer/src/data/projects';
import { historyOf } from '../../../renderer/src/data/repo';
import { createPpp, expectLedgersInSync, pppDraft, world, problemCodes, storedEntries, storedLedger } from './contract-fixtures';
import { freshDb } from './helpers';


describe('contracts', () => {
  it('refuses bad input field by field and stores nothing', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const bad = pppDraft(x, {
      code: ' ',
      title: '',
      signedOn: '2021-02-30',
      operationStart: '2022-07-01',
      operationEnd: '2022-06-30',
      value: { amount: -1, currency: 'CNY' },
      paymentTermDays: 4000,
      performanceLinkedBp: 10_001,
      parties: [
        { orgId: x.operatorId, role: 'operator', isSme: false },
        { orgId: x.operatorId, role: 'operator', isSme: false },
        { orgId: 'no-such-org', role: 'subcontractor', isSme: true },
      ],
    });
    expect(await problemCodes(createContract(w, bad))).toEqual([
      'code:required',
      'title:required',
      'signedOn:invalid-date',
      'operationEnd:date-order',
      'value:invalid-amount',
      'paymentTermDays:out-of-range',
      'performanceLinkedBp:out-of-range',
      'parties.1.orgId:duplicate-party',
      'parties.2.orgId:unknown-org',
    ]);
    expect(await db.contracts.count()).toBe(0);
    expect((await storedEntries(db)).size).toBe(0);
  });

  it('refuses dates out of order across pairs, each next to the date to correct', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    // Each pair is in order on its own; construction starts after operation ends and the contract
    // is signed after both.
    const draft = pppDraft(x, {
      signedOn: '2035-01-01',
      constructionStart: '2030-01-01',
      constructionEnd: '2031-12-31',
      operationStart: '2020-01-01',
      operationEnd: '2025-12-31',
    });
    let problems: unknown[] = [];
    await createContract(w, draft).catch((e: ContractInputError) => (problems = e.problems));
    expect(problems).toEqual([
      { field: 'constructionStart', code: 'date-order', params: { after: 'signedOn', date: '2035-01-01' } },
      { field: 'constructionEnd', code: 'date-order', params: { after: 'signedOn', date: '2035-01-01' } },
      { field: 'operationStart', code: 'date-order', params: { after: 'signedOn', date: '2035-01-01' } },
      { field: 'operationEnd', code: 'date-order', params: { after: 'signedOn', date: '2035-01-01' } },
    ]);
    expect(await problemCodes(createContract(w, { ...draft, signedOn: '2019-12-01' }))).toEqual(['operationStart:date-order', 'operationEnd:date-order']);
    expect(await db.contracts.count()).toBe(0);
  });

  it('keeps the PPP sub-model and mechanism only on PPP contracts, the contract rate only with that policy, and codes unique', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createContract(w, pppDraft(x, { type: 'purchase-of-service', code: ' HT-01 ', interestPolicy: 'cn-sme', contractRatePpmPerDay: 300 }));
    expect(c.code).toBe('HT-01');
    expect([c.pppModel, c.pppPaymentMechanism, c.contractRatePpmPerDay]).toEqual(['', '', 0]);
    expect(await problemCodes(createContract(w, pppDraft(x, { code: 'HT-01' })))).toEqual(['code:code-taken']);
    // The same code is free again once the contract is tombstoned.
    await deleteContract(w, c.id);
    const again = await createContract(w, pppDraft(x, { code: 'HT-01' }));
    expect(again.pppModel).toBe('BOT');
    expect((await contractsOfProject(db, x.projectId)).map((k) => k.id)).toEqual([again.id]);
  });

  it('records an amendment with its field changes and value delta, and updates the contract in the same transaction', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const { contract, amendment } = await amendContract(w, c.id, {
      signedOn: '2023-05-10',
      summary: '增加 200 个路口，运营期顺延一年',
      patch: { value: { amount: 220_000_000_00, currency: 'CNY' }, operationEnd: '2035-06-30', projectId: 'ignored' } as never,
    });
    // 220,000,000.00 − 215,000,000.00 = 5,000,000.00 yuan = 500,000,000 fen.
    expect(amendment.valueDelta).toBe(500_000_000);
    expect([...amendment.changes].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'operationEnd', before: '2034-06-30', after: '2035-06-30' },
      { field: 'value', before: { amount: 215_000_000_00, currency: 'CNY' }, after: { amount: 220_000_000_00, currency: 'CNY' } },
    ]);
    expect(contract.projectId).toBe(x.projectId);
    expect((await getContract(db, c.id))?.operationEnd).toBe('2035-06-30');
    expect((await amendmentsOfContract(db, c.id)).map((a) => a.summary)).toEqual(['增加 200 个路口，运营期顺延一年']);
    const log = await historyOf(db, 'contracts', c.id);
    expect(log.map((e) => e.op)).toEqual(['create', 'update']);

    // An amendment that changes nothing, or without a date and summary, is refused and writes nothing.
    expect(await problemCodes(amendContract(w, c.id, { signedOn: '2023-06-01', summary: '无变化', patch: {} }))).toEqual(['amendment.patch:required']);
    expect(await problemCodes(amendContract(w, c.id, { signedOn: '', summary: ' ', patch: { paymentTermDays: 45 } }))).toEqual([
      'amendment.signedOn:required',
      'amendment.summary:required',
    ]);
    expect((await getContract(db, c.id))?.paymentTermDays).toBe(30);
    expect(await db.amendments.count()).toBe(1);
    await expectLedgersInSync(db);
  });

  it('corrects a contract without changing its project, and keeps the ledger in step', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const y = await world(w, 'ZH-T-002');
    const c = await createPpp(w, x);
    const fixed = await updateContract(w, c.id, { ...draftOf(c), projectId: y.projectId, interestPolicy: 'contract-rate', contractRatePpmPerDay: 300 });
    expect(fixed.projectId).toBe(x.projectId);
    const ledger = (await storedLedger(db, c.id))!;
    expect([ledger.interestPolicy, ledger.contractRatePpmPerDay]).toEqual(['contract-rate', 300]);
    await expectLedgersInSync(db);
  });

  it('stores warnings on the ledger for the portfolio list: purchase of service over 3 years to an SME with a 90-day term', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createContract(w, pppDraft(x, {
      type: 'purchase-of-service',
      code: 'HT-POS-01',
      parties: [{ orgId: x.smeId, role: 'operator', isSme: true }],
      signedOn: '2021-01-01',
      constructionStart: '',
      constructionEnd: '',
      operationStart: '2021-01-01',
      operationEnd: '2024-12-31',
      paymentTermDays: 90,
      performanceLinkedBp: 0,
    }));
    const ledger = (await storedLedger(db, c.id))!;
    expect(ledger.warnings.map((k) => k.code)).toEqual(['pos-term-over-3y', 'payments-not-performance-linked', 'sme-payment-term-over-60d']);
    expect(ledger.smeOrgIds).toEqual([x.smeId]);
    const page = await queryContracts(db, { ids: [c.id] });
    expect(page.rows.map((k) => k.code)).toEqual(['HT-POS-01']);
    expect((await queryContracts(db, { type: 'ppp' })).total).toBe(0);
    expect((await queryContracts(db, { search: 'pos' })).total).toBe(1);
  });

  it('tombstones the contract with its amendments, obligations and payments, and drops its ledger', async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const c = await createPpp(w, x);
    const parties = await scheduleParties(db, c);
    const rows = await saveObligations(w, c.id, draftSchedule(c, parties, { mode: 'periodic', frequency: 'yearly', start: '2022-07-01', end: '2025-06-30', total: 3_000_000_00 }));
    await recordPayment(w, { obligationId: rows[0].id, paidOn: '2023-08-15', amount: 500_000_00, voucherNo: 'PZ-1', note: '' });
    await amendContract(w, c.id, { signedOn: '2023-01-01', summary: '调整付款期限', patch: { paymentTermDays: 45 } });
    await deleteContract(w, c.id);
    expect((await db.contracts.get(c.id))?.deleted).toBe(1);
    expect((await db.obligations.toArray()).every((o) => o.deleted === 1)).toBe(true);
    expect((await db.payments.toArray()).every((p) => p.deleted === 1)).toBe(true);
    expect((await db.amendments.toArray()).every((a) => a.deleted === 1)).toBe(true);
    expect((await storedEntries(db)).size).toBe(0);
    await expectLedgersInSync(db);
  });

  it("turns the plan → build gate's signed-contract check met once a signed contract is stored", async () => {
    const { db, w } = await freshDb();
    const x = await world(w);
    const project = async () => (await getProject(db, x.projectId))!;
    const status = async () => (await gateChecks(db, await project(), 'build')).find((k) => k.id === 'signed-contract')?.status;
    expect(await status()).toBe('not-recorded');
    const c = await createPpp(w, x, { signedOn: '' });
    expect(await status()).toBe('unmet');
    await updateContract(w, c.id, { ...draftOf(c), signedOn: '2021-03-01' });
    expect(await status()).toBe('met');
  });
});
