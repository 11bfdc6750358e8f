// The trail's checks of an exchange file against this database, run inside the import's transaction
// before anything is written: every record's entries must reproduce it and fit its history and its
// desk's chain, the file's signer and every signed audit's signer must be trusted, and a signed audit
// that carries no desk signature (sealed before desks had keys) is accepted only when this database
// already holds it sealed the same. Any problem refuses the whole file.
import type { AuditRun } from '../../../domain/audits/audit-types';
import type { ChangeLogEntry, RecordMeta } from '../../../domain/core/types';
import type { Versioned } from '../../../domain/interchange/merge';
import { isChained, type ChainedEntry } from '../../../domain/trail/chain';
import { fingerprint } from '../../../domain/trail/fingerprint';
import { chainKey, checkIncomingChains, checkIncomingRecord, type KnownHashes } from '../../../domain/trail/incoming';
import type { WorkbenchDb } from '../../db';
import { trustedKeys } from '../../trail/trust';
import { loadHistories } from './history';
import type { ExchangeProblem } from './problems';
import type { ValidatedExchange } from './read';
import { EXCHANGE_TABLES } from './schema';

/** A signer this office does not trust yet: shown with its fingerprint for a person to compare. */
export interface UntrustedSigner {
  key: string;
  fingerprint: string;
  /** 'file' (the exchange file's signer) or the id of a signed audit. */
  what: 'file' | 'audit';
}

export class ExchangeRefusedError extends Error {
  constructor(
    readonly problems: ExchangeProblem[],
    readonly untrusted: UntrustedSigner[],
  ) {
    super(`exchange refused: ${problems.map((p) => p.code).slice(0, 5).join(', ')}`);
    this.name = 'ExchangeRefusedError';
  }
}

const MAX_PROBLEMS = 2000;

/** Throws ExchangeRefusedError listing every problem; returns when the file may be merged. */
export async function verifyAgainstDb(db: WorkbenchDb, file: ValidatedExchange): Promise<void> {
  const trusted = await trustedKeys(db);
  const signer = file.manifest.signature?.key ?? '';
  const untrusted: UntrustedSigner[] = [];
  if (!trusted(signer)) untrusted.push({ key: signer, fingerprint: fingerprint(signer), what: 'file' });
  const found = await checkRecordsAgainstDb(db, {
    tables: new Map(EXCHANGE_TABLES.map((t) => [t, file.tables[t]])),
    entries: file.entries,
    historyOf: (_table, v) => v.history.map((id) => file.entries.get(id)!),
    trusted,
  });
  refuseIfAny(found.problems, [...untrusted, ...found.untrusted]);
}

export interface IncomingCheck {
  tables: ReadonlyMap<string, readonly Versioned<RecordMeta>[]>;
  /** Every entry the batch carries. */
  entries: ReadonlyMap<string, ChangeLogEntry>;
  /** The entries the batch names for one record. */
  historyOf: (table: string, v: Versioned<RecordMeta>) => ChangeLogEntry[];
  trusted: (key: string) => boolean;
  /** This database's entries of the batch's records, when the caller has read them (table → id → entries). */
  localHistories?: ReadonlyMap<string, ReadonlyMap<string, ChangeLogEntry[]>>;
  /** Hashes of the batch's entries and records computed ahead (checkIncomingRecord). */
  hashed?: KnownHashes;
}

/**
 * The trail's incoming rules (domain/trail/incoming.ts) over a batch against this database: every
 * record's entries must reproduce it and fit its history, the chained entries must fit their desks'
 * chains, and every signed audit must be signed by a trusted desk (or already held sealed the same).
 * Shared by exchange files and the office sync; run inside the transaction that will merge.
 */
export async function checkRecordsAgainstDb(db: WorkbenchDb, batch: IncomingCheck): Promise<{ problems: ExchangeProblem[]; untrusted: UntrustedSigner[] }> {
  const problems: ExchangeProblem[] = [];
  const add = (p: ExchangeProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const untrusted: UntrustedSigner[] = [];
  for (const [table, rows] of batch.tables) {
    if (rows.length === 0) continue;
    const local = batch.localHistories?.get(table) ?? (await loadHistories(db, table, rows.map((v) => v.record.id)));
    const localAudits = table === 'audits' ? new Map((await db.audits.bulkGet(rows.map((v) => v.record.id))).filter((a): a is AuditRun => !!a).map((a) => [a.id, a])) : null;
    for (const v of rows) {
      for (const p of checkIncomingRecord(v.record, batch.historyOf(table, v), local.get(v.record.id) ?? [], batch.hashed)) {
        add({ entity: 'changeLog', id: p.entryId, path: '', code: p.code, ...(p.params ? { params: p.params } : {}) });
      }
      if (localAudits) auditTrust(v.record as AuditRun, localAudits.get(v.record.id), batch.trusted, add, untrusted);
    }
  }

  const chained = [...batch.entries.values()].filter(isChained);
  const found = await entriesAtPositions(db, chained);
  const localAt = new Map(found.map((e) => [chainKey(e.desk, e.seq), e]));
  for (const p of checkIncomingChains(chained, (desk, seq) => localAt.get(chainKey(desk, seq)))) {
    add({ entity: 'changeLog', id: p.entryId, path: '', code: p.code, ...(p.params ? { params: p.params } : {}) });
  }
  return { problems, untrusted };
}

/**
 * This database's entries at the chain positions of `chained` and their neighbours (seq ± 1). A
 * batch's entries of one desk mostly follow each other, so the positions are read as runs of
 * consecutive seqs, one range per run, all issued at once: every position in a run is wanted, and
 * a page of a thousand entries costs a few requests instead of a cursor step per position.
 */
async function entriesAtPositions(db: WorkbenchDb, chained: readonly ChainedEntry[]): Promise<ChainedEntry[]> {
  const seqsByDesk = new Map<string, Set<number>>();
  for (const e of chained) {
    let seqs = seqsByDesk.get(e.desk);
    if (!seqs) seqsByDesk.set(e.desk, (seqs = new Set()));
    for (const s of [e.seq - 1, e.seq, e.seq + 1]) if (s >= 1) seqs.add(s);
  }
  const runs: [desk: string, from: number, to: number][] = [];
  for (const [desk, set] of seqsByDesk) {
    const seqs = [...set].sort((a, b) => a - b);
    let from = seqs[0];
    for (let i = 1; i <= seqs.length; i++) {
      if (i < seqs.length && seqs[i] === seqs[i - 1] + 1) continue;
      runs.push([desk, from, seqs[i - 1]]);
      from = seqs[i];
    }
  }
  if (runs.length === 0) return [];
  const index = db.changeLog.where('[desk+seq]');
  const lists = await Promise.all(runs.map(([desk, from, to]) => index.between([desk, from], [desk, to], true, true).toArray()));
  return lists.flat() as ChainedEntry[];
}

/** Throws ExchangeRefusedError when anything was found; names each untrusted signer once. */
export function refuseIfAny(problems: ExchangeProblem[], untrusted: UntrustedSigner[]): void {
  if (problems.length === 0 && untrusted.length === 0) return;
  const signers = dedupe(untrusted);
  for (const u of signers) {
    if (problems.length < MAX_PROBLEMS) problems.push({ entity: u.what === 'file' ? 'file' : 'audits', id: '', path: 'signature', code: 'signer-untrusted', params: { fingerprint: u.fingerprint } });
  }
  throw new ExchangeRefusedError(problems, signers);
}

/** One per key; a key that signed the file is named as the file's signer. */
function dedupe(list: UntrustedSigner[]): UntrustedSigner[] {
  const out = new Map<string, UntrustedSigner>();
  for (const u of list) if (!out.has(u.key) || u.what === 'file') out.set(u.key, u);
  return [...out.values()];
}

function auditTrust(
  audit: AuditRun,
  local: AuditRun | undefined,
  trusted: (key: string) => boolean,
  add: (p: ExchangeProblem) => void,
  untrusted: UntrustedSigner[],
): void {
  if (audit.status !== 'signed') return;
  const sig = audit.deskSignature;
  if (!sig) {
    const heldTheSame = local?.status === 'signed' && local.contentHash === audit.contentHash;
    if (!heldTheSame) add({ entity: 'audits', id: audit.id, path: 'deskSignature', code: 'audit-signature-missing' });
    return;
  }
  if (!trusted(sig.key)) untrusted.push({ key: sig.key, fingerprint: fingerprint(sig.key), what: 'audit' });
}
