// Money is integer minor units (fen) with an ISO 4217 code; binary floats never hold an amount.
import type { Money } from './types';

export const DEFAULT_CURRENCY = 'CNY';
export const CURRENCIES = ['CNY', 'EUR', 'GBP', 'USD', 'HKD'] as const;

const AMOUNT_RE = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * Parses what an officer typed ("1,234.5", "1234.56", "-20") into minor units.
 * Returns null for anything that is not a plain decimal with at most two decimals.
 */
export function parseMoneyInput(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s，_]/g, '').replace(/^[¥￥€£$]/, '');
  const m = AMOUNT_RE.exec(cleaned);
  if (!m) return null;
  const units = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(units)) return null;
  return m[1] ? -units : units;
}

/** Minor units → plain decimal text for form fields ("1234.50"); exact, no float division. */
export function minorToDecimalText(amount: number): string {
  const neg = amount < 0;
  const abs = Math.abs(amount);
  const text = `${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${text}` : text;
}

export function money(amount: number, currency: string = DEFAULT_CURRENCY): Money {
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency}/${b.currency}`);
  return { amount: a.amount + b.amount, currency: a.currency };
}

/** Sums amounts per currency, so mixed-currency roll-ups never add CNY to EUR. */
export function sumByCurrency(items: Iterable<Money>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of items) out.set(m.currency, (out.get(m.currency) ?? 0) + m.amount);
  return out;
}

/**
 * Integer division rounding half away from zero (the usual commercial rule 四舍五入),
 * exact for all safe integers because it uses BigInt when the product could overflow.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const neg = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return neg ? -q : q;
}

/** amount × bp / 10000, rounded half up: a share such as 30% (3000 bp) of a payment. */
export function applyBp(amount: number, bp: number): number {
  return Number(divRoundHalfUp(BigInt(amount) * BigInt(bp), 10_000n));
}
