// Random (version 4) UUIDs from a pool of CSPRNG bytes. crypto.randomUUID() costs several
// microseconds a call in Chromium, and a bulk write makes one id per change-log entry: drawing
// 16 bytes at a time from a 4 KiB crypto.getRandomValues() pool gives the same randomness for a
// small fraction of that.
import { HEX_OF_BYTE as HEX } from './hex';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let next = POOL_BYTES;

export function randomUuid(): string {
  if (next + 16 > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool);
    next = 0;
  }
  const b = pool;
  const i = next;
  next += 16;
  // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
  const b6 = (b[i + 6] & 0x0f) | 0x40;
  const b8 = (b[i + 8] & 0x3f) | 0x80;
  return (
    HEX[b[i]] + HEX[b[i + 1]] + HEX[b[i + 2]] + HEX[b[i + 3]] + '-' +
    HEX[b[i + 4]] + HEX[b[i + 5]] + '-' +
    HEX[b6] + HEX[b[i + 7]] + '-' +
    HEX[b8] + HEX[b[i + 9]] + '-' +
    HEX[b[i + 10]] + HEX[b[i + 11]] + HEX[b[i + 12]] + HEX[b[i + 13]] + HEX[b[i + 14]] + HEX[b[i + 15]]
  );
}
