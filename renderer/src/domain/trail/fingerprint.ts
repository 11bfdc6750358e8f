// A desk key's fingerprint, for two people to compare aloud or side by side before one office
// trusts another desk (as SSH does with host keys). 128 bits of the SHA-256 of the raw Ed25519
// public key in eight groups of four hex digits: short enough to read over the phone, far beyond
// what anyone could match by generating keys.
import { sha256HexOfBytes } from '../core/sha256-text';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** null for anything that is not canonical base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!B64_RE.test(text)) return null;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  if (toBase64(out) !== text) return null;
  return out;
}

/** An Ed25519 public key as the trail stores it: 32 raw bytes in base64. */
export function isPublicKeyText(v: unknown): v is string {
  return typeof v === 'string' && v.length === 44 && fromBase64(v)?.length === 32;
}

/** `3F2A 91C0 7B1E …` (8 groups) of a base64 raw public key; '' when it is not one. */
export function fingerprint(publicKey: string): string {
  const raw = fromBase64(publicKey);
  if (!raw || raw.length !== 32) return '';
  const hex = sha256HexOfBytes(raw).slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** What a person typed or pasted, reduced to the comparable form (spaces, dashes and case ignored). */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[\s:-]/g, '').toUpperCase();
  return /^[0-9A-F]{32}$/.test(hex) ? hex.match(/.{4}/g)!.join(' ') : '';
}
