import { describe, expect, it } from 'vitest';
import { arrearsReport } from '../../../renderer/src/data/arrears';
import { loadDashboardView } from '../../../renderer/src/data/dashboard';
import { loadDemo } from '../../../renderer/src/data/demo';
import { PHASES } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';

describe('the dashboard read model', () => {
  it('counts the demo portfolio and carries the arrears view’s totals, unworded', async () => {
    const { db, w } = await freshDb();
    const { projects } = await loadDemo(w);
    const asOf = '2026-11-24';
    const view = await loadDashboardView(db, asOf);

    expect(view.projectCount).toBe(projects);
    expect(PHASES.reduce((s, p) => s + view.phases[p], 0)).toBe(projects);
    // The same figures as the arrears view's, per currency.
    const { report } = await arrearsReport(db, asOf);
    expect(view.overdue).toEqual(new Map(report.total.currencies.map((c) => [c.currency, c.overdue])));
    expect(view.interest).toEqual(new Map(report.total.currencies.map((c) => [c.currency, c.interest])));
    expect(view.overdue.get('CNY')).toBeGreaterThan(0);
    // Names are data; the words for "no department" and "the rest" are the screen's.
    for (const d of view.departments) {
      if (d.rest) expect([d.id, d.name]).toEqual(['', '']);
      else if (d.id) expect(d.name).not.toBe('');
      expect(d.buckets.some((b) => b > 0)).toBe(true);
    }
    expect(view.departments.filter((d) => d.rest).length).toBeLessThanOrEqual(1);
    expect(view.departments.length).toBeLessThanOrEqual(9);
  });
});
