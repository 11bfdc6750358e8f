// The one typed bridge between the renderer and the desktop shell. Types only: the renderer imports it
// with `import type`, the preload implements it over IPC, and renderer/src/platform/browser.ts implements
// it for the web build, so features never branch on "am I in Electron".
import type { SyncApi } from '../sync/api';

export type MenuLocale = 'zh-CN' | 'en';

export interface FileFilter {
  /** Shown in the dialog's type list, e.g. 'Excel 工作簿'. */
  name: string;
  /** Without the dot: ['xlsx'], or ['*'] for any. */
  extensions: string[];
}

export interface SaveFileOptions {
  /** A bare file name (no folders); the user may change it in the dialog. */
  suggestedName: string;
  /** Strings are written as UTF-8. */
  data: Uint8Array | string;
  filters?: FileFilter[];
}

export interface SaveFileResult {
  saved: boolean;
  /** Where the file went, when the platform knows it (the desktop dialog does, a browser download does not). */
  path?: string;
}

export interface OpenFileOptions {
  filters?: FileFilter[];
  /** Files larger than this are refused with DesktopErrorCode 'file-too-large'. */
  maxBytes?: number;
}

export interface OpenedFile {
  /** The file's base name, never a full path. */
  name: string;
  data: Uint8Array;
}

export interface PrintToPdfOptions {
  suggestedName: string;
  landscape?: boolean;
}

export interface PdfBytesOptions {
  landscape?: boolean;
}

/** Where a chunked write goes: a file the user picks in a save dialog, or a name in a granted backup folder. */
export type WriteTarget =
  | { kind: 'dialog'; suggestedName: string; filters?: FileFilter[] }
  | { kind: 'folder'; folder: string; name: string };

/** A file opened for reading in chunks (beginRead): its base name (never a full path) and size. */
export interface OpenedRead {
  handle: string;
  name: string;
  size: number;
}

/** One of the app's own backups in a backup folder. */
export interface FolderEntry {
  name: string;
  bytes: number;
}

export interface AppInfo {
  version: string;
  /** Electron's version on the desktop, null in a browser. */
  electron: string | null;
  platform: string;
  desktop: boolean;
}

/**
 * Failures a caller can act on. A rejected DesktopApi promise carries one of these: the renderer's
 * platform module turns it into a DesktopError with `.code`; over IPC it travels inside the error
 * message as DesktopErrorTag, because Electron passes only the message of a rejected invoke.
 */
export type DesktopErrorCode =
  | 'file-too-large'
  | 'invalid-argument'
  | 'forbidden-sender'
  | 'folder-not-granted'
  | 'read-failed'
  | 'write-failed'
  | 'disk-full'
  | 'secure-storage-unavailable'
  | 'pdf-failed';

export type DesktopErrorTag = `desktop-error:${DesktopErrorCode}`;

export interface DesktopApi {
  /** Save dialog, then write. Cancelling resolves { saved: false }. Browser: a download. */
  saveFile(opts: SaveFileOptions): Promise<SaveFileResult>;
  /** Open dialog, then read. Cancelling resolves null; oversize rejects with 'file-too-large'. */
  openFile(opts: OpenFileOptions): Promise<OpenedFile | null>;
  /**
   * Prints the current page (A4, backgrounds on) to PDF and saves it through a dialog. The browser
   * build opens window.print() instead and resolves { saved: false }, because the print dialog owns
   * the outcome and does not report it.
   */
  printToPdf(opts: PrintToPdfOptions): Promise<SaveFileResult>;
  /** Desktop only: the current page as PDF bytes, no dialog (for attaching a report to a bundle). */
  pdfBytes?(opts: PdfBytesOptions): Promise<Uint8Array>;
  /** Desktop: a folder the user picks for automatic backups (remembered as granted). Browser: null. */
  chooseFolder(): Promise<string | null>;
  /**
   * Desktop: writes `name` into a folder granted through chooseFolder, else rejects with
   * 'folder-not-granted'. Browser: downloads the file and resolves { path: name }.
   */
  writeFileToFolder(folder: string, name: string, data: Uint8Array): Promise<{ path: string }>;
  appInfo(): Promise<AppInfo>;
  /** Rebuilds the native application menu in this language; a no-op in a browser. */
  setMenuLanguage(locale: MenuLocale): Promise<void>;
  /**
   * The office server (sync/api.ts, docs/SYNC.md). Desktop: IPC to the main process. Web build:
   * HTTP to the local `npm run web` process. Failures reject with SyncError codes, not DesktopError.
   */
  sync: SyncApi;
  /**
   * Desktop only: starts a file written in chunks (a backup of any size never crosses IPC as one
   * payload). Resolves null when the save dialog is cancelled. The file appears under its name
   * only after finishWrite; abortWrite (or a failed chunk) removes what was written.
   */
  beginWrite?(target: WriteTarget): Promise<{ handle: string; path: string } | null>;
  /** Desktop only: the next chunk, at most LIMITS.chunkBytes; a full disk rejects with 'disk-full'. */
  writeChunk?(handle: string, data: Uint8Array): Promise<void>;
  finishWrite?(handle: string): Promise<{ path: string }>;
  abortWrite?(handle: string): Promise<void>;
  /**
   * Desktop only: open dialog, then the file is held open for readChunk, so a file of any size (a
   * backup past 1 GiB) crosses IPC in pieces instead of one payload. Resolves null when cancelled.
   */
  beginRead?(opts: { filters?: FileFilter[] }): Promise<OpenedRead | null>;
  /** Desktop only: `length` bytes (at most LIMITS.chunkBytes) from `offset`; fewer only at the end of the file. */
  readChunk?(handle: string, offset: number, length: number): Promise<Uint8Array>;
  /** Desktop only: closes a file opened by beginRead (also after a failure or a cancel). */
  finishRead?(handle: string): Promise<void>;
  /** Desktop only: the default backup folder under the user's Documents, created and granted (first run). */
  defaultBackupFolder?(): Promise<string>;
  /**
   * Desktop only: the passphrase automatic backups are encrypted with, kept by Electron safeStorage
   * (null forgets it). Rejects with 'secure-storage-unavailable' where the OS has no key store.
   */
  setBackupPassphrase?(passphrase: string | null): Promise<void>;
  backupPassphrase?(): Promise<string | null>;
  /** Desktop only: free bytes on the disk that holds the app's data. */
  diskSpace?(): Promise<{ free: number }>;
  /** Desktop only: the app's own backups (workbench-backup-*.scwb) in a granted folder. */
  listBackupFolder?(folder: string): Promise<FolderEntry[]>;
  /** Desktop only: deletes one of the app's own backups from a granted folder (retention). */
  deleteFromBackupFolder?(folder: string, name: string): Promise<void>;
}

/** The DesktopApi methods proper (the sync namespace has channels of its own). */
export type DesktopMethod = Exclude<keyof DesktopApi, 'sync'>;

/** IPC channel per DesktopApi method; the preload and the main-process handlers share this map. */
export type DesktopChannel = `desktop:${DesktopMethod}`;
