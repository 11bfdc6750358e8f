import type { SyncApi, SyncEvent, SyncMethod } from '../sync/api';
import type { DesktopApi, DesktopChannel, DesktopMethod } from './api';

/** Every DesktopApi method and its IPC channel. `satisfies` makes a method without a channel a type error. */
export const CHANNELS = {
  saveFile: 'desktop:saveFile',
  openFile: 'desktop:openFile',
  printToPdf: 'desktop:printToPdf',
  pdfBytes: 'desktop:pdfBytes',
  chooseFolder: 'desktop:chooseFolder',
  writeFileToFolder: 'desktop:writeFileToFolder',
  appInfo: 'desktop:appInfo',
  setMenuLanguage: 'desktop:setMenuLanguage',
  beginWrite: 'desktop:beginWrite',
  writeChunk: 'desktop:writeChunk',
  finishWrite: 'desktop:finishWrite',
  abortWrite: 'desktop:abortWrite',
  beginRead: 'desktop:beginRead',
  readChunk: 'desktop:readChunk',
  finishRead: 'desktop:finishRead',
  defaultBackupFolder: 'desktop:defaultBackupFolder',
  setBackupPassphrase: 'desktop:setBackupPassphrase',
  backupPassphrase: 'desktop:backupPassphrase',
  diskSpace: 'desktop:diskSpace',
  listBackupFolder: 'desktop:listBackupFolder',
  deleteFromBackupFolder: 'desktop:deleteFromBackupFolder',
} as const satisfies { [K in DesktopMethod]-?: `desktop:${K}` & DesktopChannel };

/** Every invokable sync method and its IPC channel (sync/api.ts SyncMethod). */
export const SYNC_CHANNELS = {
  getConfig: 'sync:getConfig',
  configure: 'sync:configure',
  forget: 'sync:forget',
  test: 'sync:test',
  status: 'sync:status',
  push: 'sync:push',
  pull: 'sync:pull',
  filesMissing: 'sync:filesMissing',
  filePut: 'sync:filePut',
  fileGet: 'sync:fileGet',
  settingsList: 'sync:settingsList',
  settingsPut: 'sync:settingsPut',
  desks: 'sync:desks',
  setDeskKey: 'sync:setDeskKey',
} as const satisfies { [K in SyncMethod]-?: `sync:${K}` };

export type SyncChannel = (typeof SYNC_CHANNELS)[SyncMethod];

/** The channel the main process sends SyncEvents on (main → renderer; nothing is invoked on it). */
export const SYNC_EVENT_CHANNEL = 'sync:event';

export type Invoke = (channel: DesktopChannel | SyncChannel, ...args: unknown[]) => Promise<unknown>;
/** Subscribes to a main → renderer channel; returns the unsubscribe function. */
export type Subscribe = (channel: typeof SYNC_EVENT_CHANNEL, listener: (payload: unknown) => void) => () => void;

function createSyncBridge(invoke: Invoke, subscribe: Subscribe): SyncApi {
  const call =
    <M extends SyncMethod>(method: M) =>
    (...args: Parameters<SyncApi[M]>) =>
      invoke(SYNC_CHANNELS[method], ...args) as ReturnType<SyncApi[M]>;
  return {
    getConfig: call('getConfig'),
    configure: call('configure'),
    forget: call('forget'),
    // An omitted argument is not sent at all, so the main process sees the same arity.
    test: (input) => (input === undefined ? invoke(SYNC_CHANNELS.test) : invoke(SYNC_CHANNELS.test, input)) as ReturnType<SyncApi['test']>,
    status: call('status'),
    push: call('push'),
    pull: call('pull'),
    filesMissing: call('filesMissing'),
    filePut: call('filePut'),
    fileGet: call('fileGet'),
    settingsList: call('settingsList'),
    settingsPut: call('settingsPut'),
    desks: call('desks'),
    setDeskKey: call('setDeskKey'),
    onEvent: (listener) => subscribe(SYNC_EVENT_CHANNEL, (payload) => listener(payload as SyncEvent)),
  };
}

/**
 * The DesktopApi as the preload exposes it: each method is one ipcRenderer.invoke with its arguments
 * passed through unchanged; the main process validates them (ipc.ts, sync-ipc.ts), so nothing here
 * is trusted.
 */
export function createDesktopBridge(invoke: Invoke, subscribe: Subscribe): Required<DesktopApi> {
  return {
    saveFile: (opts) => invoke(CHANNELS.saveFile, opts) as ReturnType<DesktopApi['saveFile']>,
    openFile: (opts) => invoke(CHANNELS.openFile, opts) as ReturnType<DesktopApi['openFile']>,
    printToPdf: (opts) => invoke(CHANNELS.printToPdf, opts) as ReturnType<DesktopApi['printToPdf']>,
    pdfBytes: (opts) => invoke(CHANNELS.pdfBytes, opts) as Promise<Uint8Array>,
    chooseFolder: () => invoke(CHANNELS.chooseFolder) as ReturnType<DesktopApi['chooseFolder']>,
    writeFileToFolder: (folder, name, data) =>
      invoke(CHANNELS.writeFileToFolder, folder, name, data) as ReturnType<DesktopApi['writeFileToFolder']>,
    appInfo: () => invoke(CHANNELS.appInfo) as ReturnType<DesktopApi['appInfo']>,
    setMenuLanguage: (locale) => invoke(CHANNELS.setMenuLanguage, locale) as Promise<void>,
    sync: createSyncBridge(invoke, subscribe),
    beginWrite: (target) => invoke(CHANNELS.beginWrite, target) as ReturnType<Required<DesktopApi>['beginWrite']>,
    writeChunk: (handle, data) => invoke(CHANNELS.writeChunk, handle, data) as Promise<void>,
    finishWrite: (handle) => invoke(CHANNELS.finishWrite, handle) as Promise<{ path: string }>,
    abortWrite: (handle) => invoke(CHANNELS.abortWrite, handle) as Promise<void>,
    beginRead: (opts) => invoke(CHANNELS.beginRead, opts) as ReturnType<Required<DesktopApi>['beginRead']>,
    readChunk: (handle, offset, length) => invoke(CHANNELS.readChunk, handle, offset, length) as Promise<Uint8Array>,
    finishRead: (handle) => invoke(CHANNELS.finishRead, handle) as Promise<void>,
    defaultBackupFolder: () => invoke(CHANNELS.defaultBackupFolder) as Promise<string>,
    setBackupPassphrase: (passphrase) => invoke(CHANNELS.setBackupPassphrase, passphrase) as Promise<void>,
    backupPassphrase: () => invoke(CHANNELS.backupPassphrase) as Promise<string | null>,
    diskSpace: () => invoke(CHANNELS.diskSpace) as Promise<{ free: number }>,
    listBackupFolder: (folder) => invoke(CHANNELS.listBackupFolder, folder) as ReturnType<Required<DesktopApi>['listBackupFolder']>,
    deleteFromBackupFolder: (folder, name) => invoke(CHANNELS.deleteFromBackupFolder, folder, name) as Promise<void>,
  };
}
