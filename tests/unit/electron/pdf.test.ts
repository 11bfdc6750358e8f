import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintToPDFOptions } from 'electron';
import { pdfOptions, printPageToPdf, renderPdf, withPdfExtension } from '../../../electron/pdf';
import { FakeDialog, FakeFs, failureCode } from './fakes';

const PDF = new TextEncoder().encode('%PDF-1.7 fake');

function fakeWebContents(fail = false) {
  const calls: PrintToPDFOptions[] = [];
  return {
    calls,
    async printToPDF(options: PrintToPDFOptions): Promise<Uint8Array> {
      calls.push(options);
      if (fail) throw new Error('renderer gone');
      return PDF;
    },
  };
}

describe('pdf options', () => {
  it.each([
    [false, { pageSize: 'A4', printBackground: true, landscape: false }],
    [true, { pageSize: 'A4', printBackground: true, landscape: true }],
  ])('landscape %s', (landscape, expected) => {
    expect(pdfOptions(landscape)).toMatchObject(expected);
  });

  it.each([
    ['项目报告', '项目报告.pdf'],
    ['report.PDF', 'report.PDF'],
    ['a.pdf', 'a.pdf'],
  ])('withPdfExtension(%s) → %s', (name, expected) => {
    expect(withPdfExtension(name)).toBe(expected);
  });
});

describe('printPageToPdf', () => {
  const deps = (savePath: string | null) => ({
    dialog: new FakeDialog({ savePath }),
    fs: new FakeFs(),
    defaultDir: '/docs',
    path: path.posix,
  });

  it('asks for a .pdf path, prints the current page A4 with backgrounds, and saves it', async () => {
    const d = deps('/docs/季度报告.pdf');
    const contents = fakeWebContents();
    const result = await printPageToPdf(d, contents, { suggestedName: '季度报告', landscape: true });

    expect(result).toEqual({ saved: true, path: '/docs/季度报告.pdf' });
    expect(d.dialog.saveCalls[0]).toMatchObject({
      defaultPath: '/docs/季度报告.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(contents.calls).toEqual([expect.objectContaining({ pageSize: 'A4', printBackground: true, landscape: true })]);
    expect(d.fs.files.get('/docs/季度报告.pdf')).toEqual(PDF);
  });

  it('does not print at all when the user cancels the dialog', async () => {
    const d = deps(null);
    const contents = fakeWebContents();
    expect(await printPageToPdf(d, contents, { suggestedName: 'r' })).toEqual({ saved: false });
    expect(contents.calls).toEqual([]);
    expect(d.fs.writes).toEqual([]);
  });

  it('reports pdf-failed when printing fails, and writes nothing', async () => {
    const d = deps('/docs/r.pdf');
    expect(await failureCode(printPageToPdf(d, fakeWebContents(true), { suggestedName: 'r' }))).toBe('pdf-failed');
    expect(d.fs.writes).toEqual([]);
  });
});

describe('renderPdf (pdfBytes)', () => {
  it('returns the bytes, portrait by default', async () => {
    const contents = fakeWebContents();
    expect(await renderPdf(contents)).toEqual(PDF);
    expect(contents.calls[0].landscape).toBe(false);
  });
});
