import { describe, expect, it } from 'vitest';
import {
  PROJECT_SORT_KEYS,
  REGISTER_ORDER,
  REGISTER_PRIMARY,
  isFiltered,
  narrows,
  orderRegister,
  registerFilter,
  sharedCodes,
  sortRegister,
  type ProjectQuery,
  type ProjectSortKey,
  type RegisterRow,
} from '../../../../renderer/src/domain/projects/register';

const row = (id: string, code: string, name: string, extra: Partial<RegisterRow> = {}): RegisterRow => ({
  id,
  code,
  name,
  searchText: `${name} ${code}`.toLowerCase(),
  category: 'city-brain',
  departmentId: '',
  phase: 'plan',
  budget: { amount: 100, currency: 'CNY' },
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

// 城 chéng, 数 shù, 一 yī, 智 zhì: pinyin order. Two projects share a name, two a budget, two a date.
const ROWS: RegisterRow[] = [
  row('id-d', 'ZH-10', '一网通办', { phase: 'operate', budget: { amount: 300, currency: 'CNY' }, updatedAt: '2026-03-01T00:00:00.000Z', category: 'gov-services', departmentId: 'd1' }),
  row('id-b', 'ZH-2', '城市大脑', { phase: 'build', budget: { amount: 300, currency: 'CNY' }, updatedAt: '2026-02-01T00:00:00.000Z', departmentId: 'd1' }),
  row('id-a', 'ZH-1', '城市大脑', { phase: 'build', budget: { amount: 50, currency: 'CNY' }, updatedAt: '2026-02-01T00:00:00.000Z' }),
  row('id-c', 'SY-3', '智慧停车', { phase: 'plan', budget: { amount: 900, currency: 'CNY' }, updatedAt: '2026-01-15T00:00:00.000Z', category: 'smart-transport' }),
  row('id-e', 'ZH-9', '数据底座', { phase: 'cancelled', budget: { amount: 10, currency: 'CNY' }, updatedAt: '2026-04-01T00:00:00.000Z', category: 'data-platform' }),
];

describe('register order', () => {
  const cases: [ProjectSortKey, boolean, string[]][] = [
    // Same name: the id decides (id-a before id-b).
    ['name', false, ['ZH-1', 'ZH-2', 'ZH-9', 'ZH-10', 'SY-3']],
    ['name', true, ['SY-3', 'ZH-10', 'ZH-9', 'ZH-2', 'ZH-1']],
    // Numeric parts compare as numbers: ZH-2 before ZH-10.
    ['code', false, ['SY-3', 'ZH-1', 'ZH-2', 'ZH-9', 'ZH-10']],
    ['code', true, ['ZH-10', 'ZH-9', 'ZH-2', 'ZH-1', 'SY-3']],
    // plan < build < operate < … < cancelled; the two in build fall back to the name, then the id.
    ['phase', false, ['SY-3', 'ZH-1', 'ZH-2', 'ZH-10', 'ZH-9']],
    // Equal budgets (300) fall back to the name: 城 before 一.
    ['budget', false, ['ZH-9', 'ZH-1', 'ZH-2', 'ZH-10', 'SY-3']],
    ['budget', true, ['SY-3', 'ZH-10', 'ZH-2', 'ZH-1', 'ZH-9']],
    ['updatedAt', false, ['SY-3', 'ZH-1', 'ZH-2', 'ZH-10', 'ZH-9']],
  ];
  it.each(cases)('by %s (descending: %s)', (key, desc, codes) => {
    expect(sortRegister([...ROWS], key, desc).map((r) => r.code)).toEqual(codes);
  });

  // The code order is first sorted on a stand-in key (case folded, digits padded), then by the
  // collator; where the two disagree the collator's order is the answer.
  const codeCases: [string, string[], string[]][] = [
    ['numbers compare as numbers', ['A-10', 'A-2', 'A-1'], ['A-1', 'A-2', 'A-10']],
    ['case does not decide before the letters', ['b-1', 'A-2', 'a-3', 'B-0'], ['A-2', 'a-3', 'B-0', 'b-1']],
    ['punctuation and width the stand-in gets wrong', ['A_1', 'A-1', 'A.1', 'A1', 'Ａ-1'], [...['A_1', 'A-1', 'A.1', 'A1', 'Ａ-1']].sort((x, y) => REGISTER_PRIMARY.code(row('x', x, ''), row('y', y, '')))],
    ['Chinese codes and empty codes', ['智慧-2', '', '城市-1', 'Z-1'], ['', 'Z-1', '城市-1', '智慧-2'].sort((x, y) => REGISTER_PRIMARY.code(row('x', x, ''), row('y', y, '')))],
    ['digit runs longer than the padding', ['A-123456789012345678', 'A-99999999999999999', 'A-2'], ['A-2', 'A-99999999999999999', 'A-123456789012345678']],
    ['equal codes fall back to the name', ['X-1', 'X-1', 'X-0'], ['X-0', 'X-1', 'X-1']],
  ];
  it.each(codeCases)('by code: %s', (_, codes, expected) => {
    const rows = codes.map((c, i) => row(`id-${i}`, c, `名${codes.length - i}`));
    const ordered = orderRegister([...rows], 'code');
    expect(ordered.map((r) => r.code)).toEqual(expected);
    expect(ordered).toEqual([...rows].sort(REGISTER_ORDER.code));
  });

  it('by code equals the collator sort for any input order', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const parts = ['ZH', 'zh', 'SY', 'A', '城市', 'Ａ', '-', '_', '.', ' ', '0', '1', '2', '10', '007', '99'];
    const rows = Array.from({ length: 400 }, (_, i) =>
      row(`id-${i}`, Array.from({ length: 1 + Math.floor(rand() * 4) }, () => parts[Math.floor(rand() * parts.length)]).join(''), `项目${Math.floor(rand() * 50)}`),
    );
    expect(orderRegister([...rows], 'code')).toEqual([...rows].sort(REGISTER_ORDER.code));
  });

  it('a stable sort by the key alone of rows in name order gives the same order', () => {
    for (const key of PROJECT_SORT_KEYS) {
      const byName = [...ROWS].sort(REGISTER_ORDER.name);
      expect(byName.slice().sort(REGISTER_PRIMARY[key]), key).toEqual([...ROWS].sort(REGISTER_ORDER[key]));
    }
  });
});

describe('register filter', () => {
  const cases: [ProjectQuery, string[]][] = [
    [{}, ['ZH-10', 'ZH-2', 'ZH-1', 'SY-3', 'ZH-9']],
    [{ search: '大脑' }, ['ZH-2', 'ZH-1']],
    // The search ignores case and surrounding spaces; it matches the code as well.
    [{ search: '  zh-1 ' }, ['ZH-10', 'ZH-1']],
    [{ search: '   ' }, ['ZH-10', 'ZH-2', 'ZH-1', 'SY-3', 'ZH-9']],
    [{ phase: 'build' }, ['ZH-2', 'ZH-1']],
    [{ category: 'gov-services' }, ['ZH-10']],
    [{ departmentId: 'd1' }, ['ZH-10', 'ZH-2']],
    [{ departmentId: 'd1', phase: 'build', search: '城市' }, ['ZH-2']],
    [{ phase: 'closed' }, []],
  ];
  it.each(cases)('%j', (q, codes) => {
    const keep = registerFilter(q);
    expect(keep === null).toBe(!isFiltered(q));
    expect((keep ? ROWS.filter(keep) : ROWS).map((r) => r.code)).toEqual(codes);
  });
});

describe('shared project codes', () => {
  const cases: [string, string[], string[]][] = [
    ['all distinct', ['A-1', 'A-2', 'B-1'], []],
    ['one pair', ['A-1', 'A-2', 'A-1'], ['A-1']],
    // Stored codes are trimmed; one typed with spaces by an older version still clashes.
    ['compared trimmed', ['A-1', ' A-1 ', 'A-2'], ['A-1']],
    ['case matters, as in the forms', ['a-1', 'A-1'], []],
    ['three holders are one shared code', ['X', 'X', 'X', 'Y', 'Y'], ['X', 'Y']],
    ['an empty code is not a code', ['', '  ', ''], []],
  ];
  it.each(cases)('%s', (_name, codes, shared) => {
    expect([...sharedCodes(codes.map((code) => ({ code })))].sort()).toEqual(shared);
  });

  it('the sharedCode filter keeps the rows whose code is shared, with the other filters', () => {
    const rows = [...ROWS, row('id-f', 'ZH-2', '城市大脑三期', { phase: 'plan' })];
    const shared = sharedCodes(rows);
    expect(rows.filter(registerFilter({ sharedCode: true }, shared)!).map((r) => r.id)).toEqual(['id-b', 'id-f']);
    expect(rows.filter(registerFilter({ sharedCode: true, phase: 'plan' }, shared)!).map((r) => r.id)).toEqual(['id-f']);
    expect(isFiltered({ sharedCode: true })).toBe(true);
  });
});

describe('a query that narrows another', () => {
  // narrows(prev, next): every project next lets through, prev lets through too.
  const cases: [ProjectQuery, ProjectQuery, boolean][] = [
    [{}, {}, true],
    [{}, { phase: 'build', search: '城' }, true],
    [{ search: '城' }, { search: '城市' }, true],
    [{ search: '城市' }, { search: '城' }, false],
    // The needle only has to contain the earlier one, wherever: '市大' within '城市大脑'.
    [{ search: '市大' }, { search: '城市大脑' }, true],
    [{ search: ' ZH ' }, { search: 'zh-1' }, true],
    [{ search: '城市' }, { search: '' }, false],
    [{ phase: 'build' }, { phase: 'build', category: 'city-brain' }, true],
    [{ phase: 'build' }, { phase: 'plan' }, false],
    [{ phase: 'build' }, {}, false],
    [{ phase: '' }, { phase: 'plan' }, true],
    [{ category: 'city-brain' }, { category: 'gov-services' }, false],
    [{ departmentId: 'd1' }, { departmentId: 'd1', search: 'x' }, true],
    [{ departmentId: 'd1' }, { departmentId: 'd2' }, false],
    [{ sharedCode: true }, { sharedCode: false }, false],
    [{ sharedCode: false }, { sharedCode: true }, true],
    // The sort is not a filter: the caller keeps answers per order.
    [{ phase: 'build', sort: 'name' }, { phase: 'build', sort: 'budget', desc: true }, true],
  ];
  it.each(cases)('%j → %j: %s', (prev, next, expected) => {
    expect(narrows(prev, next)).toBe(expected);
    // Whenever it says so, filtering prev's answer gives next's answer.
    if (expected) {
      const all = (q: ProjectQuery) => ROWS.filter(registerFilter(q, new Set(['ZH-1'])) ?? (() => true)).map((r) => r.id);
      const keepNext = registerFilter(next, new Set(['ZH-1'])) ?? (() => true);
      const fromPrev = ROWS.filter((r) => all(prev).includes(r.id)).filter(keepNext).map((r) => r.id);
      expect(fromPrev).toEqual(all(next));
    }
  });
});
