// The DesktopApi the renderer uses: Electron's preload bridge when the app runs in the desktop shell,
// the browser implementation for `npm run web`. Features import `platform` and never ask which.
import type { DesktopApi } from '../../../electron/api';
import { createBrowserPlatform } from './browser';
import { toDesktopError } from './errors';

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
  };
  const { pdfBytes } = bridge;
  if (pdfBytes) api.pdfBytes = (opts) => pdfBytes.call(bridge, opts).catch(rethrow);
  return api;
}

export function selectPlatform(host: { desktop?: DesktopApi } | undefined): DesktopApi {
  return host?.desktop ? withDesktopErrors(host.desktop) : createBrowserPlatform();
}

export const platform: DesktopApi = selectPlatform(typeof window === 'undefined' ? undefined : window);

export { DesktopError, desktopErrorCode } from './errors';
export type {
  AppInfo,
  DesktopApi,
  DesktopErrorCode,
  FileFilter,
  MenuLocale,
  OpenedFile,
  SaveFileResult,
} from '../../../electron/api';
