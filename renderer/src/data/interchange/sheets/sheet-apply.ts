// Spreadsheet import against the database: the context the row checks need (existing codes,
// organisations, contracts with what is still unpaid), the check itself, and the all-or-nothing
// apply. Apply checks every row again inside its one transaction, so a code taken since the
// preview is still refused, and a cancel or a failure leaves nothing written.
import { projectSearchText } from '../../../domain/projects/project-rules';
import {
  validateRows,
  type ColumnMapping,
  type ContractRef,
  type EnumLabelSet,
  type OrgLookup,
  type SheetContext,
  type SheetKind,
  type SheetLocale,
  type SheetResult,
} from '../../../domain/interchange/sheet-import';
import type { Contract, IsoDate, Payment, Project } from '../../../domain/core/types';
import type { WorkbenchDb } from '../../db';
import { insertMany, type NewRecord, type Writer } from '../../repo';
import { upsertBudgetLines } from '../../budgets';
import type { BudgetInput } from '../../../domain/fiscal/budgets';

export interface SheetCheckOptions {
  locale: SheetLocale;
  /** zh and en code-list labels (the i18n `enums` area), so cells may use either language. */
  enumLabels: readonly EnumLabelSet[];
  today: IsoDate;
  /** Spreadsheet row number of rows[0] (1 unless the header is further down). */
  headerRowNumber?: number;
}

export interface ApplyProgress {
  signal?: AbortSignal;
  report?: (p: { done: number; total: number }) => void;
}

export interface SheetApplyResult<K extends SheetKind> {
  /** Not empty → nothing was written. */
  errors: SheetResult<K>['errors'];
  created: number;
}

const TABLES: Record<SheetKind, string> = { projects: 'projects', contracts: 'contracts', payments: 'payments', budgets: 'budgets' };
/** Records written per step between progress reports and cancel checks. */
const CHUNK = 500;

export async function loadSheetContext(db: WorkbenchDb, kind: SheetKind, opts: SheetCheckOptions): Promise<SheetContext> {
  const projects = await db.projects.toArray();
  const existingProjectCodes = new Map<string, string>();
  for (const p of projects) if (!p.deleted) existingProjectCodes.set(p.code, p.id);

  const orgsByName = new Map<string, OrgLookup>();
  for (const o of await db.organisations.toArray()) if (!o.deleted) orgsByName.set(o.name, { id: o.id, isSme: o.isSme });

  const context: SheetContext = {
    locale: opts.locale,
    existingProjectCodes,
    orgsByName,
    enumLabels: opts.enumLabels,
    today: opts.today,
    headerRowNumber: opts.headerRowNumber,
  };
  if (kind === 'contracts' || kind === 'payments') context.existingContracts = await contractRefs(db, kind === 'payments');
  return context;
}

/** Contracts by code; for payments also each obligation with what is still unpaid on it. */
async function contractRefs(db: WorkbenchDb, withObligations: boolean): Promise<Map<string, ContractRef>> {
  const contracts = (await db.contracts.toArray()).filter((c) => !c.deleted);
  const refs = new Map<string, ContractRef>();
  if (!withObligations) {
    for (const c of contracts) refs.set(c.code, { id: c.id, projectId: c.projectId, currency: c.value.currency, obligations: [] });
    return refs;
  }
  const ids = contracts.map((c) => c.id);
  const obligations = (await db.obligations.where('contractId').anyOf(ids).toArray()).filter((o) => !o.deleted);
  const paid = new Map<string, number>();
  for (const p of await db.payments.where('contractId').anyOf(ids).toArray()) {
    if (!p.deleted) paid.set(`${p.obligationId}/${p.amount.currency}`, (paid.get(`${p.obligationId}/${p.amount.currency}`) ?? 0) + p.amount.amount);
  }
  const byContract = new Map<string, ContractRef['obligations'][number][]>();
  for (const o of obligations) {
    const list = byContract.get(o.contractId) ?? [];
    const outstanding = o.amount.amount - (paid.get(`${o.id}/${o.amount.currency}`) ?? 0);
    list.push({ id: o.id, description: o.description, dueDate: o.dueDate, currency: o.amount.currency, outstanding: Math.max(0, outstanding) });
    byContract.set(o.contractId, list);
  }
  for (const c of contracts) {
    refs.set(c.code, { id: c.id, projectId: c.projectId, currency: c.value.currency, obligations: byContract.get(c.id) ?? [] });
  }
  return refs;
}

/** Checks every row without writing anything: the report shown before the user confirms. */
export async function checkSheet<K extends SheetKind>(
  db: WorkbenchDb,
  kind: K,
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  opts: SheetCheckOptions,
): Promise<SheetResult<K>> {
  return validateRows(kind, rows, mapping, await loadSheetContext(db, kind, opts));
}

/**
 * Checks all rows and, only if none has an error, writes every record in one transaction through
 * the repository (one change-log entry each). Aborting the signal rolls everything back.
 */
export async function applySheet<K extends SheetKind>(
  w: Writer,
  kind: K,
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  opts: SheetCheckOptions,
  progress: ApplyProgress = {},
): Promise<SheetApplyResult<K>> {
  const tables = ['projects', 'organisations', 'contracts', 'obligations', 'payments', 'budgets', 'changeLog'];
  return w.db.transaction('rw', tables, async () => {
    const result = validateRows(kind, rows, mapping, await loadSheetContext(w.db, kind, opts));
    if (result.errors.length > 0) return { errors: result.errors, created: 0 };
    if (kind === 'budgets') {
      // A figure for a slot that has one replaces it (the change log keeps the old figure).
      progress.signal?.throwIfAborted();
      const done = await upsertBudgetLines(w, result.valid.map((v) => v.record as BudgetInput));
      progress.signal?.throwIfAborted();
      return { errors: [], created: done.added + done.replaced };
    }
    const records = result.valid.map((v) => toNewRecord(kind, v.record));
    const total = records.length;
    progress.report?.({ done: 0, total });
    for (let i = 0; i < total; i += CHUNK) {
      progress.signal?.throwIfAborted();
      await insertMany(w, TABLES[kind], records.slice(i, i + CHUNK) as NewRecord<Project | Contract | Payment>[]);
      progress.report?.({ done: Math.min(total, i + CHUNK), total });
    }
    progress.signal?.throwIfAborted();
    return { errors: [], created: total };
  });
}

function toNewRecord(kind: SheetKind, record: unknown): object {
  if (kind !== 'projects') return record as object;
  const draft = record as NewRecord<Project>;
  return { ...draft, code: draft.code.trim(), name: draft.name.trim(), searchText: projectSearchText(draft) };
}
