// Rows as JSON lines, faithful to what IndexedDB stored: Blobs become numbered references (their
// bytes travel in BLOB frames), and the values JSON cannot carry (undefined, Dates, non-finite
// numbers) become tagged objects. Anything else that is not plain data (Map, typed arrays, class
// instances) fails the backup with 'unsupported-value' rather than being silently changed.
// Encoding is deterministic, so a restore can re-encode what it wrote and compare digests.
import { BackupError } from '../../../domain/interchange/backup-format';

const TAG = '$scwb';

export interface BlobRef {
  /** Position among all Blobs of the backup, in frame order. */
  i: number;
  size: number;
  type: string;
}

export interface EncodedPage {
  /** UTF-8 JSON lines: the table name, then one line per row. */
  bytes: Uint8Array;
  /** The Blobs referenced, in reference order (their `i` run from the page's blob base upwards). */
  blobs: Blob[];
}

/** A Blob reference found while decoding, with the place its Blob goes. */
export interface BlobSlot {
  ref: BlobRef;
  fill: (blob: Blob) => void;
}

export interface DecodedPage {
  table: string;
  rows: unknown[];
  /** Out-of-line primary keys, one per row; null for tables whose rows carry their key. */
  keys: unknown[] | null;
  slots: BlobSlot[];
}

function encodeValue(v: unknown, table: string, blobs: Blob[], base: number): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : { [TAG]: 'num', v: String(v) };
    case 'undefined':
      return { [TAG]: 'undef' };
    case 'object':
      break;
    default:
      throw new BackupError('unsupported-value', { table });
  }
  if (v === null) return null;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = encodeValue(v[i], table, blobs, base);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  // Plain objects first: they are nearly every value, so the Blob and Date checks come after.
  if (proto === Object.prototype || proto === null) {
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(src)) {
      const value = encodeValue(src[key], table, blobs, base);
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    // A stored object that happens to have our tag key is wrapped, so decoding cannot mistake it.
    return Object.hasOwn(src, TAG) ? { [TAG]: 'obj', v: out } : out;
  }
  if (v instanceof Blob) {
    blobs.push(v);
    return { [TAG]: 'blob', i: base + blobs.length - 1, size: v.size, type: v.type };
  }
  if (v instanceof Date) {
    const ms = v.getTime();
    return { [TAG]: 'date', v: Number.isNaN(ms) ? null : ms };
  }
  throw new BackupError('unsupported-value', { table });
}

/**
 * One page of a table as JSON lines. `keys` are given only for tables with out-of-line keys: each
 * line is then [key, row].
 */
export function encodePage(table: string, rows: readonly unknown[], keys: readonly unknown[] | null, blobBase: number): EncodedPage {
  const blobs: Blob[] = [];
  const lines = [JSON.stringify(table)];
  for (let i = 0; i < rows.length; i++) {
    const row = encodeValue(rows[i], table, blobs, blobBase);
    lines.push(JSON.stringify(keys ? [encodeValue(keys[i], table, blobs, blobBase), row] : row));
  }
  return { bytes: new TextEncoder().encode(lines.join('\n')), blobs };
}

const damaged = (): never => {
  throw new BackupError('damaged', { where: 'rows' });
};

function setOwn(holder: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  // defineProperty, not assignment: a key named "__proto__" from the file must stay a plain key.
  Object.defineProperty(holder, key, { value, enumerable: true, writable: true, configurable: true });
}

function decodeTagged(v: Record<string, unknown>, slots: BlobSlot[], holder: Record<string, unknown> | unknown[], key: string | number): void {
  switch (v[TAG]) {
    case 'undef':
      return setOwn(holder, key, undefined);
    case 'num':
      if (v.v !== 'NaN' && v.v !== 'Infinity' && v.v !== '-Infinity') damaged();
      return setOwn(holder, key, Number(v.v));
    case 'date':
      if (v.v !== null && typeof v.v !== 'number') damaged();
      return setOwn(holder, key, new Date(v.v === null ? NaN : (v.v as number)));
    case 'blob': {
      const { i, size, type } = v;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(size) || (size as number) < 0 || typeof type !== 'string') damaged();
      slots.push({ ref: { i: i as number, size: size as number, type: type as string }, fill: (blob) => setOwn(holder, key, blob) });
      return;
    }
    case 'obj': {
      const inner = v.v;
      if (!inner || typeof inner !== 'object' || Array.isArray(inner)) damaged();
      decodeChildren(inner as Record<string, unknown>, slots);
      return setOwn(holder, key, inner);
    }
    default:
      damaged();
  }
}

function decodeInPlace(holder: Record<string, unknown> | unknown[], key: string | number, slots: BlobSlot[]): void {
  const v = (holder as Record<string | number, unknown>)[key];
  if (!v || typeof v !== 'object') return;
  if (!Array.isArray(v) && Object.hasOwn(v, TAG)) return decodeTagged(v as Record<string, unknown>, slots, holder, key);
  decodeChildren(v as Record<string, unknown> | unknown[], slots);
}

function decodeChildren(v: Record<string, unknown> | unknown[], slots: BlobSlot[]): void {
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) decodeInPlace(v, i, slots);
  else for (const k of Object.keys(v)) decodeInPlace(v, k, slots);
}

/** The table a page belongs to (its first line), without decoding the rows. */
export function pageTable(bytes: Uint8Array): string {
  const end = bytes.indexOf(10);
  return decodePage(end === -1 ? bytes : bytes.subarray(0, end), false).table;
}

/** Inverse of encodePage; Blob references are returned as slots to fill once their bytes are read. */
export function decodePage(bytes: Uint8Array, outOfLineKeys: boolean): DecodedPage {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return damaged();
  }
  const lines = text.split('\n');
  const slots: BlobSlot[] = [];
  const rows: unknown[] = [];
  const keys: unknown[] | null = outOfLineKeys ? [] : null;
  let table: unknown;
  try {
    table = JSON.parse(lines[0]);
    for (let n = 1; n < lines.length; n++) {
      const holder = [JSON.parse(lines[n]) as unknown];
      if (keys) {
        const pair = holder[0];
        if (!Array.isArray(pair) || pair.length !== 2) damaged();
        decodeChildren(pair as unknown[], slots);
        keys.push((pair as unknown[])[0]);
        rows.push((pair as unknown[])[1]);
      } else {
        decodeInPlace(holder, 0, slots);
        rows.push(holder[0]);
      }
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    return damaged();
  }
  if (typeof table !== 'string') damaged();
  return { table: table as string, rows, keys, slots };
}
