import { afterEach, describe, expect, it } from 'vitest';
import { fieldProblem, problem, ProblemsError, type Problem, type ProblemArea } from '../../../renderer/src/domain/core/problems';
import { i18n, type LocalePreference } from '../../../renderer/src/i18n/i18n.svelte';
import { errorText, fieldMessages, problemText, problemsText, type ProblemContext } from '../../../renderer/src/i18n/problems';

const items: ProblemContext = { itemText: (id) => (id === 'dc-om-1' ? (i18n.locale === 'zh-CN' ? '运维记录完整' : 'O&M log complete') : undefined) };

afterEach(() => i18n.setPreference('zh-CN'));

function inLocale<T>(locale: LocalePreference, run: () => T): T {
  i18n.setPreference(locale);
  return run();
}

describe('the one problem translator', () => {
  it.each<[string, ProblemArea, Problem, string, string]>([
    ['a shared code from common, with the real limit', 'projects', fieldProblem('code', 'too-long', { max: 40 }), '不能超过 40 个字符。', 'At most 40 characters.'],
    ['an area code before the shared one', 'projects', fieldProblem('code', 'code-taken', { code: 'XM-01' }), '项目编号“XM-01”已被其他项目使用。', 'Project code “XM-01” is already used by another project.'],
    ['a contract date named with the field it contradicts', 'contracts', fieldProblem('operationEnd', 'date-order', { after: 'signedOn', date: '2026-01-01' }), '不能早于签订日期（2026/01/01）。', 'Cannot be before Signed on (01/01/2026).'],
    ['a nested code', 'contracts', problem('schedule.too-many-periods', { max: 600 }), '期数过多（最多 600 期）。', 'Too many periods (at most 600).'],
    ['review centipoints shown as points', 'reviews', problem('weights.children-sum', { code: 'A', expected: 6000, actual: 5500 }), '指标 A 的下级分值合计为 55，应等于 60。', 'The children of indicator A total 55 points; they must total 60.'],
    ['review rows from 1 and band kinds in words', 'reviews', problem('bands.gap', { kind: 'grade', index: 1, from: 6000, to: 6050 }), '等级区间第 2 行前缺少 60–60.5 分的区间。', 'Grade bands: scores 60–60.5 before row 2 are not covered.'],
    ['a checklist item by its text', 'audits', problem('answer.missing', { itemId: 'dc-om-1' }), '“运维记录完整”尚未作答。', '“O&M log complete” is not answered.'],
    ['an unknown checklist item by its id', 'audits', problem('answer.missing', { itemId: 'zz' }), '“zz”尚未作答。', '“zz” is not answered.'],
    ['task statuses in words', 'audits', problem('rectification.transition-invalid', { from: 'open', to: 'verified' }), '整改任务不能从“待整改”改为“已验证”。', 'A task cannot move from “Open” to “Verified”.'],
    ['a code nobody translated stays visible', 'contracts', problem('no-such-code'), 'no-such-code', 'no-such-code'],
  ])('%s', (_, area, p, zh, en) => {
    expect(inLocale('zh-CN', () => problemText(area, p, items))).toBe(zh);
    expect(inLocale('en', () => problemText(area, p, items))).toBe(en);
  });

  it('an envelope reads as one message, and per field for forms', () => {
    const e = { area: 'projects' as const, problems: [fieldProblem('code', 'required'), fieldProblem('name', 'too-long', { max: 120 }), fieldProblem('code', 'code-taken', { code: 'X' })] };
    i18n.setPreference('en');
    expect(problemsText(e)).toBe('This field is required. At most 120 characters. Project code “X” is already used by another project.');
    expect(fieldMessages(e)).toEqual({ code: 'This field is required.', name: 'At most 120 characters.' });
  });

  it('a thrown refusal is translated; anything else is an unexpected error without its stack', () => {
    i18n.setPreference('en');
    expect(errorText(new ProblemsError('reviews', [problem('not-draft')]))).toBe('The review is finalised and cannot be changed.');
    expect(errorText(new Error('disk full\n    at write (x.js:1)'))).toBe('The action could not be completed: disk full');
  });
});
