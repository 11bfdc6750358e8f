// Reading an exchange file: nothing is trusted and nothing is written. The whole file is checked
// (container, manifest, payload, every record, every history, every blob hash, every signed
// audit's seal) and EVERY problem is reported by record; only a file with none is handed on.
import type { ChangeLogEntry, RecordMeta } from '../../../domain/core/types';
import type { AuditRun } from '../../../domain/audits/audit-types';
import type { Versioned } from '../../../domain/interchange/merge';
import { auditSealText, verifyAuditHash } from '../../../domain/audits/audits';
import { entryHash, isChained } from '../../../domain/trail/chain';
import { verifySignature } from '../../trail/desk';
import { attachmentProblem } from './attachments';
import { sanitizeJson, type JsonValue } from '../../../domain/core/untrusted-json';
import { validateProjectDraft, type ProjectDraft } from '../../../domain/projects/project-rules';
import { ContainerError, decodeBody, readHeader, sha256Bytes, type PlainBody } from './container';
import { decryptBody } from './cipher';
import { addZodIssues, ProblemList, sanitizeCode, type ExchangeProblem } from './problems';
import {
  carriesTable,
  chainFieldsComplete,
  changeLogEntrySchema,
  EXCHANGE_TABLES,
  LIMITS,
  manifestSchema,
  manifestSignatureText,
  payloadSchema,
  RECORD_SCHEMAS,
  versionedShape,
  type ExchangeManifest,
  type ExchangeTable,
  type FileInFile,
} from './schema';

export interface ValidatedExchange {
  manifest: ExchangeManifest;
  /** Records as they are in the file; `files` still name their Blobs by hash (FileInFile). */
  tables: Record<ExchangeTable, Versioned<RecordMeta>[]>;
  entries: Map<string, ChangeLogEntry>;
  /** Blob bytes by SHA-256 (views into the file). */
  blobs: Map<string, Uint8Array>;
}

export type ReadResult =
  | { ok: true; file: ValidatedExchange }
  | { ok: false; problems: ExchangeProblem[]; more: number; needsPassphrase: boolean };

export interface ReadOptions {
  passphrase?: string;
  signal?: AbortSignal;
  progress?: (p: { done: number; total: number; step: ReadStep }) => void;
}

/** 'merge' is reported by importExchangeFile once the file is accepted. */
export type ReadStep = 'decrypt' | 'parse' | 'records' | 'blobs' | 'seals' | 'merge';

const JSON_LIMITS = { maxDepth: LIMITS.jsonDepth, maxNodes: LIMITS.jsonNodes, maxArray: LIMITS.jsonArray, maxString: LIMITS.jsonString };

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
}

/** Bytes → JSON value, bounded; __proto__/constructor/prototype keys anywhere are problems. */
function parseJson(bytes: Uint8Array, entity: string, out: ProblemList): JsonValue | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    out.add(entity, '', '', 'invalid-json');
    return undefined;
  }
  const clean = sanitizeJson(raw, JSON_LIMITS);
  for (const path of clean.ignored) out.add(entity, '', path, 'forbidden-key');
  for (const e of clean.errors) out.add(entity, '', e.path, sanitizeCode(e.code));
  return clean.ignored.length || clean.errors.length ? undefined : clean.value;
}

/** The record's id when it looks like one (bounded), else its position. */
function idOf(v: unknown, index: number): string {
  const id = (v as { record?: { id?: unknown } } | null)?.record?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : `#${index + 1}`;
}

/**
 * A project arriving by file meets the register form's rules (project-rules.ts: lengths, required
 * fields, dates) and its code is used once in the file; a clash with a code already used on this
 * desk is found when the file is applied (apply.ts), against the database.
 */
function checkProject(out: ProblemList, id: string, p: ProjectDraft, codes: Map<string, string>): void {
  for (const problem of validateProjectDraft(p)) out.add('projects', id, `record.${problem.field ?? ''}`, problem.code, problem.params);
  const code = typeof p.code === 'string' ? p.code.trim() : '';
  if (!code) return;
  const first = codes.get(code);
  if (first !== undefined) out.add('projects', id, 'record.code', 'duplicate-code', { code, other: first });
  else codes.set(code, id);
}

/**
 * The payload's tables, each a list: a table the file's format version does not know yet is read as
 * empty, and must then be absent; a table it knows must be named in both the payload and the counts.
 */
function tablesOfVersion(
  tables: Partial<Record<ExchangeTable, unknown[]>>,
  manifest: ExchangeManifest | undefined,
  out: ProblemList,
): Record<ExchangeTable, unknown[]> {
  const rows = {} as Record<ExchangeTable, unknown[]>;
  for (const table of EXCHANGE_TABLES) {
    rows[table] = tables[table] ?? [];
    if (!manifest) continue;
    const carried = carriesTable(manifest.formatVersion, table);
    for (const [section, present] of [['payload', tables[table] !== undefined], ['manifest', manifest.counts[table] !== undefined]] as const) {
      const path = section === 'payload' ? `tables.${table}` : `counts.${table}`;
      if (carried && !present) out.add(section, '', path, 'required');
      if (!carried && present) out.add(section, '', path, 'unknown-key', { key: table });
    }
  }
  return rows;
}

export async function readExchangeFile(bytes: Uint8Array, opts: ReadOptions = {}): Promise<ReadResult> {
  const out = new ProblemList(LIMITS.problems);
  const fail = (needsPassphrase = false): ReadResult => ({ ok: false, problems: out.items, more: out.more, needsPassphrase });

  if (bytes.byteLength > LIMITS.fileBytes) {
    out.add('file', '', '', 'too-large', { max: LIMITS.fileBytes });
    return fail();
  }
  let body: PlainBody;
  try {
    const head = readHeader(bytes);
    let plain = head.body;
    if (head.encrypted) {
      if (!opts.passphrase) {
        out.add('file', '', '', 'passphrase-required');
        return fail(true);
      }
      opts.progress?.({ done: 0, total: 0, step: 'decrypt' });
      const opened = await decryptBody(head.body, opts.passphrase);
      if (!opened.ok) {
        out.add('file', '', '', opened.code);
        return fail(opened.code === 'wrong-passphrase');
      }
      plain = opened.body;
    }
    body = decodeBody(plain, { maxManifest: LIMITS.manifestBytes, maxPayload: LIMITS.payloadBytes, maxBlob: LIMITS.blobBytes, maxBlobs: LIMITS.blobs });
  } catch (e) {
    if (!(e instanceof ContainerError)) throw e;
    out.add('file', '', '', e.code, e.params);
    return fail();
  }
  checkAbort(opts.signal);
  opts.progress?.({ done: 0, total: 0, step: 'parse' });

  // Manifest.
  let manifest: ExchangeManifest | undefined;
  const manifestJson = parseJson(body.manifest, 'manifest', out);
  if (manifestJson !== undefined) {
    const m = manifestSchema.safeParse(manifestJson);
    if (m.success) manifest = m.data;
    else addZodIssues(out, 'manifest', '', m.error.issues, manifestJson);
  }
  if (manifest && (await sha256Bytes(body.payload)) !== manifest.payloadSha256) out.add('payload', '', '', 'payload-hash-mismatch');

  // Payload envelope.
  const payloadJson = parseJson(body.payload, 'payload', out);
  const envelope = payloadJson === undefined ? undefined : payloadSchema.safeParse(payloadJson);
  if (envelope && !envelope.success) addZodIssues(out, 'payload', '', envelope.error.issues, payloadJson);
  if (!envelope?.success) return fail();
  checkAbort(opts.signal);
  const rawTables = tablesOfVersion(envelope.data.tables, manifest, out);

  // Change-log entries.
  const entries = new Map<string, ChangeLogEntry>();
  envelope.data.changeLog.forEach((raw, i) => {
    const e = changeLogEntrySchema.safeParse(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? String((raw as { id: string }).id).slice(0, 64) : `#${i + 1}`;
    if (!e.success) return addZodIssues(out, 'changeLog', id, e.error.issues, raw);
    if (entries.has(e.data.id)) return out.add('changeLog', id, 'id', 'duplicate-entry');
    if (!chainFieldsComplete(e.data)) return out.add('changeLog', id, 'hash', 'chain-fields-incomplete');
    entries.set(e.data.id, e.data as ChangeLogEntry);
  });

  // Records and their histories.
  const tables = {} as Record<ExchangeTable, Versioned<RecordMeta>[]>;
  const referenced = new Set<string>();
  const total = EXCHANGE_TABLES.reduce((n, t) => n + rawTables[t].length, 0);
  let done = 0;
  const projectCodes = new Map<string, string>();
  for (const table of EXCHANGE_TABLES) {
    const rows: Versioned<RecordMeta>[] = [];
    const ids = new Set<string>();
    const schema = RECORD_SCHEMAS[table];
    rawTables[table].forEach((raw, i) => {
      const id = idOf(raw, i);
      const shape = versionedShape.safeParse(raw);
      if (!shape.success) return addZodIssues(out, table, id, shape.error.issues, raw);
      const rec = schema.safeParse(shape.data.record);
      if (!rec.success) return addZodIssues(out, table, id, rec.error.issues, raw, ['record']);
      const record = rec.data as RecordMeta;
      if (ids.has(record.id)) out.add(table, id, 'record.id', 'duplicate-id');
      ids.add(record.id);
      const seen = new Set<string>();
      shape.data.history.forEach((h, k) => {
        const path = `history[${k}]`;
        if (seen.has(h)) return out.add(table, id, path, 'history-duplicate');
        seen.add(h);
        referenced.add(h);
        const entry = entries.get(h);
        if (!entry) return out.add(table, id, path, 'history-entry-missing');
        if (entry.entity !== table || entry.entityId !== record.id) out.add(table, id, path, 'history-entry-mismatch');
      });
      rows.push({ record, history: shape.data.history });
      if (table === 'projects' && !record.deleted) checkProject(out, id, record as unknown as ProjectDraft, projectCodes);
    });
    tables[table] = rows;
    done += rawTables[table].length;
    opts.progress?.({ done, total, step: 'records' });
    checkAbort(opts.signal);
  }
  for (const id of entries.keys()) if (!referenced.has(id)) out.add('changeLog', id, '', 'entry-unreferenced');

  if (manifest) {
    for (const table of EXCHANGE_TABLES) {
      const n = rawTables[table].length;
      const declared = manifest.counts[table] ?? 0;
      if (declared !== n) out.add('manifest', '', `counts.${table}`, 'count-mismatch', { declared, found: n });
    }
    if (manifest.changeLogEntries !== envelope.data.changeLog.length) {
      out.add('manifest', '', 'changeLogEntries', 'count-mismatch', { declared: manifest.changeLogEntries, found: envelope.data.changeLog.length });
    }
  }

  // Blobs: sizes and hashes against the manifest, and every file's references against both.
  const blobs = new Map<string, Uint8Array>();
  if (manifest) {
    if (manifest.blobs.length !== body.blobs.length) {
      out.add('blobs', '', '', 'count-mismatch', { declared: manifest.blobs.length, found: body.blobs.length });
    }
    const n = Math.min(manifest.blobs.length, body.blobs.length);
    for (let i = 0; i < n; i++) {
      const want = manifest.blobs[i];
      const bytes = body.blobs[i];
      if (blobs.has(want.sha256)) out.add('blobs', want.sha256, `blobs[${i}]`, 'duplicate-blob');
      if (bytes.byteLength !== want.size) out.add('blobs', want.sha256, `blobs[${i}]`, 'blob-size-mismatch', { declared: want.size, found: bytes.byteLength });
      else if ((await sha256Bytes(bytes)) !== want.sha256) out.add('blobs', want.sha256, `blobs[${i}]`, 'blob-hash-mismatch');
      blobs.set(want.sha256, bytes);
      if (i % 20 === 0) {
        opts.progress?.({ done: i, total: n, step: 'blobs' });
        checkAbort(opts.signal);
      }
    }
    const used = new Set<string>();
    const declared = new Map(manifest.blobs.map((b) => [b.sha256, b.size]));
    for (const { record } of tables.files) {
      const f = record as unknown as FileInFile;
      if (f.sha256 !== f.blob.sha256) out.add('files', f.id, 'sha256', 'file-hash-mismatch');
      const refused = attachmentProblem(f);
      if (refused) out.add('files', f.id, refused.path, refused.code, { name: refused.name });
      for (const [key, ref] of [['blob', f.blob], ['original', f.original]] as const) {
        if (!ref) continue;
        used.add(ref.sha256);
        const size = declared.get(ref.sha256);
        if (size === undefined) out.add('files', f.id, `${key}.sha256`, 'blob-missing');
        else if (size !== ref.size) out.add('files', f.id, `${key}.size`, 'blob-size-mismatch', { declared: ref.size, found: size });
      }
    }
    for (const b of manifest.blobs) if (!used.has(b.sha256)) out.add('blobs', b.sha256, '', 'blob-unreferenced');
  }

  // Seals: a signed audit's content must still hash to what was signed.
  opts.progress?.({ done: 0, total: 0, step: 'seals' });
  const photoHashes = new Map(tables.files.map(({ record }) => [record.id, (record as unknown as FileInFile).sha256]));
  for (const { record } of tables.audits) {
    const audit = record as AuditRun;
    if (audit.status !== 'signed') continue;
    if (!(await verifyAuditHash(audit, photoHashes))) out.add('audits', audit.id, 'contentHash', 'audit-hash-mismatch');
  }

  // Signatures: the exporting desk's over the manifest, and each signed audit's desk over its seal.
  if (manifest) {
    const s = manifest.signature;
    if (!s) out.add('file', '', 'signature', 'signature-missing');
    // Over the manifest as written: parsing fills tables a file written before them did not list,
    // which its desk did not sign.
    else if (!(await verifySignature(s.key, manifestSignatureText(manifestJson as ExchangeManifest), s.sig))) out.add('file', '', 'signature', 'signature-invalid');
  }
  for (const { record } of tables.audits) {
    const audit = record as AuditRun;
    const s = audit.deskSignature;
    if (audit.status === 'signed' && s && !(await verifySignature(s.key, auditSealText(audit), s.sig))) out.add('audits', audit.id, 'deskSignature', 'audit-signature-invalid');
  }
  for (const e of entries.values()) if (isChained(e) && entryHash(e) !== e.hash) out.add('changeLog', e.id, 'hash', 'entry-hash-mismatch');

  if (out.count > 0 || !manifest) return fail();
  return { ok: true, file: { manifest, tables, entries, blobs } };
}
