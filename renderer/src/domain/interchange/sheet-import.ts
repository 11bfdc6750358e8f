// Spreadsheet import (projects, contracts, payments): guess which column holds which field, then
// check every row and turn the good ones into drafts. Errors carry the spreadsheet row number
// (1-based, header included) and a code the UI translates (i18n `dataio.importing.sheet.errors.<code>`).
// Applying is all-or-nothing and done by the caller: if `errors` is not empty nothing is stored.
import type { ContractFields, PaymentFields, ProjectDraft } from './import-drafts';
import { minorToDecimalText } from '../core/money';
import { emptyProjectDraft } from '../projects/project-rules';
import { CONTRACT_DATE_ORDER, contractDateOrderProblems, type ContractDateField } from '../contracts/contract-draft';
import { SHEET_COLUMNS, type ColumnSpec, type EnumColumn, type SheetKind } from './sheet-columns';
import {
  buildEnumLookup,
  excerpt,
  moneyUnitOfHeader,
  normalizeKey,
  parseSheetBpPercent,
  parseSheetDate,
  parseSheetInteger,
  parseSheetMoney,
  parseSheetPpmPerDay,
  type Parsed,
  type SheetLocale,
} from './sheet-values';
import type { ContractType, IsoDate, PartyRole, Uuid } from '../core/types';
import { budgetSlot, type BudgetInput, type BudgetKind } from '../fiscal/budgets';

export { SHEET_COLUMNS, SHEET_KINDS, type ColumnSpec, type SheetKind } from './sheet-columns';
export type { SheetLocale } from './sheet-values';

export const SHEET_ERROR_CODES = [
  'columnMissing',
  'tooManyRows',
  'required',
  'tooLong',
  'badDate',
  'badMoney',
  'mustBePositive',
  'badInteger',
  'badPercent',
  'badRate',
  'unknownEnum',
  'unknownOrg',
  'unknownProject',
  'unknownContract',
  'contractNotInProject',
  'duplicateInFile',
  'codeExists',
  'dateOrder',
  'pppOnly',
  'currencyMismatch',
  'unknownObligation',
  'ambiguousObligation',
  'exceedsOutstanding',
] as const;
export type SheetErrorCode = (typeof SHEET_ERROR_CODES)[number];

export interface SheetError {
  /** Spreadsheet row number, 1-based, counting the header row. */
  row: number;
  /** Column field id ('' for a whole-sheet problem). */
  field: string;
  code: SheetErrorCode;
  params?: Record<string, string | number>;
}

/** Which column (0-based) holds each field; null = not in this sheet. */
export type ColumnMapping = Record<string, number | null>;

export interface OrgLookup {
  id: Uuid;
  isSme: boolean;
}
export interface ObligationRef {
  id: Uuid;
  description: string;
  dueDate: IsoDate;
  /** The obligation's currency: only a payment in it may settle it. */
  currency: string;
  /** Still unpaid, in that currency (minor units). */
  outstanding: number;
}
export interface ContractRef {
  id: Uuid;
  projectId: Uuid;
  currency: string;
  obligations: readonly ObligationRef[];
}
/** Code-list labels by enum name, shaped like the i18n `enums` area (pass zh and en). */
export type EnumLabelSet = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface SheetContext {
  locale: SheetLocale;
  /** Existing project code → id: references for contracts/payments, clashes for projects. */
  existingProjectCodes: ReadonlyMap<string, Uuid>;
  /** Organisation name → record; names compare after trimming and full-width folding. */
  orgsByName: ReadonlyMap<string, OrgLookup>;
  /** Existing contract code → contract with its obligations (payments, and clashes for contracts). */
  existingContracts?: ReadonlyMap<string, ContractRef>;
  enumLabels?: readonly EnumLabelSet[];
  /** phaseSince for a project row that gives neither a phase date nor a start date. */
  today: IsoDate;
  /** Spreadsheet row number of rows[0] when the header is not the sheet's first row. */
  headerRowNumber?: number;
}

export interface SheetRecords {
  projects: ProjectDraft;
  contracts: ContractFields;
  payments: PaymentFields;
  budgets: BudgetInput;
}
export interface SheetResult<K extends SheetKind> {
  /** A payment row spread over several obligations yields several records with the same row. */
  valid: { row: number; record: SheetRecords[K] }[];
  errors: SheetError[];
}

export const MAX_SHEET_ROWS = 50_000;
/** Stops a sheet full of mistakes from producing a million messages. */
const MAX_ERRORS = 1000;

// ---- column mapping ----

/**
 * Best guess of each field's column from the header row. An exact header name (ignoring case,
 * width, spaces, a leading * and any bracketed unit) beats a header that merely contains a name;
 * longer names beat shorter; each column and each field is used once.
 */
export function guessMapping(kind: SheetKind, headers: readonly string[]): ColumnMapping {
  const columns = SHEET_COLUMNS[kind];
  const candidates: { field: string; col: number; score: number }[] = [];
  const heads = headers.map(headerKey);
  for (const spec of columns) {
    for (const alias of [...spec.aliases.zh, ...spec.aliases.en]) {
      const a = headerKey(alias);
      heads.forEach((h, col) => {
        if (!h || !a) return;
        if (h === a) candidates.push({ field: spec.field, col, score: 1000 + a.length });
        else if (a.length >= 2 && h.includes(a)) candidates.push({ field: spec.field, col, score: a.length });
      });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.col - y.col);
  const mapping: ColumnMapping = Object.fromEntries(columns.map((c) => [c.field, null]));
  const usedCols = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || usedCols.has(c.col)) continue;
    mapping[c.field] = c.col;
    usedCols.add(c.col);
  }
  return mapping;
}

function headerKey(header: string): string {
  return normalizeKey(header).replace(/^[*]+/, '').replace(/\([^)]*\)/g, '');
}

// ---- templates ----

/** Header row of the downloadable template; required columns start with *. */
export function templateHeaders(kind: SheetKind, locale: SheetLocale): string[] {
  return SHEET_COLUMNS[kind].map((c) => `${c.required ? '*' : ''}${c.aliases[lang(locale)][0]}`);
}

/** One filled-in example row that passes validation against the template headers. */
export function templateExampleRow(kind: SheetKind, locale: SheetLocale): string[] {
  return SHEET_COLUMNS[kind].map((c) => c.example[lang(locale)]);
}

const lang = (locale: SheetLocale) => (locale === 'zh-CN' ? 'zh' : 'en');

// ---- validation ----

/**
 * Checks every data row (rows[0] is the header row) and builds drafts from the good ones.
 * Blank rows are skipped. Every problem is reported, not only the first per row.
 */
export function validateRows<K extends SheetKind>(
  kind: K,
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  context: SheetContext,
): SheetResult<K> {
  const out: SheetResult<K> = { valid: [], errors: [] };
  const headerRow = context.headerRowNumber ?? 1;
  if (rows.length - 1 > MAX_SHEET_ROWS) {
    out.errors.push({ row: headerRow, field: '', code: 'tooManyRows', params: { max: MAX_SHEET_ROWS } });
    return out;
  }
  const specs = SHEET_COLUMNS[kind];
  const header = rows[0] ?? [];
  const cellReader = new CellReader(specs, mapping, header, context);
  for (const spec of specs) {
    if (spec.required && !cellReader.mapped(spec.field)) {
      out.errors.push({ row: headerRow, field: spec.field, code: 'columnMissing' });
    }
  }
  const builder = BUILDERS[kind](context);
  for (let i = 1; i < rows.length && out.errors.length < MAX_ERRORS; i++) {
    const cells = rows[i] ?? [];
    if (cells.every((c) => !String(c ?? '').trim())) continue;
    const row = headerRow + i;
    const fields = cellReader.read(cells);
    const rowErrors: SheetError[] = fields.errors.map((e) => ({ ...e, row }));
    const report: Report = (field, code, params) => rowErrors.push(params ? { row, field, code, params } : { row, field, code });
    const built = builder(fields.values, row, report, () => rowErrors.length > 0);
    out.errors.push(...rowErrors);
    if (rowErrors.length === 0) for (const record of built) out.valid.push({ row, record: record as SheetRecords[K] });
  }
  if (out.errors.length > MAX_ERRORS) out.errors.length = MAX_ERRORS;
  return out;
}

type FieldValue = string | number | boolean;
type Values = Map<string, FieldValue>;
type Report = (field: string, code: SheetErrorCode, params?: Record<string, string | number>) => void;
/** `failed` says whether the row already has errors, so a bad row does not use up what later rows may pay. */
type RowBuilder = (values: Values, row: number, report: Report, failed: () => boolean) => unknown[];

/** Reads and parses one row's mapped cells; empty optional cells are simply absent. */
class CellReader {
  private readonly enums = new Map<string, Map<string, string>>();
  private readonly orgs = new Map<string, OrgLookup>();

  constructor(
    private readonly specs: readonly ColumnSpec[],
    private readonly mapping: ColumnMapping,
    private readonly header: readonly string[],
    private readonly context: SheetContext,
  ) {
    for (const spec of specs) {
      if (spec.type !== 'enum') continue;
      const labels = (context.enumLabels ?? []).map((set) => set[spec.enumName]);
      this.enums.set(spec.field, buildEnumLookup(spec.values, labels, spec.synonyms));
    }
    for (const [name, org] of context.orgsByName) this.orgs.set(orgKey(name), org);
  }

  mapped(field: string): boolean {
    const col = this.mapping[field];
    return typeof col === 'number' && Number.isInteger(col) && col >= 0;
  }

  read(cells: readonly string[]): { values: Values; errors: Omit<SheetError, 'row'>[] } {
    const values: Values = new Map();
    const errors: Omit<SheetError, 'row'>[] = [];
    for (const spec of this.specs) {
      const raw = this.mapped(spec.field) ? String(cells[this.mapping[spec.field] as number] ?? '').trim() : '';
      if (!raw) {
        if (spec.required && this.mapped(spec.field)) errors.push({ field: spec.field, code: 'required' });
        continue;
      }
      const parsed = this.parse(spec, raw);
      if (parsed.ok) values.set(spec.field, parsed.value);
      else errors.push({ field: spec.field, code: parsed.code as SheetErrorCode, params: parsed.params });
    }
    return { values, errors };
  }

  private parse(spec: ColumnSpec, raw: string): Parsed<FieldValue> {
    switch (spec.type) {
      case 'text':
        return raw.length > spec.max ? { ok: false, code: 'tooLong', params: { max: spec.max } } : { ok: true, value: raw };
      case 'date':
        return parseSheetDate(raw, this.context.locale);
      case 'money': {
        const col = this.mapping[spec.field] as number;
        return parseSheetMoney(raw, moneyUnitOfHeader(String(this.header[col] ?? '')));
      }
      case 'integer':
        return parseSheetInteger(raw, spec.min, spec.max);
      case 'bpPercent':
        return parseSheetBpPercent(raw);
      case 'ppmPerDay':
        return parseSheetPpmPerDay(raw);
      case 'enum':
        return this.parseEnum(spec, raw);
      case 'orgName': {
        const org = this.orgs.get(orgKey(raw));
        return org ? { ok: true, value: org.id } : { ok: false, code: 'unknownOrg', params: { value: excerpt(raw) } };
      }
      case 'projectRef':
      case 'contractRef':
        // Resolved by the row builder, which knows whether the code must exist or must be new.
        return raw.length > 64 ? { ok: false, code: 'tooLong', params: { max: 64 } } : { ok: true, value: raw };
    }
  }

  private parseEnum(spec: EnumColumn, raw: string): Parsed<FieldValue> {
    const code = this.enums.get(spec.field)?.get(normalizeKey(raw));
    if (code === undefined) return { ok: false, code: 'unknownEnum', params: { value: excerpt(raw) } };
    return { ok: true, value: spec.enumName === 'yesNo' ? code === 'yes' : code };
  }
}

function orgKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

const str = (v: Values, field: string): string => (v.has(field) ? String(v.get(field)) : '');
const num = (v: Values, field: string, fallback: number): number => {
  const x = v.get(field);
  return typeof x === 'number' ? x : fallback;
};

/** A later date before an earlier one is reported on the later field. */
function checkOrder(v: Values, startField: string, endField: string, report: Report): void {
  const start = str(v, startField);
  const end = str(v, endField);
  if (start && end && end < start) report(endField, 'dateOrder', { start, end });
}

/** Remembers the first row of each key so a repeat can point back to it. */
function firstRows(): (key: string, row: number, field: string, report: Report) => void {
  const seen = new Map<string, number>();
  return (key, row, field, report) => {
    const first = seen.get(key);
    if (first !== undefined) report(field, 'duplicateInFile', { firstRow: first });
    else seen.set(key, row);
  };
}

const BUILDERS: { [K in SheetKind]: (context: SheetContext) => RowBuilder } = {
  projects(context) {
    const duplicate = firstRows();
    return (v, row, report) => {
      const code = str(v, 'code');
      if (code) {
        duplicate(code, row, 'code', report);
        if (context.existingProjectCodes.has(code)) report('code', 'codeExists', { value: code });
      }
      checkOrder(v, 'startDate', 'plannedEndDate', report);
      const draft: ProjectDraft = {
        ...emptyProjectDraft(context.today),
        code,
        name: str(v, 'name'),
        category: (str(v, 'category') || 'other') as ProjectDraft['category'],
        departmentId: str(v, 'department'),
        phase: (str(v, 'phase') || 'plan') as ProjectDraft['phase'],
        phaseSince: str(v, 'phaseSince') || str(v, 'startDate') || context.today,
        description: str(v, 'description'),
        budget: { amount: num(v, 'budget', 0), currency: str(v, 'currency') || 'CNY' },
        startDate: str(v, 'startDate'),
        plannedEndDate: str(v, 'plannedEndDate'),
        operatorId: str(v, 'operator'),
        operatingModel: str(v, 'operatingModel') as ProjectDraft['operatingModel'],
        completionAcceptance: { date: str(v, 'completionAcceptanceDate'), reference: str(v, 'completionAcceptanceRef') },
        reviewCycle: str(v, 'reviewCycle') as ProjectDraft['reviewCycle'],
      };
      if (draft.budget.amount < 0) report('budget', 'badMoney', { value: minorToDecimalText(draft.budget.amount) });
      return [draft];
    };
  },

  contracts(context) {
    const duplicate = firstRows();
    const counterpartyRole: Record<ContractType, PartyRole> = {
      bot: 'operator',
      ppp: 'spv',
      'purchase-of-service': 'operator',
      traditional: 'general-integrator',
      lease: 'lessor',
      franchise: 'operator',
    };
    return (v, row, report) => {
      const code = str(v, 'code');
      if (code) {
        duplicate(code, row, 'code', report);
        if (context.existingContracts?.has(code)) report('code', 'codeExists', { value: code });
      }
      const projectCode = str(v, 'projectCode');
      const projectId = projectCode ? context.existingProjectCodes.get(projectCode) : undefined;
      if (projectCode && !projectId) report('projectCode', 'unknownProject', { value: excerpt(projectCode) });
      const dates = Object.fromEntries(CONTRACT_DATE_ORDER.map((f) => [f, str(v, f)])) as Record<ContractDateField, string>;
      for (const p of contractDateOrderProblems(dates)) report(p.field, 'dateOrder', { start: String(p.params?.date), end: dates[p.field as ContractDateField] });
      const type = str(v, 'type') as ContractType;
      if (type && type !== 'ppp' && type !== 'franchise') {
        for (const f of ['pppModel', 'pppPaymentMechanism']) if (v.has(f)) report(f, 'pppOnly');
      }
      const value = num(v, 'value', 0);
      if (value < 0) report('value', 'badMoney', { value: minorToDecimalText(value) });

      const parties: ContractFields['parties'] = [];
      const government = str(v, 'government');
      if (government) parties.push({ orgId: government, role: 'government', isSme: false });
      const counterparty = str(v, 'counterparty');
      if (counterparty && type) {
        const declared = v.get('counterpartyIsSme');
        const isSme = typeof declared === 'boolean' ? declared : smeOf(context, counterparty);
        parties.push({ orgId: counterparty, role: counterpartyRole[type], isSme });
      }
      // An SME counterparty with no late-interest clause in the sheet gets the statute (0.05% a
      // day), never "no interest": that is not a neutral default for an SME.
      const statute = parties.some((p) => p.isSme && p.role !== 'government');
      const policy = (str(v, 'interestPolicy') || (statute ? 'cn-sme' : 'none')) as ContractFields['interestPolicy'];
      if (policy === 'contract-rate' && !v.has('contractRatePpmPerDay')) report('contractRatePpmPerDay', 'required');
      const record: ContractFields = {
        projectId: projectId ?? '',
        code,
        title: str(v, 'title'),
        type,
        pppModel: str(v, 'pppModel') as ContractFields['pppModel'],
        pppPaymentMechanism: str(v, 'pppPaymentMechanism') as ContractFields['pppPaymentMechanism'],
        parties,
        signedOn: str(v, 'signedOn'),
        constructionStart: str(v, 'constructionStart'),
        constructionEnd: str(v, 'constructionEnd'),
        operationStart: str(v, 'operationStart'),
        operationEnd: str(v, 'operationEnd'),
        value: { amount: value, currency: str(v, 'currency') || 'CNY' },
        paymentTermDays: num(v, 'paymentTermDays', 30),
        paymentTermBasis: (str(v, 'paymentTermBasis') || 'acceptance') as ContractFields['paymentTermBasis'],
        performanceLinkedBp: num(v, 'performanceLinkedBp', 0),
        interestPolicy: policy,
        contractRatePpmPerDay: num(v, 'contractRatePpmPerDay', 0),
        indexationBp: v.has('indexationBp') ? num(v, 'indexationBp', 0) : null,
        riskAllocation: str(v, 'riskAllocation'),
        benefitSharing: str(v, 'benefitSharing'),
      };
      return [record];
    };
  },

  payments(context) {
    const duplicate = firstRows();
    // What is still unpaid, reduced as earlier rows of the same file are allocated.
    const outstanding = new Map<string, number>();
    for (const c of context.existingContracts?.values() ?? []) {
      for (const o of c.obligations) outstanding.set(o.id, Math.max(0, o.outstanding));
    }
    return (v, row, report, failed) => {
      const voucher = str(v, 'voucherNo');
      if (voucher) duplicate(voucher, row, 'voucherNo', report);
      const contractCode = str(v, 'contractCode');
      const contract = contractCode ? context.existingContracts?.get(contractCode) : undefined;
      if (contractCode && !contract) report('contractCode', 'unknownContract', { value: excerpt(contractCode) });
      const projectCode = str(v, 'projectCode');
      if (projectCode) {
        const projectId = context.existingProjectCodes.get(projectCode);
        if (!projectId) report('projectCode', 'unknownProject', { value: excerpt(projectCode) });
        else if (contract && contract.projectId !== projectId) {
          report('contractCode', 'contractNotInProject', { contract: excerpt(contractCode), project: excerpt(projectCode) });
        }
      }
      const amount = num(v, 'amount', 0);
      if (v.has('amount') && amount <= 0) report('amount', 'mustBePositive');
      // The currency paid in (the contract's when the sheet does not say): it settles only
      // obligations in that currency, since no exchange rates are kept.
      const currency = str(v, 'currency') || contract?.currency || '';
      const paidOn = str(v, 'paidOn');
      if (!contract || amount <= 0 || !paidOn || failed()) return [];

      const allocations = allocate(contract, str(v, 'obligation'), amount, currency, outstanding, context.locale, report);
      return allocations.map(
        ([obligationId, part]): PaymentFields => ({
          obligationId,
          contractId: contract.id,
          paidOn,
          amount: { amount: part, currency },
          voucherNo: voucher,
          note: str(v, 'note'),
        }),
      );
    };
  },
  budgets() {
    const duplicate = firstRows();
    return (v, row, report, failed) => {
      const kind = str(v, 'kind') as BudgetKind;
      // The general public budget expenditure is the level's, not a department's.
      const departmentId = kind === 'appropriation' ? str(v, 'department') : '';
      if (kind === 'appropriation' && !departmentId && !v.has('department')) report('department', 'required');
      const year = num(v, 'year', 0);
      if (kind && year) duplicate(budgetSlot({ kind, departmentId, year }), row, 'year', report);
      const amount = num(v, 'amount', 0);
      if (amount < 0) report('amount', 'badMoney', { value: minorToDecimalText(amount) });
      if (failed()) return [];
      return [{ kind, year, departmentId, amount: { amount, currency: 'CNY' }, note: str(v, 'note') } satisfies BudgetInput];
    };
  },
};

function smeOf(context: SheetContext, orgId: string): boolean {
  for (const org of context.orgsByName.values()) if (org.id === orgId) return org.isSme;
  return false;
}

/**
 * Which obligations a payment settles. A named obligation (by its description or its due date)
 * takes the whole amount; otherwise the payment settles the oldest unpaid obligations first
 * (earliest due date), split across as many as it covers. Only obligations in the payment's
 * currency are settled: one in another currency is a currency mismatch, never paid by conversion.
 * Paying more than is outstanding is an error either way: the register and the schedule disagree
 * and a person must look.
 */
function allocate(
  contract: ContractRef,
  named: string,
  amount: number,
  currency: string,
  outstanding: Map<string, number>,
  locale: SheetLocale,
  report: Report,
): [Uuid, number][] {
  const left = (id: string) => outstanding.get(id) ?? 0;
  if (named) {
    const key = normalizeKey(named);
    const date = parseSheetDate(named, locale);
    const matches = contract.obligations.filter(
      (o) => normalizeKey(o.description) === key || (date.ok && o.dueDate === date.value),
    );
    if (matches.length === 0) {
      report('obligation', 'unknownObligation', { value: excerpt(named) });
      return [];
    }
    if (matches.length > 1) {
      report('obligation', 'ambiguousObligation', { value: excerpt(named), count: matches.length });
      return [];
    }
    const o = matches[0];
    if (o.currency !== currency) {
      report('currency', 'currencyMismatch', { value: currency, expected: o.currency });
      return [];
    }
    if (amount > left(o.id)) {
      report('amount', 'exceedsOutstanding', { outstanding: minorToDecimalText(left(o.id)), currency });
      return [];
    }
    outstanding.set(o.id, left(o.id) - amount);
    return [[o.id, amount]];
  }
  const inCurrency = contract.obligations.filter((o) => o.currency === currency);
  if (inCurrency.length === 0 && contract.obligations.length > 0) {
    report('currency', 'currencyMismatch', { value: currency, expected: [...new Set(contract.obligations.map((o) => o.currency))].join('/') });
    return [];
  }
  const open = inCurrency
    .filter((o) => left(o.id) > 0)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const total = open.reduce((s, o) => s + left(o.id), 0);
  if (amount > total) {
    report('amount', 'exceedsOutstanding', { outstanding: minorToDecimalText(total), currency });
    return [];
  }
  const out: [Uuid, number][] = [];
  let rest = amount;
  for (const o of open) {
    if (rest === 0) break;
    const part = Math.min(rest, left(o.id));
    outstanding.set(o.id, left(o.id) - part);
    out.push([o.id, part]);
    rest -= part;
  }
  return out;
}
