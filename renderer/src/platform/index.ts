// The DesktopApi the renderer uses: Electron's preload bridge when the app runs in the desktop shell,
// the browser implementation for `npm run web`. Features import `platform` and never ask which.
import type { DesktopApi } from '../../../electron/api';
export type * from '../../../sync/api';
import type { SyncApi, SyncMethod } from '../../../sync/api';
import { createBrowserPlatform } from './browser';
import { toDesktopError } from './errors';
import { captureSyncKey, type KeyEnv } from './sync-http';
import { toSyncError } from './sync-errors';

declare global {
  interface Window {
    /** Set by electron/preload.ts through contextBridge; absent in a browser. */
    desktop?: DesktopApi;
  }
}

/** Re-throws IPC failures as DesktopError, so `.code` works the same as in the browser build. */
export function withDesktopErrors(bridge: DesktopApi): DesktopApi {
  const rethrow = (err: unknown): never => {
    throw toDesktopError(err);
  };
  const api: DesktopApi = {
    saveFile: (opts) => bridge.saveFile(opts).catch(rethrow),
    openFile: (opts) => bridge.openFile(opts).catch(rethrow),
    printToPdf: (opts) => bridge.printToPdf(opts).catch(rethrow),
    chooseFolder: () => bridge.chooseFolder().catch(rethrow),
    writeFileToFolder: (folder, name, data) => bridge.writeFileToFolder(folder, name, data).catch(rethrow),
    appInfo: () => bridge.appInfo().catch(rethrow),
    setMenuLanguage: (locale) => bridge.setMenuLanguage(locale).catch(rethrow),
    sync: withSyncErrors(bridge.sync),
  };
  const { pdfBytes, beginWrite, writeChunk, finishWrite, abortWrite, beginRead, readChunk, finishRead, defaultBackupFolder, diskSpace, listBackupFolder, deleteFromBackupFolder, setBackupPassphrase, backupPassphrase } = bridge;
  if (pdfBytes) api.pdfBytes = (opts) => pdfBytes.call(bridge, opts).catch(rethrow);
  if (beginWrite && writeChunk && finishWrite && abortWrite) {
    api.beginWrite = (target) => beginWrite.call(bridge, target).catch(rethrow);
    api.writeChunk = (handle, data) => writeChunk.call(bridge, handle, data).catch(rethrow);
    api.finishWrite = (handle) => finishWrite.call(bridge, handle).catch(rethrow);
    api.abortWrite = (handle) => abortWrite.call(bridge, handle).catch(rethrow);
  }
  if (beginRead && readChunk && finishRead) {
    api.beginRead = (opts) => beginRead.call(bridge, opts).catch(rethrow);
    api.readChunk = (handle, offset, length) => readChunk.call(bridge, handle, offset, length).catch(rethrow);
    api.finishRead = (handle) => finishRead.call(bridge, handle).catch(rethrow);
  }
  if (defaultBackupFolder) api.defaultBackupFolder = () => defaultBackupFolder.call(bridge).catch(rethrow);
  if (setBackupPassphrase) api.setBackupPassphrase = (p) => setBackupPassphrase.call(bridge, p).catch(rethrow);
  if (backupPassphrase) api.backupPassphrase = () => backupPassphrase.call(bridge).catch(rethrow);
  if (diskSpace) api.diskSpace = () => diskSpace.call(bridge).catch(rethrow);
  if (listBackupFolder) api.listBackupFolder = (folder) => listBackupFolder.call(bridge, folder).catch(rethrow);
  if (deleteFromBackupFolder) api.deleteFromBackupFolder = (folder, name) => deleteFromBackupFolder.call(bridge, folder, name).catch(rethrow);
  return api;
}

const SYNC_METHODS: readonly SyncMethod[] = [
  'getConfig', 'configure', 'forget', 'test', 'status', 'push', 'pull', 'filesMissing', 'filePut', 'fileGet', 'settingsList', 'settingsPut', 'desks', 'setDeskKey',
];

/** Re-throws IPC failures of the sync namespace as SyncError, so `.code` works as in the browser build. */
export function withSyncErrors(sync: SyncApi): SyncApi {
  const wrapped = { onEvent: (listener: Parameters<SyncApi['onEvent']>[0]) => sync.onEvent(listener) } as Partial<Record<keyof SyncApi, unknown>>;
  for (const method of SYNC_METHODS) {
    const fn = sync[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = (...args: unknown[]) =>
      fn.apply(sync, args).catch((err: unknown) => {
        throw toSyncError(err);
      });
  }
  return wrapped as unknown as SyncApi;
}

export function selectPlatform(host: ({ desktop?: DesktopApi } & Partial<KeyEnv>) | undefined): DesktopApi {
  if (host?.desktop) return withDesktopErrors(host.desktop);
  try {
    if (host?.location && host.history && host.storage) captureSyncKey(host as KeyEnv);
  } catch {
    // No storage (blocked by the browser): the page works, without sync.
  }
  return createBrowserPlatform();
}

export const platform: DesktopApi = selectPlatform(
  typeof window === 'undefined'
    ? undefined
    : { desktop: window.desktop, location: window.location, history: window.history, get storage() { return window.sessionStorage; } },
);

export { DesktopError, desktopErrorCode } from './errors';
export { SyncError, syncErrorCode, SYNC_ERROR_CODES } from './sync-errors';
export type {
  AppInfo,
  DesktopApi,
  DesktopErrorCode,
  FileFilter,
  MenuLocale,
  OpenedFile,
  OpenedRead,
  SaveFileResult,
  WriteTarget,
} from '../../../electron/api';
export type * from '../../../sync/api';
