// Optional passphrase encryption of a container body (everything after the 8-byte header), with
// the envelope shared with backups (domain/core/crypto.ts: PBKDF2 → AES-GCM, authenticated, so a wrong
// passphrase or a changed byte fails instead of yielding garbage).
import { SealedFormatError, sealBytes, unsealBytes, WrongPassphraseError } from '../../../domain/core/crypto';

export function encryptBody(plain: Uint8Array, passphrase: string): Promise<Uint8Array> {
  return sealBytes(plain, passphrase);
}

export type OpenOutcome = { ok: true; body: Uint8Array } | { ok: false; code: 'wrong-passphrase' | 'damaged-envelope' };

export async function decryptBody(sealed: Uint8Array, passphrase: string): Promise<OpenOutcome> {
  try {
    return { ok: true, body: await unsealBytes(sealed, passphrase) };
  } catch (e) {
    if (e instanceof WrongPassphraseError) return { ok: false, code: 'wrong-passphrase' };
    if (e instanceof SealedFormatError) return { ok: false, code: 'damaged-envelope' };
    throw e;
  }
}
