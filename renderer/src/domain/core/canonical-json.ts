// Canonical JSON: the same data always gives the same text, whatever order its keys were written
// in, so a hash of it identifies content. Keys are sorted by UTF-16 code units and numbers use the
// ECMAScript shortest form (as RFC 8785 / JCS does). Anything JSON cannot carry faithfully
// (undefined in arrays, NaN, Infinity, BigInt, Dates, Maps, Blobs) is refused rather than coerced.

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
    return `${s}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw REFUSED;
  const obj = value as Record<string, unknown>;
  let s = '{';
  let first = true;
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined) continue;
    if (!first) s += ',';
    first = false;
    s += `${JSON.stringify(key)}:${fast(v)}`;
  }
  return `${s}}`;
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
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
