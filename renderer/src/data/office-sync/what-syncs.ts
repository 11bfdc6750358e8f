// What travels to the office server and what stays on this desk: the one place that says it.
// Every table of the database is named here exactly once (tests/unit/data/office-sync.test.ts
// fails on a table nobody placed), and every key of the settings table is office-wide or per desk.
import type { WorkbenchDb } from '../db';

/**
 * Versioned record tables (RecordMeta, written through the repositories with the change log).
 * They travel to the server with their change-log entries, in this order within a push.
 */
export const SYNCED_TABLES = [
  'organisations',
  'projects',
  'phaseTransitions',
  'referenceRates',
  // The office's budget figures and fiscal rule entries (after the departments they name).
  'budgets',
  'fiscalRules',
  'indicatorSystems',
  'checklistTemplates',
  'deskKeys',
  'contracts',
  'amendments',
  'obligations',
  'payments',
  // Files before the records that name them: a signed audit arriving in a pull finds its photos.
  'files',
  'reviews',
  'deductions',
  'audits',
  'findings',
  'rectifications',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** The change log travels with its records (each record's entries), never on its own. */
export const LOG_TABLE = 'changeLog';

/** Rebuilt on this desk from what arrives; never sent. */
export const DERIVED_TABLES = ['ledgerPages', 'ledgerStale', 'registerPages', 'registerStale'] as const;

/**
 * This desk's own: settings (split by key below), conflicts waiting for this desk's person (the
 * resolution is a record change and syncs), the trail's signed checkpoints and legacy summary, and
 * sync's own bookkeeping (outbox and state).
 */
export const DESK_TABLES = ['settings', 'mergeConflicts', 'trail', 'syncOutbox', 'syncState'] as const;

/**
 * Settings the whole office shares (synced through the server's office settings, last writer
 * wins): prefixes of their keys. Every other key stays on this desk — the operator profile, the
 * backup folder and schedule, the import log, the choice to keep original photos; the server
 * connection and its password are not in the database at all (the Node side keeps them).
 */
export const OFFICE_SETTING_PREFIXES = ['oc4ids.publisher', 'sheetImport.mapping.', 'demoLoaded'] as const;

export function isOfficeSetting(key: string): boolean {
  return OFFICE_SETTING_PREFIXES.some((p) => (p.endsWith('.') ? key.startsWith(p) : key === p));
}

export function isSyncedTable(name: string): name is SyncedTable {
  return (SYNCED_TABLES as readonly string[]).includes(name);
}

/** Tables of `db` that no list above names (a new table must be placed before it ships). */
export function unplacedTables(db: WorkbenchDb): string[] {
  const placed = new Set<string>([...SYNCED_TABLES, LOG_TABLE, ...DERIVED_TABLES, ...DESK_TABLES]);
  return db.tables.map((t) => t.name).filter((n) => !placed.has(n));
}
