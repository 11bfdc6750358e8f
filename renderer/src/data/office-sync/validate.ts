// A pulled page is untrusted input like an exchange file: every record and entry goes through the
// same bounded JSON pass and the same record schemas (data/interchange/exchange/schema.ts), signed
// audits' seals and desk signatures are checked, and any problem refuses the whole page before
// anything is written. The trail's checks against this database follow inside the transaction
// (pull.ts).
import { z } from 'zod';
import type { SyncPullPage } from '../../../../sync/api';
import type { AuditRun } from '../../domain/audits/audit-types';
import { auditSealText, verifyAuditHash } from '../../domain/audits/audits';
import type { ChangeLogEntry, RecordMeta } from '../../domain/core/types';
import { sanitizeJson } from '../../domain/core/untrusted-json';
import type { Versioned } from '../../domain/interchange/merge';
import type { KnownHashes } from '../../domain/trail/incoming';
import { entryHashAsync, stateHashAsync } from '../../domain/trail/chain';
import type { WorkbenchDb } from '../db';
import { verifySignature } from '../trail/desk';
import { auditImageIds } from '../audits';
import { addZodIssues, ProblemList, sanitizeCode, type ExchangeProblem } from '../interchange/exchange/problems';
import { chainFieldsComplete, changeLogEntrySchema, CONTRACT_RECORD_SCHEMAS, deskKeySchema, LIMITS, RECORD_SCHEMAS, type FileInFile } from '../interchange/exchange/schema';
import { isSyncedTable, SYNCED_TABLES, type SyncedTable } from './what-syncs';

/** The schema of each synced table's records as they travel (files with blob references, not Blobs). */
export const SYNC_RECORD_SCHEMAS: Record<SyncedTable, z.ZodType> = {
  ...RECORD_SCHEMAS,
  ...CONTRACT_RECORD_SCHEMAS,
  deskKeys: deskKeySchema,
};

export const syncEntrySchema = changeLogEntrySchema.extend({ entity: z.enum(SYNCED_TABLES) });

const JSON_LIMITS = { maxDepth: LIMITS.jsonDepth, maxNodes: 1_000_000, maxArray: LIMITS.jsonArray, maxString: LIMITS.jsonString };

export interface PulledRecord {
  table: SyncedTable;
  version: Versioned<RecordMeta>;
  /** The entries this page brings for the record (its history since the pull began). */
  entries: ChangeLogEntry[];
}

export interface ValidPage {
  records: PulledRecord[];
  /** Every entry of the page by id. */
  entries: Map<string, ChangeLogEntry>;
  /** entryHash of each entry and stateHash of each record, computed here, before the page's transaction. */
  hashed: KnownHashes;
}

export type PageCheck = { ok: true; page: ValidPage } | { ok: false; problems: ExchangeProblem[]; more: number };

function clean(value: unknown, entity: string, id: string, out: ProblemList): unknown {
  const c = sanitizeJson(value, JSON_LIMITS);
  for (const path of c.ignored) out.add(entity, id, path, 'forbidden-key');
  for (const e of c.errors) out.add(entity, id, e.path, sanitizeCode(e.code));
  return c.ignored.length || c.errors.length ? undefined : c.value;
}

/**
 * Shape, schema, ids, seals and signatures of a page. `db` answers the photo hashes of signed
 * audits whose photos arrived earlier; a photo neither here nor held is left to the trail check.
 */
export async function checkPage(db: WorkbenchDb, page: SyncPullPage): Promise<PageCheck> {
  const out = new ProblemList(LIMITS.problems);
  const records: PulledRecord[] = [];
  const entries = new Map<string, ChangeLogEntry>();
  const seen = new Set<string>();

  for (const raw of page.records) {
    const table = raw.entity;
    const id = typeof raw.id === 'string' ? raw.id.slice(0, 64) : '';
    if (!isSyncedTable(table)) {
      out.add('file', id, 'entity', 'unknown-entity', { entity: String(table).slice(0, 64) });
      continue;
    }
    const key = `${table}\u0000${id}`;
    if (seen.has(key)) out.add(table, id, 'record.id', 'duplicate-id');
    seen.add(key);
    const plain = clean(raw.record, table, id, out);
    if (plain === undefined) continue;
    const rec = SYNC_RECORD_SCHEMAS[table].safeParse(plain);
    if (!rec.success) {
      addZodIssues(out, table, id, rec.error.issues, plain);
      continue;
    }
    const record = rec.data as RecordMeta;
    if (record.id !== raw.id || record.deleted !== raw.deleted) out.add(table, id, 'record.id', 'history-entry-mismatch');
    const mine: ChangeLogEntry[] = [];
    for (const pe of raw.entries) {
      const entryId = typeof pe.id === 'string' ? pe.id.slice(0, 64) : '';
      const ep = clean(pe.entry, 'changeLog', entryId, out);
      if (ep === undefined) continue;
      const e = syncEntrySchema.safeParse(ep);
      if (!e.success) {
        addZodIssues(out, 'changeLog', entryId, e.error.issues, ep);
        continue;
      }
      const entry = e.data as ChangeLogEntry;
      if (!chainFieldsComplete(entry)) out.add('changeLog', entry.id, 'hash', 'chain-fields-incomplete');
      if (entry.id !== pe.id || entry.entity !== table || entry.entityId !== record.id) out.add(table, id, 'history', 'history-entry-mismatch');
      if (entries.has(entry.id)) continue;
      entries.set(entry.id, entry);
      mine.push(entry);
    }
    if (table === 'files') {
      const f = record as unknown as FileInFile;
      if (f.sha256 !== f.blob.sha256) out.add('files', f.id, 'sha256', 'file-hash-mismatch');
    }
    records.push({ table, version: { record, history: [] }, entries: mine });
  }

  // Seals and desk signatures of signed audits.
  const signed = records.filter((r) => r.table === 'audits' && (r.version.record as AuditRun).status === 'signed');
  if (signed.length) {
    const hashes = new Map<string, string>();
    for (const r of records) if (r.table === 'files') hashes.set(r.version.record.id, (r.version.record as unknown as FileInFile).sha256);
    for (const r of signed) {
      const audit = r.version.record as AuditRun;
      const images = auditImageIds(audit);
      const unknown = images.filter((pid) => !hashes.has(pid));
      if (unknown.length) for (const f of await db.files.bulkGet(unknown)) if (f) hashes.set(f.id, f.sha256);
      const complete = images.every((pid) => hashes.has(pid));
      if (complete && !(await verifyAuditHash(audit, hashes))) out.add('audits', audit.id, 'contentHash', 'audit-hash-mismatch');
      const s = audit.deskSignature;
      if (s && !(await verifySignature(s.key, auditSealText(audit), s.sig))) out.add('audits', audit.id, 'deskSignature', 'audit-signature-invalid');
    }
  }

  if (out.count > 0) return { ok: false, problems: out.items, more: out.more };
  return { ok: true, page: { records, entries, hashed: await hashAhead(records) } };
}

/**
 * The hashes the trail check inside the page's transaction compares (domain/trail/incoming.ts),
 * computed here by Web Crypto, all at once, off this thread: inside the transaction they would
 * have to be synchronous.
 */
async function hashAhead(records: readonly PulledRecord[]): Promise<KnownHashes> {
  const hashed: KnownHashes = new WeakMap();
  const work: Promise<void>[] = [];
  for (const r of records) {
    const record = r.version.record;
    work.push(stateHashAsync(record).then((h) => void hashed.set(record, h)));
    // Every entry: a chained one's hash is checked, a legacy one's joins the legacy summary.
    for (const e of r.entries) work.push(entryHashAsync(e).then((h) => void hashed.set(e, h)));
  }
  await Promise.all(work);
  return hashed;
}
