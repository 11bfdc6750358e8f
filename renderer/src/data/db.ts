// The one place the IndexedDB schema is declared. Add a new version with an
// upgrade function for every change; never edit a released version.
import Dexie, { type EntityTable } from 'dexie';
import type {
  ChangeLogEntry,
  Contract,
  ContractAmendment,
  Organisation,
  Payment,
  PaymentObligation,
  PhaseTransition,
  Project,
  ReferenceRate,
} from '../domain/core/types';
import type { IndicatorSystem, PerformanceDeduction, PerformanceReview } from '../domain/reviews/review-types';
import type { AuditFinding, AuditRun, ChecklistTemplate, RectificationTask } from '../domain/audits/audit-types';
import type { TrailRow } from '../domain/trail/chain';
import type { DeskKey } from '../domain/trail/trust';
import type { BudgetLine, FiscalRule } from '../domain/fiscal/budgets';
import { ledgerSyncMiddleware, staleMark } from './ledger-sync';
import { outboxMiddleware, outboxRowsFor, type OutboxRow } from './office-sync/outbox';
import { attachDesk, DESK_DB_NAME } from './trail/desk';
import { legacyRowOf } from './trail/legacy';
import { changeFeedMiddleware } from './change-feed';
import { ALL_STALE, registerSyncMiddleware, type RegisterPageRow, type RegisterStaleRow } from './register-sync';

export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * A stored file (photo, drawn signature, review evidence). The Blob is kept apart from the record
 * that refers to it so lists never load images; `sha256` lets exchange files and audit hashes
 * name the content.
 */
export interface StoredFile {
  id: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  rev: number;
  deleted: 0 | 1;
  /** Table and id of the record the file belongs to ('audits', 'reviews' …). */
  ownerType: string;
  ownerId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  blob: Blob;
  /** The file as taken, before downscaling; kept only when the user asks for originals. */
  original?: Blob;
  width?: number;
  height?: number;
}

/** A merge conflict from an imported exchange file, kept until a person chooses a side. */
export interface MergeConflictRow {
  id: string;
  entity: string;
  recordId: string;
  createdAt: string;
  importId: string;
  /** The planMerge conflict (local and incoming versions, differing fields) as stored data. */
  conflict: unknown;
}

/**
 * A page of packed contract ledgers (domain/contracts/contract-ledger.ts): the contracts whose id hashes to
 * this page, and each one's packed ledger. Derived from contracts, obligations, payments and
 * deductions; never edited, logged or exchanged, only recomputed (data/ledger.ts).
 */
export interface LedgerPageRow {
  /** 'p00'…'p31' (data/ledger.ts ledgerPageOf). */
  id: string;
  ids: string[];
  d: string[];
}

/** A contract whose ledger must be rebuilt before the next roll-up (data/ledger-sync.ts). */
export interface LedgerStaleRow {
  id: string;
}

export type { TrailRow };

export type WorkbenchDb = Dexie & {
  projects: EntityTable<Project, 'id'>;
  organisations: EntityTable<Organisation, 'id'>;
  phaseTransitions: EntityTable<PhaseTransition, 'id'>;
  changeLog: EntityTable<ChangeLogEntry, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  contracts: EntityTable<Contract, 'id'>;
  amendments: EntityTable<ContractAmendment, 'id'>;
  obligations: EntityTable<PaymentObligation, 'id'>;
  payments: EntityTable<Payment, 'id'>;
  referenceRates: EntityTable<ReferenceRate, 'id'>;
  indicatorSystems: EntityTable<IndicatorSystem, 'id'>;
  reviews: EntityTable<PerformanceReview, 'id'>;
  deductions: EntityTable<PerformanceDeduction, 'id'>;
  checklistTemplates: EntityTable<ChecklistTemplate, 'id'>;
  audits: EntityTable<AuditRun, 'id'>;
  findings: EntityTable<AuditFinding, 'id'>;
  rectifications: EntityTable<RectificationTask, 'id'>;
  files: EntityTable<StoredFile, 'id'>;
  mergeConflicts: EntityTable<MergeConflictRow, 'id'>;
  ledgerPages: EntityTable<LedgerPageRow, 'id'>;
  ledgerStale: EntityTable<LedgerStaleRow, 'id'>;
  trail: EntityTable<TrailRow, 'id'>;
  deskKeys: EntityTable<DeskKey, 'id'>;
  registerPages: EntityTable<RegisterPageRow, 'id'>;
  registerStale: EntityTable<RegisterStaleRow, 'id'>;
  syncOutbox: EntityTable<OutboxRow, 'n'>;
  syncState: EntityTable<SyncStateRow, 'key'>;
  budgets: EntityTable<BudgetLine, 'id'>;
  fiscalRules: EntityTable<FiscalRule, 'id'>;
};

/** Office sync's own bookkeeping on this desk (data/office-sync/state.ts): the pull cursor and the like. */
export interface SyncStateRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'smart-city-workbench';

/** Schema v1. Tombstoned rows stay (deleted = 1) so merges cannot resurrect them. */
export const SCHEMA_V1: Record<string, string> = {
  projects:
    'id, code, updatedAt, [deleted+phase], [deleted+category], [deleted+departmentId], [deleted+name], [deleted+updatedAt]',
  organisations: 'id, name, kind, deleted',
  phaseTransitions: 'id, projectId, at',
  changeLog: 'id, [entity+entityId], at',
  settings: 'key',
  contracts: 'id, projectId, type, signedOn, deleted',
  amendments: 'id, contractId',
  obligations: 'id, contractId, projectId, payeeId, payerDepartmentId, dueDate, deleted',
  payments: 'id, obligationId, contractId, paidOn',
  referenceRates: 'id, [policy+effectiveFrom]',
};

/**
 * Schema v2: performance reviews, field audits, stored files and merge conflicts (for exchange
 * files between desks), and compound indexes the arrears and dashboard roll-ups read. Only adds
 * tables and indexes, so the upgrade needs no data rewrite.
 */
export const SCHEMA_V2: Record<string, string> = {
  ...SCHEMA_V1,
  contracts: 'id, projectId, type, signedOn, deleted, [deleted+type]',
  obligations: 'id, contractId, projectId, payeeId, payerDepartmentId, dueDate, deleted, [deleted+dueDate]',
  payments: 'id, obligationId, contractId, paidOn, deleted',
  indicatorSystems: 'id, lineageId, [deleted+status]',
  reviews: 'id, projectId, systemId, [projectId+periodEnd], [deleted+status], periodEnd',
  deductions: 'id, reviewId, obligationId, contractId, projectId',
  checklistTemplates: 'id, deleted',
  audits: 'id, projectId, date, [deleted+status]',
  findings: 'id, auditId, projectId, [deleted+severity]',
  rectifications: 'id, findingId, projectId, [deleted+status], dueDate',
  files: 'id, [ownerType+ownerId], sha256',
  mergeConflicts: 'id, [entity+recordId], importId',
};

/**
 * Schema v3: the contract arrears ledgers (one compact entry per contract, so the portfolio
 * roll-up reads a few rows instead of every obligation and payment) in a few pages, with the marks
 * of contracts whose ledger is stale, kept in step with the raw rows by ledger-sync.ts; contract
 * codes indexed (they are unique). The upgrade marks every contract stale; the first roll-up builds the pages.
 */
export const SCHEMA_V3: Record<string, string> = {
  ...SCHEMA_V2,
  contracts: 'id, projectId, type, signedOn, deleted, [deleted+type], code',
  ledgerPages: 'id',
  ledgerStale: 'id',
};

/**
 * Schema v4: the tamper-evident change log. Entries gain chain fields (desk, seq, prev, state, hash;
 * domain/trail/chain.ts) indexed by [desk+seq]; `trail` keeps signed checkpoints and the legacy
 * summary; `deskKeys` is the office's list of trusted desk keys (a versioned record table). The
 * upgrade rewrites nothing: entries already stored stay as they were ("legacy") and are summed into
 * the legacy row, which the first chain's genesis then signs.
 */
export const SCHEMA_V4: Record<string, string> = {
  ...SCHEMA_V3,
  changeLog: 'id, [entity+entityId], at, [desk+seq]',
  trail: 'id, kind',
  deskKeys: 'id, deleted',
};

/**
 * Schema v5: the register's columns in packed pages with the marks of projects changed since
 * (register-sync.ts), so the register starts without reading every whole project. The upgrade
 * marks everything stale; the first register load builds the pages.
 */
export const SCHEMA_V5: Record<string, string> = {
  ...SCHEMA_V4,
  registerPages: 'id',
  registerStale: 'id',
};

/**
 * Schema v6: office-server sync. `syncOutbox` holds the change-log entries the server may not have
 * yet, one row per write (data/office-sync/outbox.ts keeps it in step with the log); `syncState`
 * the pull cursor and the sync client's other notes. The upgrade puts every entry already stored
 * into the outbox: a desk that joins an office server offers it everything it holds.
 */
export const SCHEMA_V6: Record<string, string> = {
  ...SCHEMA_V5,
  syncOutbox: '++n',
  syncState: 'key',
};

/**
 * Schema v7: the office's budget figures (appropriations by department and year, the general public
 * budget expenditure by year) and its own fiscal rule entries (red line, default indexation), for
 * the fiscal outlook. Contracts may carry `indexationBp`; those stored before do not, and read as
 * null (the office default applies): the upgrade does not rewrite them, so every record still
 * matches its newest change-log entry. Ledgers gain what the outlook projects from (format 6), so
 * every one is marked stale.
 */
export const SCHEMA_V7: Record<string, string> = {
  ...SCHEMA_V6,
  budgets: 'id, [kind+year], departmentId, deleted',
  fiscalRules: 'id, [rule+effectiveFrom]',
};

/**
 * The stores of every released version. A backup written by an older version is restored into a
 * database created at its own version, which openDb then upgrades (data/interchange/backup/restore.ts); a new
 * version must be added here too (tests/unit/data/backup.test.ts checks).
 */
export const SCHEMA_HISTORY: Readonly<Record<number, Record<string, string>>> = { 1: SCHEMA_V1, 2: SCHEMA_V2, 3: SCHEMA_V3, 4: SCHEMA_V4, 5: SCHEMA_V5, 6: SCHEMA_V6, 7: SCHEMA_V7 };

/** `deskDb` names the desk-key database (tests use a second one to play a second desk). */
export function openDb(name: string = DB_NAME, opts: { deskDb?: string } = {}): WorkbenchDb {
  const db = new Dexie(name) as WorkbenchDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      const ids = (await tx.table('contracts').toCollection().primaryKeys()) as string[];
      await tx.table('ledgerStale').bulkPut(ids.map(staleMark));
    });
  db.version(4)
    .stores(SCHEMA_V4)
    .upgrade(async (tx) => {
      await tx.table('trail').put(await legacyRowOf(tx.table('changeLog')));
    });
  db.version(5)
    .stores(SCHEMA_V5)
    .upgrade((tx) => tx.table('registerStale').put({ id: ALL_STALE }));
  db.version(6)
    .stores(SCHEMA_V6)
    .upgrade(async (tx) => {
      const ids = (await tx.table('changeLog').toCollection().primaryKeys()) as string[];
      await tx.table('syncOutbox').bulkAdd(outboxRowsFor(ids));
    });
  db.version(7)
    .stores(SCHEMA_V7)
    .upgrade(async (tx) => {
      const ids = (await tx.table('contracts').toCollection().primaryKeys()) as string[];
      await tx.table('ledgerStale').bulkPut(ids.map(staleMark));
    });
  db.on('populate', (tx) => {
    void tx.table('trail').add(legacyRowOf.empty());
  });
  // Every desk database writes chained entries: the desk's key and chain are ready before any write.
  db.on('ready', (vip) => attachDesk(db, vip, opts.deskDb ?? DESK_DB_NAME), true);
  db.use(ledgerSyncMiddleware);
  db.use(registerSyncMiddleware);
  db.use(changeFeedMiddleware);
  db.use(outboxMiddleware);
  return db;
}
