// Cell text → typed value for spreadsheet import. Registers kept in Excel/WPS write dates, amounts
// and percentages in many ways; each parser accepts the common ones exactly and names the failure
// with a code the UI translates (i18n area `dataio.importing.sheet.errors`).
import { fromDayNumber, isIsoDate, toDayNumber } from '../core/dates';
import { numberToDecimalText, parseScaledDecimal } from '../core/scaled-decimal';
import type { Locale } from '../core/locale';

export type SheetLocale = Locale;

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, params?: Record<string, string | number>): Parsed<never> => ({ ok: false, code, params });

/** Full-width to half-width (NFKC), lower case, no spaces: how headers and labels are compared. */
export function normalizeKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Shown back to the user in messages; a hostile cell cannot flood the error list. */
export function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

// ---- dates ----

// Excel's 1900 date system: serial 1 = 1900-01-01, and it counts a 1900-02-29 that never was
// (serial 60), so from serial 61 on the day is serial − 25569 days after 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25_569;
/** Serials outside 1950–2199 are far likelier to be a typo than a project date. */
const SERIAL_MIN = toDayNumber('1950-01-01') + EXCEL_EPOCH_OFFSET;
const SERIAL_MAX = toDayNumber('2199-12-31') + EXCEL_EPOCH_OFFSET;

const YMD_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const ISO_DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const DMY_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const SERIAL_RE = /^\d{5,6}(\.\d+)?$/;

/**
 * 2024-03-01, 2024-3-1, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, an ISO date-time, or an Excel
 * serial day number (45352 = 2024-03-01; a time fraction is ignored). The English UI also reads
 * day/month/year (01/03/2024), as written in en-GB; the Chinese UI never guesses that order.
 */
export function parseSheetDate(text: string, locale: SheetLocale): Parsed<string> {
  const t = text.normalize('NFKC').trim();
  let y: string, m: string, d: string;
  let match = YMD_RE.exec(t) ?? COMPACT_RE.exec(t);
  if (match) [, y, m, d] = match;
  else if ((match = ISO_DATETIME_RE.exec(t))) [y, m, d] = match[1].split('-');
  else if (locale === 'en' && (match = DMY_RE.exec(t))) [, d, m, y] = match;
  else if (SERIAL_RE.test(t)) {
    const serial = Math.floor(Number(t));
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return fail('badDate', { value: excerpt(text) });
    return ok(fromDayNumber(serial - EXCEL_EPOCH_OFFSET));
  } else return fail('badDate', { value: excerpt(text) });
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? ok(iso) : fail('badDate', { value: excerpt(text) });
}

// ---- money ----

/** Minor units per unit written: yuan → 100 fen; 万元 → 1 000 000 fen. */
export type MoneyUnit = 'yuan' | 'wan';
const UNIT_SCALE: Record<MoneyUnit, number> = { yuan: 2, wan: 6 };

/** A header announces 万元 as 总投资（万元）, 金额(万), "Budget (10k CNY)" or "ten thousand". */
export function moneyUnitOfHeader(header: string): MoneyUnit {
  const h = normalizeKey(header);
  return /万元|\(万\)|\(10k|10,?000(cny|yuan|rmb)|tenthousand/.test(h) ? 'wan' : 'yuan';
}

/**
 * "1,234.56", "¥1234", "1.5万", "1.5万元", "1500元", "1.5E+6". The unit written in the cell wins over
 * the column's unit. Exact: 1.5 万元 = 1 500 000 fen with no float step; more decimals than the
 * unit allows (two for yuan, six for 万元) is an error, not a rounding.
 */
export function parseSheetMoney(text: string, columnUnit: MoneyUnit): Parsed<number> {
  let t = text.normalize('NFKC').trim().replace(/[,\s_]/g, '').replace(/^[¥$€£]/, '').replace(/^(cny|rmb)/i, '');
  let unit = columnUnit;
  const suffix = /(万元|万|元)$/.exec(t);
  if (suffix) {
    unit = suffix[1] === '元' ? 'yuan' : 'wan';
    t = t.slice(0, -suffix[1].length);
  }
  if (/e/i.test(t) && /^-?\d+(\.\d+)?e[+-]?\d+$/i.test(t)) t = numberToDecimalText(Number(t)) ?? t;
  const minor = parseScaledDecimal(t, UNIT_SCALE[unit]);
  return minor === null ? fail('badMoney', { value: excerpt(text) }) : ok(minor);
}

// ---- numbers and rates ----

export function parseSheetInteger(text: string, min: number, max: number): Parsed<number> {
  const t = text.normalize('NFKC').trim().replace(/\s*(天|日|days?)$/i, '');
  if (!/^\d{1,9}$/.test(t)) return fail('badInteger', { value: excerpt(text), min, max });
  const n = Number(t);
  return n < min || n > max ? fail('badInteger', { value: excerpt(text), min, max }) : ok(n);
}

/** "30%", "30", "12.5％" → basis points (3000, 3000, 1250). The number is always a percentage. */
export function parseSheetBpPercent(text: string): Parsed<number> {
  const t = text.normalize('NFKC').trim().replace(/%$/, '').trim();
  const bp = parseScaledDecimal(t, 2);
  return bp === null || bp < 0 || bp > 10_000 ? fail('badPercent', { value: excerpt(text) }) : ok(bp);
}

const CN_DIGITS: Record<string, string> = { 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10' };

/**
 * A daily rate as a percentage ("0.05%", "0.05") or the way contracts write it (万分之五,
 * 万分之3.5) → millionths per day: 0.05 % = 500 ppm; 万分之五 = 5/10 000 = 500 ppm.
 */
export function parseSheetPpmPerDay(text: string): Parsed<number> {
  const t = text.normalize('NFKC').trim();
  const wan = /^(?:每日|日)?万分之(.+)$/.exec(t);
  const ppm = wan
    ? parseScaledDecimal(CN_DIGITS[wan[1]] ?? wan[1], 2)
    : parseScaledDecimal(t.replace(/%$/, '').trim(), 4);
  return ppm === null || ppm < 0 || ppm > 100_000 ? fail('badRate', { value: excerpt(text) }) : ok(ppm);
}

// ---- code lists ----

/**
 * Label → code lookup for one code list. Accepts the code itself, each label in any language given,
 * a label without its bracketed part or the bracketed part alone (政府和社会资本合作（PPP） → both
 * 政府和社会资本合作 and PPP), and extra spreadsheet synonyms. A key two codes share is dropped.
 */
export function buildEnumLookup(
  values: readonly string[],
  labelSets: readonly (Readonly<Record<string, string>> | undefined)[],
  synonyms: Readonly<Record<string, readonly string[]>> = {},
): Map<string, string> {
  const seen = new Map<string, string | null>();
  const add = (key: string, code: string) => {
    if (!key) return;
    const prev = seen.get(key);
    seen.set(key, prev === undefined || prev === code ? code : null);
  };
  for (const code of values) {
    const names = [code, ...(synonyms[code] ?? [])];
    for (const set of labelSets) if (set?.[code]) names.push(set[code]);
    for (const name of names) {
      const key = normalizeKey(name);
      add(key, code);
      add(key.replace(/\([^)]*\)/g, ''), code);
      for (const inner of key.matchAll(/\(([^)]*)\)/g)) add(inner[1], code);
    }
  }
  const out = new Map<string, string>();
  for (const [k, v] of seen) if (v !== null) out.set(k, v);
  return out;
}
