// The demo portfolio's contracts: every type, the warnings the demo is meant to show, payments on
// time, partial, late and more than two years late, one withheld amount; deterministic ids.
import { describe, expect, it } from 'vitest';
import { arrearsReport, contractSchedule } from '../../../renderer/src/data/arrears';
import { loadDemo } from '../../../renderer/src/data/demo';
import { AGING_BUCKETS } from '../../../renderer/src/domain/contracts/aging';
import { contractWarnings } from '../../../renderer/src/domain/contracts/contract-rules';
import { CONTRACT_TYPES } from '../../../renderer/src/domain/core/types';
import { expectLedgersInSync } from './contract-fixtures';
import { freshDb } from './helpers';

const AS_OF = '2026-11-24';

describe('demo contracts', { timeout: 60_000 }, () => {
  it('covers every contract type with schedules, late and very late payments, a withheld amount and warnings', async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    const contracts = (await db.contracts.toArray()).filter((c) => !c.deleted);
    expect(new Set(contracts.map((c) => c.type))).toEqual(new Set(CONTRACT_TYPES));
    const byCode = new Map(contracts.map((c) => [c.code, c]));
    const projectCode = async (id: string) => (await db.projects.get(id))?.code;

    // Purchase of service from 政通软件 (an SME) with a 90-day term, amended from 60 days.
    const pos = byCode.get('ZW-GM-2020-07')!;
    expect(await projectCode(pos.projectId)).toBe('ZH-2019-004');
    expect(contractWarnings(pos).map((x) => x.code)).toEqual(['pos-term-over-1y', 'payments-not-performance-linked', 'sme-payment-term-over-60d']);
    expect((await db.amendments.where('contractId').equals(pos.id).toArray()).map((a) => a.changes)).toEqual([[{ field: 'paymentTermDays', before: 60, after: 90 }]]);

    // A PPP signed after 国办函〔2023〕115号 with government payment; a user-pays franchise raises nothing.
    expect(contractWarnings(byCode.get('YJ-PPP-2024-02')!).map((x) => x.code)).toEqual(['ppp-new-mechanism-government-pays']);
    expect(contractWarnings(byCode.get('SJ-TX-2026-01')!)).toEqual([]);

    // 时空信息云平台: O&M fees unpaid for more than two years.
    const om = byCode.get('GZ-YW-2019-12')!;
    const view = await contractSchedule(db, om.id, AS_OF);
    const rows = [...view.rows.values()];
    expect(rows.filter((r) => r.bucket === 'y2p').length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.paid > 0 && r.outstanding > 0)).toBe(true);

    // The PPP: quarterly availability and yearly O&M payments, one withheld amount.
    const ppp = byCode.get('JT-PPP-2021-01')!;
    const pppView = await contractSchedule(db, ppp.id, AS_OF);
    expect(pppView.obligations.filter((o) => o.kind === 'availability')).toHaveLength(48);
    expect(pppView.obligations.filter((o) => o.kind === 'om-fee')).toHaveLength(12);
    // 800,000.00 withheld of the 2025 O&M payment; a finalised review has since cut the payable amount,
    // so what is withheld is all that is left of it, and none of it is overdue.
    const withheld = [...pppView.rows.values()].filter((r) => r.disputed > 0);
    expect(withheld).toHaveLength(1);
    expect(withheld[0].disputed).toBe(withheld[0].outstanding);
    expect(withheld[0].overdue).toBe(0);
    expect(pppView.obligations.find((o) => o.id === withheld[0].obligationId)?.disputedAmount).toBe(80 * 1_000_000);

    // The portfolio: overdue in several buckets, the SME payees first among counterparties.
    const p = await arrearsReport(db, AS_OF);
    const cny = p.report.total.currencies.find((c) => c.currency === 'CNY')!;
    expect(cny.bucketAmounts.filter((a) => a > 0).length).toBeGreaterThanOrEqual(4);
    expect(cny.bucketAmounts[AGING_BUCKETS.indexOf('y2p')]).toBeGreaterThan(0);
    expect(cny.interest).toBeGreaterThan(0);
    expect(cny.disputed).toBe(withheld[0].disputed);
    // Finalised reviews cut performance-linked fees after this step: those ledgers were rebuilt.
    await expectLedgersInSync(db);
  });

  it('builds the same contracts, obligations and payments on every machine', async () => {
    const a = await freshDb();
    const b = await freshDb();
    await loadDemo(a.w);
    await loadDemo(b.w);
    const ids = async (db: typeof a.db) => [
      (await db.contracts.toCollection().primaryKeys()).sort(),
      (await db.obligations.toCollection().primaryKeys()).sort(),
      (await db.payments.toCollection().primaryKeys()).sort(),
    ];
    expect(await ids(a.db)).toEqual(await ids(b.db));
  });
});
