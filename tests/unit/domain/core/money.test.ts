import { describe, expect, it } from 'vitest';
import {
  addMoney,
  applyBp,
  divRoundHalfUp,
  minorToDecimalText,
  money,
  parseMoneyInput,
  sumByCurrency,
} from '../../../../renderer/src/domain/core/money';

describe('parseMoneyInput → minor units', () => {
  it.each([
    ['1234.56', 123_456],
    ['1,234.5', 123_450], // one decimal means tenths: 1234.50
    ['-20', -2_000],
    ['0.1', 10],
    ['¥1 000', 100_000],
    ['￥12，345.67', 1_234_567], // full-width yen sign and comma from a Chinese IME
    ['€0.05', 5],
    ['  7 ', 700],
    ['1.234', null], // a third decimal is not money
    ['1e3', null],
    ['abc', null],
    ['', null],
    ['1234567890123456', null], // 16 integer digits: beyond what the form accepts
  ])('%j → %j', (text, expected) => {
    expect(parseMoneyInput(text)).toBe(expected);
  });
});

describe('minorToDecimalText', () => {
  it.each([
    [123_450, '1234.50'],
    [5, '0.05'],
    [-2_000, '-20.00'],
    [-5, '-0.05'],
    [0, '0.00'],
  ])('%i → %s', (minor, text) => {
    expect(minorToDecimalText(minor)).toBe(text);
    expect(parseMoneyInput(text)).toBe(minor);
  });
});

describe('adding money', () => {
  it('adds the same currency and refuses to mix currencies', () => {
    expect(addMoney(money(100), money(250))).toEqual({ amount: 350, currency: 'CNY' });
    expect(() => addMoney(money(100, 'CNY'), money(100, 'EUR'))).toThrow(RangeError);
  });

  it('sums per currency', () => {
    const sums = sumByCurrency([money(100, 'CNY'), money(5, 'EUR'), money(-30, 'CNY')]);
    expect([...sums]).toEqual([
      ['CNY', 70],
      ['EUR', 5],
    ]);
  });
});

describe('divRoundHalfUp: half away from zero (四舍五入)', () => {
  it.each([
    [5n, 2n, 3n], // 2.5 → 3
    [7n, 2n, 4n], // 3.5 → 4
    [-5n, 2n, -3n], // −2.5 → −3 (away from zero)
    [5n, -2n, -3n],
    [1n, 3n, 0n], // 0.33 → 0
    [2n, 3n, 1n], // 0.67 → 1
    [499_999n, 1_000_000n, 0n], // 0.499999 → 0
    [500_000n, 1_000_000n, 1n], // exactly half a fen → 1 fen
    [0n, 7n, 0n],
    // beyond 2^53: 10^30 + 1 over 2 = 5×10^29 + 0.5 → 5×10^29 + 1
    [10n ** 30n + 1n, 2n, 5n * 10n ** 29n + 1n],
  ])('%s / %s = %s', (n, d, q) => expect(divRoundHalfUp(n, d)).toBe(q));

  it('refuses division by zero', () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('applyBp', () => {
  it.each([
    [100_000_000, 3000, 30_000_000], // 30% of 1 000 000.00
    [10_001, 3000, 3000], // 3000.3 → 3000
    [5, 1000, 1], // 0.5 → 1
    [15, 1000, 2], // 1.5 → 2
    [-5, 1000, -1], // −0.5 → −1
    [123_456, 10_000, 123_456], // 100%
    [123_456, 0, 0],
  ])('%i × %i bp = %i', (amount, bp, expected) => expect(applyBp(amount, bp)).toBe(expected));
});
