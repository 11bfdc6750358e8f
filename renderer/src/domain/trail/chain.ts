// The tamper-evident change log: each desk's entries form a hash chain.
//
// A chained entry is an ordinary change-log entry plus
//   desk   the chain it belongs to (a UUID; one per desk database, renewed when the local log was
//          rolled back, e.g. by a restore, so a desk never writes two different entries at one seq)
//   seq    1, 2, 3 … within that desk's chain
//   prev   hash of the desk's entry seq − 1; for seq 1 the chain's genesis hash
//   state  SHA-256 of the record as this write left it (recordState), so an entry can be checked
//          against the record it produced and a record against its newest entry
//   hash   SHA-256 of the canonical JSON of every other field of the entry
// Entries of several desks interleave in one log (and on the office server); each chain is
// verified on its own, in seq order. Entries written before the chain existed ("legacy": no desk
// field) are never rewritten; the chain's genesis records how many there were and a digest of them.
//
// Hashing is synchronous (a pure SHA-256) because the data layer chains an entry inside the same
// IndexedDB transaction that writes the record, and an await on Web Crypto there would let
// IndexedDB commit the transaction early.
import { canonicalJson, canonicalJsonPicked, sha256Hex } from '../core/canonical-json';
import { canonicalHashPicked } from '../core/canonical-hash';
import { sha256HexOfText } from '../core/sha256-text';
import type { ChangeLogEntry, IsoDateTime, Uuid } from '../core/types';

export const ZERO_HASH = '0'.repeat(64);
const HASH_RE = /^[0-9a-f]{64}$/;

export function isHash(v: unknown): v is string {
  return typeof v === 'string' && HASH_RE.test(v);
}

export interface ChainFields {
  desk: Uuid;
  seq: number;
  prev: string;
  state: string;
  hash: string;
}

export type ChainedEntry = ChangeLogEntry & ChainFields;

/** True for entries written with chain fields; legacy entries have none. */
export function isChained(e: ChangeLogEntry): e is ChainedEntry {
  return typeof (e as Partial<ChainFields>).desk === 'string';
}

/** SHA-256 over the canonical JSON of every field but `hash` (fields unknown to this build included). */
export function entryHash(entry: ChangeLogEntry): string {
  return canonicalHashPicked(entry, notHash);
}

/** The same hash as entryHash, by Web Crypto (native, off the page's thread), for checks that can hash ahead. */
export function entryHashAsync(entry: ChangeLogEntry): Promise<string> {
  return sha256Hex(entryJson(entry));
}

const notHash = (key: string, value: unknown): unknown => (key === 'hash' ? undefined : value);

function entryJson(entry: ChangeLogEntry): string {
  return canonicalJsonPicked(entry, notHash);
}

/** Fields left out of a record's state: its id (the entry names it) and derived search text. */
const NOT_STATE = new Set(['id', 'searchText']);

function isBlobLike(v: unknown): v is { size: number } {
  return typeof Blob !== 'undefined' && v instanceof Blob;
}

/**
 * A record as its state hash sees it: every field but id and searchText; a stored Blob and an
 * exchange file's reference to one ({sha256,size,type}) both count as {blob: size}, so a photo
 * record hashes the same on the desk and in a file (its content is named by its sha256 field).
 */
export function recordState(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const state = stateValue(k, v);
    if (state !== undefined) out[k] = state;
  }
  return out;
}

/** What recordState keeps of one field (undefined: left out). */
function stateValue(k: string, v: unknown): unknown {
  if (v === undefined || NOT_STATE.has(k)) return undefined;
  // Most fields are strings and numbers: they skip the Blob checks, a measurable part of hashing.
  if (typeof v !== 'object' || v === null) return v;
  if (isBlobLike(v)) return { blob: v.size };
  if ((k === 'blob' || k === 'original') && isBlobRef(v)) return { blob: v.size };
  return v;
}

/**
 * Whether the state is read from recordState's copy: only for a record with an own "__proto__" key
 * (only a crafted file brings one), which the copy's assignment treats its own way. Every other
 * record's state is written straight from the record, to the same text.
 */
function takesCopy(record: object): boolean {
  return Object.hasOwn(record, '__proto__');
}

function stateJson(record: object): string {
  return takesCopy(record) ? canonicalJson(recordState(record)) : canonicalJsonPicked(record, stateValue);
}

function isBlobRef(v: unknown): v is { sha256: string; size: number } {
  return typeof v === 'object' && v !== null && typeof (v as { sha256?: unknown }).sha256 === 'string' && typeof (v as { size?: unknown }).size === 'number';
}

export function stateHash(record: object): string {
  return takesCopy(record) ? sha256HexOfText(canonicalJson(recordState(record))) : canonicalHashPicked(record, stateValue);
}

/** The same hash as stateHash, by Web Crypto (native, off the page's thread), for checks that can hash ahead. */
export function stateHashAsync(record: object): Promise<string> {
  return sha256Hex(stateJson(record));
}

export interface ChainHead {
  desk: Uuid;
  seq: number;
  hash: string;
}

/** The entry with its chain fields, following `head` (seq 0 = the genesis). */
export function chainEntry(entry: ChangeLogEntry, head: ChainHead, record: object): ChainedEntry {
  const chained = { ...entry, desk: head.desk, seq: head.seq + 1, prev: head.hash, state: stateHash(record) } as ChainedEntry;
  chained.hash = entryHash(chained);
  return chained;
}

// ---------------------------------------------------------------- genesis

/** Legacy entries a chain starts after: how many and their digest (legacyDigest). */
export interface LegacySummary {
  count: number;
  digest: string;
}

export const NO_LEGACY: LegacySummary = { count: 0, digest: ZERO_HASH };

/**
 * A chain's seq 0. `key` is the desk's public key (base64, raw Ed25519); `after` names the last
 * entry of the chain this one replaces on the same desk (after a restore rolled the log back).
 */
export interface Genesis {
  desk: Uuid;
  key: string;
  at: IsoDateTime;
  legacy: LegacySummary;
  after: ChainHead | null;
}

export function genesisHash(g: Genesis): string {
  return sha256HexOfText(canonicalJson({ format: 'smart-city-workbench/trail-genesis', desk: g.desk, key: g.key, at: g.at, legacy: g.legacy, after: g.after }));
}

const MOD = 1n << 256n;

/**
 * Order-independent digest of a set of legacy entries: the sum of their entry hashes mod 2^256, so
 * entries arriving later (from another desk's file) are added without re-reading the others.
 */
export function addToDigest(digest: string, hash: string): string {
  const sum = (BigInt(`0x${digest}`) + BigInt(`0x${hash}`)) % MOD;
  return sum.toString(16).padStart(64, '0');
}

export function legacySummary(entries: Iterable<ChangeLogEntry>): LegacySummary {
  let s = NO_LEGACY;
  for (const e of entries) if (!isChained(e)) s = { count: s.count + 1, digest: addToDigest(s.digest, entryHash(e)) };
  return s;
}

// ---------------------------------------------------------------- checkpoints

/**
 * A signed statement by a desk: "my chain `desk` reached `seq` with `hash`, and this log held
 * `legacy`". seq 0 is the genesis (hash = genesisHash). The signature is Ed25519 over
 * checkpointMessage by `key`.
 */
export interface Checkpoint {
  desk: Uuid;
  seq: number;
  hash: string;
  at: IsoDateTime;
  key: string;
  legacy: LegacySummary;
  /** Only on seq 0: the genesis the hash is computed from. */
  genesis?: Genesis;
  sig: string;
}

export function checkpointId(desk: string, seq: number): string {
  return `${desk}:${String(seq).padStart(12, '0')}`;
}

export function checkpointMessage(cp: Omit<Checkpoint, 'sig'>): string {
  return canonicalJson({
    format: 'smart-city-workbench/trail-checkpoint',
    desk: cp.desk,
    seq: cp.seq,
    hash: cp.hash,
    at: cp.at,
    key: cp.key,
    legacy: cp.legacy,
  });
}

/**
 * The audit trail's own rows: the signed checkpoints of every desk's chain (seq 0 is the chain's
 * genesis), and LEGACY_ROW_ID, the running count and digest of the entries written before the
 * chain existed (data/trail/legacy.ts): what the workbench database's `trail` table keeps.
 */
export type TrailRow = ({ kind: 'genesis' | 'checkpoint' } & Checkpoint & { id: string }) | { id: string; kind: 'legacy'; legacy: LegacySummary; since: string };
