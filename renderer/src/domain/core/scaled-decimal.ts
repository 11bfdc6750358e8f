// Exact conversions between decimal text and scaled integers for money and rates. Amounts cross
// the app's boundary (spreadsheets, OC4IDS JSON) as decimal text or JSON numbers; inside they are
// integers, so the conversion works on digits and never multiplies a binary float.
import { parseDecimal } from './decimal';

const EXPONENT_RE = /^(-)?(\d+)(?:\.(\d+))?e([+-]\d+)$/i;

/**
 * Plain decimal text → integer scaled by 10^scale ("1.5" at scale 6 → 1 500 000).
 * Null for anything else: more significant decimals than `scale`, exponents, or a result beyond
 * Number.MAX_SAFE_INTEGER. Trailing zeros past the scale are harmless ("1.500" at scale 2).
 */
export function parseScaledDecimal(text: string, scale: number): number | null {
  const d = parseDecimal(text);
  if (!d) return null;
  let units: bigint;
  if (d.scale <= scale) units = d.units * 10n ** BigInt(scale - d.scale);
  else {
    const drop = 10n ** BigInt(d.scale - scale);
    if (d.units % drop !== 0n) return null;
    units = d.units / drop;
  }
  const abs = units < 0n ? -units : units;
  if (abs > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return units === 0n ? 0 : Number(units);
}

/**
 * The decimal text a JSON number stands for, without exponent ("1e-7" → "0.0000001").
 * JavaScript prints the shortest text that reads back as the same double, which for an amount
 * written with two decimals is exactly what the publisher wrote.
 */
export function numberToDecimalText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const text = String(n);
  const m = EXPONENT_RE.exec(text);
  if (!m) return text;
  const digits = m[2] + (m[3] ?? '');
  const point = m[2].length + Number(m[4]);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (m[1] ?? '') + out;
}

/** A JSON amount in major units → minor units, exactly; null if non-finite or over two decimals. */
export function majorNumberToMinor(n: number): number | null {
  const text = numberToDecimalText(n);
  return text === null ? null : parseScaledDecimal(text, 2);
}

/**
 * Minor units → a JSON number in major units. `amount / 100` is exact for output: the double it
 * produces is the one nearest the two-decimal value, and while doubles are spaced closer than 0.01
 * (below 2^46 ≈ 70 trillion major units) no other two-decimal value shares it, so JSON.stringify
 * prints exactly that value's digits (123456789 → 1234567.89).
 */
export function minorToMajorNumber(amount: number): number {
  return amount / 100;
}
