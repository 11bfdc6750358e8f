import { describe, expect, it } from 'vitest';
import type { RectificationStatus } from '../../../../renderer/src/domain/audits/audit-types';
import {
  canTransition,
  compareTaskUrgency,
  defaultDueDate,
  isTaskOverdue,
  taskDaysOverdue,
  validateTransition,
} from '../../../../renderer/src/domain/audits/rectification';

describe('rectification overdue', () => {
  it.each<[RectificationStatus, string, string, boolean, number]>([
    // status, due, as of, overdue, days
    ['open', '2026-05-31', '2026-05-30', false, 0],
    ['open', '2026-05-31', '2026-05-31', false, 0], // the due date itself is on time
    ['open', '2026-05-31', '2026-06-01', true, 1],
    ['in-progress', '2026-05-31', '2026-07-01', true, 31],
    ['open', '2025-12-31', '2026-03-01', true, 60], // 31 + 28 + 1
    ['open', '2024-02-28', '2024-03-01', true, 2], // leap day counts
    ['done', '2026-05-31', '2026-07-01', false, 0], // done stops the clock before verification
    ['verified', '2026-05-31', '2026-07-01', false, 0],
  ])('%s due %s as of %s → overdue %s, %i days', (status, dueDate, asOf, overdue, days) => {
    expect(isTaskOverdue({ status, dueDate }, asOf)).toBe(overdue);
    expect(taskDaysOverdue({ status, dueDate }, asOf)).toBe(days);
  });

  it.each([
    ['critical', '2026-05-01', '2026-05-08'],
    ['high', '2026-05-01', '2026-05-16'],
    ['medium', '2026-05-01', '2026-05-31'],
    ['low', '2026-05-01', '2026-06-30'],
    ['critical', '2026-12-28', '2027-01-04'],
  ] as const)('default due date for %s raised %s → %s', (severity, raisedOn, due) => {
    expect(defaultDueDate(severity, raisedOn)).toBe(due);
  });
});

describe('rectification status moves', () => {
  it.each<[RectificationStatus, RectificationStatus, boolean]>([
    ['open', 'in-progress', true],
    ['open', 'done', true],
    ['open', 'verified', false], // must be done first
    ['in-progress', 'open', true],
    ['in-progress', 'done', true],
    ['in-progress', 'verified', false],
    ['done', 'verified', true],
    ['done', 'in-progress', true], // verification found the fix lacking
    ['done', 'open', false],
    ['verified', 'done', false],
    ['verified', 'open', false],
    ['open', 'open', false],
  ])('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });

  it.each<[RectificationStatus, RectificationStatus, string, string[]]>([
    ['done', 'verified', '现场复查，压力已恢复', []],
    ['done', 'verified', '  ', ['rectification.verification-note-missing']],
    ['open', 'verified', '', ['rectification.transition-invalid', 'rectification.verification-note-missing']],
    ['open', 'in-progress', '', []],
  ])('validateTransition %s → %s with note %j', (from, to, note, codes) => {
    expect(validateTransition({ status: from }, to, note).map((i) => i.code)).toEqual(codes);
  });
});

describe('urgency order', () => {
  it('puts overdue first (longest first), then open by due date, then closed', () => {
    const tasks = [
      { id: 'done-old', status: 'done' as const, dueDate: '2026-01-01' },
      { id: 'open-later', status: 'open' as const, dueDate: '2026-09-01' },
      { id: 'late-10', status: 'open' as const, dueDate: '2026-05-22' },
      { id: 'late-60', status: 'in-progress' as const, dueDate: '2026-04-02' },
      { id: 'open-soon', status: 'in-progress' as const, dueDate: '2026-06-05' },
    ];
    expect([...tasks].sort(compareTaskUrgency('2026-06-01')).map((t) => t.id)).toEqual(['late-60', 'late-10', 'open-soon', 'open-later', 'done-old']);
  });
});
