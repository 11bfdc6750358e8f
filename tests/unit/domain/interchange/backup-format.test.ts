// The backup file's pure parts: file names, header checks, container structure.
import { describe, expect, it } from 'vitest';
import {
  BackupError,
  backupFileName,
  encodeHeader,
  endRecord,
  FRAME,
  frameHead,
  parseHeader,
  readContainer,
  type BackupHeader,
} from '../../../../renderer/src/domain/interchange/backup-format';

describe('backupFileName', () => {
  it('is workbench-backup-YYYYMMDD-HHmm.scwb in local time, zero-padded', () => {
    expect(backupFileName(new Date(2026, 10, 24, 9, 5))).toBe('workbench-backup-20261124-0905.scwb');
    expect(backupFileName(new Date(2027, 0, 1, 23, 59))).toBe('workbench-backup-20270101-2359.scwb');
  });
});

const header = (over: Partial<BackupHeader> = {}): BackupHeader => ({
  format: 'smart-city-workbench-backup',
  formatVersion: 1,
  appVersion: '0.1.0',
  schemaVersion: 2,
  createdAt: '2026-11-24T01:00:00.000Z',
  createdBy: '张晓明',
  backupId: 'b1',
  pageSize: 2000,
  blobChunkBytes: 8 * 1024 * 1024,
  compression: 'gzip',
  tables: [{ name: 'projects', primaryKey: 'id', rows: 0 }],
  blobs: { count: 0, bytes: 0 },
  frames: 1,
  encryption: null,
  ...over,
});

function fileOf(h: BackupHeader, frames: { kind: 1 | 2 | 3; payload: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [encodeHeader(h)];
  for (const f of frames) parts.push(frameHead(f.kind, f.payload.length), f.payload, new Uint8Array(32));
  parts.push(endRecord(frames.length, new Uint8Array(32)));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof BackupError ? `${e.code}${e.detail.where ? ` ${e.detail.where}` : ''}` : String(e);
  }
}

describe('parseHeader / readContainer', () => {
  it('reads a well-formed container into header and frames', () => {
    const trailer = new TextEncoder().encode('{}');
    const c = readContainer(fileOf(header(), [{ kind: FRAME.trailer, payload: trailer }]));
    expect(c.header.createdBy).toBe('张晓明');
    expect(c.frames).toHaveLength(1);
    expect(Array.from(c.frames[0].payload)).toEqual(Array.from(trailer));
  });

  it.each([
    ['another file type', () => new TextEncoder().encode('PK\u0003\u0004...'), 'not-a-backup'],
    ['a newer format version', () => fileOf(header({ formatVersion: 2 }), [{ kind: 3, payload: new Uint8Array(2) }]), 'unsupported-format'],
    ['a header missing fields', () => fileOf({ ...header(), tables: undefined } as unknown as BackupHeader, [{ kind: 3, payload: new Uint8Array(2) }]), 'damaged header'],
    ['a table listed twice', () => fileOf(header({ tables: [{ name: 'a', primaryKey: 'id', rows: 0 }, { name: 'a', primaryKey: 'id', rows: 0 }] }), [{ kind: 3, payload: new Uint8Array(2) }]), 'damaged header'],
    ['weak key parameters', () => fileOf(header({ encryption: { cipher: 'AES-256-GCM', key: { kdf: 'PBKDF2-SHA-256', iterations: 1000, salt: '00'.repeat(16) }, check: 'ab' } }), [{ kind: 3, payload: new Uint8Array(2) }]), 'damaged header'],
    ['fewer frames than the header says', () => fileOf(header({ frames: 2 }), [{ kind: 3, payload: new Uint8Array(2) }]), 'damaged end'],
    ['a last frame that is not the trailer', () => fileOf(header(), [{ kind: 1, payload: new Uint8Array(2) }]), 'damaged end'],
    ['an unknown frame kind', () => fileOf(header({ frames: 2 }), [{ kind: 7 as 1, payload: new Uint8Array(2) }, { kind: 3, payload: new Uint8Array(2) }]), 'damaged frame 1'],
    ['a truncated file', () => fileOf(header(), [{ kind: 3, payload: new Uint8Array(2) }]).slice(0, -1), 'damaged end'],
  ])('refuses %s', (_what, make, want) => {
    expect(codeOf(() => readContainer(make()))).toBe(want);
  });

  it('parseHeader keeps valid key parameters', () => {
    const key = { kdf: 'PBKDF2-SHA-256' as const, iterations: 600_000, salt: 'ab'.repeat(16) };
    expect(parseHeader(header({ encryption: { cipher: 'AES-256-GCM', key, check: 'cd' } })).encryption?.key).toEqual(key);
  });
});
