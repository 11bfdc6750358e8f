// Writing an exchange file for a set of projects: the projects themselves, their organisations and
// phase history, their contracts with amendments, obligations and payments, every audit, finding,
// rectification task, review and deduction, the indicator systems and checklist templates those
// refer to, and the stored files (photos, signatures, evidence) — each record with its history and
// the change-log entries themselves, so the receiver can copy them verbatim (merge.ts: versions are
// named by change-log entry ids).
import type { AuditRun } from '../../../domain/audits/audit-types';
import type { PerformanceReview } from '../../../domain/reviews/review-types';
import type { ChangeLogEntry, RecordMeta } from '../../../domain/core/types';
import { verifyAuditHash } from '../../../domain/audits/audits';
import { AUDIT_FILE_OWNER, auditImageIds } from '../../audits';
import type { StoredFile, WorkbenchDb } from '../../db';
import { allocateContainer, EXCHANGE_EXTENSION, sealContainer, sha256Bytes } from './container';
import { encryptBody } from './cipher';
import { loadHistories } from './history';
import { sealTrail, signAsDesk } from '../../trail/desk';
import { EXCHANGE_TABLES, FORMAT_NAME, FORMAT_VERSION, manifestSignatureText, type BlobRef, type ExchangeManifest, type ExchangeTable } from './schema';

export type ExportStep = 'collect' | 'hash' | 'write' | 'encrypt';

export interface ExportOptions {
  projectIds: readonly string[];
  exporter: { name: string; department: string };
  appVersion: string;
  /** Set to encrypt the file with this passphrase. */
  passphrase?: string;
  now?: Date;
  signal?: AbortSignal;
  progress?: (p: { done: number; total: number; step: ExportStep }) => void;
}

export interface ExportResult {
  bytes: Uint8Array;
  manifest: ExchangeManifest;
  fileName: string;
}

export class ExchangeExportError extends Error {
  constructor(
    readonly code: 'no-projects' | 'file-hash-mismatch' | 'audit-seal-broken',
    readonly params: Record<string, string> = {},
  ) {
    super(`exchange export: ${code}`);
    this.name = 'ExchangeExportError';
  }
}

type Rows = Record<ExchangeTable, RecordMeta[]>;

const BLOB_READS_IN_FLIGHT = 6;

const present = <T>(rows: (T | undefined)[]): T[] => rows.filter((r): r is T => r !== undefined);
const nonEmpty = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => id !== '');

/** Everything the file carries, read in one read-only transaction so it is one consistent state. */
async function collect(db: WorkbenchDb, projectIds: readonly string[]): Promise<Rows> {
  return db.transaction('r', [...EXCHANGE_TABLES], async () => {
    const ids = [...new Set(projectIds)];
    const projects = present(await db.projects.bulkGet(ids));
    const [phaseTransitions, contracts, reviews, deductions, audits, findings, rectifications] = await Promise.all([
      db.phaseTransitions.where('projectId').anyOf(ids).toArray(),
      db.contracts.where('projectId').anyOf(ids).toArray(),
      db.reviews.where('projectId').anyOf(ids).toArray(),
      db.deductions.where('projectId').anyOf(ids).toArray(),
      db.audits.where('projectId').anyOf(ids).toArray(),
      db.findings.where('projectId').anyOf(ids).toArray(),
      db.rectifications.where('projectId').anyOf(ids).toArray(),
    ]);
    // Tombstones travel too, so a delete reaches the other desk; everything hangs off the contract.
    const contractIds = contracts.map((c) => c.id);
    const [amendments, obligations, payments] = await Promise.all([
      db.amendments.where('contractId').anyOf(contractIds).toArray(),
      db.obligations.where('contractId').anyOf(contractIds).toArray(),
      db.payments.where('contractId').anyOf(contractIds).toArray(),
    ]);
    // The office's budget figures and fiscal rule entries travel whole, tombstones included, so a
    // correction or a deletion made on one desk reaches the others; with the departments they name.
    const [budgets, fiscalRules] = await Promise.all([db.budgets.toArray(), db.fiscalRules.toArray()]);
    const organisations = present(
      await db.organisations.bulkGet(
        nonEmpty([
          ...projects.flatMap((p) => [p.departmentId, p.operatorId]),
          ...contracts.flatMap((c) => c.parties.map((p) => p.orgId)),
          ...obligations.flatMap((o) => [o.payeeId, o.payerDepartmentId]),
          ...budgets.map((b) => b.departmentId),
        ]),
      ),
    );
    const indicatorSystems = present(
      await db.indicatorSystems.bulkGet(nonEmpty([...reviews.map((r) => r.systemId), ...projects.map((p) => p.indicatorSystemId)])),
    );
    const checklistTemplates = present(await db.checklistTemplates.bulkGet(nonEmpty(audits.map((a) => a.templateId))));

    // Files: those owned by an exported record, and those a record names (photos, signature, evidence).
    const owners: [string, string][] = [
      ...audits.map((a) => [AUDIT_FILE_OWNER, a.id] as [string, string]),
      ...reviews.map((r) => ['reviews', r.id] as [string, string]),
      ...findings.map((f) => ['findings', f.id] as [string, string]),
      ...rectifications.map((r) => ['rectifications', r.id] as [string, string]),
    ];
    const owned = owners.length ? await db.files.where('[ownerType+ownerId]').anyOf(owners).toArray() : [];
    const named = present(await db.files.bulkGet(nonEmpty([...audits.flatMap(auditImageIds), ...reviews.flatMap(fileIdsOfReview)])));
    const files = [...new Map([...owned, ...named].map((f) => [f.id, f])).values()];

    return { projects, organisations, phaseTransitions, contracts, amendments, obligations, payments, indicatorSystems, checklistTemplates, reviews, deductions, audits, findings, rectifications, files, budgets, fiscalRules };
  });
}

function fileIdsOfReview(r: PerformanceReview): string[] {
  return r.entries.flatMap((e) => e.attachmentIds);
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

interface BlobSlot {
  sha256: string;
  blob: Blob;
}

export async function exportExchange(db: WorkbenchDb, opts: ExportOptions): Promise<ExportResult> {
  if (opts.projectIds.length === 0) throw new ExchangeExportError('no-projects');
  const now = opts.now ?? new Date();
  opts.progress?.({ done: 0, total: 0, step: 'collect' });
  // The chain's head is signed before its entries leave the machine.
  await sealTrail(db);
  const rows = await collect(db, opts.projectIds);
  checkAbort(opts.signal);

  const entries: ChangeLogEntry[] = [];
  const tables = {} as Record<ExchangeTable, { record: unknown; history: string[] }[]>;
  const histories = {} as Record<ExchangeTable, Map<string, ChangeLogEntry[]>>;
  for (const table of EXCHANGE_TABLES) histories[table] = await loadHistories(db, table, rows[table].map((r) => r.id));
  checkAbort(opts.signal);

  // Blobs go by content: the same photo attached twice travels once. A stored hash is trusted for
  // the layout and checked against the bytes as they are copied; originals have none, so they are
  // hashed first.
  const files = rows.files as StoredFile[];
  const slots = new Map<string, BlobSlot>();
  const refs = new Map<string, { blob: BlobRef; original?: BlobRef }>();
  let hashed = 0;
  for (const f of files) {
    const blob: BlobRef = { sha256: f.sha256, size: f.blob.size, type: f.blob.type };
    if (!slots.has(f.sha256)) slots.set(f.sha256, { sha256: f.sha256, blob: f.blob });
    let original: BlobRef | undefined;
    if (f.original) {
      const sha = await sha256Bytes(new Uint8Array(await f.original.arrayBuffer()));
      original = { sha256: sha, size: f.original.size, type: f.original.type };
      if (!slots.has(sha)) slots.set(sha, { sha256: sha, blob: f.original });
    }
    refs.set(f.id, original ? { blob, original } : { blob });
    if (++hashed % 50 === 0) {
      opts.progress?.({ done: hashed, total: files.length, step: 'hash' });
      checkAbort(opts.signal);
    }
  }

  // A signed audit whose photos do not match its seal would make the whole file refused at the
  // other end: stop here, naming it.
  const photoHashes = new Map(files.map((f) => [f.id, f.sha256]));
  for (const a of rows.audits as AuditRun[]) {
    if (a.status === 'signed' && !(await verifyAuditHash(a, photoHashes))) {
      throw new ExchangeExportError('audit-seal-broken', { site: a.site, date: a.date });
    }
  }

  for (const table of EXCHANGE_TABLES) {
    tables[table] = rows[table].map((record) => {
      const log = histories[table].get(record.id) ?? [];
      entries.push(...log);
      let out: unknown = record;
      if (table === 'files') {
        const { blob: _b, original: _o, ...rest } = record as StoredFile;
        out = { ...rest, ...refs.get(record.id) };
      }
      return { record: out, history: log.map((e) => e.id) };
    });
  }

  const payload = new TextEncoder().encode(JSON.stringify({ tables, changeLog: entries }));
  const blobList = [...slots.values()];
  const manifest: ExchangeManifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    appVersion: opts.appVersion,
    createdAt: now.toISOString(),
    exporter: { name: opts.exporter.name, department: opts.exporter.department },
    projectIds: rows.projects.map((p) => p.id),
    counts: Object.fromEntries(EXCHANGE_TABLES.map((t) => [t, rows[t].length])) as Record<ExchangeTable, number>,
    changeLogEntries: entries.length,
    blobs: blobList.map((b) => ({ sha256: b.sha256, size: b.blob.size })),
    payloadSha256: await sha256Bytes(payload),
  };
  manifest.signature = await signAsDesk(db, manifestSignatureText(manifest));
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
  const { bytes, blobOffsets } = allocateContainer(manifestBytes, payload, blobList.map((b) => b.blob.size));
  // Every blob has its place already, so a few are read at once: reading a Blob back from
  // IndexedDB waits on the browser process, and several reads in flight overlap that wait.
  let next = 0;
  let copied = 0;
  const copyBlobs = async () => {
    while (next < blobList.length) {
      const i = next++;
      const data = new Uint8Array(await blobList[i].blob.arrayBuffer());
      if ((await sha256Bytes(data)) !== blobList[i].sha256) {
        const file = files.find((f) => f.sha256 === blobList[i].sha256);
        throw new ExchangeExportError('file-hash-mismatch', { name: file?.name ?? '' });
      }
      bytes.set(data, blobOffsets[i]);
      if (++copied % 20 === 0) {
        opts.progress?.({ done: copied, total: blobList.length, step: 'write' });
        checkAbort(opts.signal);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BLOB_READS_IN_FLIGHT, blobList.length) }, copyBlobs));

  let out = bytes;
  if (opts.passphrase) {
    opts.progress?.({ done: 0, total: 0, step: 'encrypt' });
    out = await sealContainer(bytes, (body) => encryptBody(body, opts.passphrase!));
  }
  return { bytes: out, manifest, fileName: `exchange-${stamp(now)}.${EXCHANGE_EXTENSION}` };
}
