import * as nodePath from 'node:path';
import type { FileFilter, OpenedFile, SaveFileResult } from './api';
import { DesktopFailure } from './errors';
import type { FolderGrants } from './folder-grants';
import type { DialogPort, FilePort, PathPort } from './ports';

export interface FileDeps {
  dialog: DialogPort;
  fs: FilePort;
  /** Where save dialogs open, e.g. app.getPath('documents'). */
  defaultDir: string;
  path?: PathPort;
}

const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A name that is safe as a single path component on Windows, macOS and Linux: bidirectional marks and
 * zero-width characters are dropped, separators, reserved characters and control characters become '_', Windows device names get a prefix, and trailing dots
 * and spaces (which Windows strips) go. Chinese and other letters stay as they are.
 */
export function sanitizeFileName(name: string): string {
  let clean = name
    // Bidirectional and zero-width characters go first: they can make "a\u202Efdp.exe" read as a PDF.
    .replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .trim();
  if (clean === '' || /^\.+$/.test(clean)) clean = 'untitled';
  if (RESERVED_WINDOWS_NAMES.test(clean)) clean = `_${clean}`;
  return clean.slice(0, 200);
}

/** Save dialog only; null when the user cancels. */
export async function askSavePath(deps: FileDeps, suggestedName: string, filters?: FileFilter[]): Promise<string | null> {
  const path = deps.path ?? nodePath;
  const result = await deps.dialog.showSaveDialog({
    defaultPath: path.join(deps.defaultDir, sanitizeFileName(suggestedName)),
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return null;
  return result.filePath;
}

export async function writeUserFile(fs: FilePort, filePath: string, data: Uint8Array | string): Promise<void> {
  try {
    await fs.writeFile(filePath, data);
  } catch (err) {
    throw new DesktopFailure('write-failed', (err as Error)?.message);
  }
}

export async function saveFileWithDialog(
  deps: FileDeps,
  opts: { suggestedName: string; data: Uint8Array | string; filters?: FileFilter[] },
): Promise<SaveFileResult> {
  const filePath = await askSavePath(deps, opts.suggestedName, opts.filters);
  if (filePath === null) return { saved: false };
  await writeUserFile(deps.fs, filePath, opts.data);
  return { saved: true, path: filePath };
}

/**
 * Open dialog, then read. The size is checked from stat before reading so a huge file is never pulled
 * into memory, and again after reading in case the file grew in between.
 */
export async function openFileWithDialog(
  deps: FileDeps,
  opts: { filters?: FileFilter[]; maxBytes: number },
): Promise<OpenedFile | null> {
  const path = deps.path ?? nodePath;
  const result = await deps.dialog.showOpenDialog({
    defaultPath: deps.defaultDir,
    filters: opts.filters,
    properties: ['openFile'],
  });
  const filePath = result.filePaths[0];
  if (result.canceled || !filePath) return null;

  let data: Uint8Array;
  try {
    const info = await deps.fs.stat(filePath);
    if (!info.isFile()) throw new DesktopFailure('read-failed', 'not a file');
    if (info.size > opts.maxBytes) throw new DesktopFailure('file-too-large');
    data = await deps.fs.readFile(filePath);
  } catch (err) {
    if (err instanceof DesktopFailure) throw err;
    throw new DesktopFailure('read-failed', (err as Error)?.message);
  }
  if (data.byteLength > opts.maxBytes) throw new DesktopFailure('file-too-large');
  return { name: path.basename(filePath), data };
}

/** Folder dialog for automatic backups; the chosen folder is granted for later writeFileToFolder calls. */
export async function chooseBackupFolder(deps: FileDeps, grants: FolderGrants): Promise<string | null> {
  const result = await deps.dialog.showOpenDialog({
    defaultPath: deps.defaultDir,
    properties: ['openDirectory', 'createDirectory'],
  });
  const folder = result.filePaths[0];
  if (result.canceled || !folder) return null;
  try {
    await grants.grant(folder);
  } catch (err) {
    throw new DesktopFailure('write-failed', (err as Error)?.message);
  }
  return folder;
}

/**
 * Writes a backup into a granted folder. The name must already be a plain, safe file name (no folders,
 * not hidden), and the file appears under its final name only once complete, so a crash mid-write never
 * leaves a truncated backup that looks whole.
 */
export async function writeIntoGrantedFolder(
  deps: Pick<FileDeps, 'fs' | 'path'>,
  grants: FolderGrants,
  folder: string,
  name: string,
  data: Uint8Array,
): Promise<{ path: string }> {
  const path = deps.path ?? nodePath;
  if (!path.isAbsolute(folder) || !grants.has(folder)) throw new DesktopFailure('folder-not-granted');
  if (sanitizeFileName(name) !== name || name.startsWith('.')) throw new DesktopFailure('invalid-argument', 'name');
  const target = path.join(path.resolve(folder), name);
  const partial = `${target}.partial`;
  try {
    await deps.fs.writeFile(partial, data);
    await deps.fs.rename(partial, target);
  } catch (err) {
    throw new DesktopFailure('write-failed', (err as Error)?.message);
  }
  return { path: target };
}
