import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../electron/api';
import { pickLargeFile, saveBlob } from '../../../renderer/src/platform/chunked';
import { desktopErrorCode } from '../../../renderer/src/platform/errors';

/** A desktop bridge whose chunked writes land in memory, recording every IPC payload's size. */
function fakeDesktop(failAtChunk = -1) {
  const payloads: number[] = [];
  const calls: string[] = [];
  let written: Uint8Array[] = [];
  const api = {
    beginWrite: async () => (calls.push('begin'), { handle: 'h1', path: '/backups/a.scwb' }),
    writeChunk: async (_h: string, data: Uint8Array) => {
      if (payloads.length === failAtChunk) throw new Error('desktop-error:disk-full 100');
      payloads.push(data.byteLength);
      written.push(data.slice());
    },
    finishWrite: async () => (calls.push('finish'), { path: '/backups/a.scwb' }),
    abortWrite: async () => {
      calls.push('abort');
      written = [];
    },
  } as unknown as DesktopApi;
  return { api, payloads, calls, bytes: () => new Uint8Array(written.flatMap((c) => [...c])) };
}

const blobOf = (n: number) => new Blob([Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff)]);

describe('saveBlob (chunked writes)', () => {
  it('sends the file in chunks no larger than the chunk size and gets the same bytes back', async () => {
    const d = fakeDesktop();
    const blob = blobOf(10_000);
    const progress: number[] = [];
    const r = await saveBlob(d.api, blob, { kind: 'folder', folder: '/backups', name: 'a.scwb' }, { chunkBytes: 4096, onProgress: (w) => progress.push(w) });
    expect(r).toEqual({ saved: true, path: '/backups/a.scwb' });
    expect(d.payloads).toEqual([4096, 4096, 1808]);
    expect(progress).toEqual([4096, 8192, 10_000]);
    expect(d.bytes()).toEqual(new Uint8Array(await blob.arrayBuffer()));
    expect(d.calls).toEqual(['begin', 'finish']);
  });

  it('aborts the write when a chunk fails or the task is cancelled', async () => {
    const failing = fakeDesktop(1);
    await expect(saveBlob(failing.api, blobOf(10_000), { kind: 'folder', folder: '/b', name: 'a.scwb' }, { chunkBytes: 4096 })).rejects.toThrow('disk-full');
    expect(failing.calls).toEqual(['begin', 'abort']);

    const cancelled = fakeDesktop();
    const controller = new AbortController();
    const r = saveBlob(cancelled.api, blobOf(10_000), { kind: 'dialog', suggestedName: 'a.scwb' }, { chunkBytes: 4096, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(r).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelled.calls).toEqual(['begin', 'abort']);
  });

  it('downloads the Blob itself where there are no chunked writes (browser build)', async () => {
    const clicked: string[] = [];
    const env = () => ({
      document: { createElement: () => ({ style: {}, click() { clicked.push((this as unknown as { download: string }).download); }, remove() {} }), body: { append() {} } } as unknown as Document,
      window: { setTimeout: () => 0, print() {} } as unknown as Window,
      url: { createObjectURL: () => 'blob:x', revokeObjectURL() {} },
    });
    const r = await saveBlob({} as DesktopApi, blobOf(10), { kind: 'folder', folder: '/b', name: 'workbench-backup-20261124-0900.scwb' }, { env });
    expect(r).toEqual({ saved: true, path: 'workbench-backup-20261124-0900.scwb' });
    expect(clicked).toEqual(['workbench-backup-20261124-0900.scwb']);
  });
});

/** A desktop bridge serving `data` through beginRead / readChunk / finishRead, recording each call. */
function fakeReader(data: Uint8Array, opts: { shortAt?: number; failAt?: number; claimedSize?: number } = {}) {
  const calls: string[] = [];
  const ranges: [number, number][] = [];
  const api = {
    openFile: async () => {
      throw new Error('the desktop reads backups in chunks, never in one payload');
    },
    beginRead: async () => (calls.push('begin'), { handle: 'r1', name: 'workbench-backup-20261206-0900.scwb', size: opts.claimedSize ?? data.byteLength }),
    readChunk: async (_h: string, offset: number, length: number) => {
      ranges.push([offset, length]);
      if (ranges.length - 1 === opts.failAt) throw new Error('desktop-error:read-failed EIO');
      const end = ranges.length - 1 === opts.shortAt ? offset + length - 1 : offset + length;
      return data.slice(offset, end);
    },
    finishRead: async () => void calls.push('finish'),
  } as unknown as DesktopApi;
  return { api, calls, ranges };
}

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 13 + 5) & 0xff);
const filters = [{ name: '备份', extensions: ['scwb'] }];

describe('pickLargeFile (chunked reads)', () => {
  it('reads the file in order in chunks no larger than the chunk size, into one buffer, and closes it', async () => {
    const data = bytesOf(10_000);
    const d = fakeReader(data);
    const picked = (await pickLargeFile(d.api, filters, 4096))!;
    expect(picked).toMatchObject({ name: 'workbench-backup-20261206-0900.scwb', size: 10_000 });
    const progress: number[] = [];
    const got = await picked.read({ onProgress: (n) => progress.push(n) });
    expect(got).toEqual(data);
    expect(d.ranges).toEqual([[0, 4096], [4096, 4096], [8192, 1808]]);
    expect(progress).toEqual([4096, 8192, 10_000]);
    expect(d.calls).toEqual(['begin', 'finish']);
    await picked.discard();
    expect(d.calls).toEqual(['begin', 'finish']);
  });

  it('closes the file on a failed chunk, a short chunk or a cancel, and never hands on part of it', async () => {
    const failing = fakeReader(bytesOf(10_000), { failAt: 1 });
    await expect((await pickLargeFile(failing.api, filters, 4096))!.read()).rejects.toThrow('read-failed');
    expect(failing.calls).toEqual(['begin', 'finish']);

    const short = fakeReader(bytesOf(10_000), { shortAt: 2 });
    const error = await (await pickLargeFile(short.api, filters, 4096))!.read().catch((e: unknown) => e);
    expect(desktopErrorCode(error)).toBe('read-failed');
    expect(short.calls).toEqual(['begin', 'finish']);

    const cancelled = fakeReader(bytesOf(10_000));
    const controller = new AbortController();
    const read = (await pickLargeFile(cancelled.api, filters, 4096))!.read({ signal: controller.signal, onProgress: () => controller.abort() });
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelled.ranges).toHaveLength(1);
    expect(cancelled.calls).toEqual(['begin', 'finish']);
  });

  it('says file-too-large when the renderer cannot hold the file, after closing it', async () => {
    const d = fakeReader(bytesOf(10), { claimedSize: Number.MAX_SAFE_INTEGER });
    const error = await (await pickLargeFile(d.api, filters))!.read().catch((e: unknown) => e);
    expect(desktopErrorCode(error)).toBe('file-too-large');
    expect(d.calls).toEqual(['begin', 'finish']);
    expect(d.ranges).toEqual([]);
  });

  it('resolves null when the dialog is dismissed, and closes an unread file on discard', async () => {
    const dismissed = { ...fakeReader(bytesOf(1)).api, beginRead: async () => null } as DesktopApi;
    expect(await pickLargeFile(dismissed, filters)).toBeNull();
    const d = fakeReader(bytesOf(10));
    await (await pickLargeFile(d.api, filters))!.discard();
    expect(d.calls).toEqual(['begin', 'finish']);
  });

  it('in a browser, reads the picked File through openFile with no ceiling of its own', async () => {
    const asked: unknown[] = [];
    const browser = { openFile: async (o: unknown) => (asked.push(o), { name: 'b.scwb', data: bytesOf(7) }) } as unknown as DesktopApi;
    const picked = (await pickLargeFile(browser, filters))!;
    expect(await picked.read()).toEqual(bytesOf(7));
    expect(asked).toEqual([{ filters, maxBytes: Number.MAX_SAFE_INTEGER }]);
  });
});
