// The office's list of trusted desk keys. A desk key is added after a person has compared its
// fingerprint with the one the other desk shows (Settings), as SSH does with host keys; removing it
// (a tombstone) stops trusting it. The list is an ordinary versioned record table, so it travels
// with exchange files and the office server like any other office-wide data.
import { issue, type DomainIssue } from '../core/issue';
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

/** Problems with a trust request; empty = it may be stored. */
export function validateTrust(input: TrustInput, existing: readonly Pick<DeskKey, 'publicKey' | 'deleted'>[]): DomainIssue[] {
  const out: DomainIssue[] = [];
  if (!isPublicKeyText(input.publicKey)) out.push(issue('trust.key-invalid'));
  if (!input.name.trim()) out.push(issue('trust.name-missing'));
  else if (input.name.trim().length > 200) out.push(issue('trust.name-too-long', { max: 200 }));
  if (isPublicKeyText(input.publicKey) && normalizeFingerprint(input.confirmFingerprint) !== fingerprint(input.publicKey)) {
    out.push(issue('trust.fingerprint-mismatch'));
  }
  if (existing.some((k) => k.publicKey === input.publicKey && !k.deleted)) out.push(issue('trust.already-trusted'));
  return out;
}

/** A key is trusted when it is this desk's own or on the office list (not removed). */
export function isTrustedKey(key: string, own: string, list: readonly Pick<DeskKey, 'publicKey' | 'deleted'>[]): boolean {
  return key === own || list.some((k) => k.publicKey === key && !k.deleted);
}
