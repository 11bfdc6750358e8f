// SHA-256 of an object's canonical JSON (canonical-json.ts), written as UTF-8 bytes straight into
// a buffer the hash reads, without making the text. Every change-log entry and the record it
// produced are hashed this way inside the writing transaction; making the text first cost as much
// again as the hashing itself, and left tens of megabytes of strings per bulk write to collect.
// The bytes are, by construction and by test, the UTF-8 of canonicalJsonPicked's text.
import { canonicalJsonPicked, quote, sortedKeys } from './canonical-json';
import { sha256HexOfBuffer, sha256HexOfText, SHA256_PAD_ROOM } from './sha256-text';

const REFUSED = Symbol('refused');
let buf = new Uint8Array(1 << 16);
let pos = 0;
const encoder = new TextEncoder();

function room(n: number): void {
  if (pos + n + SHA256_PAD_ROOM <= buf.length) return;
  const next = new Uint8Array(Math.max(buf.length * 2, pos + n + SHA256_PAD_ROOM));
  next.set(buf.subarray(0, pos));
  buf = next;
}

function byte(b: number): void {
  room(1);
  buf[pos++] = b;
}

/**
 * A string value, quoted, in one pass; rewound and written from JSON.stringify's text when a
 * character needs escaping (a surrogate too, so a lone one is escaped as JSON.stringify escapes it).
 */
function string(s: string): void {
  const start = pos;
  room(s.length * 3 + 2);
  const b = buf;
  let p = pos;
  b[p++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 0x22 || c === 0x5c) return escaped(s, start);
      b[p++] = c;
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c < 0xd800 || c > 0xdfff) {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    } else return escaped(s, start);
  }
  b[p++] = 0x22;
  pos = p;
}

/** JSON.stringify's text of `s` (lone surrogates escaped, so none is left for the encoder to replace), from `start`. */
function escaped(s: string, start: number): void {
  const text = JSON.stringify(s);
  pos = start;
  room(text.length * 3);
  pos += encoder.encodeInto(text, buf.subarray(pos)).written;
}

// Each key's `"key":` as UTF-8, kept between calls as its quoted text is (canonical-json.ts): an
// entry's field list repeats the same few keys for every field of every record.
const keyBytes = new Map<string, Uint8Array>();
const MAX_KEYS = 4096;

function key(k: string): void {
  let kb = keyBytes.get(k);
  if (kb === undefined) {
    kb = encoder.encode(quote(k) + ':');
    if (keyBytes.size < MAX_KEYS) keyBytes.set(k, kb);
  }
  room(kb.length);
  const b = buf;
  let p = pos;
  for (let i = 0; i < kb.length; i++) b[p++] = kb[i];
  pos = p;
}

function ascii(s: string): void {
  room(s.length);
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
}

function number(n: number): void {
  if (!Number.isFinite(n)) throw REFUSED;
  // Integers below 2^53 print as their digits (-0 as 0), as JSON.stringify prints them.
  if (Number.isSafeInteger(n)) {
    room(17);
    if (n < 0) {
      buf[pos++] = 0x2d;
      n = -n;
    }
    const start = pos;
    do {
      buf[pos++] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    for (let i = start, j = pos - 1; i < j; i++, j--) {
      const t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return;
  }
  ascii(JSON.stringify(n));
}

function value(v: unknown): void {
  if (v === null) return ascii('null');
  switch (typeof v) {
    case 'string':
      return string(v);
    case 'boolean':
      return ascii(v ? 'true' : 'false');
    case 'number':
      return number(v);
    case 'object':
      break;
    default:
      throw REFUSED;
  }
  if (Array.isArray(v)) {
    byte(0x5b);
    for (let i = 0; i < v.length; i++) {
      if (i > 0) byte(0x2c);
      // A hole is written empty, as canonicalJson writes it.
      if (!(i in v)) continue;
      const x: unknown = v[i];
      if (x === undefined) throw REFUSED;
      value(x);
    }
    return byte(0x5d);
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw REFUSED;
  object(v as Record<string, unknown>, null);
}

/** An object's keys in canonical order, each value passed through `pick` when given (undefined leaves the key out). */
function object(obj: Record<string, unknown>, pick: ((key: string, value: unknown) => unknown) | null): void {
  const keys = sortedKeys(obj);
  byte(0x7b);
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const x = pick ? pick(keys[i], obj[keys[i]]) : obj[keys[i]];
    if (x === undefined) continue;
    if (!first) byte(0x2c);
    first = false;
    key(keys[i]);
    value(x);
  }
  byte(0x7d);
}

/** sha256HexOfText(canonicalJsonPicked(obj, pick)), without the text; refuses what canonicalJson refuses, naming where. */
export function canonicalHashPicked(obj: object, pick: (key: string, value: unknown) => unknown): string {
  pos = 0;
  try {
    object(obj as Record<string, unknown>, pick);
    return sha256HexOfBuffer(buf, pos);
  } catch (e) {
    if (e !== REFUSED) throw e;
    // The text's own walk throws the error that names the path.
    return sha256HexOfText(canonicalJsonPicked(obj, pick));
  }
}
