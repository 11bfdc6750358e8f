import type { PrintToPDFOptions } from 'electron';
import type { PrintToPdfOptions, SaveFileResult } from './api';
import { DesktopFailure } from './errors';
import { askSavePath, writeUserFile, type FileDeps } from './files';

/** The webContents whose page is printed; Electron's WebContents satisfies it. */
export interface PdfSource {
  printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
}

/** A4 with backgrounds, so coloured phase badges and chart fills survive into the printed report. */
export function pdfOptions(landscape = false): PrintToPDFOptions {
  return { pageSize: 'A4', printBackground: true, landscape, preferCSSPageSize: false };
}

export async function renderPdf(source: PdfSource, landscape = false): Promise<Uint8Array> {
  try {
    return new Uint8Array(await source.printToPDF(pdfOptions(landscape)));
  } catch (err) {
    throw new DesktopFailure('pdf-failed', (err as Error)?.message);
  }
}

export function withPdfExtension(name: string): string {
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

/**
 * Asks where to save first, so cancelling costs nothing, then prints the page as it is on screen at
 * that moment and writes it.
 */
export async function printPageToPdf(
  deps: FileDeps,
  source: PdfSource,
  opts: PrintToPdfOptions,
): Promise<SaveFileResult> {
  const filePath = await askSavePath(deps, withPdfExtension(opts.suggestedName), [
    { name: 'PDF', extensions: ['pdf'] },
  ]);
  if (filePath === null) return { saved: false };
  const bytes = await renderPdf(source, opts.landscape ?? false);
  await writeUserFile(deps.fs, filePath, bytes);
  return { saved: true, path: filePath };
}
