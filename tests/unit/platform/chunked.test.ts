import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../electron/api';
import { saveBlob } from '../../../renderer/src/platform/chunked';

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
