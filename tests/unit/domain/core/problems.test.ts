import { describe, expect, it } from 'vitest';
import { fieldProblem, firstProblemByField, problem, ProblemsError, type Problem } from '../../../../renderer/src/domain/core/problems';

describe('problem envelope', () => {
  it.each<[string, Problem, Problem]>([
    ['whole input, no parameters', problem('incomplete'), { code: 'incomplete', params: {} }],
    ['whole input with parameters', problem('value.missing', { code: '2' }), { code: 'value.missing', params: { code: '2' } }],
    ['a field', fieldProblem('code', 'too-long', { max: 40 }), { field: 'code', code: 'too-long', params: { max: 40 } }],
    ['a list item field', problem('required', {}, 'parties.2.orgId'), { field: 'parties.2.orgId', code: 'required', params: {} }],
  ])('%s', (_, made, expected) => {
    expect(made).toStrictEqual(expected);
  });

  it.each<[string, Problem[], [string, string][]]>([
    ['none', [], []],
    ['first problem of each field wins', [fieldProblem('code', 'required'), fieldProblem('name', 'too-long', { max: 120 }), fieldProblem('code', 'code-taken')], [['code', 'required'], ['name', 'too-long']]],
    ['problems of the whole input under the empty field', [problem('incomplete'), fieldProblem('code', 'required'), problem('no-band')], [['', 'incomplete'], ['code', 'required']]],
  ])('firstProblemByField: %s', (_, problems, expected) => {
    expect([...firstProblemByField(problems)].map(([field, p]) => [field, p.code])).toEqual(expected);
  });

  it('a refusal carries the envelope and names its problems in its message', () => {
    const e = new ProblemsError('contracts', [fieldProblem('code', 'required'), problem('too-many', { max: 600 })]);
    expect(e).toBeInstanceOf(Error);
    expect({ area: e.area, problems: e.problems }).toEqual({
      area: 'contracts',
      problems: [{ field: 'code', code: 'required', params: {} }, { code: 'too-many', params: { max: 600 } }],
    });
    expect(e.message).toBe('contracts: code:required, too-many');
  });
});
