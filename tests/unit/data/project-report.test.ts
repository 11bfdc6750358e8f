// The project review report reads one read model; its arrears are the arrears view's (the ledger
// roll-up filtered to the project): payable amounts after active performance deductions.
import { describe, expect, it } from 'vitest';
import { arrearsReport } from '../../../renderer/src/data/arrears';
import { loadDemo } from '../../../renderer/src/data/demo';
import { loadProjectReportView } from '../../../renderer/src/data/reports/project-report';
import { rollUpRows } from '../../../renderer/src/domain/contracts/arrears';
import { freshDb } from './helpers';

const AS_OF = '2026-06-30';

describe('project report read model', () => {
  it('gives every demo project with a review cut the same overdue and interest as the arrears view', async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    const cut = [...new Set((await db.deductions.toArray()).filter((d) => d.status === 'active' && !d.deleted).map((d) => d.projectId))];
    expect(cut.length).toBeGreaterThan(0);
    for (const projectId of cut) {
      const view = await loadProjectReportView(db, projectId, AS_OF);
      const report = rollUpRows(projectId, [...view!.arrears.rows.values()]);
      const roll = (await arrearsReport(db, AS_OF, { projectId })).report.total;
      const figures = (r: typeof roll) => r.currencies.map((c) => [c.currency, c.overdue, c.interest, c.outstanding, c.disputed]);
      expect([view!.project.code, figures(report)]).toEqual([view!.project.code, figures(roll)]);
      // The cut obligations are owed their payable amount, not the scheduled one.
      for (const [id, deducted] of view!.arrears.deductions) {
        const o = view!.arrears.obligations.find((x) => x.id === id)!;
        expect(view!.arrears.rows.get(id)!.amount).toBe(o.amount.amount - deducted);
      }
    }
  });

  it('is undefined for a project that does not exist', async () => {
    const { db } = await freshDb();
    expect(await loadProjectReportView(db, 'no-such-project', AS_OF)).toBeUndefined();
  });
});
