import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../electron/api';
import type { SyncApi } from '../../../sync/api';
import { DesktopError, desktopErrorCode, selectPlatform, withDesktopErrors } from '../../../renderer/src/platform';

const rejectWith = (message: string) => async () => Promise.reject(new Error(message));

function fakeBridge(overrides: Partial<DesktopApi> = {}): DesktopApi {
  return {
    saveFile: async () => ({ saved: true, path: '/p' }),
    openFile: async () => null,
    printToPdf: async () => ({ saved: true }),
    pdfBytes: async () => new Uint8Array([1]),
    chooseFolder: async () => '/f',
    writeFileToFolder: async () => ({ path: '/f/a' }),
    appInfo: async () => ({ version: '0.1.0', electron: '41.7.1', platform: 'linux', desktop: true }),
    setMenuLanguage: async () => {},
    sync: {} as SyncApi,
    ...overrides,
  };
}

describe('selectPlatform', () => {
  it('uses window.desktop when the preload provided it', async () => {
    const api = selectPlatform({ desktop: fakeBridge() });
    expect((await api.appInfo()).desktop).toBe(true);
    expect(await api.pdfBytes!({})).toEqual(new Uint8Array([1]));
  });

  it('falls back to the browser implementation', async () => {
    const api = selectPlatform(undefined);
    expect((await api.appInfo()).desktop).toBe(false);
    expect(api.pdfBytes).toBeUndefined();
  });
});

describe('desktop errors', () => {
  it('turns an IPC rejection back into a DesktopError with its code', async () => {
    const api = withDesktopErrors(
      fakeBridge({ openFile: rejectWith("Error invoking remote method 'desktop:openFile': Error: desktop-error:file-too-large") }),
    );
    const failure = await api.openFile({ maxBytes: 1 }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DesktopError);
    expect((failure as DesktopError).code).toBe('file-too-large');
  });

  it('leaves unrelated errors alone', async () => {
    const api = withDesktopErrors(fakeBridge({ appInfo: rejectWith('boom') }));
    const failure = await api.appInfo().catch((err: unknown) => err);
    expect(failure).not.toBeInstanceOf(DesktopError);
    expect((failure as Error).message).toBe('boom');
  });

  it.each([
    ['desktop-error:write-failed EACCES', 'write-failed'],
    ['Error: desktop-error:folder-not-granted', 'folder-not-granted'],
    ['desktop-error:made-up', null],
    ['plain failure', null],
  ])('desktopErrorCode(%j) → %s', (message, code) => {
    expect(desktopErrorCode(new Error(message))).toBe(code);
  });
});
