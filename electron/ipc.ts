import type { AppInfo, FileFilter, FolderEntry, MenuLocale, OpenedFile, OpenedRead, PdfBytesOptions, PrintToPdfOptions, SaveFileOptions, SaveFileResult, WriteTarget } from './api';
import { CHANNELS } from './bridge';
import { DesktopFailure } from './errors';
import { isAppUrl } from './security';
import {
  expectArgs,
  validateBeginRead,
  validateChunk,
  validateFolder,
  validateHandle,
  validateMenuLocale,
  validateName,
  validatePassphrase,
  validateWriteTarget,
  validateOpenFile,
  validatePdfBytes,
  validatePrintToPdf,
  validateReadRange,
  validateSaveFile,
  validateWriteToFolder,
} from './validate';

export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** The fields of Electron's IpcMainInvokeEvent the guard reads; S is what handlers receive as sender. */
export interface InvokeEvent<S> {
  senderFrame: SenderFrame | null;
  sender: S;
}

export interface IpcMainPort<S> {
  handle(channel: string, listener: (event: InvokeEvent<S>, ...args: unknown[]) => unknown): void;
}

/** What each channel does once its arguments have passed validation. */
export interface DesktopHandlers<S> {
  saveFile(sender: S, opts: SaveFileOptions): Promise<SaveFileResult>;
  openFile(sender: S, opts: { filters?: FileFilter[]; maxBytes: number }): Promise<OpenedFile | null>;
  printToPdf(sender: S, opts: PrintToPdfOptions): Promise<SaveFileResult>;
  pdfBytes(sender: S, opts: PdfBytesOptions): Promise<Uint8Array>;
  chooseFolder(sender: S): Promise<string | null>;
  writeFileToFolder(sender: S, folder: string, name: string, data: Uint8Array): Promise<{ path: string }>;
  appInfo(sender: S): Promise<AppInfo>;
  setMenuLanguage(sender: S, locale: MenuLocale): Promise<void>;
  beginWrite(sender: S, target: WriteTarget): Promise<{ handle: string; path: string } | null>;
  writeChunk(sender: S, handle: string, data: Uint8Array): Promise<void>;
  finishWrite(sender: S, handle: string): Promise<{ path: string }>;
  abortWrite(sender: S, handle: string): Promise<void>;
  beginRead(sender: S, opts: { filters?: FileFilter[] }): Promise<OpenedRead | null>;
  readChunk(sender: S, handle: string, offset: number, length: number): Promise<Uint8Array>;
  finishRead(sender: S, handle: string): Promise<void>;
  defaultBackupFolder(sender: S): Promise<string>;
  setBackupPassphrase(sender: S, passphrase: string | null): Promise<void>;
  backupPassphrase(sender: S): Promise<string | null>;
  diskSpace(sender: S): Promise<{ free: number }>;
  listBackupFolder(sender: S, folder: string): Promise<FolderEntry[]>;
  deleteFromBackupFolder(sender: S, folder: string, name: string): Promise<void>;
}

/**
 * Only the app's own top-level page may call the desktop API. A frame that has navigated away,
 * been destroyed (senderFrame null) or is a subframe is refused before any argument is looked at.
 */
export function isTrustedSender(event: { senderFrame: SenderFrame | null }): boolean {
  const frame = event.senderFrame;
  return frame != null && frame.parent == null && isAppUrl(frame.url);
}

export function registerDesktopIpc<S>(ipcMain: IpcMainPort<S>, handlers: DesktopHandlers<S>): void {
  const handle = (channel: string, run: (sender: S, args: unknown[]) => Promise<unknown>) => {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) throw new DesktopFailure('forbidden-sender');
      return run(event.sender, args);
    });
  };

  handle(CHANNELS.saveFile, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.saveFile(sender, validateSaveFile(args[0]));
  });
  handle(CHANNELS.openFile, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.openFile(sender, validateOpenFile(args[0]));
  });
  handle(CHANNELS.printToPdf, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.printToPdf(sender, validatePrintToPdf(args[0]));
  });
  handle(CHANNELS.pdfBytes, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.pdfBytes(sender, validatePdfBytes(args[0]));
  });
  handle(CHANNELS.chooseFolder, async (sender, args) => {
    expectArgs(args, 0);
    return handlers.chooseFolder(sender);
  });
  handle(CHANNELS.writeFileToFolder, async (sender, args) => {
    expectArgs(args, 3);
    const { folder, name, data } = validateWriteToFolder(args[0], args[1], args[2]);
    return handlers.writeFileToFolder(sender, folder, name, data);
  });
  handle(CHANNELS.appInfo, async (sender, args) => {
    expectArgs(args, 0);
    return handlers.appInfo(sender);
  });
  handle(CHANNELS.setMenuLanguage, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.setMenuLanguage(sender, validateMenuLocale(args[0]));
  });
  handle(CHANNELS.beginWrite, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.beginWrite(sender, validateWriteTarget(args[0]));
  });
  handle(CHANNELS.writeChunk, async (sender, args) => {
    expectArgs(args, 2);
    return handlers.writeChunk(sender, validateHandle(args[0]), validateChunk(args[1]));
  });
  handle(CHANNELS.finishWrite, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.finishWrite(sender, validateHandle(args[0]));
  });
  handle(CHANNELS.abortWrite, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.abortWrite(sender, validateHandle(args[0]));
  });
  handle(CHANNELS.beginRead, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.beginRead(sender, validateBeginRead(args[0]));
  });
  handle(CHANNELS.readChunk, async (sender, args) => {
    expectArgs(args, 3);
    const { offset, length } = validateReadRange(args[1], args[2]);
    return handlers.readChunk(sender, validateHandle(args[0]), offset, length);
  });
  handle(CHANNELS.finishRead, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.finishRead(sender, validateHandle(args[0]));
  });
  handle(CHANNELS.defaultBackupFolder, async (sender, args) => {
    expectArgs(args, 0);
    return handlers.defaultBackupFolder(sender);
  });
  handle(CHANNELS.setBackupPassphrase, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.setBackupPassphrase(sender, args[0] === null ? null : validatePassphrase(args[0]));
  });
  handle(CHANNELS.backupPassphrase, async (sender, args) => {
    expectArgs(args, 0);
    return handlers.backupPassphrase(sender);
  });
  handle(CHANNELS.diskSpace, async (sender, args) => {
    expectArgs(args, 0);
    return handlers.diskSpace(sender);
  });
  handle(CHANNELS.listBackupFolder, async (sender, args) => {
    expectArgs(args, 1);
    return handlers.listBackupFolder(sender, validateFolder(args[0]));
  });
  handle(CHANNELS.deleteFromBackupFolder, async (sender, args) => {
    expectArgs(args, 2);
    return handlers.deleteFromBackupFolder(sender, validateFolder(args[0]), validateName(args[1]));
  });
}
