import { describe, expect, it } from 'vitest';
import { compareWatch, suggestedPeriod, watchItem, type WatchItem } from '../../../../renderer/src/domain/reviews/watch-list';
import type { ReviewCycle } from '../../../../renderer/src/domain/core/types';

const project = (code: string, reviewCycle: ReviewCycle | '' = 'quarterly') => ({ id: `p-${code}`, code, name: code, departmentId: '', reviewCycle, phaseSince: '2025-01-01' });
const AS_OF = '2026-01-01';

describe('watchItem: one project’s verdict', () => {
  it.each<[string, ReturnType<typeof project>, string, string[], object]>([
    ['no cycle set', project('A', ''), '2025-01-01', [], { status: 'no-cycle', due: null }],
    ['never reviewed for a year: overdue since the first deadline', project('A'), '2025-01-01', [], { status: 'overdue', due: { daysOverdue: 246, missedPeriods: 3 }, lastReviewedTo: '' }],
    ['reviewed to the last quarter: not due', project('A'), '2025-01-01', ['2025-06-30', '2025-12-31'], { status: 'not-due', lastReviewedTo: '2025-12-31' }],
    ['operation start not recorded: the phase date stands in', project('A'), '', ['2025-09-30'], { status: 'due', operateStart: '2025-01-01', due: { daysLeft: 29 } }],
  ])('%s', (_, p, start, ends, expected) => {
    expect(watchItem(p, start, ends, AS_OF)).toMatchObject(expected);
  });
});

describe('compareWatch: the reading order of the list', () => {
  it('longest overdue first, then the nearest deadline, then no cycle, then up to date; by code within each', () => {
    const items: WatchItem[] = [
      watchItem(project('Z-NOTDUE'), '2025-01-01', ['2025-12-31'], AS_OF),
      watchItem(project('B-NOCYCLE', ''), '2025-01-01', [], AS_OF),
      watchItem(project('A-NOCYCLE', ''), '2025-01-01', [], AS_OF),
      watchItem(project('C-DUE-29'), '2025-01-01', ['2025-09-30'], AS_OF),
      watchItem(project('D-DUE-29'), '2025-01-01', ['2025-09-30'], AS_OF),
      watchItem(project('E-OVERDUE-63'), '2025-01-01', ['2025-06-30'], AS_OF),
      watchItem(project('F-OVERDUE-246'), '2025-01-01', [], AS_OF),
      watchItem(project('G-DUE-0'), '2025-01-01', ['2025-09-30'], '2026-01-30'),
    ];
    expect(items.map((i) => [i.code, i.status])).toContainEqual(['E-OVERDUE-63', 'overdue']);
    expect([...items].sort(compareWatch).map((i) => i.code)).toEqual([
      'F-OVERDUE-246',
      'E-OVERDUE-63',
      'G-DUE-0',
      'C-DUE-29',
      'D-DUE-29',
      'A-NOCYCLE',
      'B-NOCYCLE',
      'Z-NOTDUE',
    ]);
  });
});

describe('suggestedPeriod', () => {
  it.each<[string, string[], string, object | null]>([
    ['the due quarter', ['2025-09-30'], AS_OF, { start: '2025-10-01', end: '2025-12-31' }],
    ['several missed: the latest that has ended (it covers the earlier ones)', [], AS_OF, { start: '2025-10-01', end: '2025-12-31' }],
    ['several missed, mid-quarter', [], '2025-11-15', { start: '2025-07-01', end: '2025-09-30' }],
  ])('%s', (_, ends, asOf, period) => {
    expect(suggestedPeriod(watchItem(project('A'), '2025-01-01', ends, asOf), asOf)).toMatchObject(period as object);
  });

  it('none without a cycle', () => {
    expect(suggestedPeriod(watchItem(project('A', ''), '2025-01-01', [], AS_OF), AS_OF)).toBeNull();
  });
});
