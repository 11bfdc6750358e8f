// The office's list of trusted desk keys. A desk key is added after a person has compared its
// fingerprint with the one the other desk shows (Settings), as SSH does with host keys; removing it
// (a tombstone) stops trusting it. The list is an ordinary versioned record table, so it travels
// with exchange files and the office server like any other office-wide data.
import { fieldProblem, type Problem } from '../core/problems';
import type { RecordMeta } from '../core/types';
import { fingerprint, isPublicKeyText, normalizeFingerprint } from './fingerprint';

export interface DeskKey extends RecordMeta {
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  /** Who or which machine the key belongs to, as the person who trusted it wrote it. */
  name: string;
  note: string;
}

export interface TrustInput {
  publicKey: string;
  name: string;
  note?: string;
  /** The fingerprint as the person read it from the other desk. */
  confirmFingerprint: string;
}

export type TrustProblemCode = 'key-invalid' | 'required' | 'too-long' | 'fingerprint-mismatch' | 'already-trusted' | 'own-key';

/** Problems with a trust request (area 'trail'); empty = it may be stored. */
export function validateTrust(input: TrustInput, existing: readonly Pick<DeskKey, 'publicKey' | 'deleted'>[]): Problem<TrustProblemCode>[] {
  const out: Problem<TrustProblemCode>[] = [];
  if (!isPublicKeyText(input.publicKey)) out.push(fieldProblem('publicKey', 'key-invalid'));
  if (!input.name.trim()) out.push(fieldProblem('name', 'required'));
  else if (input.name.trim().length > 200) out.push(fieldProblem('name', 'too-long', { max: 200 }));
  if (isPublicKeyText(input.publicKey) && normalizeFingerprint(input.confirmFingerprint) !== fingerprint(input.publicKey)) {
    out.push(fieldProblem('confirmFingerprint', 'fingerprint-mismatch'));
  }
  if (existing.some((k) => k.publicKey === input.publicKey && !k.deleted)) out.push(fieldProblem('publicKey', 'already-trusted'));
  return out;
}

/** A key is trusted when it is this desk's own or on the office list (not removed). */
export function isTrustedKey(key: string, own: string, list: readonly Pick<DeskKey, 'publicKey' | 'deleted'>[]): boolean {
  return key === own || list.some((k) => k.publicKey === key && !k.deleted);
}
