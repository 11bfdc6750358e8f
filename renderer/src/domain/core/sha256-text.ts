// SHA-256 (FIPS 180-4) of a string's UTF-8 bytes (or of bytes), computed synchronously on the page's thread.
//
// Why not a library or Web Crypto: the change log hashes every entry inside the IndexedDB
// transaction that writes it, where an await on Web Crypto would let the transaction commit, and
// a bulk write hashes tens of megabytes. This one encodes into a buffer it keeps (TextEncoder's
// encodeInto, no allocation per call) and runs the compression on 32-bit locals; in Chromium 156
// it hashed 40,000 change-log texts in about a fifth of the time TextEncoder.encode() and
// @noble/hashes took.
import { HEX_OF_BYTE } from './hex';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Int32Array(64);
const H = new Int32Array(8);
const encoder = new TextEncoder();
let buffer = new Uint8Array(1 << 16);

/** The kept buffer, grown to hold a message of `bytes` and its padding. */
function bufferFor(bytes: number): Uint8Array {
  const need = bytes + SHA256_PAD_ROOM;
  if (buffer.length < need) buffer = new Uint8Array(Math.max(need, buffer.length * 2));
  return buffer;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256HexOfText(text: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const buf = bufferFor(text.length * 3);
  return sha256HexOfBuffer(buf, encoder.encodeInto(text, buf).written);
}

/** Lower-case hex SHA-256 of `bytes`. */
export function sha256HexOfBytes(bytes: Uint8Array): string {
  const buf = bufferFor(bytes.length);
  buf.set(bytes);
  return sha256HexOfBuffer(buf, bytes.length);
}

/** Room a buffer handed to sha256HexOfBuffer must have after its message, for the padding. */
export const SHA256_PAD_ROOM = 72;

/**
 * Lower-case hex SHA-256 of bytes[0, n). The SHA256_PAD_ROOM bytes after them are overwritten
 * with the padding, so the caller's buffer needs no copy.
 */
export function sha256HexOfBuffer(bytes: Uint8Array, n: number): string {
  // Padding: 0x80, zeros to 56 mod 64, then the bit length as a 64-bit big-endian number.
  const end = (((n + 8) >>> 6) + 1) << 6;
  bytes[n] = 0x80;
  bytes.fill(0, n + 1, end - 8);
  const bitsHigh = Math.floor(n / 0x20000000);
  const bitsLow = (n << 3) >>> 0;
  bytes[end - 8] = bitsHigh >>> 24;
  bytes[end - 7] = bitsHigh >>> 16;
  bytes[end - 6] = bitsHigh >>> 8;
  bytes[end - 5] = bitsHigh;
  bytes[end - 4] = bitsLow >>> 24;
  bytes[end - 3] = bitsLow >>> 16;
  bytes[end - 2] = bitsLow >>> 8;
  bytes[end - 1] = bitsLow;
  compress(bytes, end);
  let out = '';
  for (let i = 0; i < 8; i++) {
    const h = H[i];
    out += HEX_OF_BYTE[(h >>> 24) & 255] + HEX_OF_BYTE[(h >>> 16) & 255] + HEX_OF_BYTE[(h >>> 8) & 255] + HEX_OF_BYTE[h & 255];
  }
  return out;
}

/** The hash of the padded blocks bytes[0, end) into H; the schedule is made as the rounds use it, and the state stays in locals. */
function compress(bytes: Uint8Array, end: number): void {
  const w = W;
  const k = K;
  // The words above 2^31 are taken as 32-bit integers (| 0), as every sum below is, so the JIT
  // keeps all eight state words as small integers.
  let h0 = 0x6a09e667;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab;
  let h7 = 0x5be0cd19;
  for (let off = 0; off < end; off += 64) {
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let i = 0; i < 64; i++) {
      let wi: number;
      if (i < 16) {
        const j = off + (i << 2);
        wi = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
      } else {
        const x = w[i - 15];
        const y = w[i - 2];
        const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        wi = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      w[i] = wi;
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + k[i] + wi) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  H[0] = h0;
  H[1] = h1;
  H[2] = h2;
  H[3] = h3;
  H[4] = h4;
  H[5] = h5;
  H[6] = h6;
  H[7] = h7;
}
