// Words and numbers of the contracts screens: translated warnings, percentages and
// daily rates typed by officers converted to basis points and ppm (exactly, never through floats).
import type { ContractWarning } from '../../domain/contracts/contract-rules';
import { intlTag } from '../../domain/core/locale';
import type { RowProblem } from '../../domain/contracts/ledger-rows';
import { fmt, i18n, t, tDynamic } from '../../i18n/i18n.svelte';
import { problemParams } from '../../i18n/problems';

/** ppm per day as a percentage a day: 500 → "0.05%". Display only. */
export function ppmPerDayText(ppm: number): string {
  return `${trimZeros((ppm / 10_000).toFixed(4))}%`;
}

/** ppm per day as an annual percentage on 365 days: 500 → "18.25%". Display only. */
export function ppmAnnualText(ppm: number): string {
  return `${trimZeros(((ppm * 365) / 10_000).toFixed(2))}%`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A contract warning in words, its parameters formatted (shares as %, rates per day and a year). */
export function warningText(w: Pick<ContractWarning, 'code' | 'params'>): string {
  const p = w.params;
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : 0);
  const params: Record<string, string | number> = { ...problemParams('contracts', p) };
  if ('bp' in p) params.pct = fmt.bp(num('bp'));
  if ('minBp' in p) params.minPct = fmt.bp(num('minBp'));
  if ('ppmPerDay' in p) {
    params.rate = ppmPerDayText(num('ppmPerDay'));
    params.annual = ppmAnnualText(num('ppmPerDay'));
  }
  if ('minPpmPerDay' in p) params.minRate = ppmPerDayText(num('minPpmPerDay'));
  if ('lprBp' in p) params.lpr = fmt.bp(num('lprBp'));
  for (const k of ['start', 'end', 'signedOn', 'from']) if (typeof p[k] === 'string') params[k] = fmt.date(p[k] as string);
  if (typeof p.mechanism === 'string' && p.mechanism) params.mechanism = tDynamic('enums.pppPaymentMechanism', p.mechanism);
  // What the statute would have accrued, when the screen could work it out; nothing said otherwise.
  params.accrued = typeof p.accrued === 'string' ? t('contracts.warningAccrued', { amount: p.accrued, asOf: fmt.date(String(p.asOf ?? '')) }) : '';
  return tDynamic('contracts.warning', w.code, params);
}

/**
 * "30" or "12.5" (percent, at most two decimals) → basis points; null when not a number in 0–100.
 * Same digits as money: 30.00 % = 3000 bp.
 */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, ''));
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** "2", "-1.5" or "" (percent a year, at most two decimals, may be negative) → basis points; undefined when malformed. */
export function signedPercentToBp(text: string): number | undefined {
  const m = /^([-−])?(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, ''));
  if (!m) return undefined;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -bp : bp;
}

/** Basis points, possibly negative, as percent text ("-1.5"). */
export function signedBpText(bp: number): string {
  return `${bp < 0 ? '-' : ''}${bpToPercentText(Math.abs(bp))}`;
}

export function bpToPercentText(bp: number): string {
  return trimZeros(`${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);
}

/** "0.05" (percent a day, at most four decimals) → ppm per day (500); null when malformed. */
export function percentPerDayToPpm(text: string): number | null {
  const m = /^(\d{1,2})(?:\.(\d{1,4}))?$/.exec(text.trim().replace(/%$/, ''));
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

export function ppmToPercentText(ppm: number): string {
  return trimZeros(`${Math.trunc(ppm / 10_000)}.${String(ppm % 10_000).padStart(4, '0')}`);
}

export function bucketLabel(bucket: string | null): string {
  return bucket ? tDynamic('contracts.bucket', bucket) : '—';
}

export function daysText(days: number): string {
  return days > 0 ? t('contracts.arrears.daysValue', { days }) : '—';
}

const amountFormats = new Map<string, Intl.NumberFormat>();
/** Minor units as a plain amount with two decimals ("1,234,567.80"), for tables that name the currency once. */
export function amountText(minor: number): string {
  const locale = intlTag(i18n.locale);
  let f = amountFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    amountFormats.set(locale, f);
  }
  // Display only: the stored value stays an integer.
  return f.format(minor / 100);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A row held apart in words: which row (by its dates, description, voucher, amount) and what is wrong with it. */
export function heldApartText(p: RowProblem): string {
  const q = p.params;
  const str = (k: string) => (q[k] === undefined ? '' : String(q[k]));
  const date = (k: string) => (ISO_DATE.test(str(k)) ? fmt.date(str(k)) : str(k) || '—');
  const amount = /^-?\d+$/.test(str('amount')) && /^[A-Z]{3}$/.test(str('currency')) ? fmt.money({ amount: Number(str('amount')), currency: str('currency') }) : `${str('currency')} ${str('amount')}`.trim();
  const row =
    p.entity === 'payment'
      ? t('contracts.heldApart.row.payment', { paidOn: date('paidOn'), amount, voucher: str('voucherNo') ? t('contracts.heldApart.row.voucher', { no: str('voucherNo') }) : '' })
      : p.entity === 'obligation'
        ? t('contracts.heldApart.row.obligation', { dueDate: date('dueDate'), description: str('description') ? ` · ${str('description')}` : '' })
        : t('contracts.heldApart.row.contract');
  const field = p.field ? tDynamic('contracts.heldApart.field', p.field) : '';
  const reason = tDynamic('contracts.heldApart.code', p.code, { field, value: str('value'), currency: str('currency'), expected: str('expected') });
  return t('contracts.heldApart.line', { row, reason });
}
