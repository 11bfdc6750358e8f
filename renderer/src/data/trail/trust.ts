// The office's trusted desk keys, written through the repository like any office-wide record.
import { isTrustedKey, validateTrust, type DeskKey, type TrustInput } from '../../domain/trail/trust';
import { fieldProblem, ProblemsError } from '../../domain/core/problems';
import type { WorkbenchDb } from '../db';
import { deleteRecord, insertRecord, type Writer } from '../repo';
import { deskOf } from './desk';

/** Trusted keys (not removed), oldest first. */
export async function listDeskKeys(db: WorkbenchDb): Promise<DeskKey[]> {
  const rows = await db.deskKeys.where('deleted').equals(0).toArray();
  return rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** Adds a key after a person compared its fingerprint; a ProblemsError (area 'trail') lists what is wrong. */
export async function trustDeskKey(w: Writer, input: TrustInput): Promise<DeskKey> {
  return w.db.transaction('rw', ['deskKeys', 'changeLog'], async () => {
    const problems = validateTrust(input, await w.db.deskKeys.toArray());
    if (input.publicKey === deskOf(w.db).publicKey) problems.push(fieldProblem('publicKey', 'own-key'));
    if (problems.length) throw new ProblemsError('trail', problems);
    return insertRecord<DeskKey>(w, 'deskKeys', { publicKey: input.publicKey, name: input.name.trim(), note: (input.note ?? '').trim().slice(0, 500) });
  });
}

/** Stops trusting a key (a tombstone: the decision and who made it stay in the history). */
export function removeDeskKey(w: Writer, id: string): Promise<void> {
  return deleteRecord<DeskKey>(w, 'deskKeys', id);
}

/** A predicate over public keys: this desk's own or on the office list. */
export async function trustedKeys(db: WorkbenchDb): Promise<(key: string) => boolean> {
  const own = deskOf(db).publicKey;
  const list = await db.deskKeys.toArray();
  return (key) => isTrustedKey(key, own, list);
}
