// Budgets and fiscal rules through their repository (change log, one figure per slot, imports that
// replace), and the outlook read model over stored contracts: a red-line breach, funding gaps, the
// lines behind a figure named by their obligations, one project's outlook from its raw rows, and
// the O&M funding coverage the plan → build gate shows; the screens' read models.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  deleteBudgetLine,
  fiscalPolicy,
  listBudgetLines,
  listFiscalRules,
  saveBudgetLine,
  saveFiscalRule,
  seedFiscalRules,
  upsertBudgetLines,
} from '../../../renderer/src/data/budgets';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { describeOutlookLines, outlookReport, projectOmCoverage, projectOutlook } from '../../../renderer/src/data/outlook';
import { loadBudgetsView, loadFiscalRulesView, loadOmCoverageView, loadOutlookNamesView } from '../../../renderer/src/data/outlook-views';
import { deleteContract } from '../../../renderer/src/data/contracts';
import { draftSchedule, recordPayment, saveObligations, scheduleParties } from '../../../renderer/src/data/payments';
import { historyOf, type Writer } from '../../../renderer/src/data/repo';
import { figure, outlookLines } from '../../../renderer/src/domain/fiscal/outlook';
import type { BudgetInput } from '../../../renderer/src/domain/fiscal/budgets';
import { createPpp, problemCodes, world, type World } from './contract-fixtures';
import { freshDb } from './helpers';

const AS_OF = '2026-11-24';
const WAN = 1_000_000;

let db: WorkbenchDb;
let w: Writer;
let x: World;

beforeEach(async () => {
  ({ db, w } = await freshDb());
  x = await world(w);
});

const appropriation = (year: number, wan: number, departmentId = x.deptId): BudgetInput => ({ kind: 'appropriation', year, departmentId, amount: { amount: wan * WAN, currency: 'CNY' }, note: '' });
const general = (year: number, wan: number): BudgetInput => ({ kind: 'general-expenditure', year, departmentId: '', amount: { amount: wan * WAN, currency: 'CNY' }, note: '' });

describe('budget figures', () => {
  it('are versioned records with a change log, one per kind, department and year', async () => {
    const a = await saveBudgetLine(w, { ...appropriation(2027, 500), note: ' 市财政局批复 ' });
    expect(a).toMatchObject({ kind: 'appropriation', year: 2027, departmentId: x.deptId, note: '市财政局批复', rev: 1 });
    expect(await problemCodes(saveBudgetLine(w, appropriation(2027, 600)))).toEqual(['year:duplicate']);
    // The same year for the general expenditure is another slot; its department is cleared.
    const g = await saveBudgetLine(w, { ...general(2027, 300_000), departmentId: x.deptId });
    expect(g.departmentId).toBe('');
    const changed = await saveBudgetLine(w, { ...appropriation(2027, 650), note: '市财政局批复' }, a.id);
    expect(changed.amount.amount).toBe(650 * WAN);
    const log = await historyOf(db, 'budgets', a.id);
    expect(log.map((e) => e.op)).toEqual(['create', 'update']);
    expect(log[1].changes).toEqual([{ field: 'amount', before: { amount: 500 * WAN, currency: 'CNY' }, after: { amount: 650 * WAN, currency: 'CNY' } }]);
    await deleteBudgetLine(w, g.id);
    expect((await listBudgetLines(db)).map((b) => b.kind)).toEqual(['appropriation']);
    expect((await db.budgets.get(g.id))?.deleted).toBe(1);
  });

  it('refuses what cannot be a figure, naming the fields', async () => {
    expect(await problemCodes(saveBudgetLine(w, { ...appropriation(1999, -1), departmentId: '' }))).toEqual(['year:out-of-range', 'departmentId:required', 'amount:invalid-amount']);
  });

  it('an import replaces the figures of slots it names and adds the others, in one transaction', async () => {
    await saveBudgetLine(w, appropriation(2027, 500));
    const r = await db.transaction('rw', ['budgets', 'changeLog'], () => upsertBudgetLines(w, [appropriation(2027, 520), appropriation(2028, 540), general(2027, 2_000)]));
    expect(r).toEqual({ added: 2, replaced: 1 });
    expect((await listBudgetLines(db)).map((b) => [b.kind, b.year, b.amount.amount / WAN])).toEqual([
      ['appropriation', 2027, 520],
      ['general-expenditure', 2027, 2_000],
      ['appropriation', 2028, 540],
    ]);
  });
});

describe('fiscal rules', () => {
  it('the shipped red line applies until the office enters its own; seeding copies it to edit', async () => {
    expect((await fiscalPolicy(db)).redLine.map((e) => e.reference)).toEqual(['财金〔2015〕21号', '财金〔2019〕10号']);
    expect(await seedFiscalRules(w, 'ppp-red-line')).toBe(2);
    expect(await seedFiscalRules(w, 'ppp-red-line')).toBe(0);
    await saveFiscalRule(w, { rule: 'ppp-red-line', effectiveFrom: '2026-01-01', rateBp: 1000, warnBp: 500, reference: '市财政局〔2025〕12号' });
    const policy = await fiscalPolicy(db);
    expect(policy.redLine.at(-1)).toEqual({ effectiveFrom: '2026-01-01', limitBp: 1000, warnBp: 500, reference: '市财政局〔2025〕12号' });
    expect(await problemCodes(saveFiscalRule(w, { rule: 'ppp-red-line', effectiveFrom: '2026-01-01', rateBp: 800, warnBp: 900, reference: '' }))).toEqual(['warnBp:warn-above-limit']);
    expect(await problemCodes(saveFiscalRule(w, { rule: 'ppp-red-line', effectiveFrom: '2026-01-01', rateBp: 800, warnBp: 700, reference: '' }))).toEqual(['effectiveFrom:duplicate-date']);
    await saveFiscalRule(w, { rule: 'default-indexation', effectiveFrom: '2025-01-01', rateBp: 200, warnBp: 99, reference: '' });
    expect((await listFiscalRules(db, 'default-indexation'))[0].warnBp).toBe(0);
    expect((await fiscalPolicy(db)).defaultIndexation).toEqual([{ effectiveFrom: '2025-01-01', rateBp: 200, reference: '' }]);
  });
});

/** A PPP operating 2022-07 … 2034-06 whose yearly O&M fee (2,600,000.00) is scheduled only to 2026-06-30, all paid. */
async function pppWithShortSchedule() {
  const c = await createPpp(w, x, { signedOn: '2021-03-01', indexationBp: 0 });
  const parties = await scheduleParties(db, c);
  const rows = await saveObligations(
    w,
    c.id,
    draftSchedule(c, parties, { mode: 'periodic', frequency: 'yearly', start: '2022-07-01', end: '2026-06-30', amountPerPeriod: 260 * WAN, kind: 'om-fee' }),
  );
  for (const o of rows) await recordPayment(w, { obligationId: o.id, paidOn: o.dueDate, amount: o.amount.amount, voucherNo: '', note: '' });
  return c;
}

describe('the outlook read model', () => {
  it('projects the PPP’s fees, checks each year against the red line and the department’s appropriations', async () => {
    const c = await pppWithShortSchedule();
    // 2027: 2,600,000.00 of PPP spending against 2,000万 of budget expenditure = 13%: a breach;
    // 2028: against 5,000万 = 5.2%: fine. The appropriation covers 2027 only in part.
    await saveBudgetLine(w, general(2027, 2_000));
    await saveBudgetLine(w, general(2028, 5_000));
    await saveBudgetLine(w, appropriation(2027, 200));
    const view = await outlookReport(db, { asOf: AS_OF });
    expect(view.result.years[0]).toBe(2026);
    expect(view.redLine.slice(0, 3).map((r) => [r.year, r.ppp, r.budget, r.status, r.ratioBp])).toEqual([
      [2026, 0, null, 'no-budget', null],
      [2027, 260 * WAN, 2_000 * WAN, 'breach', 1300],
      [2028, 260 * WAN, 5_000 * WAN, 'ok', 520],
    ]);
    // The contract runs to 2034-06-30: the fee to 2034-06-30 (due 2034-07-30) is the last.
    expect(view.result.years.map((_, y) => figure(view.result.total, 10, y, 'projected'))).toEqual([0, ...Array(8).fill(260 * WAN), 0]);
    const gap = view.gaps.find((g) => g.departmentId === x.deptId)!;
    expect(gap.years.slice(0, 3)).toEqual([
      { year: 2026, owed: 0, appropriation: null, gap: 0 },
      { year: 2027, owed: 260 * WAN, appropriation: 200 * WAN, gap: 60 * WAN },
      { year: 2028, owed: 260 * WAN, appropriation: null, gap: 260 * WAN },
    ]);
    // The lines behind 2027's PPP figure: one projected fee.
    const lines = outlookLines(view.base, view.options, { dimension: 'total', key: '', year: 1, measure: 'owed', pppOnly: true });
    const named = await describeOutlookLines(db, view.base, lines);
    expect(named).toEqual([
      expect.objectContaining({ contractId: c.id, contractCode: 'HT-PPP-01', projectCode: 'ZH-T-001', obligationId: '', kind: 'om-fee', periodEnd: '2027-06-30', dueDate: '2027-07-30', amount: 260 * WAN }),
    ]);
  });

  it('names the scheduled obligations behind a figure by their ledger place', async () => {
    const c = await createPpp(w, x, { signedOn: '2021-03-01' });
    const parties = await scheduleParties(db, c);
    const rows = await saveObligations(
      w,
      c.id,
      draftSchedule(c, parties, { mode: 'periodic', frequency: 'quarterly', start: '2026-07-01', end: '2027-06-30', amountPerPeriod: 50 * WAN, kind: 'availability', description: '可用性付费' }),
    );
    const view = await outlookReport(db, { asOf: AS_OF });
    const lines = outlookLines(view.base, view.options, { dimension: 'department', key: x.deptId, year: 1, measure: 'scheduled' });
    const named = await describeOutlookLines(db, view.base, lines);
    // Quarters ending 2026-12-31 (due 2027-01-30), 2027-03-31, 2027-06-30 fall due in 2027.
    expect(named.map((l) => [l.obligationId, l.description, l.dueDate])).toEqual(rows.slice(1).map((o) => [o.id, o.description, o.dueDate]));
  });

  it('one project’s outlook from its raw rows equals the portfolio outlook’s row', async () => {
    await pppWithShortSchedule();
    const other = await world(w, 'ZH-T-002');
    await createPpp(w, other, { code: 'HT-PPP-02', signedOn: '2021-03-01' });
    const portfolio = await outlookReport(db, { asOf: AS_OF, scenario: { lateDays: 45, indexationBp: 250 } });
    const mine = await projectOutlook(db, x.projectId, { asOf: AS_OF, scenario: { lateDays: 45, indexationBp: 250 } });
    const row = portfolio.result.projects.keys.indexOf(x.projectId);
    for (let y = 0; y < 10; y++) {
      for (const m of ['scheduled', 'projected', 'arrears', 'interest', 'linked'] as const) {
        expect(figure(mine.result.total, 10, y, m)).toBe(figure(portfolio.result.projects.values, 10, y, m, row));
      }
    }
    expect(figure(mine.result.total, 10, 1, 'projected')).toBeGreaterThan(260 * WAN);
  });

  it('the gate’s O&M coverage: covered when the department’s appropriations meet what it owes in the first operating years', async () => {
    await pppWithShortSchedule();
    // Operating since 2022: the three years looked at are 2026–2028; 2026 owes nothing more.
    expect((await projectOmCoverage(db, x.projectId, AS_OF)).status).toBe('no-appropriation');
    for (const year of [2026, 2027, 2028]) await saveBudgetLine(w, appropriation(year, 260));
    const covered = await projectOmCoverage(db, x.projectId, AS_OF);
    expect(covered).toMatchObject({ status: 'covered', departmentId: x.deptId, firstOperatingYear: 2022 });
    expect(covered.years.map((y) => [y.year, y.om, y.departmentOwed, y.appropriation])).toEqual([
      [2026, 0, 0, 260 * WAN],
      [2027, 260 * WAN, 260 * WAN, 260 * WAN],
      [2028, 260 * WAN, 260 * WAN, 260 * WAN],
    ]);
    const line = (await listBudgetLines(db)).find((b) => b.year === 2028)!;
    await saveBudgetLine(w, appropriation(2028, 259), line.id);
    expect((await projectOmCoverage(db, x.projectId, AS_OF)).status).toBe('gap');
  });
});

describe('the outlook screens’ read models', () => {
  it('name what the screens print, leave out what was deleted, and say which department the O&M cover is about', async () => {
    const c = await pppWithShortSchedule();
    const gone = await createPpp(w, x, { code: 'HT-PPP-09' });
    await deleteContract(w, gone.id);
    const names = await loadOutlookNamesView(db, [x.projectId, 'no-such-project'], [c.id, gone.id]);
    expect(names.orgNames.get(x.deptId)).toBe('市交通运输局 ZH-T-001');
    expect([...names.projects.keys()]).toEqual([x.projectId]);
    expect([...names.contractCodes]).toEqual([[c.id, 'HT-PPP-01']]);

    await saveBudgetLine(w, appropriation(2027, 260));
    await saveBudgetLine(w, general(2027, 300_000));
    const budgets = await loadBudgetsView(db);
    expect(budgets.lines.map((b) => [b.kind, b.year])).toEqual([
      ['appropriation', 2027],
      ['general-expenditure', 2027],
    ]);
    expect(budgets.organisations.map((o) => o.id)).toContain(x.deptId);

    await seedFiscalRules(w, 'ppp-red-line');
    const rules = await loadFiscalRulesView(db);
    expect(rules['ppp-red-line'].length).toBeGreaterThan(0);
    expect(rules['default-indexation']).toEqual([]);

    const cover = await loadOmCoverageView(db, x.projectId, AS_OF);
    expect(cover).toMatchObject({ coverage: { status: 'no-appropriation', departmentId: x.deptId }, departmentName: '市交通运输局 ZH-T-001' });
  });
});
