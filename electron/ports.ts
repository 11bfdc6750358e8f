// The slices of Electron and Node that the main-process logic takes as parameters, so tests pass
// fakes. Apart from the modules that use them, so those modules need not import one another.
import type * as nodePath from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';

/** Electron's dialog, already bound to the parent window by the caller; tests pass a fake. */
export interface DialogPort {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** The slice of node:fs/promises the file operations use. */
export interface FilePort {
  stat(path: string): Promise<{ size: number; isFile(): boolean; isDirectory(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export type PathPort = Pick<typeof nodePath, 'join' | 'basename' | 'extname' | 'resolve' | 'isAbsolute'>;
