// Takes a backup file apart and puts it back together with every digest recomputed, as someone
// editing a backup by hand would: for the fuzz run and for e2e tests of forged backups.
import { gunzip, gzip } from '../../renderer/src/data/interchange/backup/gzip';
import { sha256 } from '../../renderer/src/domain/core/crypto';
import {
  bodyDigest,
  digestOfDigests,
  encodeHeader,
  endRecord,
  FRAME,
  frameHead,
  readContainer,
  type BackupHeader,
  type BackupTrailer,
  type FrameKind,
} from '../../renderer/src/domain/interchange/backup-format';

export interface Exploded {
  header: BackupHeader;
  /** ROWS frames as inflated JSON lines, BLOB and TRAILER frames as stored. */
  frames: { kind: FrameKind; plain: Uint8Array }[];
}

export async function explode(bytes: Uint8Array): Promise<Exploded> {
  const c = readContainer(bytes);
  const frames = [];
  for (const f of c.frames) frames.push({ kind: f.kind, plain: f.kind === FRAME.rows ? await gunzip(f.payload, 1 << 30) : f.payload.slice() });
  return { header: structuredClone(c.header), frames };
}

export const lines = (plain: Uint8Array) => new TextDecoder().decode(plain).split('\n');
export const fromLines = (l: string[]) => new TextEncoder().encode(l.join('\n'));

/** Rewrites the trailer and the header's row counts from the pages, as a forger would. */
export async function rehashTrailer(x: Exploded): Promise<void> {
  const digests = new Map<string, Uint8Array[]>(x.header.tables.map((t) => [t.name, []]));
  const rows = new Map<string, number>(x.header.tables.map((t) => [t.name, 0]));
  for (const f of x.frames) {
    if (f.kind !== FRAME.rows) continue;
    const l = lines(f.plain);
    let name: string;
    try {
      name = JSON.parse(l[0]) as string;
    } catch {
      continue;
    }
    if (!digests.has(name)) continue;
    digests.get(name)!.push(await sha256(f.plain));
    rows.set(name, rows.get(name)! + l.length - 1);
  }
  const at = x.frames.findIndex((f) => f.kind === FRAME.trailer);
  if (at === -1) return;
  const trailer = JSON.parse(new TextDecoder().decode(x.frames[at].plain)) as BackupTrailer;
  for (const t of x.header.tables) {
    t.rows = rows.get(t.name)!;
    trailer.tables[t.name] = { rows: t.rows, sha256: await digestOfDigests(digests.get(t.name)!) };
  }
  x.frames[at].plain = new TextEncoder().encode(JSON.stringify(trailer));
}

/** A well-formed file from the parts: frame digests, frame count and body digest recomputed. */
export async function forge(x: Exploded): Promise<Uint8Array> {
  const header = { ...x.header, frames: x.frames.length };
  const head = encodeHeader(header);
  const headerDigest = await sha256(head.subarray(8));
  const parts: Uint8Array[] = [head];
  const digests: Uint8Array[] = [];
  for (const f of x.frames) {
    const payload = f.kind === FRAME.rows ? await gzip(f.plain) : f.plain;
    const d = await sha256(payload);
    parts.push(frameHead(f.kind, payload.byteLength), payload, d);
    digests.push(d);
  }
  parts.push(endRecord(x.frames.length, await bodyDigest(headerDigest, digests)));
  return new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}
