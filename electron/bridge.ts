import type { DesktopApi, DesktopChannel } from './api';

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
} as const satisfies { [K in keyof DesktopApi]-?: `desktop:${K}` & DesktopChannel };

export type Invoke = (channel: DesktopChannel, ...args: unknown[]) => Promise<unknown>;

/**
 * The DesktopApi as the preload exposes it: each method is one ipcRenderer.invoke with its arguments
 * passed through unchanged; the main process validates them (ipc.ts), so nothing here is trusted.
 */
export function createDesktopBridge(invoke: Invoke): Required<DesktopApi> {
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
  };
}
