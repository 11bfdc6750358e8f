import { describe, expect, it } from 'vitest';
import { alignDecimals, compareDecimal, isDecimalText, parseDecimal } from '../../../../renderer/src/domain/core/decimal';

describe('parseDecimal', () => {
  it.each<[string, { units: bigint; scale: number } | null]>([
    ['99.95', { units: 9995n, scale: 2 }],
    [' 42 ', { units: 42n, scale: 0 }],
    ['-2.5', { units: -25n, scale: 1 }],
    ['0.000001', { units: 1n, scale: 6 }],
    ['999999999999999', { units: 999_999_999_999_999n, scale: 0 }],
    ['1.0000001', null], // more than 6 decimals
    ['1000000000000000', null], // more than 15 integer digits
    ['.5', null],
    ['5.', null],
    ['+5', null],
    ['1e3', null],
    ['1,000', null],
    ['', null],
    ['NaN', null],
  ])('%j → %o', (text, expected) => {
    expect(parseDecimal(text)).toEqual(expected);
    expect(isDecimalText(text)).toBe(expected !== null);
  });

  it.each([
    ['99.9', '99.90', 0],
    ['99.89', '99.9', -1],
    ['-1', '-0.5', -1],
    ['10', '9.999999', 1],
  ])('compare %s with %s → %i', (a, b, sign) => {
    expect(compareDecimal(parseDecimal(a)!, parseDecimal(b)!)).toBe(sign);
  });

  it('aligns to the largest scale', () => {
    expect(alignDecimals([parseDecimal('1.5')!, parseDecimal('2')!, parseDecimal('0.125')!])).toEqual([1500n, 2000n, 125n]);
  });
});
