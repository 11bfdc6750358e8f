// The .scwx container: a fixed header, then length-prefixed sections, so a reader knows every
// size before it reads the bytes and photos travel as raw bytes (no base64 inflation).
//
//   offset 0  "SCWX"                      magic
//          4  u8  container version (1)
//          5  u8  flags (bit 0: the body is encrypted)
//          6  u16 reserved (0)
//          8  body
//
//   plain body  = section(manifest JSON) section(payload JSON) section(blob 1) … section(blob n)
//   section     = u32 little-endian byte length, then the bytes
//   encrypted body = the crypto envelope of a plain body (manifest included: it names people)
//
// The manifest lists every blob's SHA-256 and size in container order and the payload's SHA-256;
// the payload holds the records, their histories and the change-log entries.
import { bytesToHex, sha256 } from '../../../domain/core/crypto';

export const MAGIC = [0x53, 0x43, 0x57, 0x58] as const; // "SCWX"
export const CONTAINER_VERSION = 1;
export const FLAG_ENCRYPTED = 1;
export const HEADER_BYTES = 8;
export const EXCHANGE_EXTENSION = 'scwx';

export interface PlainBody {
  manifest: Uint8Array;
  payload: Uint8Array;
  blobs: Uint8Array[];
}

export type ContainerErrorCode =
  | 'not-exchange-file'
  | 'unsupported-version'
  | 'unknown-flags'
  | 'truncated'
  | 'section-too-large'
  | 'too-many-blobs';

export class ContainerError extends Error {
  constructor(
    readonly code: ContainerErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`exchange container: ${code}`);
    this.name = 'ContainerError';
  }
}

export function header(encrypted: boolean): Uint8Array {
  return new Uint8Array([...MAGIC, CONTAINER_VERSION, encrypted ? FLAG_ENCRYPTED : 0, 0, 0]);
}

/**
 * A plain container with the manifest and payload written and room left for each blob, so blobs
 * can be copied in one at a time (no second full-size buffer). Returns where each blob goes.
 */
export function allocateContainer(manifest: Uint8Array, payload: Uint8Array, blobSizes: readonly number[]): { bytes: Uint8Array; blobOffsets: number[] } {
  const sections = [manifest.byteLength, payload.byteLength, ...blobSizes];
  for (const n of sections) if (n > 0xffff_ffff) throw new ContainerError('section-too-large', { bytes: n });
  const total = HEADER_BYTES + sections.reduce((sum, n) => sum + 4 + n, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(header(false), 0);
  let at = HEADER_BYTES;
  const put = (section: Uint8Array) => {
    view.setUint32(at, section.byteLength, true);
    bytes.set(section, at + 4);
    at += 4 + section.byteLength;
  };
  put(manifest);
  put(payload);
  const blobOffsets: number[] = [];
  for (const n of blobSizes) {
    view.setUint32(at, n, true);
    blobOffsets.push(at + 4);
    at += 4 + n;
  }
  return { bytes, blobOffsets };
}

/** The same file with its body sealed by `seal` and the encrypted flag set. */
export async function sealContainer(plain: Uint8Array, seal: (body: Uint8Array) => Promise<Uint8Array>): Promise<Uint8Array> {
  const sealed = await seal(plain.subarray(HEADER_BYTES));
  const out = new Uint8Array(HEADER_BYTES + sealed.byteLength);
  out.set(header(true), 0);
  out.set(sealed, HEADER_BYTES);
  return out;
}

export interface ParsedHeader {
  encrypted: boolean;
  body: Uint8Array;
}

export function readHeader(file: Uint8Array): ParsedHeader {
  if (file.byteLength < HEADER_BYTES || MAGIC.some((b, i) => file[i] !== b)) throw new ContainerError('not-exchange-file');
  if (file[4] !== CONTAINER_VERSION) throw new ContainerError('unsupported-version', { version: file[4] });
  const flags = file[5];
  if ((flags & ~FLAG_ENCRYPTED) !== 0 || file[6] !== 0 || file[7] !== 0) throw new ContainerError('unknown-flags');
  return { encrypted: (flags & FLAG_ENCRYPTED) !== 0, body: file.subarray(HEADER_BYTES) };
}

/**
 * Splits a plain body into its sections (views into `body`, no copies). Every declared length is
 * checked against the bytes left and its own cap before anything is read.
 */
export function decodeBody(body: Uint8Array, limits: { maxManifest: number; maxPayload: number; maxBlob: number; maxBlobs: number }): PlainBody {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 0;
  const section = (max: number, what: string): Uint8Array => {
    if (at + 4 > body.byteLength) throw new ContainerError('truncated', { section: what });
    const len = view.getUint32(at, true);
    at += 4;
    if (len > max) throw new ContainerError('section-too-large', { section: what, bytes: len, max });
    if (at + len > body.byteLength) throw new ContainerError('truncated', { section: what });
    const out = body.subarray(at, at + len);
    at += len;
    return out;
  };
  const manifest = section(limits.maxManifest, 'manifest');
  const payload = section(limits.maxPayload, 'payload');
  const blobs: Uint8Array[] = [];
  while (at < body.byteLength) {
    if (blobs.length >= limits.maxBlobs) throw new ContainerError('too-many-blobs', { max: limits.maxBlobs });
    blobs.push(section(limits.maxBlob, `blob ${blobs.length + 1}`));
  }
  return { manifest, payload, blobs };
}

/** Lower-case hex SHA-256 of raw bytes. */
export async function sha256Bytes(bytes: Uint8Array): Promise<string> {
  return bytesToHex(await sha256(bytes));
}
