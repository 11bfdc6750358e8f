import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, normaliseCreditCode } from '../../../../renderer/src/domain/core/credit-code';

describe('unified social credit code', () => {
  // Worked example, 91350100M000100Y4 + check:
  //   values  9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4
  //   weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
  //   sum = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // A sum that is a multiple of 31 gives check 0, not 31: '00000000000000000' → 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(creditCodeCheckChar('9135010OM000100Y4')).toBeNull(); // O is not in the alphabet
    expect(creditCodeCheckChar('123')).toBeNull();
  });

  it.each([
    ['91350100M000100Y43', null],
    ['000000000000000000', null],
    ['91350100M000100Y44', 'check'], // one wrong character
    ['91350100M000100Y34', 'check'], // two characters swapped
    ['11440100MB2C32345Z', 'format'], // Z is not used
    ['12345', 'format'],
    ['91350100m000100y43', 'format'], // lower case must be normalised first
    ['', 'format'],
  ] as const)('%s → %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('normalises typed text', () => {
    expect(normaliseCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(creditCodeProblem(normaliseCreditCode(' 91350100m000100y43 '))).toBeNull();
  });
});

describe('demo organisations', () => {
  it('carry well-formed credit codes, so editing one does not trip over its own code', async () => {
    const { DEMO_ORGS } = await import('../../../../renderer/src/data/demo/portfolio');
    for (const o of DEMO_ORGS) expect([o.name, creditCodeProblem(o.creditCode)]).toEqual([o.name, null]);
  });
});
