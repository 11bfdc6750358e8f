// Arrears aging (欠款账龄分析) as tables: overdue amounts per aging bucket by paying department, by
// contract type and by payee (SMEs first, flagged), with the count of overdue items, what is still
// unpaid, late interest and disputed amounts. Amounts are never added across currencies: a name
// owed in two currencies gets a row per currency, and the totals row is per currency too. Read
// from the compact ledgers through arrearsReport, so it costs one roll-up at any portfolio size.
import { AGING_BUCKETS } from '../../domain/contracts/aging';
import { smeFirst, type ArrearsReport, type ArrearsRollup, type CurrencyArrears } from '../../domain/contracts/arrears';
import { CONTRACT_TYPES, type ContractType, type IsoDate } from '../../domain/core/types';
import { arrearsReport, type PortfolioArrears } from '../arrears';
import type { WorkbenchDb } from '../db';
import type { CellValue, TabularColumn, TabularSheet } from './tabular';
import type { Translate } from './translate';

export type AgingInput = { report: Pick<ArrearsReport, 'total' | 'byDepartment' | 'byPayee'> } & Pick<PortfolioArrears, 'byType'>;

const MAIN_CURRENCY = 'CNY';

/** Sheets by department (the CSV one), by contract type and by payee, from a computed roll-up. */
export function arrearsAgingSheetsOf(arrears: AgingInput, orgName: ReadonlyMap<string, string>, tr: Translate): TabularSheet[] {
  const { report, byType } = arrears;
  const main = report.total.currencies.some((c) => c.currency === MAIN_CURRENCY) ? MAIN_CURRENCY : (report.total.currencies[0]?.currency ?? MAIN_CURRENCY);
  const org = (missing: string) => (key: string) => (key ? (orgName.get(key) ?? key) : missing);

  const department = org(tr('portfolio.arrears.noDepartment'));
  const type = (key: string) => (key ? tr(`enums.contractType.${key as ContractType}`) : tr('portfolio.arrears.noType'));
  const payee = org(tr('portfolio.arrears.noPayee'));

  // The contract-type sheet keeps the type codes in its rows, worded by its column (the CSV adds the codes).
  const typeWords = (c: string) => ((CONTRACT_TYPES as readonly string[]).includes(c) ? tr(`enums.contractType.${c as ContractType}`) : undefined);
  return [
    sheet(tr, 'department', byOverdue(report.byDepartment.values(), main, department), department, report.total, false),
    sheet(tr, 'type', byOverdue(byType.values(), main, type), (key) => key || tr('portfolio.arrears.noType'), report.total, false, typeWords),
    sheet(tr, 'payee', smeFirst(report.byPayee.values(), main), payee, report.total, true),
  ];
}

/** The aging tables as of `asOf` (names from the organisation directory, deleted ones included). */
export async function arrearsAgingSheets(db: WorkbenchDb, tr: Translate, asOf: IsoDate): Promise<TabularSheet[]> {
  const [arrears, orgs] = await Promise.all([arrearsReport(db, asOf), db.organisations.toArray()]);
  return arrearsAgingSheetsOf(arrears, new Map(orgs.map((o) => [o.id, o.name])), tr);
}

/** Largest overdue amount in the main currency first, then by name, so equal rows keep one order. */
function byOverdue(rollups: Iterable<ArrearsRollup>, currency: string, nameOf: (key: string) => string): ArrearsRollup[] {
  const overdue = (r: ArrearsRollup) => r.currencies.find((c) => c.currency === currency)?.overdue ?? 0;
  return [...rollups]
    .map((r) => ({ r, name: nameOf(r.key) }))
    .sort((a, b) => overdue(b.r) - overdue(a.r) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((x) => x.r);
}

/** A currency line is listed while something is owed on it: unpaid amounts or late interest. */
const owes = (c: CurrencyArrears) => c.outstanding > 0 || c.interest > 0;

function figures(c: CurrencyArrears): CellValue[] {
  return [c.currency, c.overdueCount, c.outstanding, c.overdue, ...c.bucketAmounts, c.interest, c.disputed];
}

function sheet(
  tr: Translate,
  dimension: 'department' | 'type' | 'payee',
  rollups: ArrearsRollup[],
  nameOf: (key: string) => string,
  total: ArrearsRollup,
  smeColumn: boolean,
  words?: TabularColumn['words'],
): TabularSheet {
  const flag = (r: ArrearsRollup): CellValue[] => (smeColumn ? [r.isSme] : []);
  const rows: CellValue[][] = [];
  for (const r of rollups) {
    for (const c of r.currencies) if (owes(c)) rows.push([nameOf(r.key), ...flag(r), ...figures(c)]);
  }
  for (const c of total.currencies) rows.push([tr('portfolio.total'), ...(smeColumn ? [null] : []), ...figures(c)]);
  const money = (header: string): TabularColumn => ({ header, kind: 'money' });
  return {
    name: tr(`portfolio.arrears.sheets.${dimension}`),
    columns: [
      { header: tr(`portfolio.arrears.columns.${dimension}`), words },
      ...(smeColumn ? [{ header: tr('portfolio.arrears.columns.sme') }] : []),
      { header: tr('portfolio.arrears.columns.currency') },
      { header: tr('portfolio.arrears.columns.overdueCount'), kind: 'integer' },
      money(tr('portfolio.arrears.columns.outstanding')),
      money(tr('portfolio.arrears.columns.overdue')),
      ...AGING_BUCKETS.map((b) => money(tr(`report.buckets.${b}`))),
      money(tr('portfolio.arrears.columns.interest')),
      money(tr('portfolio.arrears.columns.disputed')),
    ],
    rows,
  };
}
