// Canonical JSON: the same data always gives the same text, whatever order its keys were written
// in, so a hash of it identifies content. Keys are sorted by UTF-16 code units and numbers use the
// ECMAScript shortest form (as RFC 8785 / JCS does). Anything JSON cannot carry faithfully
// (undefined in arrays, NaN, Infinity, BigInt, Dates, Maps, Blobs) is refused rather than coerced.
import { bytesToHex, sha256 } from './crypto';

export function canonicalJson(value: unknown): string {
  try {
    return fast(value);
  } catch (e) {
    // Refused: walk again, naming where (building a path for every value costs more than the rest
    // of the work, and every change-log entry is hashed through here).
    if (e === REFUSED) return write(value, '$');
    throw e;
  }
}

const REFUSED = Symbol('refused');

/**
 * The canonical JSON of the object `pick` would make of `obj`'s own keys (each value passed through
 * it; undefined leaves the key out), written without making that object: hashing reads every
 * record and entry of a bulk write through here.
 */
export function canonicalJsonPicked(obj: object, pick: (key: string, value: unknown) => unknown): string {
  const source = obj as Record<string, unknown>;
  try {
    return fastObject(source, pick);
  } catch (e) {
    if (e !== REFUSED) throw e;
    // Refused: make the object after all, so the walk that names the path sees it.
    return canonicalJson(Object.fromEntries(Object.keys(obj).flatMap((k) => {
      const v = pick(k, source[k]);
      return v === undefined ? [] : [[k, v]];
    })));
  }
}

// Quoted keys, and each object shape's keys in sorted order, are kept between calls: records of one
// kind share their keys, and quoting and sorting them again for every record was most of the cost
// of hashing a bulk write. Both caches are bounded, whatever keys arrive.
const quoted = new Map<string, string>();
const MAX_QUOTED = 4096;

/** JSON.stringify(key), kept between calls (shared with the hashing writer, canonical-hash.ts). */
export function quote(key: string): string {
  let q = quoted.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quoted.size < MAX_QUOTED) quoted.set(key, q);
  }
  return q;
}

/** Shapes seen, by their first key: the keys as Object.keys gave them, and sorted. */
const shapes = new Map<string, { keys: string[]; sorted: readonly string[] }[]>();
const MAX_FIRST_KEYS = 1024;
const MAX_SHAPES_PER_KEY = 8;

/** The object's own enumerable keys sorted by UTF-16 code units; the array returned is shared, never to be changed. */
export function sortedKeys(obj: object): readonly string[] {
  const keys = Object.keys(obj);
  if (keys.length < 2) return keys;
  let seen = shapes.get(keys[0]);
  if (seen) {
    next: for (const shape of seen) {
      if (shape.keys.length !== keys.length) continue;
      for (let i = 1; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue next;
      return shape.sorted;
    }
  } else if (shapes.size < MAX_FIRST_KEYS) shapes.set(keys[0], (seen = []));
  const sorted = keys.slice().sort();
  if (seen && seen.length < MAX_SHAPES_PER_KEY) seen.push({ keys, sorted });
  return sorted;
}

function fast(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw REFUSED;
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw REFUSED;
  }
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) s += ',';
      // A hole is written empty, as the path-naming walk's map().join() writes it.
      if (!(i in value)) continue;
      const v: unknown = value[i];
      if (v === undefined) throw REFUSED;
      s += fast(v);
    }
    return s + ']';
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw REFUSED;
  return fastObject(value as Record<string, unknown>, null);
}

/** An object's keys in canonical order, each value passed through `pick` when given (undefined leaves the key out). */
function fastObject(obj: Record<string, unknown>, pick: ((key: string, value: unknown) => unknown) | null): string {
  const keys = sortedKeys(obj);
  let s = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = pick ? pick(key, obj[key]) : obj[key];
    if (v === undefined) continue;
    if (!first) s += ',';
    first = false;
    s += quote(key) + ':' + fast(v);
  }
  return s + '}';
}

/** The same walk naming the path of what it refuses (only run once the fast walk refused). */
function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: ${typeof value} at ${path}`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => {
      if (v === undefined) throw new TypeError(`canonicalJson: undefined at ${path}[${i}]`);
      return write(v, `${path}[${i}]`);
    }).join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonicalJson: non-plain object at ${path}`);
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(obj[key], `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text` (Web Crypto: Node 20 and browsers). */
export async function sha256Hex(text: string): Promise<string> {
  return bytesToHex(await sha256(new TextEncoder().encode(text)));
}
