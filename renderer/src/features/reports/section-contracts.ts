// Contracts of the project and its payments and arrears with late interest as of a date, from the
// report's read model: the arrears view's figures (payable amounts after performance deductions).
import type { ProjectReportView } from '../../data/reports/project-report';
import { sumByCurrency } from '../../domain/core/money';
import type { Contract } from '../../domain/core/types';
import { fmt, t } from '../../i18n/i18n.svelte';
import type { ReportSection } from './model';

export interface ContractFigures {
  count: number;
  value: string;
  overdue: string;
  interest: string;
}

const moneyList = (m: Map<string, number>) => [...m].filter(([, a]) => a !== 0).map(([currency, amount]) => fmt.money({ amount, currency })).join(' + ');

/** A total for a money column of XLSX: a number when it is in one currency (or nothing is owed), else the written sum. */
function totalCell(m: Map<string, number>): number | string {
  const owed = [...m].filter(([, a]) => a !== 0);
  return owed.length === 0 ? 0 : owed.length === 1 ? owed[0][1] : moneyList(m);
}

export function contractSections(view: Pick<ProjectReportView, 'arrears' | 'asOf' | 'orgNames'>): { sections: ReportSection[]; figures: ContractFigures } {
  const { contracts, obligations } = view.arrears;
  const asOf = view.asOf;
  const orgs = view.orgNames;
  // Rows in schedule order (the obligations are).
  const all = obligations.map((o) => view.arrears.rows.get(o.id)).filter((r) => !!r);
  const byId = new Map(obligations.map((o) => [o.id, o]));
  const contractById = new Map(contracts.map((c) => [c.id, c]));
  const counterparty = (c: Contract | undefined) =>
    c?.parties
      .filter((x) => x.role !== 'government')
      .map((x) => `${orgs.get(x.orgId) ?? ''}${x.isSme ? t('report.contracts.smeMark', { sme: t('organisations.smeBadge') }) : ''}`)
      .join(t('report.listSeparator')) ?? '';
  const rows = all.filter((r) => r.isDue || r.paid > 0);
  const overdue = sumByCurrency(all.map((r) => ({ amount: r.overdue, currency: r.currency })));
  const interest = sumByCurrency(all.map((r) => ({ amount: r.interest, currency: r.currency })));
  const outstanding = sumByCurrency(all.map((r) => ({ amount: r.outstanding, currency: r.currency })));
  const disputed = sumByCurrency(all.map((r) => ({ amount: r.disputed, currency: r.currency })));
  const value = sumByCurrency(contracts.map((c) => c.value));

  const contractTable: ReportSection = {
    id: 'contracts',
    heading: t('report.sections.contracts'),
    blocks: [
      {
        kind: 'table',
        title: t('report.contracts.table'),
        testid: 'report-contracts',
        columns: [
          { header: t('report.contracts.code'), nowrap: true },
          { header: t('report.contracts.title') },
          { header: t('report.contracts.type') },
          { header: t('report.contracts.counterparty') },
          { header: t('report.contracts.signedOn'), kind: 'date', nowrap: true },
          { header: t('report.contracts.value'), kind: 'money', align: 'right' },
          { header: t('report.contracts.currency') },
        ],
        rows: contracts.map((c) => [c.code, c.title, t(`enums.contractType.${c.type}`), counterparty(c), fmt.date(c.signedOn), fmt.money(c.value), c.value.currency]),
        values: contracts.map((c) => [c.code, c.title, t(`enums.contractType.${c.type}`), counterparty(c), c.signedOn, c.value.amount, c.value.currency]),
        empty: t('report.contracts.empty'),
      },
    ],
  };

  const arrearsTable: ReportSection = {
    id: 'arrears',
    heading: t('report.sections.arrears'),
    blocks: [
      { kind: 'paragraph', text: t('report.arrears.explain', { asOf: fmt.date(asOf) }), tone: 'muted' },
      {
        kind: 'table',
        title: t('report.arrears.table'),
        testid: 'report-arrears',
        columns: [
          { header: t('report.contracts.code'), nowrap: true },
          { header: t('report.arrears.item') },
          { header: t('report.arrears.due'), kind: 'date', nowrap: true },
          { header: t('report.arrears.amount'), kind: 'money', align: 'right' },
          { header: t('report.arrears.paid'), kind: 'money', align: 'right' },
          { header: t('report.arrears.overdue'), kind: 'money', align: 'right' },
          { header: t('report.arrears.days'), kind: 'integer', align: 'right' },
          { header: t('report.arrears.bucket') },
          { header: t('report.arrears.interest'), kind: 'money', align: 'right' },
          { header: t('report.arrears.disputed'), kind: 'money', align: 'right' },
        ],
        rows: rows.map((r) => {
          const m = (amount: number) => fmt.money({ amount, currency: r.currency });
          return [
            contractById.get(r.contractId)?.code ?? '',
            byId.get(r.obligationId)?.description ?? '',
            fmt.date(r.dueDate),
            m(r.amount),
            m(r.paid),
            r.overdue ? m(r.overdue) : '—',
            r.daysOverdue > 0 ? fmt.number(r.daysOverdue) : '—',
            r.bucket ? t(`report.buckets.${r.bucket}`) : '—',
            r.interest ? m(r.interest) : '—',
            r.disputed ? m(r.disputed) : '—',
          ];
        }),
        values: rows.map((r) => [
          contractById.get(r.contractId)?.code ?? '',
          byId.get(r.obligationId)?.description ?? '',
          r.dueDate,
          r.amount,
          r.paid,
          r.overdue,
          r.daysOverdue,
          r.bucket ? t(`report.buckets.${r.bucket}`) : '',
          r.interest,
          r.disputed,
        ]),
        footer: [t('report.arrears.total'), '', '', '', '', moneyList(overdue) || '—', '', '', moneyList(interest) || '—', moneyList(disputed) || '—'],
        footerValues: [t('report.arrears.total'), '', '', '', '', totalCell(overdue), '', '', totalCell(interest), totalCell(disputed)],
        empty: t('report.arrears.empty'),
      },
      {
        kind: 'facts',
        items: [
          { label: t('report.arrears.outstandingTotal'), value: moneyList(outstanding) || t('report.summary.none') },
          { label: t('report.arrears.overdueTotal'), value: moneyList(overdue) || t('report.summary.none'), testid: 'report-overdue-total' },
          { label: t('report.arrears.interestTotal'), value: moneyList(interest) || t('report.summary.none'), testid: 'report-interest-total' },
          { label: t('report.arrears.disputedTotal'), value: moneyList(disputed) || t('report.summary.none') },
        ],
      },
    ],
  };

  return {
    sections: [contractTable, arrearsTable],
    figures: { count: contracts.length, value: moneyList(value), overdue: moneyList(overdue), interest: moneyList(interest) },
  };
}
