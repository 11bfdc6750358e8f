import { describe, expect, it } from 'vitest';
import { enGB, zhCN } from '../../../renderer/src/i18n/catalogue';
import { formatList, interpolate } from '../../../renderer/src/i18n/format';

describe('interpolate', () => {
  it.each([
    ['{n} rows', { n: 3 }, '3 rows'],
    ['{n} rows', {}, '{n} rows'],
    ['{count|# problem|# problems}', { count: 1 }, '1 problem'],
    ['{count|# problem|# problems}', { count: 0 }, '0 problems'],
    ['{count|# problem|# problems}', { count: 2 }, '2 problems'],
    // Already formatted by Intl: the separator does not make 1,001 read as 1.
    ['{count|# row|# rows}', { count: '1,001' }, '1,001 rows'],
    ['{count|# row|# rows}', { count: '1' }, '1 row'],
    ['{count|one left|# left} of {total}', { count: 1, total: 5 }, 'one left of 5'],
    ['{missing|a|b}', { count: 1 }, '{missing|a|b}'],
  ])('%s with %o → %s', (template, params, expected) => {
    expect(interpolate(template, params as Record<string, string | number>)).toBe(expected);
  });
});

describe('formatList', () => {
  it('joins with 、 in Chinese and a comma in English', () => {
    expect(formatList('zh-CN', ['市大数据局', '市交通局'])).toBe('市大数据局、市交通局');
    expect(formatList('en', ['Data Bureau', 'Transport Bureau'])).toBe('Data Bureau, Transport Bureau');
    expect(formatList('en', [])).toBe('');
  });
});

function leaves(node: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(path, node);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) leaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]))].sort();

describe('catalogues', () => {
  const zh = leaves(zhCN);
  const en = leaves(enGB);

  it('have the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  // A parameter the translation drops (or invents) shows up as a missing figure or a raw {name}.
  it('use the same parameters in both languages', () => {
    const mismatched = [...zh].filter(([key, text]) => placeholders(text).join() !== placeholders(en.get(key) ?? '').join()).map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});
