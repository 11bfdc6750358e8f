// Restores a backup (.scwb; layout in domain/interchange/backup-format.ts) without ever leaving the live
// database half-replaced.
//
//  1. inspectBackup: structure and an intact header (fast; for the summary and the passphrase prompt).
//  2. verifyBackup: the header against the body digest, the schema version (newer ones refused),
//     the table names, every frame's SHA-256 over the bytes as stored, the passphrase against the
//     header's key check, then every row decoded and checked against the record schemas (Blob
//     frames are not opened). Nothing is written yet.
//  3. restoreBackup:
//     a. STAGE into a fresh database `<live name>-restore-<uuid>` created at the backup's schema
//        version: each ROWS frame is decrypted, inflated, decoded, its
//        Blobs rebuilt from the BLOB frames that follow, and the page added. The trailer's row counts
//        and content digests must match what was staged. A backup from an older version is then
//        reopened with openDb, so Dexie runs the same upgrades a live database would.
//     b. CHECK by reading the staged database back: row counts per table, and for a same-version
//        backup the digest of every table re-encoded page by page must equal the trailer's.
//     c. SWAP: IndexedDB cannot rename a database, so one read-write transaction over every live
//        table clears it and adds the staged rows page by page (reading the staging database through
//        Dexie.waitFor keeps the transaction alive between pages). Any failure or a cancel aborts
//        the transaction and IndexedDB rolls everything back. One transaction holds the whole
//        database; Chromium spills a large transaction to disk rather than memory, and the office
//        databases this app keeps (hundreds of MB at most) fit comfortably.
//     Before the swap the live database is kept as a safety copy (safety.ts) when asked, and the swap
//     appends a change-log entry for the restore itself.
//     d. The staging database is deleted whatever happened.
//  stageBackup runs a and b and every staged check (rows, seals, signatures, the audit trail) and
//  holds the staging database for a person to confirm; only then does apply() run c. So a backup that
//  does not verify is refused before anyone is asked, and never reported as verified.
import Dexie, { type IndexableType, type Table } from 'dexie';
import {
  BackupError,
  bodyDigest,
  digestOfDigests,
  FRAME,
  frameAad,
  readContainer,
  type BackupContainer,
  type BackupHeader,
  type BackupTrailer,
  type FrameRef,
} from '../../../domain/interchange/backup-format';
import { decryptBytes, openKey, sameBytes, sha256, WrongPassphraseError } from '../../../domain/core/crypto';
import { openDb, SCHEMA_HISTORY, type WorkbenchDb } from '../../db';
import { DEFAULT_PAGE_SIZE, type BackupProgress } from './create';
import { gunzip } from './gzip';
import { decodePage, encodePage, pageTable } from './row-codec';
import { addPage, primaryKeyOf, readPage } from './tables';
import { outboxManaged } from '../../office-sync/outbox';
import { checkBackupRow, checkStagedDatabase } from './validate';
import { keepSafetyCopy, type SafetyCopyInfo } from './safety';
import { deskOf } from '../../trail/desk';
import { readLegacy, withLegacy, writeLegacy } from '../../trail/legacy';
import type { ChangeLogEntry } from '../../../domain/core/types';

/** A page inflates to at most this; the writer's pages are far smaller. */
const MAX_PAGE_BYTES = 512 * 1024 * 1024;

export interface BackupSummary {
  header: BackupHeader;
  fileBytes: number;
  encrypted: boolean;
}

export interface VerifiedBackup extends BackupSummary {
  container: BackupContainer;
  headerDigest: Uint8Array;
  key: CryptoKey | null;
  /** Every row was checked against its schema by verifyBackup (not for an own safety copy). */
  rowsChecked: boolean;
}

export interface RestoreOptions {
  signal?: AbortSignal;
  onProgress?: (p: BackupProgress) => void;
  /** Settings keys kept from the live database (this machine's backup schedule, for one). */
  keepSettings?: readonly string[];
  /** Keeps the live database as a safety copy (safety.ts) once the backup has checked out, just before the swap. */
  safetyCopy?: { appVersion: string };
  /**
   * Who restores and from what: the swap then appends a change-log entry for the restore itself
   * (entity RESTORE_LOG_ENTITY) in the same transaction, so the history shows when the data was
   * replaced, by whom, with which backup, and which safety copy holds what was there before.
   */
  log?: { by: string; source: 'file' | 'safety-copy'; now?: () => Date };
  /**
   * The file is one of this installation's own safety copies (safety.ts): the live database as it
   * was, written by the app into its own storage, as trusted as the live database itself. Its rows
   * are not held to the import schemas, so a copy of data with a row they refuse still comes back
   * exactly; the checksums are checked all the same.
   */
  ownSafetyCopy?: boolean;
}

export interface RestoreResult {
  tables: { name: string; rows: number }[];
  /** True when the backup came from an older schema version and was upgraded on the way in. */
  upgraded: boolean;
  safetyCopy: SafetyCopyInfo | null;
}

/** The change log's entity for restores; each restore is one 'create' entry with its own id. */
export const RESTORE_LOG_ENTITY = 'database';

const damaged = (where: string) => new BackupError('damaged', { where });

function checkCompatible(header: BackupHeader, currentSchemaVersion: number): void {
  if (header.schemaVersion > currentSchemaVersion) {
    throw new BackupError('newer-schema', { version: header.schemaVersion, current: currentSchemaVersion });
  }
  const schema = SCHEMA_HISTORY[header.schemaVersion];
  if (!schema) throw new BackupError('unknown-schema', { version: header.schemaVersion });
  for (const t of header.tables) if (!Object.hasOwn(schema, t.name)) throw new BackupError('unknown-table', { table: t.name });
}

/**
 * The body digest chains the header's digest with the frame digests as stored, so checking it
 * against the stored digests (without hashing any frame) proves the header intact: a changed byte
 * there reads as damage, never as, say, a newer schema version or an unknown table.
 */
async function checkHeaderIntact(container: BackupContainer): Promise<Uint8Array> {
  const headerDigest = await sha256(container.headerBytes);
  const chained = await bodyDigest(headerDigest, container.frames.map((f) => f.digest));
  if (!sameBytes(chained, container.bodyDigest)) throw damaged('header');
  return headerDigest;
}

/** Structure and header only: what the file claims to hold, before the slower verification. */
export async function inspectBackup(bytes: Uint8Array, currentSchemaVersion: number): Promise<BackupSummary> {
  const container = readContainer(bytes);
  await checkHeaderIntact(container);
  checkCompatible(container.header, currentSchemaVersion);
  return { header: container.header, fileBytes: bytes.byteLength, encrypted: container.header.encryption !== null };
}

export interface VerifyOptions {
  currentSchemaVersion: number;
  passphrase?: string;
  signal?: AbortSignal;
  onProgress?: (p: BackupProgress) => void;
  /** One of this installation's own safety copies: its rows are not held to the import schemas (RestoreOptions.ownSafetyCopy). */
  ownSafetyCopy?: boolean;
}

/**
 * Checks every checksum, then the passphrase, then every row against the record schemas the
 * exchange files use (validate.ts), all before anything is staged. Throws BackupError; reads
 * nothing into a database.
 */
export async function verifyBackup(bytes: Uint8Array, opts: VerifyOptions): Promise<VerifiedBackup> {
  const container = readContainer(bytes);
  const { header, frames } = container;
  const headerDigest = await checkHeaderIntact(container);
  checkCompatible(header, opts.currentSchemaVersion);
  for (const f of frames) {
    opts.signal?.throwIfAborted();
    if (!sameBytes(await sha256(f.payload), f.digest)) throw damaged(`frame ${f.index + 1}`);
    opts.onProgress?.({ stage: 'verify', done: f.index + 1, total: frames.length });
  }
  let key: CryptoKey | null = null;
  if (header.encryption) {
    if (!opts.passphrase) throw new BackupError('passphrase-required');
    try {
      key = await openKey(opts.passphrase, header.encryption.key, header.encryption.check);
    } catch (e) {
      if (e instanceof WrongPassphraseError) throw new BackupError('wrong-passphrase');
      throw e;
    }
  }
  const verified: VerifiedBackup = { header, fileBytes: bytes.byteLength, encrypted: key !== null, container, headerDigest, key, rowsChecked: false };
  if (!opts.ownSafetyCopy) {
    await checkRows(verified, opts);
    verified.rowsChecked = true;
  }
  return verified;
}

/**
 * Every row of every ROWS frame decoded and checked like an imported record (checkBackupRow),
 * without a database. Blob frames are skipped: a row's Blob is only checked to be one, so its slot
 * gets an empty stand-in of the right type; the bytes themselves are checked when staged.
 */
async function checkRows(v: VerifiedBackup, opts: VerifyOptions): Promise<void> {
  const { header, frames } = v.container;
  const keys = new Map(header.tables.map((t) => [t.name, t.primaryKey]));
  const counts = new Map<string, number>();
  const total = header.tables.reduce((s, t) => s + t.rows, 0);
  let done = 0;
  for (const f of frames) {
    if (f.kind !== FRAME.rows) continue;
    opts.signal?.throwIfAborted();
    let plain = await plainOf(v, f);
    if (header.compression === 'gzip') plain = await gunzip(plain, MAX_PAGE_BYTES);
    const name = pageTable(plain);
    const pk = keys.get(name);
    if (pk === undefined) throw damaged(`frame ${f.index + 1}`);
    const page = decodePage(plain, pk === null);
    for (const slot of page.slots) slot.fill(new Blob([], { type: slot.ref.type }));
    const before = counts.get(name) ?? 0;
    page.rows.forEach((row, n) => checkBackupRow(name, row, before + n + 1));
    counts.set(name, before + page.rows.length);
    done += page.rows.length;
    opts.onProgress?.({ stage: 'rows', table: name, done, total });
  }
}

/** A database at exactly `version`, so a later openDb runs the upgrades from there. */
function openAtVersion(name: string, version: number): Dexie {
  const db = new Dexie(name);
  db.version(version).stores(SCHEMA_HISTORY[version]);
  return db;
}

function plainOf(v: VerifiedBackup, f: FrameRef): Promise<Uint8Array> {
  if (!v.key) return Promise.resolve(f.payload);
  // The key was proven by the key check, so a frame that will not open was changed.
  return decryptBytes(v.key, f.payload, frameAad(v.headerDigest, f.index, f.kind)).catch(() => {
    throw damaged(`frame ${f.index + 1}`);
  });
}

function parseTrailer(bytes: Uint8Array): BackupTrailer {
  try {
    const t = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as BackupTrailer;
    if (t && typeof t.tables === 'object' && t.tables !== null && typeof t.blobs === 'object') return t;
  } catch {
    // reported below
  }
  throw damaged('trailer');
}

async function stage(temp: Dexie, v: VerifiedBackup, opts: RestoreOptions): Promise<BackupTrailer> {
  const { header, frames } = v.container;
  const order = new Map(header.tables.map((t, i) => [t.name, i]));
  const total = header.tables.reduce((s, t) => s + t.rows, 0);
  const counts = new Map<string, number>(header.tables.map((t) => [t.name, 0]));
  const pageDigests = new Map<string, Uint8Array[]>(header.tables.map((t) => [t.name, []]));
  let done = 0;
  let i = 0;
  let nextBlob = 0;
  let lastTable = -1;
  while (i < frames.length && frames[i].kind !== FRAME.trailer) {
    opts.signal?.throwIfAborted();
    const f = frames[i++];
    if (f.kind !== FRAME.rows) throw damaged(`frame ${f.index + 1}`);
    let plain = await plainOf(v, f);
    if (header.compression === 'gzip') plain = await gunzip(plain, MAX_PAGE_BYTES);
    const name = pageTable(plain);
    const at = order.get(name);
    // Pages come table by table in header order; anything else means the file was tampered with.
    if (at === undefined || at < lastTable) throw damaged(`frame ${f.index + 1}`);
    lastTable = at;
    const table: Table = temp.table(name);
    const pk = primaryKeyOf(table);
    if (JSON.stringify(pk) !== JSON.stringify(header.tables[at].primaryKey)) throw new BackupError('unknown-table', { table: name });
    const page = decodePage(plain, pk === null);
    pageDigests.get(name)!.push(await sha256(plain));
    const before = counts.get(name)!;
    for (const slot of page.slots) {
      if (slot.ref.i !== nextBlob++) throw damaged(`frame ${f.index + 1}`);
      const pieces: Uint8Array<ArrayBuffer>[] = [];
      let got = 0;
      do {
        const b = frames[i];
        if (!b || b.kind !== FRAME.blob) throw damaged(`frame ${f.index + 1}`);
        i++;
        const bytes = (await plainOf(v, b)) as Uint8Array<ArrayBuffer>;
        pieces.push(bytes);
        got += bytes.byteLength;
      } while (got < slot.ref.size);
      if (got !== slot.ref.size) throw damaged(`frame ${i}`);
      slot.fill(new Blob(pieces, { type: slot.ref.type }));
    }
    // verifyBackup has checked every row already; a backup verified without that (an own safety
    // copy) is checked here unless it is restored as one.
    if (!opts.ownSafetyCopy && !v.rowsChecked) page.rows.forEach((row, n) => checkBackupRow(name, row, before + n + 1));
    try {
      await addPage(table, { rows: page.rows, keys: page.keys as IndexableType[] | null });
    } catch {
      throw new BackupError('invalid-row', { table: name, row: before + 1, field: pk === null ? 'key' : String(pk) });
    }
    counts.set(name, before + page.rows.length);
    done += page.rows.length;
    opts.onProgress?.({ stage: 'stage', table: name, done, total });
  }
  if (i !== frames.length - 1) throw damaged('trailer');
  const trailer = parseTrailer(await plainOf(v, frames[i]));
  if (nextBlob !== header.blobs.count || trailer.blobs?.count !== header.blobs.count) throw damaged('trailer');
  for (const t of header.tables) {
    const got = counts.get(t.name)!;
    const listed = trailer.tables[t.name];
    if (!listed || listed.rows !== t.rows || got !== t.rows) throw new BackupError('count-mismatch', { table: t.name, expected: t.rows, got });
    if (listed.sha256 !== (await digestOfDigests(pageDigests.get(t.name)!))) throw damaged(t.name);
  }
  return trailer;
}

async function checkReadBack(temp: Dexie, header: BackupHeader, trailer: BackupTrailer, sameVersion: boolean, opts: RestoreOptions): Promise<void> {
  const total = header.tables.reduce((s, t) => s + t.rows, 0);
  let done = 0;
  let blobBase = 0;
  for (const info of header.tables) {
    opts.signal?.throwIfAborted();
    const table = temp.table(info.name);
    if (!sameVersion) {
      // Upgrades may reshape rows, so only the counts can be compared with the file.
      const got = await table.count();
      if (got !== info.rows) throw new BackupError('count-mismatch', { table: info.name, expected: info.rows, got });
      done += got;
      opts.onProgress?.({ stage: 'check', table: info.name, done, total });
      continue;
    }
    const digests: Uint8Array[] = [];
    let rows = 0;
    let after: IndexableType | undefined;
    do {
      opts.signal?.throwIfAborted();
      const page = await readPage(table, after, header.pageSize);
      if (page.rows.length === 0) break;
      const encoded = encodePage(info.name, page.rows, page.keys, blobBase);
      blobBase += encoded.blobs.length;
      digests.push(await sha256(encoded.bytes));
      rows += page.rows.length;
      done += page.rows.length;
      opts.onProgress?.({ stage: 'check', table: info.name, done, total });
      after = page.next;
    } while (after !== undefined);
    if (rows !== info.rows) throw new BackupError('count-mismatch', { table: info.name, expected: info.rows, got: rows });
    if ((await digestOfDigests(digests)) !== trailer.tables[info.name].sha256) throw damaged(info.name);
  }
}

function restoreLogEntry(header: BackupHeader, log: NonNullable<RestoreOptions['log']>, safetyCopy: SafetyCopyInfo | null, rows: number): ChangeLogEntry {
  const at = (log.now ? log.now() : new Date()).toISOString();
  const change = (field: string, after: unknown) => ({ field, before: null, after });
  return {
    id: crypto.randomUUID(),
    at,
    by: log.by,
    entity: RESTORE_LOG_ENTITY,
    entityId: crypto.randomUUID(),
    op: 'create',
    rev: 1,
    changes: [
      change('source', log.source),
      change('backupId', header.backupId),
      change('backupCreatedAt', header.createdAt),
      change('backupCreatedBy', header.createdBy),
      change('schemaVersion', header.schemaVersion),
      change('rows', rows),
      change('safetyCopyId', safetyCopy?.id ?? null),
    ],
  };
}

async function swap(live: WorkbenchDb, temp: Dexie, opts: RestoreOptions, logEntry: (rows: number) => ChangeLogEntry | null): Promise<RestoreResult['tables']> {
  const sources = new Map(temp.tables.map((t) => [t.name, t]));
  let total = 0;
  for (const t of temp.tables) total += await t.count();
  const restored: RestoreResult['tables'] = [];
  // The backup's outbox comes with its log: the restore writes it, the log copy adds none.
  await outboxManaged(live, live.tables.map((t) => t.name), async () => {
    const keep = opts.keepSettings?.length ? (await live.settings.bulkGet([...opts.keepSettings])).filter((r) => r !== undefined) : [];
    for (const t of live.tables) await t.clear();
    let done = 0;
    for (const target of live.tables) {
      const source = sources.get(target.name);
      let rows = 0;
      let after: IndexableType | undefined;
      while (source) {
        opts.signal?.throwIfAborted();
        const from = after;
        const page = await Dexie.waitFor(Dexie.ignoreTransaction(() => readPage(source, from, DEFAULT_PAGE_SIZE)));
        if (page.rows.length === 0) break;
        await addPage(target, page);
        rows += page.rows.length;
        done += page.rows.length;
        opts.onProgress?.({ stage: 'swap', table: target.name, done, total });
        after = page.next;
        if (after === undefined) break;
      }
      restored.push({ name: target.name, rows });
    }
    if (keep.length) await live.settings.bulkPut(keep);
    const entry = logEntry(done);
    if (entry) {
      // The desk's chain in the restored log is settled at the next start (data/trail/desk.ts), so
      // the restore's own entry is written unchained and counted in the legacy summary the trail
      // check recomputes, like a legacy entry an import brings.
      await live.changeLog.add(entry);
      await writeLegacy(live, withLegacy(await readLegacy(live), [entry]));
    }
  });
  return restored;
}

export interface StageOptions {
  signal?: AbortSignal;
  onProgress?: (p: BackupProgress) => void;
  /**
   * The file is one of this installation's own safety copies (safety.ts): the live database as it
   * was, written by the app into its own storage, as trusted as the live database itself. Its rows
   * are not held to the import schemas, so a copy of data with a row they refuse still comes back
   * exactly; the checksums are checked all the same.
   */
  ownSafetyCopy?: boolean;
}

export type ApplyOptions = Omit<RestoreOptions, 'ownSafetyCopy'>;

/**
 * A backup staged and checked in full (every row, the staged checks, the audit trail), waiting for
 * the person to confirm. Nothing of the live database has changed yet. `apply` keeps the safety copy
 * and swaps; `discard` drops the staging database. Exactly one of them should follow; both are safe
 * to call again.
 */
export interface StagedRestore {
  readonly header: BackupHeader;
  readonly fileBytes: number;
  readonly encrypted: boolean;
  /** Rows per table as staged (after any upgrade). */
  readonly tables: { name: string; rows: number }[];
  readonly upgraded: boolean;
  apply(live: WorkbenchDb, opts?: ApplyOptions): Promise<RestoreResult>;
  discard(): Promise<void>;
}

/**
 * Steps 3a and 3b and the staged checks: everything that can refuse a backup runs here, before a
 * person is asked to confirm. Throws BackupError (the staging database deleted) when anything does
 * not verify.
 */
export async function stageBackup(live: WorkbenchDb, verified: VerifiedBackup, opts: StageOptions = {}): Promise<StagedRestore> {
  const { header } = verified;
  checkCompatible(header, live.verno);
  const tempName = `${live.name}-restore-${crypto.randomUUID()}`;
  let temp: Dexie = openAtVersion(tempName, header.schemaVersion);
  let gone = false;
  const discard = async () => {
    if (gone) return;
    gone = true;
    temp.close();
    await Dexie.delete(tempName).catch(() => undefined);
  };
  try {
    await temp.open();
    const trailer = await stage(temp, verified, opts);
    const upgraded = header.schemaVersion < live.verno;
    if (upgraded) {
      temp.close();
      temp = openDb(tempName);
      await temp.open();
    }
    await checkReadBack(temp, header, trailer, !upgraded, opts);
    if (!opts.ownSafetyCopy) await checkStagedDatabase(temp, { header, ownKey: ownKeyOf(live), signal: opts.signal, onProgress: opts.onProgress });
    opts.signal?.throwIfAborted();
    const tables: StagedRestore['tables'] = [];
    for (const t of temp.tables) tables.push({ name: t.name, rows: await t.count() });
    return {
      header,
      fileBytes: verified.fileBytes,
      encrypted: verified.encrypted,
      tables,
      upgraded,
      discard,
      async apply(target, applyOpts = {}) {
        if (gone) throw new BackupError('damaged', { where: 'rows' });
        try {
          applyOpts.signal?.throwIfAborted();
          const safetyCopy = applyOpts.safetyCopy
            ? await keepSafetyCopy(target, { appVersion: applyOpts.safetyCopy.appVersion, by: applyOpts.log?.by ?? '', replacedBy: header.createdAt, signal: applyOpts.signal, onProgress: applyOpts.onProgress && ((p) => applyOpts.onProgress!({ ...p, stage: 'safety' })) })
            : null;
          applyOpts.signal?.throwIfAborted();
          const log = applyOpts.log;
          const restored = await swap(target, temp, applyOpts, (rows) => (log ? restoreLogEntry(header, log, safetyCopy, rows) : null));
          return { tables: restored, upgraded, safetyCopy };
        } finally {
          await discard();
        }
      },
    };
  } catch (e) {
    await discard();
    throw e;
  }
}

/** This desk's public key, when the live database has its desk attached (openDb); '' otherwise. */
function ownKeyOf(live: WorkbenchDb): string {
  try {
    return deskOf(live).publicKey;
  } catch {
    return '';
  }
}

/** Stages, checks and swaps in a verified backup; the live database is unchanged unless it all succeeds. */
export async function restoreBackup(live: WorkbenchDb, verified: VerifiedBackup, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const { ownSafetyCopy, ...applyOpts } = opts;
  const staged = await stageBackup(live, verified, { signal: opts.signal, onProgress: opts.onProgress, ownSafetyCopy });
  return staged.apply(live, applyOpts);
}

/** Staging databases left behind by a restore the app was closed during; removed at start-up. */
export async function deleteLeftoverStaging(liveName: string): Promise<number> {
  const names = await Dexie.getDatabaseNames().catch(() => [] as string[]);
  const leftovers = names.filter((n) => n.startsWith(`${liveName}-restore-`));
  for (const n of leftovers) await Dexie.delete(n).catch(() => undefined);
  return leftovers.length;
}

export interface RestoreRecord {
  at: string;
  by: string;
  source: 'file' | 'safety-copy';
  backupCreatedAt: string;
  rows: number;
}

/** The restores the change log records, newest first. */
export async function listRestores(db: WorkbenchDb): Promise<RestoreRecord[]> {
  const entries = await db.changeLog.where('[entity+entityId]').between([RESTORE_LOG_ENTITY, ''], [RESTORE_LOG_ENTITY, '\uffff']).toArray();
  return entries
    .map((e) => {
      const after = (field: string) => e.changes.find((c) => c.field === field)?.after;
      return { at: e.at, by: e.by, source: after('source') === 'safety-copy' ? 'safety-copy' : 'file', backupCreatedAt: String(after('backupCreatedAt') ?? ''), rows: Number(after('rows') ?? 0) } as RestoreRecord;
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
