// Exact decimals for measured values (99.95 %, 2.5 s) and rule parameters. Stored and entered as
// plain decimal text, compared and scaled as BigInt so no binary float ever decides a score.

/** Plain decimal text: optional minus, 1–15 integer digits, up to 6 decimals ("99.95", "-3", "0.5"). */
export type DecimalText = string;

/** value = units / 10^scale */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_RE = /^(-)?(\d{1,15})(?:\.(\d{1,6}))?$/;

/** Parses plain decimal text (surrounding spaces allowed); null for anything else. */
export function parseDecimal(text: string): Decimal | null {
  if (typeof text !== 'string') return null;
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt(m[2] + frac);
  return { units: m[1] ? -units : units, scale: frac.length };
}

export function isDecimalText(text: unknown): text is DecimalText {
  return typeof text === 'string' && parseDecimal(text) !== null;
}

/** Rescales the decimals to their largest common scale so their units compare and subtract exactly. */
export function alignDecimals(values: readonly Decimal[]): bigint[] {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  return values.map((v) => v.units * 10n ** BigInt(scale - v.scale));
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = alignDecimals([a, b]);
  return x < y ? -1 : x > y ? 1 : 0;
}
