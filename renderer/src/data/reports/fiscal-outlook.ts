// The fiscal outlook as tables, one sheet per view: by year with the PPP red line (the CSV one), by
// paying department with appropriations and funding gap, by contract type and payment mechanism,
// by project, and the assumptions the figures rest on. Amounts are exact minor units; codes from
// fixed lists (status, contract type, mechanism) are worded by their columns.
import { parseKindKey, rowTotal, figure, OWED_MEASURES, type OutlookRows } from '../../domain/fiscal/outlook';
import { CONTRACT_TYPES, PPP_PAYMENT_MECHANISMS, type ContractType, type PppPaymentMechanism } from '../../domain/core/types';
import type { RedLineStatus } from '../../domain/fiscal/fiscal-policy';
import type { WorkbenchDb } from '../db';
import { outlookReport, type OutlookRequest, type OutlookView } from '../outlook';
import type { CellValue, TabularColumn, TabularSheet } from './tabular';
import type { Translate } from './translate';

/** Names the rows need: departments (organisations) and projects (code and name). */
export interface OutlookNames {
  orgName: ReadonlyMap<string, string>;
  project: ReadonlyMap<string, { code: string; name: string }>;
  contractCode: ReadonlyMap<string, string>;
}

const STATUSES: readonly RedLineStatus[] = ['ok', 'warning', 'breach', 'no-budget', 'no-rule'];

export function fiscalOutlookSheetsOf(view: OutlookView, names: OutlookNames, tr: Translate): TabularSheet[] {
  const r = view.result;
  const H = r.years.length;
  const money = (header: string): TabularColumn => ({ header, kind: 'money' });
  const measureColumns: TabularColumn[] = [
    ...OWED_MEASURES.map((m) => money(tr(`fiscal.measures.${m}`))),
    money(tr('fiscal.measures.owed')),
    money(tr('fiscal.measures.linked')),
  ];
  const measures = (values: Float64Array, y: number, row = 0): CellValue[] => [
    ...OWED_MEASURES.map((m) => figure(values, H, y, m, row)),
    figure(values, H, y, 'owed', row),
    figure(values, H, y, 'linked', row),
  ];
  const active = (values: Float64Array, y: number, row: number) => figure(values, H, y, 'owed', row) !== 0 || figure(values, H, y, 'linked', row) !== 0;
  /** Rows of a roll-up, largest total first, then by name; only year rows with something in them. */
  const ordered = (rows: OutlookRows, name: (key: string) => string) =>
    rows.keys
      .map((key, i) => ({ key, i, total: rowTotal(rows.values, H, 'owed', i), name: name(key) }))
      .filter((x) => x.total !== 0 || rowTotal(rows.values, H, 'linked', x.i) !== 0)
      .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const byYear: TabularSheet = {
    name: tr('fiscal.exports.sheets.year'),
    columns: [
      { header: tr('fiscal.exports.columns.year'), kind: 'integer' },
      ...measureColumns,
      money(tr('fiscal.redLine.columns.ppp')),
      money(tr('fiscal.redLine.columns.budget')),
      { header: tr('fiscal.redLine.columns.ratio'), kind: 'bp' },
      { header: tr('fiscal.redLine.columns.status'), words: (c) => ((STATUSES as readonly string[]).includes(c) ? tr(`fiscal.redLine.status.${c as RedLineStatus}`) : undefined) },
      { header: tr('fiscal.redLine.columns.rule') },
    ],
    rows: [
      ...r.years.map((year, y) => {
        const red = view.redLine[y];
        return [year, ...measures(r.total, y), red.ppp, red.budget, red.ratioBp, red.status, red.entry?.reference ?? ''];
      }),
      [tr('fiscal.table.total'), ...OWED_MEASURES.map((m) => rowTotal(r.total, H, m)), rowTotal(r.total, H, 'owed'), rowTotal(r.total, H, 'linked'), rowTotal(r.ppp, H, 'owed'), null, null, '', ''],
    ],
  };

  const deptName = (key: string) => (key ? (names.orgName.get(key) ?? key) : tr('fiscal.table.noDepartment'));
  const gapOf = new Map(view.gaps.map((g) => [g.departmentId, g]));
  const deptRows: CellValue[][] = [];
  const deptKeys = new Set<string>();
  for (const d of ordered(r.departments, deptName)) deptKeys.add(d.key);
  for (const g of view.gaps) deptKeys.add(g.departmentId);
  for (const key of [...deptKeys]) {
    const i = r.departments.keys.indexOf(key);
    const gap = gapOf.get(key);
    r.years.forEach((year, y) => {
      const g = gap?.years[y];
      if ((i < 0 || !active(r.departments.values, y, i)) && (g?.appropriation ?? null) === null) return;
      const figures = i < 0 ? [0, 0, 0, 0, 0, 0] : measures(r.departments.values, y, i);
      deptRows.push([deptName(key), year, ...figures, g?.appropriation ?? null, g?.gap ?? figures[4]]);
    });
  }
  const byDepartment: TabularSheet = {
    name: tr('fiscal.exports.sheets.department'),
    columns: [
      { header: tr('fiscal.exports.columns.department') },
      { header: tr('fiscal.exports.columns.year'), kind: 'integer' },
      ...measureColumns,
      money(tr('fiscal.exports.columns.appropriation')),
      money(tr('fiscal.exports.columns.gap')),
    ],
    rows: deptRows,
  };

  const kindRows: CellValue[][] = [];
  for (const k of ordered(r.kinds, (key) => key)) {
    const { type, mechanism } = parseKindKey(k.key);
    r.years.forEach((year, y) => {
      if (active(r.kinds.values, y, k.i)) kindRows.push([type, mechanism, year, ...measures(r.kinds.values, y, k.i)]);
    });
  }
  const byKind: TabularSheet = {
    name: tr('fiscal.exports.sheets.kind'),
    columns: [
      { header: tr('fiscal.exports.columns.type'), words: (c) => ((CONTRACT_TYPES as readonly string[]).includes(c) ? tr(`enums.contractType.${c as ContractType}`) : undefined) },
      {
        header: tr('fiscal.exports.columns.mechanism'),
        words: (c) => ((PPP_PAYMENT_MECHANISMS as readonly string[]).includes(c) ? tr(`enums.pppPaymentMechanism.${c as PppPaymentMechanism}`) : undefined),
      },
      { header: tr('fiscal.exports.columns.year'), kind: 'integer' },
      ...measureColumns,
    ],
    rows: kindRows,
  };

  const projectRows: CellValue[][] = [];
  for (const p of ordered(r.projects, (key) => names.project.get(key)?.code ?? key)) {
    const info = names.project.get(p.key);
    r.years.forEach((year, y) => {
      if (active(r.projects.values, y, p.i)) projectRows.push([info?.code ?? '', info?.name ?? p.key, year, ...measures(r.projects.values, y, p.i)]);
    });
  }
  const byProject: TabularSheet = {
    name: tr('fiscal.exports.sheets.project'),
    columns: [
      { header: tr('fiscal.exports.columns.projectCode') },
      { header: tr('fiscal.exports.columns.projectName') },
      { header: tr('fiscal.exports.columns.year'), kind: 'integer' },
      ...measureColumns,
    ],
    rows: projectRows,
  };

  return [byYear, byDepartment, byKind, byProject, assumptionsSheet(view, names, tr)];
}

function assumptionsSheet(view: OutlookView, names: OutlookNames, tr: Translate): TabularSheet {
  const r = view.result;
  const base = view.base;
  const a = (k: 'asOf' | 'horizon' | 'currency' | 'lateDays' | 'indexation' | 'noOperationEnd' | 'noFeeSchedule' | 'otherCurrency' | 'beyond') =>
    tr(`fiscal.exports.assumptions.${k}`);
  const codes = (list: readonly number[]) => list.map((c) => names.contractCode.get(base.set.contractIds[c]) ?? base.set.contractIds[c]).join(tr('report.listSeparator'));
  const none = tr('fiscal.exports.assumptions.none');
  const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  const rows: CellValue[][] = [
    [a('asOf'), r.asOf],
    [a('horizon'), `${r.years[0]}–${r.years[r.years.length - 1]}`],
    [a('currency'), r.currency],
    [a('lateDays'), r.scenario.lateDays || none],
    [a('indexation'), r.scenario.indexationBp === null ? none : pct(r.scenario.indexationBp)],
    ...view.options.policy.defaultIndexation.map((e) => [tr('fiscal.exports.assumptions.defaultIndexation', { from: e.effectiveFrom }), `${pct(e.rateBp)}${e.reference ? ` · ${e.reference}` : ''}`]),
    ...view.options.policy.redLine.map((e) => [
      tr('fiscal.exports.assumptions.redLine', { from: e.effectiveFrom }),
      tr('fiscal.exports.assumptions.redLineValue', { limit: pct(e.limitBp), warn: pct(e.warnBp), reference: e.reference }),
    ]),
    [a('noOperationEnd'), codes(base.noOperationEnd) || none],
    [a('noFeeSchedule'), codes(base.noFeeSchedule) || none],
    [a('otherCurrency'), codes(r.otherCurrency) || none],
    [a('beyond'), r.beyondHorizon],
  ];
  return {
    name: tr('fiscal.exports.sheets.assumptions'),
    columns: [{ header: tr('fiscal.exports.columns.item') }, { header: tr('fiscal.exports.columns.value') }],
    // The amount beyond the horizon is the one number: written as text with its currency so the
    // column stays one kind.
    rows: rows.map(([k, v]) => [k, typeof v === 'number' && k === a('beyond') ? `${(v / 100).toFixed(2)} ${r.currency}` : v]),
  };
}

/** Names for a view's rows from the directory and the register (deleted ones included: old figures keep their names). */
export async function outlookNames(db: WorkbenchDb, view: OutlookView): Promise<OutlookNames> {
  const r = view.result;
  const [orgs, projects, contracts] = await Promise.all([
    db.organisations.toArray(),
    db.projects.bulkGet(r.projects.keys),
    db.contracts.bulkGet([...new Set([...view.base.noOperationEnd, ...view.base.noFeeSchedule, ...r.otherCurrency].map((c) => view.base.set.contractIds[c]))]),
  ]);
  return {
    orgName: new Map(orgs.map((o) => [o.id, o.name])),
    project: new Map(projects.filter((p) => !!p).map((p) => [p!.id, { code: p!.code, name: p!.name }])),
    contractCode: new Map(contracts.filter((c) => !!c).map((c) => [c!.id, c!.code])),
  };
}

export async function fiscalOutlookSheetsFromView(db: WorkbenchDb, view: OutlookView, tr: Translate): Promise<TabularSheet[]> {
  return fiscalOutlookSheetsOf(view, await outlookNames(db, view), tr);
}

/** The portfolio report: the outlook as of a date with the default horizon and no scenario. */
export async function fiscalOutlookSheets(db: WorkbenchDb, tr: Translate, req: OutlookRequest): Promise<TabularSheet[]> {
  return fiscalOutlookSheetsFromView(db, await outlookReport(db, req), tr);
}
