// This desk's identity: an Ed25519 key pair made with Web Crypto, the private key non-extractable
// and kept only in IndexedDB, in a database of its own (DESK_DB_NAME) so that backups never carry it
// and a restore never replaces it. The chain this desk writes to in a given workbench database is
// recorded there too; when that database was rolled back (a restore of an older backup) past what
// the desk had sealed, the desk starts a new chain whose genesis names the old head, so it never
// writes two different entries at one position of a chain others may already hold.
import Dexie, { type EntityTable, type Table } from 'dexie';
import { checkpointId, checkpointMessage, genesisHash, type ChainHead, type Checkpoint, type Genesis, type TrailRow } from '../../domain/trail/chain';
import { fingerprint, fromBase64, toBase64 } from '../../domain/trail/fingerprint';
import type { ChangeLogEntry } from '../../domain/core/types';
import { readLegacy } from './legacy';
import { timelineMark } from '../timeline';

/**
 * This desk's key and the chain it writes to in each workbench database: a
 * database of its own, never backed up, exported or restored, so the private key stays on this
 * machine and a restore cannot replace the desk's identity.
 */
export const DESK_DB_NAME = 'smart-city-workbench-desk';
// Declared here, where it is opened: the workbench database's schema is data/db.ts; this one never
// changes with it and is never backed up.
export const DESK_SCHEMA: Record<string, string> = { keys: 'id', chains: 'desk, db' };

interface KeyRow {
  id: 'desk';
  privateKey: CryptoKey;
  publicKey: string;
  createdAt: string;
}

/** What this desk last signed of one of its chains: it never writes to that chain below this again. */
interface ChainRow {
  desk: string;
  /** The workbench database's name. */
  db: string;
  sealedSeq: number;
  sealedHash: string;
}

export interface DeskState {
  /** The desk-key database this identity lives in. */
  deskDb: string;
  /** The chain id this desk writes to in this database. */
  desk: string;
  publicKey: string;
  fingerprint: string;
  privateKey: CryptoKey;
  genesisHash: string;
}

const states = new WeakMap<Dexie, DeskState>();

function openDeskDb(name: string = DESK_DB_NAME): Dexie & { keys: Table<KeyRow, string>; chains: Table<ChainRow, string> } {
  const d = new Dexie(name) as Dexie & { keys: Table<KeyRow, string>; chains: Table<ChainRow, string> };
  d.version(1).stores(DESK_SCHEMA);
  return d;
}

type DeskDb = ReturnType<typeof openDeskDb>;

const ED25519 = { name: 'Ed25519' } as const;

async function loadKey(deskDb: DeskDb): Promise<KeyRow> {
  const have = await deskDb.keys.get('desk');
  if (have) return have;
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const row: KeyRow = { id: 'desk', privateKey: pair.privateKey, publicKey, createdAt: new Date().toISOString() };
  // Two windows starting at once: the first key stored wins and both use it.
  await deskDb.transaction('rw', deskDb.keys, async () => {
    if (!(await deskDb.keys.get('desk'))) await deskDb.keys.add(row);
  });
  return (await deskDb.keys.get('desk'))!;
}

async function signText(privateKey: CryptoKey, text: string): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, new TextEncoder().encode(text))));
}

const imported = new Map<string, Promise<CryptoKey | null>>();

/** Ed25519 verification with a raw base64 public key; false for anything malformed. */
export async function verifySignature(publicKey: string, text: string, signature: string): Promise<boolean> {
  const sig = fromBase64(signature);
  if (!sig || sig.length !== 64) return false;
  let key = imported.get(publicKey);
  if (!key) {
    const raw = fromBase64(publicKey);
    key = raw && raw.length === 32 ? crypto.subtle.importKey('raw', raw, ED25519, true, ['verify']).catch(() => null) : Promise.resolve(null);
    imported.set(publicKey, key);
  }
  const k = await key;
  if (!k) return false;
  try {
    return await crypto.subtle.verify(ED25519, k, sig, new TextEncoder().encode(text));
  } catch {
    return false;
  }
}

/** Last entry of a chain in `db` (a workbench database), or undefined before its first write. */
export function lastOfChain(db: Dexie, desk: string): Promise<(ChangeLogEntry & { seq: number; hash: string }) | undefined> {
  return db
    .table('changeLog')
    .where('[desk+seq]')
    .between([desk, Dexie.minKey], [desk, Dexie.maxKey])
    .last() as Promise<(ChangeLogEntry & { seq: number; hash: string }) | undefined>;
}

function checkpointRow(cp: Checkpoint): TrailRow {
  return { ...cp, id: checkpointId(cp.desk, cp.seq), kind: cp.seq === 0 ? 'genesis' : 'checkpoint' };
}

/** Desk-key databases opened, and their keys read, ahead of a workbench database's open; used once. */
const ahead = new Map<string, Promise<{ deskDb: DeskDb; key: KeyRow }>>();

/**
 * Starts opening the desk-key database and reading the key now, so the workbench database's open
 * (whose ready step needs both) does not wait for a second database to open after it. The app's
 * start-up calls this just before opening; the next attachDesk on that desk-key database takes it.
 */
export function prepareDesk(deskDbName: string = DESK_DB_NAME): void {
  if (ahead.has(deskDbName)) return;
  const deskDb = openDeskDb(deskDbName);
  const early = loadKey(deskDb).then(
    (key) => ({ deskDb, key }),
    (e: unknown) => {
      deskDb.close();
      throw e;
    },
  );
  early.catch(() => undefined);
  ahead.set(deskDbName, early);
}

async function openDeskKey(deskDbName: string): Promise<{ deskDb: DeskDb; key: KeyRow }> {
  const early = ahead.get(deskDbName);
  ahead.delete(deskDbName);
  // A failed early open is tried again here, so its error is the one the open reports.
  const got = early && (await early.catch(() => null));
  if (got) return got;
  const deskDb = openDeskDb(deskDbName);
  try {
    return { deskDb, key: await loadKey(deskDb) };
  } catch (e) {
    deskDb.close();
    throw e;
  }
}

/**
 * Run by openDb once the database is open (Dexie 'ready'): loads or makes the key, checks the chain
 * recorded for this database against its log, and starts a new chain (signed genesis) when needed.
 */
export async function attachDesk(db: Dexie, vip: Dexie, deskDbName: string = DESK_DB_NAME): Promise<void> {
  timelineMark('desk:attach');
  const trail = vip.table('trail') as Table<TrailRow, string>;
  // The chains recorded in this database are read while the key is.
  const geneses = trail.where('kind').equals('genesis').toArray();
  geneses.catch(() => undefined);
  const { deskDb, key } = await openDeskKey(deskDbName);
  timelineMark('desk:key');
  try {
    // This desk's chains in this database, newest first: continue the first one whose sealed head the
    // log still holds; a chain whose sealed entries are gone (rolled back) is never written to again.
    const ours = ((await geneses) as (TrailRow & Checkpoint)[])
      .filter((g) => g.key === key.publicKey && g.genesis && genesisHash(g.genesis) === g.hash)
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    let current: (TrailRow & Checkpoint) | undefined;
    let after: ChainHead | null = null;
    for (const g of ours) {
      const sealed = await deskDb.chains.get(g.desk);
      if (!sealed) continue;
      const at = sealed.sealedSeq === 0 ? g.hash : ((await vip.table('changeLog').where('[desk+seq]').equals([g.desk, sealed.sealedSeq]).first()) as { hash?: string } | undefined)?.hash;
      if (at === sealed.sealedHash) {
        current = g;
        break;
      }
      if (!after) {
        const last = await lastOfChain(vip, g.desk);
        after = last ? { desk: g.desk, seq: last.seq, hash: last.hash } : null;
      }
    }
    if (!current) {
      const g: Genesis = { desk: crypto.randomUUID(), key: key.publicKey, at: new Date().toISOString(), legacy: await readLegacy(vip), after };
      const unsigned = { desk: g.desk, seq: 0, hash: genesisHash(g), at: g.at, key: g.key, legacy: g.legacy, genesis: g };
      const cp: Checkpoint = { ...unsigned, sig: await signText(key.privateKey, checkpointMessage(unsigned)) };
      current = checkpointRow(cp) as TrailRow & Checkpoint;
      await trail.put(current);
      await deskDb.chains.put({ desk: g.desk, db: vip.name, sealedSeq: 0, sealedHash: cp.hash });
    }
    states.set(db, { deskDb: deskDbName, desk: current.desk, publicKey: key.publicKey, fingerprint: fingerprint(key.publicKey), privateKey: key.privateKey, genesisHash: current.hash });
  } finally {
    deskDb.close();
  }
}

/** The desk identity attached to an open database; throws before openDb's ready step ran. */
export function deskOf(db: Dexie): DeskState {
  const s = states.get(db);
  if (!s) throw new Error('desk identity not ready: open the database with openDb first');
  return s;
}

/** Signs `text` with this desk's key: the signature and the public key that verifies it. */
export async function signAsDesk(db: Dexie, text: string): Promise<{ key: string; sig: string }> {
  const s = deskOf(db);
  return { key: s.publicKey, sig: await signText(s.privateKey, text) };
}

/**
 * Signs a checkpoint at the head of this desk's chain when the chain or the legacy summary moved
 * since the last one. Runs outside any write transaction (signing is asynchronous). Returns the new
 * checkpoint, or null when there was nothing new to sign.
 */
export async function sealTrail(db: Dexie & { trail: EntityTable<TrailRow, 'id'> }): Promise<Checkpoint | null> {
  const s = deskOf(db);
  const [last, legacy, latest] = await Promise.all([
    lastOfChain(db, s.desk),
    readLegacy(db),
    db.trail.where(':id').between(`${s.desk}:`, `${s.desk}:\uffff`).last(),
  ]);
  const seq = last?.seq ?? 0;
  const prior = latest && latest.kind !== 'legacy' ? latest : undefined;
  if (prior && prior.seq === seq && prior.legacy.digest === legacy.digest && prior.legacy.count === legacy.count) return null;
  if (seq === 0) return null;
  const unsigned = { desk: s.desk, seq, hash: last!.hash, at: new Date().toISOString(), key: s.publicKey, legacy };
  const cp: Checkpoint = { ...unsigned, sig: await signText(s.privateKey, checkpointMessage(unsigned)) };
  await db.trail.put(checkpointRow(cp));
  const deskDb = openDeskDb(s.deskDb);
  try {
    await deskDb.chains.put({ desk: s.desk, db: db.name, sealedSeq: seq, sealedHash: cp.hash });
  } finally {
    deskDb.close();
  }
  return cp;
}
