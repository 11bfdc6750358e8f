// What a restore accepts, in one place. A backup is untrusted input like an exchange file: a row that
// was hand-edited and re-hashed carries valid checksums, so every row is checked against the same
// record schemas the exchange files use (types, money, dates) before it is staged, and the staged
// database as a whole is checked before it replaces the live one.
//
// Two steps, both refusing with a BackupError and never touching the live database:
//  - checkBackupRow: each decoded row, table by table, before it is written to the staging database;
//  - checkStagedDatabase: the staging database once every row is in and read back, before the
//    person is asked to confirm (restore.ts stageBackup). Checks that need more than one row (seals
//    against their files, signatures, the audit trail) belong here: add them to STAGED_CHECKS.
import type Dexie from 'dexie';
import { z } from 'zod';
import { BackupError } from '../../../domain/interchange/backup-format';
import { ProblemList, addZodIssues } from '../exchange/problems';
import { checkSealsAndSignatures, checkStagedTrail } from '../../trail/restore-check';
import { checkRegisterPages } from '../../register-sync';
import type { StagedCheck, StagedCheckContext } from './staged-check';
import { changeLogEntrySchema, CONTRACT_RECORD_SCHEMAS, deskKeySchema, RECORD_SCHEMAS, storedFileSchema, trailRowSchema } from '../exchange/schema';

const anyValue = z.unknown();

/** Rows of tables that are not versioned records: only their shape is fixed. */
const settingRow = z.object({ key: z.string().min(1).max(200), value: anyValue });
const mergeConflictRow = z
  .object({
    id: z.string().min(1).max(64),
    entity: z.string().max(100),
    recordId: z.string().max(64),
    createdAt: z.string().max(40),
    importId: z.string().max(64),
    conflict: anyValue,
  })
  .catchall(anyValue);
const ledgerPageRow = z.object({ id: z.string().regex(/^p\d{2}$/), ids: z.array(z.string().max(64)), d: z.array(z.string()) });
const ledgerStaleRow = z.object({ id: z.string().min(1).max(64) });
// Register pages are never trusted from a backup (the restore's project writes mark every project
// stale, data/register-sync.ts), so only their shape is checked.
// Pages of any format pass here; checkRegisterPages (a staged check) compares them with the projects.
const registerPageRow = z.object({ id: z.string().regex(/^r\d{2}$/), v: z.number().int() }).catchall(z.union([z.string(), z.array(z.union([z.string(), z.number()]))]));
const registerStaleRow = z.object({ id: z.string().min(1).max(64) });
const outboxRow = z.strictObject({ n: z.number().int().min(1), entries: z.array(z.string().min(1).max(64)).max(100_000) });
const syncStateRow = z.strictObject({ key: z.string().min(1).max(200), value: anyValue });
// The backup holds every table's log, contracts and restores included, so any entity name is fine.
const storedChangeLogEntry = changeLogEntrySchema.extend({ entity: z.string().min(1).max(100) });

/**
 * The schema of every table a backup may hold. A table a later version adds must be listed here too,
 * or its backups are refused (tests/unit/data/backup.test.ts checks every table of openDb).
 */
export const BACKUP_ROW_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ...RECORD_SCHEMAS,
  ...CONTRACT_RECORD_SCHEMAS,
  files: storedFileSchema,
  changeLog: storedChangeLogEntry,
  settings: settingRow,
  mergeConflicts: mergeConflictRow,
  ledgerPages: ledgerPageRow,
  ledgerStale: ledgerStaleRow,
  trail: trailRowSchema,
  deskKeys: deskKeySchema,
  registerPages: registerPageRow,
  registerStale: registerStaleRow,
  syncOutbox: outboxRow,
  syncState: syncStateRow,
};

/**
 * Refuses a row that does not match its table's schema: BackupError 'invalid-row' naming the table,
 * the 1-based row, the field and the problem (an exchange problem code, translated the same way).
 */
export function checkBackupRow(table: string, row: unknown, rowNumber: number): void {
  const schema = BACKUP_ROW_SCHEMAS[table];
  if (!schema) throw new BackupError('unknown-table', { table });
  const parsed = schema.safeParse(row);
  if (parsed.success) return;
  const problems = new ProblemList(1);
  addZodIssues(problems, table, '', parsed.error.issues, row);
  const first = problems.items[0];
  throw new BackupError('invalid-row', { table, row: rowNumber, field: first?.path || 'row', problem: first?.code ?? 'invalid-value', ...first?.params });
}

/** Run in order after staging and read-back, before the person is asked to confirm. */
export const STAGED_CHECKS: StagedCheck[] = [checkSealsAndSignatures, checkRegisterPages, checkStagedTrail];

export async function checkStagedDatabase(staged: Dexie, ctx: StagedCheckContext): Promise<void> {
  for (const check of STAGED_CHECKS) {
    ctx.signal?.throwIfAborted();
    await check(staged, ctx);
  }
}
