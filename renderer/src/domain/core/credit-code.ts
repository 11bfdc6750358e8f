// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-letter
// alphabet (digits and capitals without I, O, S, V, Z); the last one is a check character, so a
// mistyped code is caught before it names the wrong company in a contract or an OC4IDS export.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Weight of position i is 3^i mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'format' | 'check';

/** Trims and upper-cases what was typed (codes are printed in capitals; people type either). */
export function normaliseCreditCode(text: string): string {
  return text.trim().toUpperCase();
}

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** What is wrong with a (normalised) code, or null when it is a well-formed code. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'format';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}
