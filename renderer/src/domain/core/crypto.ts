// Passphrase encryption for backup and exchange files, on Web Crypto (the same API in Node 20,
// Chromium and Electron). AES-GCM 256 with a key from PBKDF2-HMAC-SHA-256; every encryption uses a
// fresh random 12-byte IV, so one key can seal many chunks. GCM authenticates as well as hides:
// a wrong passphrase or a changed byte makes decryption fail instead of returning garbage.
//
// Two levels:
//  - chunk API: newKeyParams → deriveKey → encryptBytes/decryptBytes (with optional additional data
//    that binds a chunk to its place in a file), makeKeyCheck/verifyKeyCheck to tell a wrong
//    passphrase apart from damage before any chunk is read;
//  - envelope API for small whole files: sealBytes/unsealBytes/isSealed (format below).
import { bytesToHex } from './hex';

/**
 * OWASP (2023) recommends 600,000 iterations for PBKDF2-HMAC-SHA-256; about half a second in
 * Chromium on an office PC, paid once per file.
 */
export const PBKDF2_ITERATIONS = 600_000;
/** Files from elsewhere may ask for more work than this only to stall the app; they are refused. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MIN_PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyParams {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** Hex of 16 random bytes. */
  salt: string;
}

/** The passphrase does not open the data (or the sealed bytes were changed). */
export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}

/** The sealed bytes or their parameters are not something this module wrote. */
export class SealedFormatError extends Error {
  constructor(detail: string) {
    super(`sealed data: ${detail}`);
    this.name = 'SealedFormatError';
  }
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export { bytesToHex };

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) throw new SealedFormatError('bad hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function newKeyParams(iterations = PBKDF2_ITERATIONS): KeyParams {
  return { kdf: 'PBKDF2-SHA-256', iterations, salt: bytesToHex(randomBytes(SALT_BYTES)) };
}

/** Parameters read from a file: refused unless they are what newKeyParams could have written. */
export function checkKeyParams(value: unknown): KeyParams {
  const p = value as Partial<KeyParams> | null;
  if (
    !p ||
    p.kdf !== 'PBKDF2-SHA-256' ||
    !Number.isSafeInteger(p.iterations) ||
    (p.iterations as number) < MIN_PBKDF2_ITERATIONS ||
    (p.iterations as number) > MAX_PBKDF2_ITERATIONS ||
    typeof p.salt !== 'string' ||
    !/^[0-9a-f]{32}$/.test(p.salt)
  ) {
    throw new SealedFormatError('key parameters');
  }
  return { kdf: p.kdf, iterations: p.iterations as number, salt: p.salt };
}

/**
 * The passphrase is NFC-normalised first: Chinese input methods and pasted text can spell the same
 * characters with different code points, and the user must get the same key either way.
 */
export async function deriveKey(passphrase: string, params: KeyParams): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: hexToBytes(params.salt), iterations: params.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** IV ‖ ciphertext ‖ tag. `aad` (not stored) must be given again, identical, to decrypt. */
export async function encryptBytes(key: CryptoKey, plain: Uint8Array, aad?: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const iv = randomBytes(IV_BYTES);
  const params: AesGcmParams = { name: 'AES-GCM', iv, tagLength: TAG_BYTES * 8 };
  if (aad) params.additionalData = aad as Uint8Array<ArrayBuffer>;
  const sealed = new Uint8Array(await subtle().encrypt(params, key, plain as Uint8Array<ArrayBuffer>));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return out;
}

/** Throws WrongPassphraseError when the key, the bytes or the additional data do not match. */
export async function decryptBytes(key: CryptoKey, sealed: Uint8Array, aad?: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new WrongPassphraseError();
  const params: AesGcmParams = { name: 'AES-GCM', iv: sealed.slice(0, IV_BYTES), tagLength: TAG_BYTES * 8 };
  if (aad) params.additionalData = aad as Uint8Array<ArrayBuffer>;
  try {
    return new Uint8Array(await subtle().decrypt(params, key, sealed.subarray(IV_BYTES) as Uint8Array<ArrayBuffer>));
  } catch {
    throw new WrongPassphraseError();
  }
}

/** Bytes added by encryptBytes to every chunk. */
export const SEAL_OVERHEAD = IV_BYTES + TAG_BYTES;

const KEY_CHECK_TEXT = new TextEncoder().encode('smart-city-workbench key check');

/** A short sealed value stored next to the key parameters; decrypting it proves the passphrase. */
export async function makeKeyCheck(key: CryptoKey): Promise<string> {
  return bytesToHex(await encryptBytes(key, KEY_CHECK_TEXT, KEY_CHECK_TEXT));
}

export async function verifyKeyCheck(key: CryptoKey, check: string): Promise<boolean> {
  try {
    const plain = await decryptBytes(key, hexToBytes(check), KEY_CHECK_TEXT);
    return sameBytes(plain, KEY_CHECK_TEXT);
  } catch {
    return false;
  }
}

/** Derives the key and proves it against the stored check; WrongPassphraseError if it fails. */
export async function openKey(passphrase: string, params: KeyParams, check: string): Promise<CryptoKey> {
  const key = await deriveKey(passphrase, params);
  if (!(await verifyKeyCheck(key, check))) throw new WrongPassphraseError();
  return key;
}

// ---- Envelope for whole small files (exchange bundles) -------------------------------------------
//
//   "SCWK"  4 bytes magic (sealed with a key; not "SCWX", the exchange container's magic)
//   u32 BE  length L of the parameters JSON
//   L bytes UTF-8 JSON { v: 1, key: KeyParams, check: hex }
//   rest    encryptBytes(plain) with the parameters JSON bytes as additional data, so changing the
//           iteration count or salt in the file breaks decryption rather than silently weakening it.

const ENVELOPE_MAGIC = [0x53, 0x43, 0x57, 0x4b];
const MAX_ENVELOPE_HEADER = 4096;

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && ENVELOPE_MAGIC.every((b, i) => bytes[i] === b);
}

export async function sealBytes(plain: Uint8Array, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Uint8Array<ArrayBuffer>> {
  const key = newKeyParams(iterations);
  const cryptoKey = await deriveKey(passphrase, key);
  const head = new TextEncoder().encode(JSON.stringify({ v: 1, key, check: await makeKeyCheck(cryptoKey) }));
  const body = await encryptBytes(cryptoKey, plain, head);
  const out = new Uint8Array(8 + head.length + body.length);
  out.set(ENVELOPE_MAGIC, 0);
  new DataView(out.buffer).setUint32(4, head.length);
  out.set(head, 8);
  out.set(body, 8 + head.length);
  return out;
}

/** WrongPassphraseError for a wrong passphrase or changed bytes, SealedFormatError for non-envelopes. */
export async function unsealBytes(sealed: Uint8Array, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!isSealed(sealed)) throw new SealedFormatError('not an envelope');
  const length = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength).getUint32(4);
  if (length > MAX_ENVELOPE_HEADER || 8 + length > sealed.length) throw new SealedFormatError('header length');
  const head = sealed.subarray(8, 8 + length);
  let parsed: { v?: unknown; key?: unknown; check?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(head)) as typeof parsed;
  } catch {
    throw new SealedFormatError('header json');
  }
  if (parsed?.v !== 1 || typeof parsed.check !== 'string') throw new SealedFormatError('header fields');
  const key = await openKey(passphrase, checkKeyParams(parsed.key), parsed.check);
  return decryptBytes(key, sealed.subarray(8 + length), head);
}
