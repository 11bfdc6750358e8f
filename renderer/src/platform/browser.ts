import { version as appVersion } from '../../../package.json';
import type { DesktopApi, FileFilter, OpenedFile } from '../../../electron/api';
import type { SyncApi } from '../../../sync/api';
import { DesktopError } from './errors';
import { createHttpSync, storedSyncKey } from './sync-http';

/** Same default cap as the desktop shell (electron/validate.ts LIMITS.defaultOpenBytes). */
export const DEFAULT_MAX_OPEN_BYTES = 256 * 1024 * 1024;

const MIME_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  txt: 'text/plain;charset=utf-8',
  pdf: 'application/pdf',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function mimeForName(name: string, data: Uint8Array | string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[ext] ?? (typeof data === 'string' ? 'text/plain;charset=utf-8' : 'application/octet-stream');
}

/** '.xlsx,.csv' for the file input; empty (anything goes) when a filter allows '*'. */
export function acceptFor(filters: FileFilter[] | undefined): string {
  const extensions = (filters ?? []).flatMap((f) => f.extensions);
  if (extensions.length === 0 || extensions.includes('*')) return '';
  return [...new Set(extensions.map((ext) => `.${ext.toLowerCase()}`))].join(',');
}

/** Globals the browser implementation uses, read at call time so importing this module needs no DOM. */
export interface BrowserEnv {
  document: Document;
  window: Pick<Window, 'print' | 'setTimeout'>;
  url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
}

const globalEnv = (): BrowserEnv => ({ document, window, url: URL });

function download(env: BrowserEnv, name: string, data: Uint8Array | string): void {
  // Blob's typing wants an ArrayBuffer-backed view; Blob copies the bytes either way.
  downloadBlob(env, name, new Blob([data as Uint8Array<ArrayBuffer> | string], { type: mimeForName(name, data) }));
}

/** Offers a Blob as a download without copying it into the JS heap (large backups). */
export function downloadBlob(env: BrowserEnv, name: string, blob: Blob): void {
  const href = env.url.createObjectURL(blob);
  const link = env.document.createElement('a');
  link.href = href;
  link.download = name;
  link.style.display = 'none';
  env.document.body.append(link);
  link.click();
  link.remove();
  // Revoking straight away can cancel the download before it starts; a minute is ample.
  env.window.setTimeout(() => env.url.revokeObjectURL(href), 60_000);
}

function pickFile(env: BrowserEnv, filters: FileFilter[] | undefined, maxBytes: number): Promise<OpenedFile | null> {
  return new Promise((resolve, reject) => {
    const input = env.document.createElement('input');
    input.type = 'file';
    input.accept = acceptFor(filters);
    input.style.display = 'none';
    input.addEventListener(
      'change',
      () => {
        const file = input.files?.[0];
        input.remove();
        if (!file) return resolve(null);
        if (file.size > maxBytes) return reject(new DesktopError('file-too-large'));
        file.arrayBuffer().then(
          (buffer) => resolve({ name: file.name, data: new Uint8Array(buffer) }),
          (err: unknown) => reject(new DesktopError('read-failed', err instanceof Error ? err.message : undefined)),
        );
      },
      { once: true },
    );
    // Chromium, Firefox and Safari fire 'cancel' when the picker is dismissed.
    input.addEventListener(
      'cancel',
      () => {
        input.remove();
        resolve(null);
      },
      { once: true },
    );
    env.document.body.append(input);
    input.click();
  });
}

/**
 * The print dialog's "Save as PDF" names the file after document.title and lays pages out by @page,
 * so both are set for the duration of the (blocking) print call and restored afterwards.
 */
function printPage(env: BrowserEnv, suggestedName: string, landscape: boolean): void {
  const doc = env.document;
  const previousTitle = doc.title;
  const pageStyle = doc.createElement('style');
  pageStyle.textContent = `@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; }`;
  doc.head.append(pageStyle);
  doc.title = suggestedName.replace(/\.pdf$/i, '');
  try {
    env.window.print();
  } finally {
    doc.title = previousTitle;
    pageStyle.remove();
  }
}

/** The web build's sync: HTTP to the local server that served the page (sync-http.ts). */
export function pageHttpSync(): SyncApi {
  return createHttpSync({
    fetch: (input, init) => fetch(input, init),
    base: '/api/sync/',
    key: () => {
      try {
        return storedSyncKey(sessionStorage);
      } catch {
        return null; // storage blocked: no key, so no sync
      }
    },
  });
}

export function createBrowserPlatform(env: () => BrowserEnv = globalEnv, sync: SyncApi = pageHttpSync()): DesktopApi {
  return {
    async saveFile({ suggestedName, data }) {
      download(env(), suggestedName, data);
      // A download cannot be observed; the browser decides where it lands.
      return { saved: true };
    },
    async openFile({ filters, maxBytes = DEFAULT_MAX_OPEN_BYTES }) {
      return pickFile(env(), filters, maxBytes);
    },
    async printToPdf({ suggestedName, landscape = false }) {
      printPage(env(), suggestedName, landscape);
      return { saved: false };
    },
    async chooseFolder() {
      return null;
    },
    async writeFileToFolder(_folder, name, data) {
      download(env(), name, data);
      return { path: name };
    },
    async appInfo() {
      return { version: appVersion, electron: null, platform: 'web', desktop: false };
    },
    async setMenuLanguage() {},
    sync,
  };
}
